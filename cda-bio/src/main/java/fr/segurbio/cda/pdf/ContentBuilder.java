package fr.segurbio.cda.pdf;

import java.util.Arrays;

/**
 * The operators of one page's content stream, written as bytes as they are drawn (no intermediate objects).
 * Numbers are written with at most four decimals, as a PDF producer usually does.
 */
final class ContentBuilder {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] buf = new byte[8 * 1024];
    private int len;
    /** The graphics state the stream is in, so that unchanged colours and widths are not set again. */
    int fill = -1;
    int stroke = -1;
    float lineWidth = -1f;

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    ContentBuilder put(char c) {
        room(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** Appends ASCII text (operators, names). */
    ContentBuilder op(String ascii) {
        room(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            buf[len++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends a number and a space. */
    ContentBuilder num(float v) {
        room(24);
        long scaled = Math.round(v * 10000.0);
        if (scaled < 0) {
            buf[len++] = '-';
            scaled = -scaled;
        }
        long whole = scaled / 10000;
        int frac = (int) (scaled - whole * 10000);
        if (whole == 0) {
            buf[len++] = '0';
        } else {
            int start = len;
            while (whole > 0) {
                buf[len++] = (byte) ('0' + whole % 10);
                whole /= 10;
            }
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        }
        if (frac != 0) {
            buf[len++] = '.';
            int div = 1000;
            while (frac != 0) {
                buf[len++] = (byte) ('0' + frac / div);
                frac %= div;
                div /= 10;
            }
        }
        buf[len++] = ' ';
        return this;
    }

    /** Appends a non-negative integer and a space. */
    ContentBuilder integer(int v) {
        room(12);
        if (v >= 10) {
            int start = len;
            while (v > 0) {
                buf[len++] = (byte) ('0' + v % 10);
                v /= 10;
            }
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
        } else {
            buf[len++] = (byte) ('0' + v);
        }
        buf[len++] = ' ';
        return this;
    }

    /** Appends four hexadecimal digits (a two-byte glyph id). */
    void hex4(int v) {
        room(4);
        buf[len++] = HEX[(v >> 12) & 0xF];
        buf[len++] = HEX[(v >> 8) & 0xF];
        buf[len++] = HEX[(v >> 4) & 0xF];
        buf[len++] = HEX[v & 0xF];
    }
}
