package fr.segurbio.loinc.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.core.fuzz.XmlBombs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.ValueSets;

/**
 * XML bombs against loinc-catalog's only XML parser, the SVS value set reader (StAX, through
 * {@link ValueSets#load}): billion laughs, quadratic blow-up and XXE (no DTD support: refused), 20 000 attributes and
 * a 100 000-level nesting: a {@link LoincException} with its code or a value set, in bounded time and memory.
 */
class XmlBombTest {

    private static final String SVS = "urn:ihe:iti:svs:2008";

    @TestFactory
    Stream<DynamicTest> svsReader() {
        return Stream.of(
                bomb("billion laughs", XmlBombs.billionLaughs("RetrieveValueSetResponse", SVS), true),
                bomb("quadratic blow-up", XmlBombs.quadraticBlowup("RetrieveValueSetResponse", SVS), true),
                bomb("external entity", XmlBombs.externalEntity("RetrieveValueSetResponse", SVS), true),
                bomb("20 000 attributes", XmlBombs.manyAttributes("RetrieveValueSetResponse", SVS), false),
                bomb("deep nesting", XmlBombs.deep("<RetrieveValueSetResponse xmlns=\"" + SVS + "\"><ValueSet id=\"1.2\">"
                        + "<ConceptList>", "Concept", "</ConceptList></ValueSet></RetrieveValueSetResponse>"), false));
    }

    private static DynamicTest bomb(String name, byte[] xml, boolean refused) {
        return DynamicTest.dynamicTest("SVS: " + name, () -> {
            var out = FuzzProperty.check(LoincException.class, xml.length,
                    () -> ValueSets.load(new ByteArrayInputStream(xml), name));
            if (refused) {
                assertThat(out).as("refused").isEmpty();
            }
        });
    }
}
