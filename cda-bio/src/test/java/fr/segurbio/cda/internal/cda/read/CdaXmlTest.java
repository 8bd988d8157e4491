package fr.segurbio.cda.internal.cda.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.CdaException;

/** The light tree and the base64 decoded while parsing, against the JDK's decoder and the old text rules. */
class CdaXmlTest {

    /** What the old reader did: the whole text without whitespace, decoded by the JDK; {@code null} when empty. */
    private static byte[] jdk(String content) {
        String s = content.replaceAll("\\s+", "");
        return s.isEmpty() ? null : Base64.getDecoder().decode(s);
    }

    private static CdaXml.Binary streamed(String content, int chunk) {
        CdaXml.Binary b = new CdaXml.Binary(-1);
        char[] c = content.toCharArray();
        for (int i = 0; i < c.length; i += chunk) {
            b.feed(c, i, Math.min(chunk, c.length - i));
        }
        b.finish();
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n ", "QQ==", "QQ", "QUI=", "QUI", "QUJD", " Q U J D \r\n RA== ", "QQ==QQ==", "Q===",
        "Q", "QUJDR", "=", "==", "QQ=", "QQ= =", "QQ=\n=", "QUI==", "QQ==\n", "QU!D", "QUJD\u00e9", "QUJD\u0001",
        "QUJD\u000BRA==", "QUJD\fRA", "QUJDRA==\n  x", "QUJ=RA=="})
    void decodesAsTheJdkDecoderOnTheTextWithoutWhitespace(String content) {
        for (int chunk : new int[] {1, 2, 3, 5, 64}) {
            CdaXml.Binary b = streamed(content, chunk);
            byte[] expected;
            try {
                expected = jdk(content);
            } catch (IllegalArgumentException e) {
                assertThat(b.bad()).as("%s by %d", content, chunk).isTrue();
                continue;
            }
            assertThat(b.bad()).as("%s by %d", content, chunk).isFalse();
            assertThat(b.bytes()).as("%s by %d", content, chunk).isEqualTo(expected);
        }
    }

    @Test
    void decodesLargeContentWrappedOrNotInAnyChunks() {
        Random random = new Random(17);
        for (int n : new int[] {0, 1, 2, 3, 1000, 65_537}) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            String plain = Base64.getEncoder().encodeToString(data);
            String mime = Base64.getMimeEncoder().encodeToString(data);
            for (String content : new String[] {plain, mime, "\n\t" + mime + "\n  "}) {
                for (int chunk : new int[] {7, 4096, 16384}) {
                    CdaXml.Binary b = streamed(content, chunk);
                    assertThat(b.bad()).isFalse();
                    assertThat(b.bytes()).isEqualTo(n == 0 ? null : data);
                }
                CdaXml.Binary.Counter counter = new CdaXml.Binary.Counter();
                counter.count(content.toCharArray(), 0, content.length());
                assertThat(counter.size()).isEqualTo(n);
            }
        }
    }

    @Test
    void theTreeKeepsTextRangesOwnTextAttributesAndLocations() {
        String xml = "<?xml version=\"1.0\"?><!-- c --><a xmlns=\"urn:hl7-org:v3\" xmlns:x=\"urn:x\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><b k=\" v \" x:k=\"n\">one <i>two</i>"
                + " three<![CDATA[ & four ]]></b><b xsi:type=\"x:PQ\" nullFlavor=\"\"/><x:b/>"
                + "<observationMedia><value>QUJD\n RA==</value></observationMedia></a>";
        Node a = CdaXml.parse(CdaXml.Source.of(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(a.name()).isEqualTo("a");
        assertThat(a.children("b")).hasSize(2);
        Node b = a.child("b");
        assertThat(b.text()).isEqualTo("one two three & four");
        assertThat(b.ownText()).isEqualTo("one three & four");
        assertThat(b.attr("k")).isEqualTo("v");
        assertThat(b.rawAttribute("urn:x", "k")).isEqualTo("n");
        assertThat(b.xpath()).isEqualTo("/a/b[1]");
        assertThat(b.child("i").xpath()).isEqualTo("/a/b[1]/i");
        Node second = a.children("b").get(1);
        assertThat(second.xsiType()).isEqualTo("PQ");
        assertThat(second.nullFlavored()).isTrue();
        assertThat(second.attr("nullFlavor")).isNull();
        assertThat(second.text()).isNull();
        assertThat(a.child("urn:x", "b").xpath()).isEqualTo("/a/b");
        assertThat(a.elements()).hasSize(4);
        Node value = a.path("observationMedia", "value");
        assertThat(value.binary.bytes()).isEqualTo("ABCD".getBytes(StandardCharsets.US_ASCII));
        assertThat(value.text()).isEqualTo("QUJDRA==");
        assertThat(a.descendants()).extracting(Node::name)
                .containsExactly("b", "i", "b", "b", "observationMedia", "value");
    }

    @Test
    void theJdkSecureProcessingLimitsStillApply() {
        // elementAttributeLimit (10 000) and maxXMLNameLimit (1 000), as with the hardened SAX parser before
        StringBuilder many = new StringBuilder("<a");
        for (int i = 0; i < 10_001; i++) {
            many.append(" a").append(i).append("=\"\"");
        }
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of((many + "/>").getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        String longName = "n".repeat(1_001);
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of(("<" + longName + "/>").getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        // the thread's reused parser reads the next document normally after a refusal
        assertThat(CdaXml.parse(CdaXml.Source.of("<ok/>".getBytes(StandardCharsets.UTF_8))).name()).isEqualTo("ok");
    }

    @Test
    void aDoctypeAndMalformedXmlAreRefusedWithTheirCodes() {
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of(
                "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-502");
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of("<a><b></a>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of("<a>&x;</a>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        byte[] badUtf8 = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of(badUtf8)))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of("<a/><b/>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        assertThatThrownBy(() -> CdaXml.parse(CdaXml.Source.of(new byte[0])))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-503");
        assertThatThrownBy(() -> CdaXml.clinicalDocument(CdaXml.parse(CdaXml.Source.of(
                "<ClinicalDocument/>".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-504");
    }
}
