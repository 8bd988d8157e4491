package fr.segurbio.loinc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.testkit.ConformanceMaterial;

class ValueSetsTest {

    private static final String JDV = "conformance/cda/jeuxDeValeurs";

    private static Path jdv(String file) {
        Optional<Path> p = ConformanceMaterial.find(JDV + "/" + file);
        assumeTrue(p.isPresent(), ConformanceMaterial.missing(JDV + "/" + file));
        return p.get();
    }

    @Test
    void readsTheAnsBiochemistryValueSet() {
        ValueSet vs = ValueSets.load(jdv("jdv-examen-biochimie-eunv-cisis.xml"));
        assertThat(vs.id()).isEqualTo("1.2.250.1.213.1.1.5.224");
        assertThat(vs.name()).isEqualTo("JdvExamenBiochimieEunvCisis");
        assertThat(vs.title()).isEqualTo("JDV Examen Biochimie Eunv CISIS");
        assertThat(vs.size()).isEqualTo(10);
        LoincCode glucose = LoincCode.parse("2345-7");
        assertThat(vs.contains(glucose)).isTrue();
        assertThat(vs.display(glucose)).contains("Glucose [Masse/Volume] Sérum/Plasma ; Numérique");
        // the same system written three ways
        assertThat(vs.contains("http://loinc.org", "2345-7")).isTrue();
        assertThat(vs.contains("urn:oid:2.16.840.1.113883.6.1", "2345-7")).isTrue();
        assertThat(vs.contains(LoincCode.parse("14749-6"))).isFalse();
        assertThat(vs.contains("2.16.840.1.113883.6.96", "2345-7")).isFalse();
        assertThat(vs.find(LoincCode.SYSTEM_OID, "2345-7").orElseThrow().validFrom())
                .isEqualTo(LocalDate.of(2023, 8, 3));
    }

    @Test
    void readsANosValueSetWithItsDates() {
        ValueSet vs = ValueSets.load(jdv("JDV_J07_XdsTypeCode_CISIS.xml"));
        assertThat(vs.id()).isEqualTo("1.2.250.1.213.1.1.5.471");
        assertThat(vs.url()).contains("https://mos.esante.gouv.fr/NOS/JDV_J07-XdsTypeCode-CISIS");
        assertThat(vs.display(LoincCode.SYSTEM_OID, "11502-2")).contains("CR d'examens biologiques");
    }

    @Test
    void loadsTheWholeConformanceFolder() {
        Optional<Path> dir = ConformanceMaterial.find(JDV);
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing(JDV));
        ValueSets all = ValueSets.loadDirectory(dir.get());
        assertThat(all.all()).hasSizeGreaterThan(500);
        assertThat(all.problems().problems()).isEmpty();
        assertThat(all.require("1.2.250.1.213.1.1.5.471").name()).isEqualTo("JDV_J07_XdsTypeCode_CISIS.tabs");
        assertThat(all.get("jdv-examen-biochimie-eunv-cisis")).isPresent();
        assertThat(all.get("JdvExamenBiochimieEunvCisis")).isPresent();
        assertThat(all.containing(LoincCode.SYSTEM_OID, "718-7")).extracting(ValueSet::id)
                .contains(all.get("jdv-examen-hematologie-eunv-cisis").orElseThrow().id());
        assertThatThrownBy(() -> all.require("1.2.3.4")).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-021");
    }

    @Test
    void readsAFhirValueSetWithCompose() {
        String json = """
                {"resourceType":"ValueSet","id":"jdv-test","url":"https://smt.esante.gouv.fr/fhir/ValueSet/jdv-test",
                 "identifier":[{"system":"urn:ietf:rfc:3986","value":"urn:oid:1.2.250.1.213.1.1.5.9999"}],
                 "name":"JdvTest","title":"JDV test","version":"1",
                 "compose":{"include":[{"system":"http://loinc.org","concept":[
                   {"code":"18719-5","display":"Chemistry studies (set)",
                    "designation":[{"language":"fr-FR","value":"Biochimie"}]},
                   {"code":"18725-2","display":"Microbiologie"}]}]}}""";
        ValueSet vs = ValueSets.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
        assertThat(vs.id()).isEqualTo("1.2.250.1.213.1.1.5.9999");
        assertThat(vs.url()).contains("https://smt.esante.gouv.fr/fhir/ValueSet/jdv-test");
        assertThat(vs.display(LoincCode.SYSTEM_OID, "18719-5")).contains("Biochimie");
        assertThat(vs.display(LoincCode.parse("18725-2"))).contains("Microbiologie");
        assertThat(ValueSets.of(vs).get("JdvTest")).contains(vs);
    }

    @Test
    void readsAFhirValueSetExpansion() {
        String json = """
                {"resourceType":"ValueSet","id":"x","expansion":{"contains":[
                  {"system":"http://loinc.org","code":"2345-7","display":"Glucose",
                   "contains":[{"system":"http://loinc.org","code":"14749-6","display":"Glucose molaire"}]}]}}""";
        ValueSet vs = ValueSets.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json");
        assertThat(vs.size()).isEqualTo(2);
        assertThat(vs.contains(LoincCode.parse("14749-6"))).isTrue();
    }

    @Test
    void refusesAFhirResourceThatIsNotAValueSet() {
        String json = "{\"resourceType\":\"ConceptMap\",\"id\":\"x\"}";
        assertThatThrownBy(() -> ValueSets.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                "cm.json")).isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-060");
        String filter = "{\"resourceType\":\"ValueSet\",\"id\":\"x\",\"compose\":{\"include\":[{\"system\":"
                + "\"http://loinc.org\",\"filter\":[{\"property\":\"CLASS\",\"op\":\"=\",\"value\":\"CHEM\"}]}]}}";
        assertThatThrownBy(() -> ValueSets.load(new ByteArrayInputStream(filter.getBytes(StandardCharsets.UTF_8)),
                "f.json")).isInstanceOf(LoincException.class).hasMessageContaining("expansion");
        assertThatThrownBy(() -> ValueSets.load(new ByteArrayInputStream("{oops".getBytes(StandardCharsets.UTF_8)),
                "bad.json")).isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-061");
    }

    @Test
    void refusesDtdsAndExternalEntities(@TempDir Path tmp) throws Exception {
        Path secret = tmp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<RetrieveValueSetResponse xmlns=\"urn:ihe:iti:svs:2008\"><ValueSet id=\"1.2\" displayName=\"&x;\">"
                + "<ConceptList><Concept code=\"a\" codeSystem=\"1.2\" displayName=\"&x;\"/></ConceptList></ValueSet>"
                + "</RetrieveValueSetResponse>";
        Path f = tmp.resolve("xxe.xml");
        Files.writeString(f, xxe);
        assertThatThrownBy(() -> ValueSets.load(f)).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-022").hasMessageNotContaining("TOP-SECRET");
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
                + "<ValueSet id=\"&b;\"/>";
        assertThatThrownBy(() -> ValueSets.load(new ByteArrayInputStream(bomb.getBytes(StandardCharsets.UTF_8)),
                "bomb.xml")).isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-022");
    }

    @Test
    void refusesXmlThatIsNotSvs() {
        String xml = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>";
        assertThatThrownBy(() -> ValueSets.load(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "cda.xml")).isInstanceOf(LoincException.class).hasMessageContaining("not an SVS");
    }

    @Test
    void buildsAValueSetInCode() {
        ValueSet chapters = ValueSet.builder("chapitres").name("Chapitres LOINC")
                .add(ValueSet.Concept.of(LoincCode.SYSTEM_OID, "18719-5", "Biochimie"))
                .add(ValueSet.Concept.of(LoincCode.SYSTEM_URI, "18719-5", "duplicate ignored"))
                .build();
        assertThat(chapters.size()).isEqualTo(1);
        assertThat(chapters.display(LoincCode.parse("18719-5"))).contains("Biochimie");
        assertThat(chapters.findCode("18719-5")).hasSize(1);
    }
}
