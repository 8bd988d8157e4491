package fr.segurbio.transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** MIME multipart/related reading and writing for MTOM/XOP. */
final class Mime {

    /** One part. */
    record Part(String contentId, String contentType, byte[] content) {
    }

    private Mime() {
    }

    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < contentType.length(); i++) {
            char c = contentType.charAt(i);
            if (c == '\\' && quoted && i + 1 < contentType.length()) {
                cur.append(c).append(contentType.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                pieces.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        pieces.add(cur.toString());
        for (String piece : pieces.subList(1, pieces.size())) {
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = piece.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
                }
                return v;
            }
        }
        return null;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static String normalizeId(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        if (s.startsWith("cid:")) {
            try {
                s = URLDecoder.decode(s.substring(4), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the id as written, which then matches no part
                s = s.substring(4);
            }
        }
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    static List<Part> parse(byte[] body, String boundary) {
        if (boundary == null || boundary.isEmpty()) {
            throw new TransportException(TransportError.MTOM_MALFORMED, "no boundary in the Content-Type");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] headerEndMark = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw new TransportException(TransportError.MTOM_MALFORMED, "boundary not found in the body");
        }
        while (true) {
            pos += delimiter.length;
            if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
                return parts;
            }
            while (pos < body.length && body[pos] != '\n') {
                pos++;
            }
            pos++;
            int headerEnd = indexOf(body, headerEndMark, pos);
            if (headerEnd < 0) {
                throw new TransportException(TransportError.MTOM_MALFORMED, "truncated part headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, pos, headerEnd - pos, StandardCharsets.ISO_8859_1).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            int start = headerEnd + headerEndMark.length;
            int end = indexOf(body, next, start);
            if (end < 0) {
                throw new TransportException(TransportError.MTOM_MALFORMED, "unterminated part");
            }
            String te = headers.get("content-transfer-encoding");
            byte[] content = Arrays.copyOfRange(body, start, end);
            if (te != null && te.equalsIgnoreCase("base64")) {
                try {
                    content = java.util.Base64.getMimeDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new TransportException(e, TransportError.MTOM_MALFORMED, "bad base64 part: " + e.getMessage());
                }
            } else if (te != null && !te.equalsIgnoreCase("binary") && !te.equalsIgnoreCase("8bit")
                    && !te.equalsIgnoreCase("7bit")) {
                throw new TransportException(TransportError.MTOM_MALFORMED, "unsupported transfer encoding " + te);
            }
            parts.add(new Part(normalizeId(headers.get("content-id")), headers.get("content-type"), content));
            pos = end + 2;
        }
    }

    static byte[] write(String boundary, List<Part> parts) {
        // one array of the exact size: an ITI-41 carries hundreds of kilobytes of documents, and a growing
        // buffer would copy them several times
        List<byte[]> heads = new ArrayList<>(parts.size());
        long size = 0;
        for (Part p : parts) {
            String h = "--" + boundary + "\r\nContent-Type: " + p.contentType()
                    + "\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <" + p.contentId() + ">\r\n\r\n";
            byte[] head = h.getBytes(StandardCharsets.ISO_8859_1);
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

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        if (needle.length == 0) {
            return from;
        }
        byte first = needle[0];
        int last = hay.length - needle.length;
        outer:
        for (int i = Math.max(0, from); i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
