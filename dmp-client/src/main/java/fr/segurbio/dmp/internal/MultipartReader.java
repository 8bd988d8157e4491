package fr.segurbio.dmp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a MIME multipart/related body part by part from a stream, without holding a part in memory: each part's
 * content is copied to a sink as it arrives, the delimiter found with a KMP automaton.
 */
public final class MultipartReader {

    private final InputStream in;
    private final byte[] delimiter;
    private final int[] failure;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int len;
    private boolean finished;

    /**
     * A reader positioned before the first part.
     *
     * @param in the body
     * @param boundary the boundary parameter
     * @throws IOException when there is no first delimiter
     */
    public MultipartReader(InputStream in, String boundary) throws IOException {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.failure = failure(delimiter);
        // the body starts with "--boundary": look for the delimiter as if a CRLF preceded it; drop the preamble
        int j = 2;
        while (j < delimiter.length) {
            int b = read();
            if (b < 0) {
                throw new IOException("no multipart delimiter");
            }
            while (j > 0 && b != (delimiter[j] & 0xff)) {
                j = failure[j - 1];
            }
            if (b == (delimiter[j] & 0xff)) {
                j++;
            }
        }
        finished = afterDelimiter();
    }

    private static int[] failure(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) {
                k = f[k - 1];
            }
            if (p[i] == p[k]) {
                k++;
            }
            f[i] = k;
        }
        return f;
    }

    private int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++] & 0xff;
    }

    /** After a delimiter: "--" ends the body, else the rest of the line is skipped. */
    private boolean afterDelimiter() throws IOException {
        int a = read();
        int b = read();
        if (a == '-' && b == '-') {
            return true;
        }
        int c = b;
        while (c >= 0 && c != '\n') {
            c = read();
        }
        return c < 0;
    }

    /**
     * The next part's headers (names lower-case), or {@code null} at the end.
     *
     * @return the headers
     * @throws IOException on a read failure
     */
    public Map<String, String> nextHeaders() throws IOException {
        if (finished) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = read();
            if (b < 0) {
                throw new IOException("multipart part without its headers");
            }
            if (b == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (l.isEmpty()) {
                    return headers;
                }
                int colon = l.indexOf(':');
                if (colon > 0) {
                    headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
                }
            } else if (line.size() < 8192) {
                line.write(b);
            } else {
                throw new IOException("multipart header line too long");
            }
        }
    }

    /**
     * Copies the current part's content to a sink, up to the next delimiter.
     *
     * @param sink where to copy (may be {@code null} to skip the part)
     * @param max the largest content accepted
     * @return the number of bytes of the content
     * @throws IOException on a read failure, or {@link TooLarge} beyond {@code max}
     */
    public long copyPart(OutputStream sink, long max) throws IOException {
        byte[] out = new byte[16 * 1024];
        int n = 0;
        long total = 0;
        int j = 0;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new IOException("multipart body cut before its closing delimiter");
            }
            while (j > 0 && b != (delimiter[j] & 0xff)) {
                int keep = failure[j - 1];
                for (int i = 0; i < j - keep; i++) {
                    if (n == out.length) {
                        total = flush(sink, out, n, total, max);
                        n = 0;
                    }
                    out[n++] = delimiter[i];
                }
                j = keep;
            }
            if (b == (delimiter[j] & 0xff)) {
                j++;
                if (j == delimiter.length) {
                    total = flush(sink, out, n, total, max);
                    finished = afterDelimiter();
                    return total;
                }
            } else {
                if (n == out.length) {
                    total = flush(sink, out, n, total, max);
                    n = 0;
                }
                out[n++] = (byte) b;
            }
        }
    }

    private static long flush(OutputStream sink, byte[] out, int n, long total, long max) throws IOException {
        long t = total + n;
        if (t > max) {
            throw new TooLarge(max);
        }
        if (sink != null && n > 0) {
            sink.write(out, 0, n);
        }
        return t;
    }

    /** A part larger than allowed. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        /** The limit. */
        public final long max;

        TooLarge(long max) {
            super("part larger than " + max + " bytes");
            this.max = max;
        }
    }
}
