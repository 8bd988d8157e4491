package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.helpers.DefaultHandler;

class SecureXmlTest {

    static HitRecorder recorder;

    @BeforeAll
    static void start() throws Exception {
        recorder = new HitRecorder();
        recorder.selfCheck();
    }

    @AfterAll
    static void stop() throws Exception {
        recorder.close();
    }

    private static String xxe(String systemId) {
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + systemId + "\">]><r>&x;</r>";
    }

    @Test
    void parsesOrdinaryXml() {
        Document d = SecureXml.parse("<a:r xmlns:a=\"urn:a\" x=\"1\">caf&#233; &amp; th&#xE9;</a:r>");
        assertThat(d.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
        assertThat(d.getDocumentElement().getTextContent()).isEqualTo("café & thé");
        assertThat(SecureXml.toString(d)).isEqualTo("<a:r xmlns:a=\"urn:a\" x=\"1\">café &amp; thé</a:r>");
    }

    @Test
    void domRefusesExternalEntitiesAndFetchesNothing(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
        int before = recorder.hits();
        for (String id : new String[] {secret.toUri().toString(), recorder.uri("/dom").toString()}) {
            assertThatThrownBy(() -> SecureXml.parse(xxe(id)))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.XML_DTD_FORBIDDEN))
                    .hasMessageNotContaining("SECRET");
        }
        assertThatThrownBy(() -> SecureXml.parse("<!DOCTYPE r SYSTEM \"" + recorder.uri("/dtd") + "\"><r/>"))
                .isInstanceOf(TransportException.class);
        assertThat(recorder.hits()).isEqualTo(before);
    }

    @Test
    void billionLaughsIsRefused() {
        assertThatThrownBy(() -> SecureXml.parse(SoapClientIT.billionLaughs()))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.XML_DTD_FORBIDDEN));
    }

    @Test
    void documentSizeIsLimited() {
        byte[] big = ("<r>" + "x".repeat(10_000) + "</r>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SecureXml.parse(new ByteArrayInputStream(big), 5_000))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.XML_TOO_LARGE));
        assertThat(SecureXml.parse(new ByteArrayInputStream(big), 20_000).getDocumentElement().getTextContent())
                .hasSize(10_000);
    }

    @Test
    void elementDepthIsLimited() {
        int depth = SecureXml.MAX_ELEMENT_DEPTH + 10;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertThatThrownBy(() -> SecureXml.parse(deep))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.XML_TOO_LARGE));
    }

    @Test
    void malformedXml() {
        for (String bad : new String[] {"<r><unclosed></r>", "<r>a & b</r>", "<r>&undeclared;</r>", "", "not xml"}) {
            assertThatThrownBy(() -> SecureXml.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.code()).isEqualTo(TransportError.XML_MALFORMED));
        }
    }

    @Test
    void saxRefusesDoctype() {
        int before = recorder.hits();
        assertThatThrownBy(() -> SecureXml.newSAXParser().parse(
                new ByteArrayInputStream(xxe(recorder.uri("/sax").toString()).getBytes(StandardCharsets.UTF_8)),
                new DefaultHandler())).hasMessageContaining("DOCTYPE");
        assertThat(recorder.hits()).isEqualTo(before);
    }

    @Test
    void staxDoesNotResolveEntities() throws Exception {
        int before = recorder.hits();
        XMLStreamReader r = SecureXml.newXMLInputFactory().createXMLStreamReader(
                new StringReader(xxe(recorder.uri("/stax").toString())));
        StringBuilder text = new StringBuilder();
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.CHARACTERS) {
                    text.append(r.getText());
                }
            }
        } catch (XMLStreamException expected) {
            // an undeclared entity: refused, which is fine too
        }
        assertThat(text.toString()).doesNotContain("fetched");
        assertThat(recorder.hits()).isEqualTo(before);
    }

    @Test
    void xsltCannotReachOutside() throws Exception {
        int before = recorder.hits();
        String xslt = "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
                + "<xsl:template match=\"/\"><out><xsl:copy-of select=\"document('" + recorder.uri("/xslt")
                + "')\"/></out></xsl:template></xsl:stylesheet>";
        var t = SecureXml.newTransformerFactory().newTransformer(new StreamSource(new StringReader(xslt)));
        StringWriter w = new StringWriter();
        try {
            t.transform(new StreamSource(new StringReader("<r/>")), new StreamResult(w));
        } catch (javax.xml.transform.TransformerException expected) {
            // access refused
        }
        assertThat(w.toString()).doesNotContain("fetched");
        assertThat(recorder.hits()).isEqualTo(before);
    }

    @Test
    void schemaFactoryRefusesRemoteImports() {
        String xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:import namespace=\"urn:x\" "
                + "schemaLocation=\"" + recorder.uri("/xsd") + "\"/></xs:schema>";
        int before = recorder.hits();
        assertThatThrownBy(() -> SecureXml.newSchemaFactory().newSchema(new StreamSource(new StringReader(xsd))))
                .isInstanceOf(org.xml.sax.SAXException.class);
        assertThat(recorder.hits()).isEqualTo(before);
    }
}
