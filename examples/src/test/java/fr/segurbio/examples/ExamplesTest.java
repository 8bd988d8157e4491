package fr.segurbio.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.IdentityStatus;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsKind;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitComparison;
import fr.segurbio.testkit.ConformanceMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example and checks what it produced. */
class ExamplesTest {

    @TempDir
    Path dir;

    @Test
    void checkMatricule() {
        assertThat(CheckMatricule.check("275126322074974", CheckMatricule.OID_NIR, InsEnvironment.PRODUCTION)
                .isValid()).isTrue();
        ValidationResult testOidInProduction = CheckMatricule.check("279035121518989", CheckMatricule.OID_TEST,
                InsEnvironment.PRODUCTION);
        assertThat(testOidInProduction.isValid()).isFalse();
        assertThat(CheckMatricule.check("279035121518989", CheckMatricule.OID_TEST, InsEnvironment.TEST).isValid())
                .isTrue();
        ValidationResult twoProblems = CheckMatricule.check("375126322074975", CheckMatricule.OID_NIR,
                InsEnvironment.PRODUCTION);
        assertThat(twoProblems.errors()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(twoProblems.errors()).allSatisfy(p -> assertThat(p.messageFr()).isNotBlank());
        assertThat(twoProblems.has(InsError.WRONG_KEY)).isTrue();
        CheckMatricule.main(new String[0]);
    }

    @Test
    void qualifyIdentity() {
        QualifyIdentity.Outcome outcome = QualifyIdentity.run();
        assertThat(outcome.typed().status()).isEqualTo(IdentityStatus.PROVISOIRE);
        assertThat(outcome.typed().traits().birthName()).isEqualTo("ECETINSI");
        assertThat(outcome.typed().traits().birthFirstNames()).containsExactly("PIERRE-ALAIN", "MURIEL");
        assertThat(outcome.typed().canBeShared()).isFalse();
        TraitComparison comparison = outcome.comparison();
        assertThat(comparison.isIdentical()).isFalse();
        assertThat(comparison.differences()).extracting(TraitComparison.Difference::trait)
                .contains(Trait.BIRTH_FIRST_NAMES);
        assertThat(outcome.qualified().status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(outcome.qualified().canBeShared()).isTrue();
        assertThat(outcome.qualified().requireShareable().kind()).isEqualTo(InsKind.NIR);
    }

    @Test
    void searchInsi() {
        Optional<Path> xsd = ConformanceMaterial.find("conformance/insi/xsd");
        assumeTrue(xsd.isPresent(), ConformanceMaterial.missing("conformance/insi/xsd"));
        Map<String, String> outcomes = SearchInsi.run(xsd.get());
        assertThat(outcomes).containsExactly(Map.entry("ECETINSI", "00"), Map.entry("HOUILLES", "01"),
                Map.entry("HOMONYME", "02"), Map.entry("PANNE", "unavailable"));
    }

    @Test
    void loginWithPsc() {
        fr.segurbio.core.auth.AuthenticatedPractitioner who = LoginWithPsc.run();
        assertThat(who.nationalId()).isEqualTo("810001234567");
        assertThat(who.rpps()).contains("10001234567");
        assertThat(who.structureId()).isEqualTo("3750000001/LAB1");
        assertThat(who.specialtyCode()).contains("SM99");
    }

    @Test
    void feedDmp() {
        Optional<Path> xds = ConformanceMaterial.find("conformance/xds");
        assumeTrue(xds.isPresent(), ConformanceMaterial.missing("conformance/xds"));
        FeedDmp.Outcome outcome = FeedDmp.run(ConformanceMaterial.root().orElseThrow());
        assertThat(outcome.status().state()).isEqualTo(fr.segurbio.dmp.DmpState.ACTIVE);
        assertThat(outcome.first().pair().n1()).isEqualTo("1.2.250.1.213.1.1.9.1.2024.1.1^N1");
        assertThat(outcome.replacement().replacement()).isTrue();
        assertThat(outcome.afterMask()).filteredOn(d -> d.uniqueId().startsWith("1.2.250.1.213.1.1.9.1.2024.1.2"))
                .hasSize(2).allSatisfy(d -> assertThat(d.visibility())
                        .containsExactly(fr.segurbio.dmp.Visibility.HIDDEN_FROM_PROFESSIONALS));
        assertThat(outcome.afterDelete()).isEmpty();
    }

    @Test
    void sendByMssante() {
        SendByMssante.Outcome outcome = SendByMssante.run();
        assertThat(outcome.submission().allAccepted()).isTrue();
        assertThat(outcome.atDoctor().n3()).isPresent();
        assertThat(outcome.atDoctor().n1()).isPresent();
        assertThat(outcome.statuses()).containsEntry(SendByMssante.DOCTOR,
                fr.segurbio.mss.returns.RecipientStatus.PROCESSED)
                .containsEntry("275126322074974@patient.mssante.fr", fr.segurbio.mss.returns.RecipientStatus.SENT);
    }

    @Test
    void printInsDatamatrix() throws Exception {
        Path png = dir.resolve("ins.png");
        PrintInsDatamatrix.Outcome outcome = PrintInsDatamatrix.run(png);
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(outcome.decoded().isValid()).isTrue();
        assertThat(outcome.decoded().ins()).isEqualTo(outcome.encoded().ins());
        assertThat(outcome.decoded().traits()).contains(outcome.encoded().traits());
    }

    @Test
    void transcodeCatalogue() throws Exception {
        TranscodeCatalogue.Outcome outcome = TranscodeCatalogue.run(dir.resolve("fhir"));
        // K has a LOINC code with a wrong check digit (2823-4 instead of 2823-3): its line is rejected.
        assertThat(outcome.imported().rejected()).singleElement()
                .satisfies(line -> {
                    assertThat(line.line()).isEqualTo(7);
                    assertThat(line.raw()).startsWith("K;Potassium");
                    assertThat(line.reasons()).anySatisfy(r -> assertThat(r.messageFr()).contains("2823-3"));
                });
        assertThat(outcome.imported().catalogue().size()).isEqualTo(6);
        // FER is not transcoded; CHOL's factor mg/dL → g/L is 0.01, not 0.1.
        assertThat(outcome.checks().problems()).anySatisfy(p -> assertThat(p.path()).contains("FER"));
        assertThat(outcome.checks().problems()).anySatisfy(p -> assertThat(p.path()).contains("CHOL"));
        assertThat(outcome.checks().problems()).noneSatisfy(p -> assertThat(p.path()).contains("GLY"));
        Path conceptMap = outcome.fhirFiles().stream()
                .filter(f -> Files.isRegularFile(f) && readString(f).contains("\"ConceptMap\"")).findFirst().orElseThrow();
        String json = readString(conceptMap);
        assertThat(json).contains("http://loinc.org", "\"2345-7\"", "\"14682-9\"", "\"GLY\"");
    }

    @Test
    void buildLabReportThenValidateIt() throws Exception {
        BuildLabReport.Outcome outcome = BuildLabReport.run(dir);
        String n3 = Files.readString(outcome.n3(), StandardCharsets.UTF_8);
        assertThat(n3).contains("275126322074974", "2345-7", "14682-9", "1.2.250.1.213.1.1.1.55");
        assertThat(Files.readAllBytes(outcome.pdf())).startsWith('%', 'P', 'D', 'F');
        assertThat(Files.readString(outcome.n1())).contains("nonXMLBody");
        assertThat(outcome.n3Metadata().patientId()).hasValueSatisfying(id -> assertThat(id.format()).startsWith("275126322074974^^^&1.2.250.1.213.1.4."));
        assertThat(outcome.n3Metadata().size()).isEqualTo(Files.size(outcome.n3()));
        assertThat(outcome.n1Metadata().formatCode().code()).isEqualTo("urn:ihe:iti:xds-sd:pdf:2008");

        // The single schematron-compiling test of this module: the N3 just built is conformant.
        Optional<Path> cda = ConformanceMaterial.find("conformance/cda");
        assumeTrue(cda.isPresent(), ConformanceMaterial.missing("conformance/cda"));
        ValidationReport report = ValidateLabReport.run(outcome.n3(), cda.get());
        assertThat(report.errors()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
