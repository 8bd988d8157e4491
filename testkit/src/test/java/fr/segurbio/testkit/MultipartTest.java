package fr.segurbio.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The test server's MIME multipart reader and writer, and the responses that carry large bodies uncopied. */
class MultipartTest {

    @Test
    void whatIsWrittenIsReadBackPartByPart() {
        byte[] binary = new byte[300_000];
        new Random(3).nextBytes(binary);
        // a part that contains the start of the delimiter, to check that only the whole delimiter ends a part
        byte[] tricky = "a\r\n--uuid:b\r\n-- not yet".getBytes(StandardCharsets.ISO_8859_1);
        List<ServerRequest.Part> parts = List.of(
                new ServerRequest.Part("root@test", "application/xop+xml", Map.of(),
                        "<e/>".getBytes(StandardCharsets.UTF_8)),
                new ServerRequest.Part("doc@test", "application/octet-stream", Map.of(), binary),
                new ServerRequest.Part("tricky@test", "text/plain", Map.of(), tricky),
                new ServerRequest.Part("empty@test", "text/plain", Map.of(), new byte[0]));
        byte[] body = Multipart.write("uuid:boundary-1", parts);
        List<ServerRequest.Part> read = Multipart.parse(body, "uuid:boundary-1");
        assertThat(read).extracting(ServerRequest.Part::contentId)
                .containsExactly("root@test", "doc@test", "tricky@test", "empty@test");
        assertThat(read.get(0).content()).isEqualTo("<e/>".getBytes(StandardCharsets.UTF_8));
        assertThat(read.get(1).content()).isEqualTo(binary);
        assertThat(read.get(2).content()).isEqualTo(tricky);
        assertThat(read.get(3).content()).isEmpty();
        assertThat(read.get(1).contentType()).isEqualTo("application/octet-stream");
        assertThat(new String(body, StandardCharsets.ISO_8859_1)).startsWith("--uuid:boundary-1\r\n")
                .endsWith("\r\n\r\n\r\n--uuid:boundary-1--\r\n");
    }

    @Test
    void theBoundaryIsFoundWhereverItIs() {
        byte[] hay = "xxabcabcabd--b".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Multipart.indexOf(hay, "abcabd".getBytes(StandardCharsets.ISO_8859_1), 0)).isEqualTo(5);
        assertThat(Multipart.indexOf(hay, "--b".getBytes(StandardCharsets.ISO_8859_1), 0)).isEqualTo(11);
        assertThat(Multipart.indexOf(hay, "--b".getBytes(StandardCharsets.ISO_8859_1), 12)).isEqualTo(-1);
        assertThat(Multipart.indexOf(hay, "zz".getBytes(StandardCharsets.ISO_8859_1), 0)).isEqualTo(-1);
        assertThat(Multipart.indexOf(hay, "x".getBytes(StandardCharsets.ISO_8859_1), -5)).isZero();
        assertThat(Multipart.indexOf(new byte[2], new byte[3], 0)).isEqualTo(-1);
    }

    @Test
    void theSkippingSearchFindsWhatAByteByByteSearchFinds() {
        // a three-letter alphabet: many near matches, and every shift of the skip table is taken
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            byte[] hay = new byte[random.nextInt(200)];
            for (int i = 0; i < hay.length; i++) {
                hay[i] = (byte) ('a' + random.nextInt(3));
            }
            byte[] needle = new byte[1 + random.nextInt(8)];
            for (int i = 0; i < needle.length; i++) {
                needle[i] = (byte) ('a' + random.nextInt(3));
            }
            int from = random.nextInt(hay.length + 2) - 1;
            assertThat(Multipart.indexOf(hay, needle, from)).as("round %d", round)
                    .isEqualTo(byteByByte(hay, needle, from));
        }
    }

    @Test
    void aBodyIsReadIntoItsAnnouncedLengthOrToItsEnd() throws java.io.IOException {
        byte[] body = new byte[70_000];
        new Random(13).nextBytes(body);
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(body), "70000")).isEqualTo(body);
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(body), null)).isEqualTo(body);
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(body), "not a number")).isEqualTo(body);
        // a stream shorter or longer than announced: what it holds, no padding, nothing lost
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(body), "90000")).isEqualTo(body);
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(body), " 10 ")).isEqualTo(body);
        assertThat(MutualTlsServer.readBody(new java.io.ByteArrayInputStream(new byte[0]), "0")).isEmpty();
    }

    private static int byteByByte(byte[] hay, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aBodyWithoutItsBoundaryOrCutShortIsRefused() {
        assertThatThrownBy(() -> Multipart.parse("no boundary here".getBytes(StandardCharsets.ISO_8859_1), "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no multipart boundary");
        assertThatThrownBy(() -> Multipart.parse("--b\r\nContent-ID: <x>\r\n\r\nabc"
                .getBytes(StandardCharsets.ISO_8859_1), "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Multipart.parse("--b\r\nContent-ID: <x>".getBytes(StandardCharsets.ISO_8859_1), "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }

    @Test
    void anMtomResponseKeepsItsDocumentsUncopiedAndWrapTakesTheArrayAsItIs() {
        byte[] document = new byte[100_000];
        new Random(5).nextBytes(document);
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        attachments.put("doc@test", document);
        ServerResponse r = ServerResponse.mtom("<soap:Envelope xmlns:soap=\"" + ServerResponse.SOAP12
                + "\"><soap:Body/></soap:Envelope>", attachments);
        String ct = r.headers().get("Content-Type");
        assertThat(ct).startsWith("multipart/related");
        List<ServerRequest.Part> parts = Multipart.parse(r.bodyArray(), Multipart.parameter(ct, "boundary"));
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).content()).isEqualTo(document);
        assertThat(r.bodyArray()).isSameAs(r.bodyArray()).isEqualTo(r.body());
        assertThat(r.body()).isNotSameAs(r.bodyArray());

        byte[] owned = "payload".getBytes(StandardCharsets.UTF_8);
        ServerResponse w = ServerResponse.wrap(202, "text/plain", owned);
        assertThat(w.status()).isEqualTo(202);
        assertThat(w.headers()).containsEntry("Content-Type", "text/plain");
        assertThat(w.bodyArray()).isSameAs(owned);
        assertThat(ServerResponse.wrap(204, null, new byte[0]).headers()).isEmpty();
        assertThatThrownBy(() -> ServerResponse.wrap(200, "text/plain", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("body");
    }
}
