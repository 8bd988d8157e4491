package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class MimeTest {

    @Test
    void writesAndReadsBackBinaryParts() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] body = Mime.write("b1", List.of(new Mime.Part("root@x", "application/xop+xml", "<e/>".getBytes(
                StandardCharsets.UTF_8)), new Mime.Part("bin@x", "application/octet-stream", binary)));
        List<Mime.Part> parts = Mime.parse(body, "b1");
        assertThat(parts).extracting(Mime.Part::contentId).containsExactly("root@x", "bin@x");
        assertThat(parts.get(1).content()).isEqualTo(binary);
    }

    @Test
    void readsBase64PartsAndContentTypeParameters() {
        String body = "preamble\r\n--b2\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-ID: <p@x>\r\n\r\n" + Base64.getMimeEncoder().encodeToString("PDF!".getBytes(
                StandardCharsets.UTF_8)) + "\r\n--b2--\r\n";
        assertThat(Mime.parse(body.getBytes(StandardCharsets.ISO_8859_1), "b2").get(0).content())
                .isEqualTo("PDF!".getBytes(StandardCharsets.UTF_8));
        String ct = "multipart/related; boundary=\"uuid:a;b\"; type=\"application/xop+xml\"; start=\"<r@x>\"";
        assertThat(Mime.parameter(ct, "boundary")).isEqualTo("uuid:a;b");
        assertThat(Mime.parameter(ct, "START")).isEqualTo("<r@x>");
        assertThat(Mime.parameter(ct, "missing")).isNull();
        assertThat(Mime.mediaType(ct)).isEqualTo("multipart/related");
        assertThat(Mime.normalizeId("cid:doc%2B1%40lab")).isEqualTo("doc+1@lab");
        assertThat(Mime.normalizeId("<doc+1@lab>")).isEqualTo("doc+1@lab");
    }

    @Test
    void malformedMultipartIsRefused() {
        for (String body : List.of("no boundary here", "--b3\r\nContent-ID: <x>\r\n\r\nunterminated",
                "--b3\r\nContent-ID: <x>")) {
            assertThatThrownBy(() -> Mime.parse(body.getBytes(StandardCharsets.ISO_8859_1), "b3"))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.MTOM_MALFORMED));
        }
        assertThatThrownBy(() -> Mime.parse(new byte[0], null)).isInstanceOf(TransportException.class);
    }
}
