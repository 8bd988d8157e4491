package fr.segurbio.loinc.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.core.Problem;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.catalog.ResultType;
import fr.segurbio.loinc.catalog.Transcoding;
import fr.segurbio.loinc.catalog.TranscodingStatus;

class CatalogueCsvTest {

    static final String HEADER = "code_local;libelle;chapitre;specimen;methode;unite_locale;type_resultat;code_loinc;"
            + "unite_ucum;facteur_conversion;statut;commentaire;auteur;date\r\n";

    static Catalogue sample() {
        return Catalogue.builder().systemUri("urn:oid:1.2.250.1.999.1").name("Labo test")
                .add(Exam.builder("GLY", "Glycémie; à jeun").chapter("18719-5").specimen("Sérum")
                        .method("Hexokinase \"HK\"").localUnit("mg/dL").resultType(ResultType.NUMERIC)
                        .transcoding(Transcoding.builder(LoincCode.parse("2345-7")).ucumUnit("g/L")
                                .conversionFactor(new BigDecimal("0.01")).status(TranscodingStatus.VALIDATED)
                                .comment("  ligne 1\nligne 2 ; « validé »").author("Dr Œillet")
                                .date(Instant.parse("2026-01-15T09:30:00Z")).build())
                        .build())
                .add(Exam.builder("NFS-LEU", "Leucocytes").chapter("18723-7").specimen("Sang total").localUnit("G/L")
                        .resultType(ResultType.NUMERIC)
                        .transcoding(Transcoding.builder(LoincCode.parse("6690-2")).ucumUnit("10*9/L").build())
                        .build())
                .add(Exam.builder("COMM", "Commentaire libre").resultType(ResultType.TEXT).build())
                .build();
    }

    private static ImportResult read(String text, Charset cs, CsvOptions options, Catalogue current) {
        return CatalogueCsv.read(text.getBytes(cs), "test.csv", options, current);
    }

    @Test
    void roundTripIsLossless(@TempDir Path tmp) {
        Catalogue c = sample();
        for (CsvOptions o : List.of(CsvOptions.defaults(), CsvOptions.builder().delimiter(',').bom(true).build(),
                CsvOptions.builder().charset(Charset.forName("windows-1252")).lineEnd("\n").build())) {
            Path f = tmp.resolve("c.csv");
            CatalogueCsv.write(c, f, o);
            ImportResult r = CatalogueCsv.read(f, o.charset().isPresent() ? o : CsvOptions.defaults(),
                    Catalogue.builder().systemUri(c.systemUri()).name(c.name()).build());
            assertThat(r.rejected()).isEmpty();
            assertThat(r.catalogue()).isEqualTo(c);
            assertThat(r.diff().added()).hasSize(3);
            assertThat(CatalogueCsv.read(f, o.charset().isPresent() ? o : CsvOptions.defaults(), c).diff().isEmpty())
                    .isTrue();
        }
        // Windows-1252 undeclared: detected
        CsvOptions latin = CsvOptions.builder().charset(Charset.forName("windows-1252")).build();
        ImportResult r = CatalogueCsv.read(CatalogueCsv.toBytes(c, latin), "x.csv", CsvOptions.defaults(), c);
        assertThat(r.encoding()).isEqualTo("windows-1252");
        assertThat(r.catalogue()).isEqualTo(c);
        // "Œ" has no ISO-8859-1 byte: the export refuses rather than writing "?"
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CatalogueCsv.toBytes(c,
                CsvOptions.builder().charset(StandardCharsets.ISO_8859_1).build()))
                .isInstanceOf(fr.segurbio.loinc.LoincException.class).hasMessageStartingWith("LOINC-070");
    }

    @Test
    void brokenLinesAreRejectedAndTheRestImported() {
        String csv = HEADER
                + "A;Alpha;;;;;;;;;;;;\r\n"
                + "B;\"Beta non fermé;;;;;;;;;;;;\r\n"
                + "C;Gamma;;;;;;;;;;;;\r\n"
                + "D;\"Delta\"x;;;;;;;;;;;;\r\n"
                + "E;Epsilon;;;\r\n"
                + "F;Phi;;;;;;;;;;;;\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(r.catalogue().exams()).extracting(Exam::localCode).containsExactly("A", "C", "F");
        assertThat(r.rejected()).extracting(RejectedLine::line).containsExactly(3, 5, 6);
        assertThat(r.rejected().get(0).reasons().get(0).code()).isEqualTo(LoincError.MALFORMED_LINE);
        assertThat(r.rejected().get(0).raw()).startsWith("B;\"Beta");
        assertThat(r.rejected().get(1).reasons().get(0).code()).isEqualTo(LoincError.MALFORMED_LINE);
        assertThat(r.rejected().get(2).reasons().get(0).code()).isEqualTo(LoincError.COLUMN_COUNT);
        assertThat(r.rejected().get(2).reasons().get(0).messageFr()).contains("Ligne 6 : 5 champs au lieu des 14");
        assertThat(r.recordsRead()).isEqualTo(6);
        assertThat(r.isComplete()).isFalse();
        assertThat(r.problems().errors()).extracting(Problem::path).containsExactly("line 3", "line 5", "line 6");
    }

    @Test
    void wrongEncodingIsReportedLineByLine() {
        String csv = HEADER + "A;Urée;;;;;;;;;;;;\r\nB;Sodium;;;;;;;;;;;;\r\nC;Créatinine;;;;;;;;;;;;\r\n";
        byte[] latin1 = csv.getBytes(StandardCharsets.ISO_8859_1);
        ImportResult declaredUtf8 = CatalogueCsv.read(latin1, "t.csv",
                CsvOptions.builder().charset(StandardCharsets.UTF_8).build(), null);
        assertThat(declaredUtf8.catalogue().exams()).extracting(Exam::localCode).containsExactly("B");
        assertThat(declaredUtf8.rejected()).extracting(RejectedLine::line).containsExactly(2, 4);
        assertThat(declaredUtf8.rejected().get(0).reasons().get(0).code()).isEqualTo(LoincError.WRONG_ENCODING);
        assertThat(declaredUtf8.rejected().get(0).reasons().get(0).message()).contains("ISO-8859-1");
        ImportResult detected = CatalogueCsv.read(latin1, "t.csv", CsvOptions.defaults(), null);
        assertThat(detected.rejected()).isEmpty();
        assertThat(detected.catalogue().find("A").orElseThrow().label()).isEqualTo("Urée");
        ImportResult declaredLatin = CatalogueCsv.read(latin1, "t.csv",
                CsvOptions.builder().charset(StandardCharsets.ISO_8859_1).build(), null);
        assertThat(declaredLatin.catalogue().find("C").orElseThrow().label()).isEqualTo("Créatinine");
    }

    @Test
    void bomIsSkipped() {
        String csv = "\uFEFF" + HEADER + "A;Urée;;;;;;;;;;;;\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.encoding()).isEqualTo("UTF-8 (BOM)");
        assertThat(r.catalogue().find("A")).isPresent();
        ImportResult utf16 = CatalogueCsv.read(("\uFEFF" + HEADER + "B;Bêta;;;;;;;;;;;;\r\n")
                .getBytes(StandardCharsets.UTF_16LE), "u16.csv", CsvOptions.defaults(), null);
        assertThat(utf16.catalogue().find("B").orElseThrow().label()).isEqualTo("Bêta");
    }

    @Test
    void quotedSemicolonsQuotesAndLineBreaks() {
        String csv = HEADER + "A;\"Glucose; à jeun\";;;\"Méthode \"\"HK\"\"\";;;2345-7;g/L;;validé;\"deux\nlignes; ok\";;\r\n"
                + "B;Beta;;;;;;;;;;;;\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(r.rejected()).isEmpty();
        Exam a = r.catalogue().find("A").orElseThrow();
        assertThat(a.label()).isEqualTo("Glucose; à jeun");
        assertThat(a.method()).isEqualTo("Méthode \"HK\"");
        assertThat(a.transcoding().orElseThrow().comment()).isEqualTo("deux\nlignes; ok");
        assertThat(a.transcoding().orElseThrow().status()).isEqualTo(TranscodingStatus.VALIDATED);
        assertThat(r.catalogue().find("B")).isPresent();
    }

    @Test
    void duplicateCodesKeepTheFirst() {
        String csv = HEADER + "A;Alpha;;;;;;;;;;;;\r\nB;Beta;;;;;;;;;;;;\r\nA;Alpha bis;;;;;;;;;;;;\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(r.catalogue().find("A").orElseThrow().label()).isEqualTo("Alpha");
        assertThat(r.rejected()).singleElement().satisfies(l -> {
            assertThat(l.line()).isEqualTo(4);
            assertThat(l.reasons().get(0).code()).isEqualTo(LoincError.DUPLICATE_LOCAL_CODE_LINE);
            assertThat(l.reasons().get(0).message()).contains("already appears on line 2");
        });
    }

    @Test
    void everyBadFieldIsReported() {
        String csv = HEADER
                + "A;Alpha;;;;;numérique;2345-8;g/L;;;;;\r\n"
                + "B;Beta;;;;;;23457;µmol/L;abc;peut-être;;;hier\r\n"
                + ";;;;;;bizarre;;;;;;;\r\n"
                + "C;Gamma;;;;;;;g/L;;;;;\r\n"
                + "D;Delta;;;;;;2345-7;g/L;0,01;V;;;15/01/2026\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(r.catalogue().exams()).extracting(Exam::localCode).containsExactly("D");
        Transcoding d = r.catalogue().find("D").orElseThrow().transcoding().orElseThrow();
        assertThat(d.conversionFactor()).contains(new BigDecimal("0.01"));
        assertThat(d.date()).contains(Instant.parse("2026-01-14T23:00:00Z"));
        assertThat(r.rejected()).hasSize(4);
        assertThat(r.rejected().get(0).reasons()).extracting(p -> p.code()).containsExactly(LoincError.WRONG_CHECK_DIGIT);
        assertThat(r.rejected().get(0).reasons().get(0).path()).isEqualTo("code_loinc");
        assertThat(r.rejected().get(1).reasons()).extracting(p -> p.code()).containsExactly(LoincError.MISSING_HYPHEN,
                LoincError.INVALID_UCUM_UNIT, LoincError.INVALID_DECIMAL, LoincError.INVALID_STATUS,
                LoincError.INVALID_DATE);
        assertThat(r.rejected().get(1).reasons().get(1).message()).contains("→ umol/L");
        assertThat(r.rejected().get(2).reasons()).extracting(p -> p.code()).containsExactly(LoincError.EMPTY_FIELD,
                LoincError.EMPTY_FIELD, LoincError.INVALID_RESULT_TYPE);
        assertThat(r.rejected().get(3).reasons()).extracting(p -> p.code())
                .containsExactly(LoincError.TRANSCODING_WITHOUT_CODE);
    }

    @Test
    void commaFrenchHeadersAndConfiguredMapping() {
        String csv = "Code analyse SGL,Libellé,Nature prélèvement,Code LOINC,Unité UCUM,Statut,Colonne inconnue\n"
                + "GLY,Glycémie,Sérum,2345-7,g/L,Validé,x\n";
        CsvOptions o = CsvOptions.builder().column(CatalogueField.LOCAL_CODE, "Code analyse SGL").build();
        ImportResult r = read(csv, StandardCharsets.UTF_8, o, null);
        assertThat(r.delimiter()).isEqualTo(",");
        assertThat(r.rejected()).isEmpty();
        Exam e = r.catalogue().find("GLY").orElseThrow();
        assertThat(e.specimen()).isEqualTo("Sérum");
        assertThat(e.transcoding().orElseThrow().status()).isEqualTo(TranscodingStatus.VALIDATED);
        // without the mapping, the local code column is not found
        ImportResult missing = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), null);
        assertThat(missing.warnings()).singleElement().satisfies(p -> assertThat(p.code())
                .isEqualTo(LoincError.MISSING_COLUMN));
        assertThat(missing.catalogue().size()).isZero();
        assertThat(missing.isComplete()).isFalse();
        assertThat(read("", StandardCharsets.UTF_8, CsvOptions.defaults(), null).warnings().get(0).code())
                .isEqualTo(LoincError.EMPTY_FILE);
    }

    @Test
    void reportSaysWhatChangedAgainstTheCurrentCatalogue() {
        Catalogue current = sample();
        String csv = HEADER
                + "GLY;Glycémie modifiée;;;;;;;;;;;;\r\n"
                + "NFS-LEU;\"cassé;;;;;;;;;;;;\r\n"
                + "NEW;Nouvel examen;;;;;;;;;;;;\r\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), current);
        assertThat(r.diff().added()).extracting(Exam::localCode).containsExactly("NEW");
        assertThat(r.diff().modified()).singleElement().satisfies(c -> assertThat(c.after().label())
                .isEqualTo("Glycémie modifiée"));
        // the rejected line does not remove the exam: it is kept as it was
        assertThat(r.diff().removed()).extracting(Exam::localCode).containsExactly("COMM");
        assertThat(r.catalogue().find("NFS-LEU")).isEqualTo(current.find("NFS-LEU"));
        assertThat(r.warnings()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(LoincError.KEPT_CURRENT_EXAM);
            assertThat(p.message()).contains("Line 3");
        });
        assertThat(r.catalogue().systemUri()).isEqualTo(current.systemUri());
    }

    @Test
    void aProvidersTranscodingFileUpdatesTheCurrentCatalogue() {
        Catalogue current = sample();
        String csv = "Code local;Code LOINC;Unité UCUM;Facteur;Statut;Commentaire\n"
                + "COMM;11502-2;;;proposé;à revoir\n"
                + "NFS-LEU;6690-2;10*9/L;;validé;\n"
                + "XXX;2345-7;g/L;;;\n"
                + "GLY;;;;;\n";
        ImportResult r = read(csv, StandardCharsets.UTF_8, CsvOptions.defaults(), current);
        assertThat(r.catalogue().size()).isEqualTo(3);
        assertThat(r.catalogue().find("COMM").orElseThrow().transcoding().orElseThrow().comment()).isEqualTo("à revoir");
        assertThat(r.catalogue().find("NFS-LEU").orElseThrow().transcoding().orElseThrow().status())
                .isEqualTo(TranscodingStatus.VALIDATED);
        assertThat(r.catalogue().find("GLY")).isEqualTo(current.find("GLY"));
        assertThat(r.rejected()).singleElement().satisfies(l -> {
            assertThat(l.line()).isEqualTo(4);
            assertThat(l.reasons().get(0).code()).isEqualTo(LoincError.UNKNOWN_LOCAL_CODE);
        });
        assertThat(r.diff().modified()).extracting(c -> c.after().localCode()).containsExactly("NFS-LEU", "COMM");
        assertThat(r.diff().removed()).isEmpty();
        assertThat(r.diff().added()).isEmpty();
    }
}
