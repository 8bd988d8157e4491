package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;

/** Bad CR-BIO documents: every problem reported at once, coded, bilingual, at the XPath of its element. */
class CrBioReaderProblemsTest {

    private static final String TSH_1 = "BIO-CR-BIO_2024.01_TSH_1.xml";

    private static String tsh() throws IOException {
        return Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8);
    }

    private static String replace(String xml, String from, String to) {
        assertThat(xml).contains(from);
        return xml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    private static List<Problem> problems(String xml) {
        try {
            CrBioReader.create().read(xml.getBytes(StandardCharsets.UTF_8));
        } catch (CdaException e) {
            e.problems().forEach(CrBioReaderProblemsTest::isCodedAndBilingual);
            return e.problems();
        }
        throw new AssertionError("the document was read");
    }

    private static void isCodedAndBilingual(Problem p) {
        assertThat(p.path()).as(p.toString()).startsWith("/ClinicalDocument");
        assertThat(p.messageFr()).as(p.toString()).isNotEqualTo(p.messageEn())
                .doesNotContain("unknown", " must ", "expected", " is ", " or ", "not a ");
        for (String m : List.of(p.message(Locale.FRENCH), p.message(Locale.ENGLISH))) {
            assertThat(m).as(p.toString()).doesNotContain("Exception", "java.", "For input string", "No enum constant",
                    "Cannot invoke", "Illegal base64", "not an HL7 time", "null");
        }
    }

    @Test
    void everyBadPartIsReportedAtOnceWithItsPlace() throws IOException {
        String xml = tsh();
        xml = replace(xml, "<confidentialityCode code=\"N\"", "<confidentialityCode code=\"Z\"");
        xml = replace(xml, "<versionNumber value=\"1\"/>", "<versionNumber value=\"abc\"/>");
        xml = replace(xml, "<effectiveTime value=\"20210401171000+0100\"/>", "<effectiveTime value=\"20211341171000+0100\"/>");
        xml = replace(xml, "xsi:type=\"PQ\" value=\"1.950\"", "xsi:type=\"PQ\" value=\"1,950\"");
        xml = replace(xml, "xsi:type=\"PQ\" value=\"7.67\"", "xsi:type=\"XYZ\" value=\"7.67\"");
        List<Problem> problems = problems(xml);
        assertThat(problems).extracting(Problem::code).containsOnly(CdaReadError.BAD_PART);
        assertThat(problems).extracting(Problem::path).contains(
                "/ClinicalDocument/confidentialityCode/@code",
                "/ClinicalDocument/versionNumber/@value",
                "/ClinicalDocument/effectiveTime/@value");
        assertThat(problems).extracting(Problem::path)
                .anySatisfy(p -> assertThat(p).contains("/structuredBody/").endsWith("/value/@value"))
                .anySatisfy(p -> assertThat(p).contains("/structuredBody/").endsWith("/value/@xsi:type"));
        assertThat(problems).hasSize(5);
        Problem conf = problems.stream().filter(p -> p.path().endsWith("confidentialityCode/@code")).findFirst()
                .orElseThrow();
        assertThat(conf.message(Locale.FRENCH))
                .isEqualTo("confidentialityCode : code de confidentialité « Z » inconnu (N, R ou V ; règle : CI-SIS en-tête, confidentialityCode du JDV HL7 Confidentiality)");
        assertThat(conf.message(Locale.ENGLISH))
                .isEqualTo("confidentialityCode: unknown confidentiality code \"Z\" (N, R or V; rule: CI-SIS header, "
                        + "confidentialityCode from the HL7 Confidentiality value set)");
    }

    @Test
    void aModelRefusalInsideAPartKeepsItsCodeInTheMessage() throws IOException {
        String xml = tsh().replaceFirst("<administrativeGenderCode code=\"[A-Z]\"", "<administrativeGenderCode code=\"X\"");
        List<Problem> problems = problems(xml);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaReadError.BAD_PART);
            assertThat(p.path()).isEqualTo("/ClinicalDocument/recordTarget/patientRole");
            assertThat(p.message(Locale.ENGLISH)).startsWith("patientRole: CDA-008 Value \"X\" not allowed");
            assertThat(p.message(Locale.FRENCH)).startsWith("patientRole : CDA-008 Valeur « X » non autorisée");
        });
    }

    @Test
    void aPatientRoleWithoutPatientIsLocatedNotANullPointer() throws IOException {
        String xml = replace(tsh(), "<patient classCode=\"PSN\">", "<patientX classCode=\"PSN\">");
        xml = replace(xml, "</patient>", "</patientX>");
        assertThat(problems(xml)).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaReadError.BAD_PART);
            assertThat(p.path()).isEqualTo("/ClinicalDocument/recordTarget/patientRole");
            assertThat(p.message(Locale.ENGLISH)).isEqualTo("patientRole: no patient element (rule: CI-SIS minimal structure, recordTarget/patientRole/patient 1..1)");
        });
    }

    @Test
    void aPdfCopyThatIsNotBase64IsLocated() throws IOException {
        String xml = replace(tsh(), "representation=\"B64\">", "representation=\"B64\">!!");
        assertThat(problems(xml)).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo(CdaReadError.BAD_PART);
            assertThat(p.path()).contains("/structuredBody/").endsWith("/observationMedia/value");
            assertThat(p.message(Locale.FRENCH)).isEqualTo("value : contenu base64 illisible (règle : type HL7 ED, representation B64)");
        });
    }

    @Test
    void theAssembledReportKeepsTheModelsOwnCodes() throws IOException {
        String xml = tsh().replaceFirst("(?s)<legalAuthenticator>.*?</legalAuthenticator>", "");
        assertThatThrownBy(() -> CrBioReader.create().read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CdaError.NO_VALIDATING_BIOLOGIST);
                    assertThat(e.problems().get(0).path()).isEqualTo("/ClinicalDocument/legalAuthenticator");
                });
    }

    @Test
    void aLenientReaderLeavesOutTheResultItCannotHoldAndSaysWhere() throws IOException {
        String original = tsh();
        int all = CrBioReader.create().read(original.getBytes(StandardCharsets.UTF_8)).report().observationCount();
        String xml = replace(original, "xsi:type=\"PQ\" value=\"7.67\"", "xsi:type=\"XYZ\" value=\"7.67\"");
        assertThatThrownBy(() -> CrBioReader.create().read(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class);
        ReadDocument doc = CrBioReader.lenient().read(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(doc.report().observationCount()).isEqualTo(all - 1);
        assertThat(doc.checks().warnings()).filteredOn(p -> p.code() == CdaReadError.BAD_PART).singleElement()
                .satisfies(p -> {
                    assertThat(p.severity()).isEqualTo(Severity.WARNING);
                    assertThat(p.path()).endsWith("/value/@xsi:type");
                    assertThat(p.message(Locale.ENGLISH)).contains("value type \"XYZ\" is not supported");
                });
    }

    @Test
    void aLevel1SubcontractorDocumentWhosePdfIsNotBase64IsRefusedWithAPlace() throws IOException {
        ReadDocument main = CrBioReader.create().read(tsh().getBytes(StandardCharsets.UTF_8));
        String n1 = new String(fr.segurbio.cda.CrBioWriter.standard().n1(main.report(), main.pdf()).document(),
                StandardCharsets.UTF_8);
        String bad = n1.replaceFirst("(<text[^>]*>)", "$1!!");
        assertThat(bad).isNotEqualTo(n1);
        assertThatThrownBy(() -> CrBioMerger.merge(main.report(), bad.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(CdaException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> {
                            assertThat(p.code()).isEqualTo(CdaReadError.BAD_PART);
                            assertThat(p.path()).isEqualTo("/ClinicalDocument/component/nonXMLBody/text");
                            assertThat(p.message(Locale.ENGLISH)).isEqualTo("text: unreadable base64 content (rule: HL7 ED type, B64 representation)");
                        }));
    }

    @Test
    void anImpossibleDateReadSwappedSaysWhereItIs() throws IOException {
        ReadDocument doc = CrBioReader.create().read(Files.readAllBytes(
                SharedValidator.example("BIO-CR-BIO_2023.01_Electrophorese.xml")));
        assertThat(doc.checks().problems()).filteredOn(p -> p.code() == CdaReadError.IMPOSSIBLE_DATE)
                .isNotEmpty().allSatisfy(p -> assertThat(p.path()).startsWith("/ClinicalDocument/").endsWith("/@value"));
    }
}
