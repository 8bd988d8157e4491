package fr.segurbio.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.URI;

import javax.xml.transform.stream.StreamSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The envelope a request becomes, without a network. */
class SoapEnvelopeTest {

    static HttpTransport http;
    static SoapClient client;

    @BeforeAll
    static void build() {
        http = HttpTransport.builder().build();
        client = SoapClient.builder().transport(http).endpoint(URI.create("https://services.example/lps"))
                .service("INSi").build();
    }

    @AfterAll
    static void close() {
        http.close();
    }

    @Test
    void headersAddressingAndBodyInOrder() {
        SoapRequest r = SoapRequest.builder()
                .action("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite")
                .messageId("uuid:1234")
                .header(new StreamSource(new StringReader("<c:ContexteLPS xmlns:c=\"urn:lps\" Nature=\"CTXLPS\"/>")))
                .body(new StreamSource(new StringReader("<r:RECSANSVITALE xmlns:r=\"urn:rec\"><r:NomNaissance>X"
                        + "</r:NomNaissance></r:RECSANSVITALE>")))
                .build();
        assertThat(r.operation()).isEqualTo("rechercherInsAvecTraitsIdentite");
        Document env = client.envelope(r);
        String xml = SecureXml.toString(env);
        assertThat(xml).startsWith("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"");
        Element header = (Element) env.getDocumentElement().getFirstChild();
        assertThat(header.getLocalName()).isEqualTo("Header");
        assertThat(children(header)).containsExactly("ContexteLPS", "Action", "MessageID", "ReplyTo", "To");
        assertThat(xml).contains("<wsa:MessageID>uuid:1234</wsa:MessageID>")
                .contains("<wsa:To soap:mustUnderstand=\"true\">https://services.example/lps</wsa:To>")
                .contains("<wsa:Address>http://www.w3.org/2005/08/addressing/anonymous</wsa:Address>")
                .contains("<r:NomNaissance>X</r:NomNaissance>");
    }

    @Test
    void envelopeBytesAreTheEnvelopeWrittenWithoutACopy() {
        SoapRequest r = SoapRequest.builder()
                .action("urn:a?x=1&y=<2>")
                .messageId("uuid:5678")
                .to(URI.create("https://services.example/lps?q=1&r=2"))
                .header(new StreamSource(new StringReader("<c:ContexteLPS xmlns:c=\"urn:lps\" Nature=\"CTXLPS\">"
                        + "<c:Id>a &amp; b</c:Id></c:ContexteLPS>")))
                .body(new StreamSource(new StringReader("<r:REC xmlns:r=\"urn:rec\" xmlns:x=\"urn:x\" x:t=\"1\">"
                        + "<r:Nom>X &lt; Y</r:Nom><Plain/></r:REC>")))
                .build();
        byte[] bytes = client.envelopeBytes(r);
        String xml = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"")
                .doesNotStartWith("<?xml")
                .contains("<wsa:Action soap:mustUnderstand=\"true\">urn:a?x=1&amp;y=&lt;2&gt;</wsa:Action>")
                .contains("<wsa:To soap:mustUnderstand=\"true\">https://services.example/lps?q=1&amp;r=2</wsa:To>");
        Document parsed = SecureXml.parse(bytes);
        Document built = client.envelope(r);
        Element header = (Element) parsed.getDocumentElement().getFirstChild();
        assertThat(children(header)).containsExactly("ContexteLPS", "Action", "MessageID", "ReplyTo", "To");
        assertThat(header.getTextContent()).isEqualTo(built.getDocumentElement().getFirstChild().getTextContent());
        Element body = (Element) parsed.getDocumentElement().getLastChild();
        Element builtBody = (Element) built.getDocumentElement().getLastChild();
        assertThat(body.getFirstChild().isEqualNode(builtBody.getFirstChild())).isTrue();
        assertThat(((Element) body.getFirstChild()).getAttributeNS("urn:x", "t")).isEqualTo("1");
        // the request's elements are written, not moved: the request can be sent again
        assertThat(client.envelopeBytes(r)).isEqualTo(bytes);
    }

    @Test
    void envelopeBytesWithoutAddressingHaveNoHeader() {
        SoapRequest r = SoapRequest.builder().addressing(false).body("<q:Q xmlns:q=\"urn:q\"/>").build();
        Document parsed = SecureXml.parse(client.envelopeBytes(r));
        assertThat(children(parsed.getDocumentElement())).containsExactly("Body");
        assertThat(parsed.getDocumentElement().getAttributes().getLength()).isEqualTo(1);
    }

    @Test
    void withoutAddressingThereIsNoHeader() {
        Document env = client.envelope(SoapRequest.builder().addressing(false).body("<q:Q xmlns:q=\"urn:q\"/>")
                .build());
        assertThat(children(env.getDocumentElement())).containsExactly("Body");
    }

    @Test
    void addressingNeedsAnAction() {
        assertThatThrownBy(() -> SoapRequest.builder().body("<q:Q xmlns:q=\"urn:q\"/>").build())
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.INVALID_CONFIGURATION));
    }

    @Test
    void bodyTextIsParsedSafely() {
        assertThatThrownBy(() -> SoapRequest.builder().action("a")
                .body("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"))
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.code()).isEqualTo(TransportError.XML_DTD_FORBIDDEN));
    }

    private static java.util.List<String> children(Element e) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (var n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                names.add(c.getLocalName());
            }
        }
        return names;
    }
}
