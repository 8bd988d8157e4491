package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import fr.segurbio.dmp.internal.MultipartReader;

class MultipartReaderTest {

    static byte[] body(String boundary, byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("preamble\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int i = 0;
        for (byte[] p : parts) {
            b.writeBytes(("--" + boundary + "\r\nContent-ID: <p" + i++ + ">\r\nContent-Type: application/octet-stream"
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            b.writeBytes(p);
            b.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    /** A stream that gives one byte at a time, so that the delimiter straddles every read. */
    static InputStream trickle(byte[] data) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    @Test
    void partsAreCopiedExactlyEvenWithDelimiterLikeBytesInside() throws Exception {
        String boundary = "MIMEBoundary_abc";
        byte[] tricky = ("x\r\n--MIMEBoundary_ab\r\n--MIMEBoundary_abX\r\r\n-\r\n--MIME").getBytes(StandardCharsets.ISO_8859_1);
        byte[] big = new byte[300_000];
        new Random(1).nextBytes(big);
        MultipartReader r = new MultipartReader(trickle(body(boundary, tricky, big, new byte[0])), boundary);
        Map<String, String> h = r.nextHeaders();
        assertThat(h).containsEntry("content-id", "<p0>");
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        assertThat(r.copyPart(a, Long.MAX_VALUE)).isEqualTo(tricky.length);
        assertThat(a.toByteArray()).isEqualTo(tricky);
        assertThat(r.nextHeaders()).containsEntry("content-id", "<p1>");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        r.copyPart(b, Long.MAX_VALUE);
        assertThat(b.toByteArray()).isEqualTo(big);
        assertThat(r.nextHeaders()).containsEntry("content-id", "<p2>");
        assertThat(r.copyPart(null, Long.MAX_VALUE)).isZero();
        assertThat(r.nextHeaders()).isNull();
    }

    @Test
    void aPartLargerThanAllowedOrACutBodyIsAnError() throws Exception {
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body("b", new byte[5000])), "b");
        r.nextHeaders();
        assertThatThrownBy(() -> r.copyPart(new ByteArrayOutputStream(), 1000)).isInstanceOf(MultipartReader.TooLarge.class);
        byte[] cut = body("b", new byte[5000]);
        MultipartReader c = new MultipartReader(new ByteArrayInputStream(java.util.Arrays.copyOf(cut, 3000)), "b");
        c.nextHeaders();
        assertThatThrownBy(() -> c.copyPart(null, Long.MAX_VALUE)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("cut");
    }
}
