package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.ins.Ins;

/**
 * The done-criterion of the writers: every N3 and N1 the sample report and the test fixture produce has no error
 * with the full ANS set (XSD, structuration minimale, IHE, CI-SIS, ANS, terminologies, volet 2024.01 for the N3).
 * An IT because compiling the ANS schematrons takes about a minute on a shared 2-core machine; the validator is
 * the failsafe JVM's shared one ({@link SharedValidator}), compiled once for every IT of the module.
 */
class CrBioConformanceIT {

    private static CrBioValidator validator;

    @BeforeAll
    static void compile() {
        // the failsafe JVM's one validator, shared with DifferentialValidationIT (skips when the material is absent)
        validator = SharedValidator.get();
    }

    private static void assertNoError(WrittenDocument doc, String what) {
        ValidationReport r = validator.validate(doc.document());
        assertThat(r.errors()).as(what + ": " + r.errors().stream().map(Object::toString)
                .collect(Collectors.joining("\n"))).isEmpty();
        assertThat(r.isValid()).isTrue();
    }

    @Test
    void theSampleReportGivesConformingN3AndN1() {
        JsonReport in = CrBioJson.read(CrBioJsonTest.SAMPLE);
        CrBioWriter writer = CrBioWriter.builder().stylesheet(in.stylesheet().orElse(null)).build();
        byte[] pdf = in.pdf().orElseGet(() -> CrBioPdfRenderer.create().render(in.report()));
        WrittenDocument n3 = writer.n3(in.report(), pdf);
        ValidationReport r = validator.validate(n3.document());
        assertThat(r.volet()).contains("BIO-CR-BIO_2024.01");
        assertNoError(n3, "sample N3");
        assertNoError(writer.n1(in.report(), pdf), "sample N1");
    }

    @Test
    void theFixtureWithEveryPartOfTheModelConforms() {
        CrBioWriter writer = CrBioWriter.standard();
        assertNoError(writer.n3(Fixtures.report(), Fixtures.pdf()), "fixture N3");
        assertNoError(writer.n1(Fixtures.report(), Fixtures.pdf()), "fixture N1");
    }

    @Test
    void aReportWithTheLocalIdentifierOnlyConforms() {
        Patient p = Fixtures.patient().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), false).build();
        CrBioReport r = Fixtures.report(p).build();
        assertNoError(CrBioWriter.standard().n3(r, Fixtures.pdf()), "local-id N3");
        assertNoError(CrBioWriter.standard().n1(r, Fixtures.pdf()), "local-id N1");
    }
}
