package fr.segurbio.loinc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoincTableTest {

    static Path fixture() {
        try {
            return Path.of(LoincTableTest.class.getResource("/loinc-fixture/LOINC_NOTICE.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LoincTable table() {
        return LoincTable.load(fixture());
    }

    @Test
    void loadsTheReleaseLayout() {
        LoincTable t = table();
        assertThat(t.size()).isEqualTo(40);
        assertThat(t.problems().problems()).isEmpty();
        LoincEntry glucose = t.find("2345-7").orElseThrow();
        assertThat(glucose.property()).isEqualTo("MCnc");
        assertThat(glucose.system()).isEqualTo("Ser/Plas");
        assertThat(glucose.scale()).isEqualTo("Qn");
        assertThat(glucose.status()).isEqualTo(LoincStatus.ACTIVE);
        assertThat(glucose.exampleUcumUnits()).containsExactly("mg/dL");
        assertThat(glucose.name(Locale.ENGLISH)).isEqualTo("Glucose [Mass/volume] in Serum or Plasma");
        // composed from the French parts when the variant has no display name
        assertThat(glucose.name(Locale.FRENCH)).isEqualTo("Glucose [Masse/Volume] Sérum/Plasma ; Numérique");
        assertThat(t.find("2093-3").orElseThrow().name(Locale.FRENCH))
                .isEqualTo("Cholestérol [Masse/Volume] Sérum/Plasma ; Numérique");
        assertThat(t.find("718-7").orElseThrow().name(Locale.FRENCH)).isEqualTo("Hemoglobin [Mass/volume] in Blood");
        assertThat(glucose.fullySpecifiedName()).isEqualTo("Glucose:MCnc:Pt:Ser/Plas:Qn:");
    }

    @Test
    void deprecatedCodesGiveTheirReplacement() {
        LoincTable t = table();
        assertThat(t.find("87421-4").orElseThrow().replacedBy()).containsExactly(LoincCode.parse("88365-2"));
        assertThat(t.check(LoincCode.parse("87421-4")).errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.DEPRECATED_CODE);
            assertThat(p.message()).contains("→ 88365-2");
        });
        assertThat(t.check(LoincCode.parse("19016-5")).has(LoincError.DEPRECATED_CODE)).isTrue();
        assertThat(t.check(LoincCode.parse("2345-7")).isValid()).isTrue();
        assertThat(t.check(LoincCode.parse("12345-5")).has(LoincError.UNKNOWN_CODE)).isTrue();
    }

    @Test
    void multiLineFieldsAndBadLinesInAReleaseFile(@TempDir Path tmp) throws Exception {
        Path csv = tmp.resolve("Loinc.csv");
        Files.writeString(csv, "\uFEFF\"LOINC_NUM\",\"COMPONENT\",\"STATUS\",\"DefinitionDescription\"\n"
                + "\"2345-7\",\"Glucose\",\"ACTIVE\",\"first line\nsecond line\"\n"
                + "\"718-7\",\"Hemoglobin\"x,\"ACTIVE\",\"\"\n"
                + "\"2160-0\",\"Creatinine\",\"NOPE\",\"\"\n");
        LoincTable t = LoincTable.load(csv, null, null);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.find("2345-7").orElseThrow().component()).isEqualTo("Glucose");
        assertThat(t.find("718-7")).isEmpty();
        assertThat(t.problems().warnings()).hasSize(2);
        assertThat(t.problems().warnings().get(0).path()).isEqualTo("line 4");
    }

    @Test
    void aMissingReleaseIsReported(@TempDir Path tmp) {
        assertThatThrownBy(() -> LoincTable.load(tmp)).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-013");
    }
}
