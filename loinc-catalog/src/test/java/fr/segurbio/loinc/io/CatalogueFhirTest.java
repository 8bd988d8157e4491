package fr.segurbio.loinc.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.catalog.Transcoding;
import fr.segurbio.loinc.catalog.TranscodingStatus;

class CatalogueFhirTest {

    private static IParser parser;

    @BeforeAll
    static void hapi() {
        parser = FhirContext.forR4().newJsonParser();
    }

    private static Catalogue sample() {
        return CatalogueCsvTest.sample().toBuilder()
                .add(Exam.builder("CREA", "Créatinine").transcoding(Transcoding.builder(LoincCode.parse("2160-0"))
                        .status(TranscodingStatus.REJECTED).comment("unité molaire au labo").build()).build())
                .build();
    }

    @Test
    void codeSystemParsedBackByHapi() {
        Catalogue c = sample();
        CodeSystem cs = parser.parseResource(CodeSystem.class, CatalogueFhir.codeSystem(c));
        assertThat(cs.getUrl()).isEqualTo("urn:oid:1.2.250.1.999.1");
        assertThat(cs.getTitle()).isEqualTo("Labo test");
        assertThat(cs.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.COMPLETE);
        assertThat(cs.getConcept()).hasSize(4);
        CodeSystem.ConceptDefinitionComponent gly = cs.getConcept().get(0);
        assertThat(gly.getCode()).isEqualTo("GLY");
        assertThat(gly.getDisplay()).isEqualTo("Glycémie; à jeun");
        assertThat(gly.getProperty()).extracting(p -> p.getCode() + "=" + p.getValue().primitiveValue())
                .containsExactly("chapter=18719-5", "specimen=Sérum", "method=Hexokinase \"HK\"",
                        "localUnit=mg/dL", "resultType=numeric");
        assertThat(cs.getProperty()).extracting(CodeSystem.PropertyComponent::getCode)
                .containsExactly("chapter", "specimen", "method", "localUnit", "resultType");
    }

    @Test
    void conceptMapParsedBackByHapi() {
        Catalogue c = sample();
        ConceptMap cm = parser.parseResource(ConceptMap.class, CatalogueFhir.conceptMap(c));
        assertThat(cm.getGroup()).hasSize(1);
        ConceptMap.ConceptMapGroupComponent g = cm.getGroupFirstRep();
        assertThat(g.getSource()).isEqualTo("urn:oid:1.2.250.1.999.1");
        assertThat(g.getTarget()).isEqualTo("http://loinc.org");
        assertThat(g.getElement()).extracting(ConceptMap.SourceElementComponent::getCode)
                .containsExactly("GLY", "NFS-LEU", "CREA");
        ConceptMap.TargetElementComponent t = g.getElement().get(0).getTargetFirstRep();
        assertThat(t.getCode()).isEqualTo("2345-7");
        assertThat(t.getEquivalence()).isEqualTo(ConceptMapEquivalence.EQUIVALENT);
        assertThat(t.getComment()).isEqualTo("  ligne 1\nligne 2 ; « validé »");
        assertThat(((DecimalType) t.getExtensionByUrl(CatalogueFhir.EXT_FACTOR).getValue()).getValue())
                .isEqualByComparingTo(new BigDecimal("0.01"));
        assertThat(((Coding) t.getExtensionByUrl(CatalogueFhir.EXT_UNIT).getValue()).getCode()).isEqualTo("g/L");
        assertThat(t.getExtensionByUrl(CatalogueFhir.EXT_STATUS).getValue().primitiveValue()).isEqualTo("validated");
        assertThat(t.getExtensionByUrl(CatalogueFhir.EXT_DATE).getValue().primitiveValue())
                .startsWith("2026-01-15T09:30:00");
        assertThat(g.getElement().get(2).getTargetFirstRep().getEquivalence()).isEqualTo(ConceptMapEquivalence.DISJOINT);
        assertThat(cm.getStatus().toCode()).isEqualTo("draft");
    }

    @Test
    void roundTripIsLossless(@TempDir Path tmp) throws Exception {
        Catalogue c = sample();
        List<Path> files = CatalogueFhir.write(c, tmp);
        ImportResult r = CatalogueFhir.read(java.nio.file.Files.readString(files.get(0)),
                java.nio.file.Files.readString(files.get(1)), null);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.catalogue()).isEqualTo(c);
        assertThat(CatalogueFhir.read(CatalogueFhir.codeSystem(c), CatalogueFhir.conceptMap(c), c).diff().isEmpty())
                .isTrue();
        // HAPI's own serialisation of our resources reads back the same
        String viaHapi = parser.encodeResourceToString(parser.parseResource(ConceptMap.class,
                CatalogueFhir.conceptMap(c)));
        assertThat(CatalogueFhir.readConceptMap(viaHapi, c).catalogue()).isEqualTo(c);
    }

    @Test
    void aFileThatIsNotAConceptMapIsRefused() {
        Catalogue c = sample();
        assertThatThrownBy(() -> CatalogueFhir.readConceptMap(CatalogueFhir.codeSystem(c), c))
                .isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-060")
                .hasMessageContaining("CodeSystem").hasMessageContaining("ConceptMap");
        assertThatThrownBy(() -> CatalogueFhir.read(CatalogueFhir.conceptMap(c), null, null))
                .isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-060");
        assertThatThrownBy(() -> CatalogueFhir.readConceptMap("{\"resourceType\":", c))
                .isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-061");
        assertThatThrownBy(() -> CatalogueFhir.readConceptMap("[1,2]", c))
                .isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-061");
    }

    @Test
    void badElementsAreReportedAndTheOthersApplied() {
        Catalogue c = Catalogue.of(List.of(Exam.builder("A", "a").build(), Exam.builder("B", "b").build(),
                Exam.builder("C", "c").build()));
        String cm = """
                {"resourceType":"ConceptMap","group":[{"source":"urn:segurbio:local-catalogue","target":"http://loinc.org",
                 "element":[
                   {"code":"A","target":[{"code":"2345-7","equivalence":"equivalent"}]},
                   {"code":"ZZ","target":[{"code":"718-7","equivalence":"equivalent"}]},
                   {"code":"B","target":[{"code":"2345-8","equivalence":"equivalent"}]},
                   {"code":"C","target":[{"code":"718-7","equivalence":"equivalent","extension":[
                     {"url":"https://segurbio.fr/fhir/StructureDefinition/transcoding-ucum-unit",
                      "valueCoding":{"system":"http://unitsofmeasure.org","code":"µg/L"}}]}]}]}]}""";
        ImportResult r = CatalogueFhir.readConceptMap(cm, c);
        assertThat(r.catalogue().find("A").orElseThrow().transcoding().orElseThrow().code().value())
                .isEqualTo("2345-7");
        assertThat(r.rejected()).extracting(RejectedLine::location).containsExactly("ConceptMap.group[0].element[1]",
                "ConceptMap.group[0].element[2]", "ConceptMap.group[0].element[3]");
        assertThat(r.rejected().get(0).reasons().get(0).code()).isEqualTo(LoincError.UNKNOWN_LOCAL_CODE);
        assertThat(r.rejected().get(1).reasons().get(0).code()).isEqualTo(LoincError.WRONG_CHECK_DIGIT);
        assertThat(r.rejected().get(2).reasons().get(0).code()).isEqualTo(LoincError.INVALID_UCUM_UNIT);
        assertThat(r.diff().modified()).extracting(ch -> ch.after().localCode()).containsExactly("A");
    }
}
