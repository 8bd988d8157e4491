package fr.segurbio.loinc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.LoincTable;
import fr.segurbio.loinc.ValueSet;
import fr.segurbio.loinc.ValueSets;
import fr.segurbio.testkit.ConformanceMaterial;

class CatalogueCheckerTest {

    static LoincTable table() {
        try {
            return LoincTable.load(Path.of(CatalogueCheckerTest.class.getResource("/loinc-fixture/LOINC_NOTICE.txt")
                    .toURI()).getParent());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Exam exam(String code, String localUnit, String loinc, String ucum, String factor,
            TranscodingStatus status) {
        Transcoding.Builder t = Transcoding.builder(LoincCode.parse(loinc)).ucumUnit(ucum).status(status);
        if (factor != null) {
            t.conversionFactor(new BigDecimal(factor));
        }
        return Exam.builder(code, "Exam " + code).localUnit(localUnit).resultType(ResultType.NUMERIC)
                .transcoding(t.build()).build();
    }

    private static Exam validated(String code, String localUnit, String loinc, String ucum, String factor) {
        return exam(code, localUnit, loinc, ucum, factor, TranscodingStatus.VALIDATED);
    }

    private static List<Problem> at(ValidationResult r, String path) {
        return r.problems().stream().filter(p -> p.path().equals(path)).toList();
    }

    private static boolean has(ValidationResult r, String path, LoincError code) {
        return at(r, path).stream().anyMatch(p -> p.code() == code);
    }

    @Test
    void aCleanTranscodingHasNoError() {
        Catalogue c = Catalogue.of(List.of(validated("GLU", "g/l", "2345-7", "g/L", null),
                validated("GLU2", "mg/dL", "2345-7", "g/L", "0.01"),
                validated("LEUCO", "G/L", "6690-2", "10*9/L", null),
                validated("HBA1C", "mmol/mol", "59261-8", "mmol/mol", null)));
        ValidationResult r = CatalogueChecker.builder().loincTable(table()).build().check(c);
        assertThat(r.errors()).isEmpty();
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void reportsEveryProblemABiologistMustSee() {
        Catalogue c = Catalogue.of(List.of(
                validated("GLU", "g/l", "2345-7", "g/L", null),
                validated("GLUM", "mmol/l", "2345-7", "mmol/L", null),
                validated("GLY3", "mg/dL", "2345-7", "g/L", "0.1"),
                validated("GLY4", "mg/dL", "2345-7", "g/L", null),
                validated("GLYM", "g/L", "14749-6", "mmol/L", "5.55"),
                validated("GLYM2", "g/L", "14749-6", "mmol/L", null),
                validated("OLD", "mg/dL", "87421-4", "mg/dL", null),
                validated("UNK", "", "12345-5", null, null),
                validated("PLQ", "G/L", "777-3", "G/L", null),
                validated("HBA", "%", "4548-4", "mmol/mol", null),
                Exam.builder("NOTR", "Non transcodé").build(),
                exam("REJ", "", "2160-0", "mg/dL", null, TranscodingStatus.REJECTED),
                exam("PROP", "", "1742-6", "U/L", null, TranscodingStatus.PROPOSED),
                Exam.builder("TXT", "Texte").resultType(ResultType.TEXT)
                        .transcoding(Transcoding.builder(LoincCode.parse("718-7")).ucumUnit("g/dL").build()).build()));
        ValidationResult r = CatalogueChecker.builder().loincTable(table()).build().check(c);

        assertThat(has(r, "GLU", LoincError.LOWERCASE_LITRE)).isFalse();
        assertThat(at(r, "GLU")).isEmpty();
        assertThat(has(r, "GLUM", LoincError.UNIT_PROPERTY_MISMATCH)).isTrue();
        assertThat(at(r, "GLUM").get(0).message()).contains("MCnc");
        assertThat(has(r, "2345-7", LoincError.SAME_LOINC_DIFFERENT_UNITS)).isTrue();
        assertThat(at(r, "2345-7").get(0).message()).contains("GLU, GLUM").contains("g/L, mmol/L");
        assertThat(has(r, "GLY3", LoincError.WRONG_CONVERSION_FACTOR)).isTrue();
        assertThat(at(r, "GLY3").get(0).message()).contains("UCUM gives 0.01");
        assertThat(has(r, "GLY4", LoincError.MISSING_CONVERSION_FACTOR)).isTrue();
        assertThat(has(r, "GLYM", LoincError.UNVERIFIED_CONVERSION_FACTOR)).isTrue();
        assertThat(at(r, "GLYM").stream().filter(Problem::isError)).isEmpty();
        assertThat(has(r, "GLYM2", LoincError.NEEDS_MOLAR_MASS)).isTrue();
        assertThat(at(r, "GLYM2").get(0).message()).contains("not commensurable without molar mass");
        assertThat(has(r, "OLD", LoincError.DEPRECATED_CODE)).isTrue();
        assertThat(at(r, "OLD").get(0).message()).contains("→ 88365-2");
        assertThat(has(r, "UNK", LoincError.UNKNOWN_CODE)).isTrue();
        assertThat(has(r, "UNK", LoincError.MISSING_UCUM_UNIT)).isTrue();
        assertThat(has(r, "PLQ", LoincError.GIGA_PER_LITRE)).isTrue();
        assertThat(has(r, "PLQ", LoincError.UNIT_PROPERTY_MISMATCH)).isTrue();
        assertThat(has(r, "HBA", LoincError.UNIT_PROPERTY_MISMATCH)).isTrue();
        assertThat(has(r, "NOTR", LoincError.NOT_TRANSCODED)).isTrue();
        assertThat(has(r, "REJ", LoincError.REJECTED_TRANSCODING)).isTrue();
        assertThat(has(r, "PROP", LoincError.UNVALIDATED_TRANSCODING)).isTrue();
        assertThat(has(r, "TXT", LoincError.SCALE_MISMATCH)).isTrue();
        assertThat(r.isValid()).isFalse();
    }

    @Test
    void duplicateLocalCodesInAList() {
        List<Exam> exams = List.of(validated("GLU", "g/L", "2345-7", "g/L", null),
                Exam.builder("GLU", "Glycémie bis").build());
        ValidationResult r = CatalogueChecker.builder().build().check(exams);
        assertThat(has(r, "GLU", LoincError.DUPLICATE_LOCAL_CODE)).isTrue();
        assertThatThrownBy(() -> Catalogue.of(exams)).isInstanceOf(LoincException.class)
                .hasMessageStartingWith("LOINC-040");
    }

    @Test
    void codesAndChaptersOutsideTheValueSets() {
        ValueSet biology = ValueSet.builder("test-biology")
                .add(ValueSet.Concept.of(LoincCode.SYSTEM_OID, "2345-7", "Glucose [Masse/Volume] Sérum/Plasma"))
                .build();
        ValueSet chapters = ValueSet.builder("test-chapters").name("Chapitres")
                .add(ValueSet.Concept.of(LoincCode.SYSTEM_OID, "18719-5", "Biochimie")).build();
        Catalogue c = Catalogue.of(List.of(
                validated("GLU", "g/L", "2345-7", "g/L", null).toBuilder().chapter("18719-5").build(),
                validated("NA", "mmol/L", "2951-2", "mmol/L", null).toBuilder().chapter("BIOCHIMIE").build()));
        ValidationResult r = CatalogueChecker.builder().valueSets(List.of(biology)).chapters(chapters).build()
                .check(c);
        assertThat(at(r, "GLU")).isEmpty();
        assertThat(has(r, "NA", LoincError.NOT_IN_VALUE_SET)).isTrue();
        assertThat(has(r, "NA", LoincError.CHAPTER_NOT_IN_VALUE_SET)).isTrue();
    }

    @Test
    void againstTheAnsValueSets() {
        Optional<Path> dir = ConformanceMaterial.find("conformance/cda/jeuxDeValeurs");
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing("conformance/cda/jeuxDeValeurs"));
        ValueSets all = ValueSets.loadDirectory(dir.get());
        List<ValueSet> jdv = List.of(all.require("jdv-examen-biochimie-eunv-cisis"),
                all.require("jdv-examen-hematologie-eunv-cisis"));
        Catalogue c = Catalogue.of(List.of(validated("GLU", "g/L", "2345-7", "g/L", null),
                validated("HB", "g/dL", "718-7", "g/dL", null),
                validated("GLYM", "mmol/L", "14749-6", "mmol/L", null)));
        ValidationResult r = CatalogueChecker.builder().loincTable(table()).valueSets(jdv).build().check(c);
        assertThat(at(r, "GLU")).isEmpty();
        assertThat(at(r, "HB")).isEmpty();
        assertThat(has(r, "GLYM", LoincError.NOT_IN_VALUE_SET)).isTrue();
        assertThat(at(r, "GLYM").get(0).messageFr()).contains("JDV Examen Biochimie Eunv CISIS");
    }

    @Test
    void diffBetweenCatalogues() {
        Catalogue before = Catalogue.of(List.of(Exam.builder("A", "a").build(), Exam.builder("B", "b").build(),
                Exam.builder("C", "c").build()));
        Catalogue after = Catalogue.of(List.of(Exam.builder("A", "a").build(),
                validated("B", "g/L", "2345-7", "g/L", null), Exam.builder("D", "d").build()));
        CatalogueDiff d = CatalogueDiff.between(before, after);
        assertThat(d.added()).extracting(Exam::localCode).containsExactly("D");
        assertThat(d.removed()).extracting(Exam::localCode).containsExactly("C");
        assertThat(d.modified()).singleElement().satisfies(ch -> assertThat(ch.changedFields())
                .containsExactly("label", "localUnit", "resultType", "transcoding"));
        assertThat(d.unchanged()).isEqualTo(1);
        assertThat(CatalogueDiff.between(after, after).isEmpty()).isTrue();
    }

    @Test
    void modelRefusesBadValues() {
        assertThatThrownBy(() -> Transcoding.builder(LoincCode.parse("2345-7")).ucumUnit("µmol/L"))
                .isInstanceOf(LoincException.class).hasMessageStartingWith("LOINC-030");
        assertThatThrownBy(() -> Transcoding.builder(LoincCode.parse("2345-7")).conversionFactor(BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Exam.builder(" ", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Transcoding.builder(LoincCode.parse("2345-7")).conversionFactor(new BigDecimal("0.0100")).build())
                .isEqualTo(Transcoding.builder(LoincCode.parse("2345-7")).conversionFactor(new BigDecimal("0.01"))
                        .build());
        assertThat(ResultType.parse("Numérique")).contains(ResultType.NUMERIC);
        assertThat(TranscodingStatus.parse("Validé")).contains(TranscodingStatus.VALIDATED);
        assertThat(TranscodingStatus.parse("peut-être")).isEmpty();
    }
}
