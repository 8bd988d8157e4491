package fr.segurbio.hl7v2.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.testkit.ConformanceMaterial;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CDA carried in OBX-5.5 still validates with the full ANS set (XSD + schematrons) once decoded. */
class ReportDocumentValidationIT {

    @Test
    void theN3InTheOruHasNoErrorWithTheFullAnsSet() {
        Optional<Path> cda = ConformanceMaterial.find("conformance/cda");
        assumeTrue(cda.isPresent(), ConformanceMaterial.missing("conformance/cda"));
        CrBioValidator validator = CrBioValidator.using(ConformancePackage.at(cda.get())).prepare();
        // the SDK's own N3 of the sample report (its PDF copy rendered by cda-bio)
        JsonReport sample = CrBioJson.read(Path.of(System.getProperty("user.dir")).resolve("../examples/sample-report.json"));
        byte[] pdf = sample.pdf().orElseGet(() -> CrBioPdfRenderer.create().render(sample.report()));
        byte[] xml = CrBioWriter.standard().n3(sample.report(), pdf).document();
        ValidationReport before = validator.validate(xml);
        assertThat(before.errors()).isEmpty();
        Hl7Message oru = ReportMessage.builder().header("SGL", "LAB", "PFI", "CHU").controlId("1")
                .crBio(CrBioReader.create().read(xml), xml)
                .build();
        ReceivedReport received = ReportMessageReader.create().read(Er7Parser.create().parse(oru.toBytes()));
        byte[] carried = received.document().orElseThrow();
        assertThat(carried).isEqualTo(xml);
        ValidationReport after = validator.validate(carried);
        assertThat(after.errors()).isEmpty();
        assertThat(after.findings()).hasSameSizeAs(before.findings());
        // the ANS example's own N3 keeps exactly its findings once carried (it has one error of its own with the
        // current schematrons: a recordTarget name qualifier)
        byte[] ans = AnsExamples.bytes(AnsExamples.CDA_INIT);
        Hl7Message ansOru = ReportMessage.builder().header("SGL", "LAB", "PFI", "CHU").controlId("2")
                .crBio(CrBioReader.create().read(ans), ans).build();
        byte[] ansCarried = ReportMessageReader.create().read(Er7Parser.create().parse(ansOru.toBytes()))
                .document().orElseThrow();
        assertThat(validator.validate(ansCarried).findings()).hasSameSizeAs(validator.validate(ans).findings());
    }
}
