package fr.segurbio.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and writes MIME multipart bodies (MTOM/XOP's multipart/related), for the test server only. */
final class Multipart {

    private Multipart() {
    }

    /** The value of a Content-Type parameter, unquoted, or {@code null}. */
    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String piece : splitParameters(contentType)) {
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = piece.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    private static List<String> splitParameters(String contentType) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : contentType.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    static List<ServerRequest.Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<ServerRequest.Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new IllegalArgumentException("no multipart boundary in the body");
        }
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            pos = skipLine(body, pos);
            int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
            if (headerEnd < 0) {
                throw new IllegalArgumentException("truncated multipart headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, pos, headerEnd - pos, StandardCharsets.ISO_8859_1).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            int start = headerEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated multipart part");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, start, end);
            String id = headers.get("content-id");
            if (id != null && id.startsWith("<") && id.endsWith(">")) {
                id = id.substring(1, id.length() - 1);
            }
            parts.add(new ServerRequest.Part(id, headers.get("content-type"), headers, content));
            pos = end + 2;
        }
    }

    static byte[] write(String boundary, List<ServerRequest.Part> parts) {
        // the heads are written once into a list, then everything into one array of the exact size (a retrieved
        // document can weigh tens of megabytes: no growing buffer, no second copy)
        List<byte[]> heads = new ArrayList<>(parts.size());
        long size = 0;
        for (ServerRequest.Part p : parts) {
            StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n");
            h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            h.append("Content-Transfer-Encoding: binary\r\n");
            h.append("Content-ID: <").append(p.contentId()).append(">\r\n\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.ISO_8859_1);
            heads.add(head);
            size += head.length + p.content().length + 2;
        }
        byte[] tail = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        size += tail.length;
        byte[] out = new byte[Math.toIntExact(size)];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            byte[] head = heads.get(i);
            System.arraycopy(head, 0, out, at, head.length);
            at += head.length;
            byte[] content = parts.get(i).content();
            System.arraycopy(content, 0, out, at, content.length);
            at += content.length;
            out[at++] = '\r';
            out[at++] = '\n';
        }
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    private static int skipLine(byte[] b, int pos) {
        while (pos < b.length && b[pos] != '\n') {
            pos++;
        }
        return pos + 1;
    }

    /**
     * The first index of {@code needle} in {@code hay} from {@code from}, or -1. A Boyer-Moore-Horspool search:
     * the byte under the needle's last position says how far the needle can jump (up to its length, some forty
     * bytes for a MIME boundary), so a request's hundreds of kilobytes of documents are not looked at byte by
     * byte; a candidate is confirmed by a vectorised comparison.
     */
    static int indexOf(byte[] hay, byte[] needle, int from) {
        int n = needle.length;
        int start = Math.max(0, from);
        if (n == 0) {
            return Math.min(start, hay.length);
        }
        int last = hay.length - n;
        if (n < 4) {
            byte first = needle[0];
            for (int i = start; i <= last; i++) {
                if (hay[i] == first && java.util.Arrays.equals(hay, i + 1, i + n, needle, 1, n)) {
                    return i;
                }
            }
            return -1;
        }
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, n);
        for (int i = 0; i < n - 1; i++) {
            shift[needle[i] & 0xff] = n - 1 - i;
        }
        byte end = needle[n - 1];
        for (int i = start; i <= last; ) {
            byte b = hay[i + n - 1];
            if (b == end && java.util.Arrays.equals(hay, i, i + n - 1, needle, 0, n - 1)) {
                return i;
            }
            i += shift[b & 0xff];
        }
        return -1;
    }
}
