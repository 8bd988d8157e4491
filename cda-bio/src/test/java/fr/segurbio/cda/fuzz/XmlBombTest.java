package fr.segurbio.cda.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.XmlBombs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.html.CrBioStylesheet;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;

/**
 * XML bombs against every XML parser of cda-bio: {@link CrBioReader} (Saxon tree over the hardened SAX parser), the
 * validator ({@code CrBioValidator}: Saxon, XSD on the same stream) and the HTML stylesheet ({@link CrBioStylesheet},
 * Saxon XSLT). Billion laughs, quadratic blow-up and XXE are refused at the DOCTYPE, a 100 000-level nesting at the
 * parser's depth limit ({@code SecureXml.MAX_ELEMENT_DEPTH}; before that limit the validator took minutes on it); a
 * blow-up without DTD (20 000 attributes) ends in a {@link CdaException} or a result; all in bounded time and memory.
 */
class XmlBombTest {

    private static final String HL7 = "urn:hl7-org:v3";
    private static final String HEAD = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><realmCode code=\"FR\"/>"
            + "<templateId root=\"1.3.6.1.4.1.19376.1.3.3\" extension=\"2024.01\"/><id root=\"1.2.3\"/>"
            + "<component><structuredBody><component><section><code code=\"18719-5\"/><text>";
    private static final String TAIL = "</text></section></component></structuredBody></component></ClinicalDocument>";

    static Stream<DynamicTest> bombs(String parser, Function<byte[], Object> parse) {
        return Stream.of(
                bomb(parser, "billion laughs", XmlBombs.billionLaughs("ClinicalDocument", HL7), parse, true),
                bomb(parser, "quadratic blow-up", XmlBombs.quadraticBlowup("ClinicalDocument", HL7), parse, true),
                bomb(parser, "external entity", XmlBombs.externalEntity("ClinicalDocument", HL7), parse, true),
                bomb(parser, "20 000 attributes", XmlBombs.manyAttributes("ClinicalDocument", HL7), parse, false),
                bomb(parser, "deep narrative nesting", XmlBombs.deep(HEAD, "content", TAIL), parse, true),
                bomb(parser, "deep element nesting", XmlBombs.deep("<ClinicalDocument xmlns=\"urn:hl7-org:v3\">",
                        "component", "</ClinicalDocument>"), parse, true));
    }

    private static DynamicTest bomb(String parser, String name, byte[] xml, Function<byte[], Object> parse,
            boolean refused) {
        return DynamicTest.dynamicTest(parser + ": " + name, () -> {
            var out = FuzzProperty.check(CdaException.class, xml.length, () -> parse.apply(xml));
            if (refused) {
                assertThat(out.isEmpty() || out.get() instanceof ValidationReport r && !r.isValid())
                        .as("refused").isTrue();
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> reader() {
        return Stream.concat(bombs("CrBioReader", CrBioReader.create()::read),
                bombs("CrBioReader.lenient", CrBioReader.lenient()::read));
    }

    @TestFactory
    Stream<DynamicTest> stylesheet() {
        return bombs("CrBioStylesheet", CrBioStylesheet.create()::toHtml);
    }

    @TestFactory
    List<DynamicTest> validator() {
        CrBioValidator validator = SharedValidator.get();   // compiled once, before the timed inputs
        return bombs("CrBioValidator", validator::validate).toList();
    }
}
