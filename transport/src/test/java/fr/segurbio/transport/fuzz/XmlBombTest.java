package fr.segurbio.transport.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.XmlBombs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.xml.parsers.SAXParser;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.xml.sax.helpers.DefaultHandler;

import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.TransportException;

/**
 * XML bombs against transport's parsers: {@link SecureXml#parse} (DOM: SOAP responses, INSi, DMP) and
 * {@link SecureXml#newSAXParser()} (SAX: the CDA reader, validator and stylesheet of cda-bio build on it), and the
 * SOAP response parser through a stand-in exchange. Billion laughs, quadratic blow-up and XXE are refused at the
 * DOCTYPE, a 100 000-level nesting at {@link SecureXml#MAX_ELEMENT_DEPTH}; 20 000 attributes are read or refused;
 * never another exception, always in bounded time and memory.
 */
class XmlBombTest {

    private static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";

    static Stream<DynamicTest> bombs(String parser, Function<byte[], Object> parse) {
        return Stream.of(
                bomb(parser, "billion laughs", XmlBombs.billionLaughs("Envelope", SOAP), parse, true),
                bomb(parser, "quadratic blow-up", XmlBombs.quadraticBlowup("Envelope", SOAP), parse, true),
                bomb(parser, "external entity", XmlBombs.externalEntity("Envelope", SOAP), parse, true),
                bomb(parser, "20 000 attributes", XmlBombs.manyAttributes("Envelope", SOAP), parse, false),
                bomb(parser, "deep nesting", XmlBombs.deep("<e:Envelope xmlns:e=\"" + SOAP + "\"><e:Body>", "x",
                        "</e:Body></e:Envelope>"), parse, true));
    }

    private static DynamicTest bomb(String parser, String name, byte[] xml, Function<byte[], Object> parse,
            boolean refused) {
        return DynamicTest.dynamicTest(parser + ": " + name, () -> {
            var out = FuzzProperty.check(TransportException.class, xml.length, () -> parse.apply(xml));
            if (refused) {
                assertThat(out).as("refused").isEmpty();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> dom() {
        return bombs("SecureXml.parse", SecureXml::parse);
    }

    @TestFactory
    Stream<DynamicTest> sax() {
        return bombs("SecureXml.newSAXParser", xml -> {
            try {
                SAXParser p = SecureXml.newSAXParser();
                p.parse(new ByteArrayInputStream(xml), new DefaultHandler());
                return xml.length;
            } catch (org.xml.sax.SAXException e) {
                throw new TransportException(e, fr.segurbio.transport.TransportError.XML_MALFORMED, e.getMessage());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** The same bombs as SOAP responses, under {@link SoapResponseFuzzTest}'s property. */
    @TestFactory
    Stream<DynamicTest> soapResponses() {
        return Stream.of(
                XmlBombs.billionLaughs("Envelope", SOAP), XmlBombs.quadraticBlowup("Envelope", SOAP),
                XmlBombs.externalEntity("Envelope", SOAP), XmlBombs.manyAttributes("Envelope", SOAP),
                XmlBombs.deep("<e:Envelope xmlns:e=\"" + SOAP + "\"><e:Body>", "x", "</e:Body></e:Envelope>"))
                .map(xml -> DynamicTest.dynamicTest("SoapClient: " + xml.length + " bytes", () -> {
                    byte[] head = "application/soap+xml; charset=UTF-8\n".getBytes(StandardCharsets.US_ASCII);
                    byte[] input = java.util.Arrays.copyOf(head, head.length + xml.length);
                    System.arraycopy(xml, 0, input, head.length, xml.length);
                    new SoapResponseFuzzTest().parse(input);
                }));
    }
}
