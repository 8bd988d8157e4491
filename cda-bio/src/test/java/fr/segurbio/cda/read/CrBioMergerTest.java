package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.validation.SharedValidator;

class CrBioMergerTest {

    private static final CrBioReader READER = CrBioReader.create();

    @Test
    void theSubcontractorsResultsAreAddedWithItsLabAsPerformer() throws IOException {
        ReadDocument main = READER.read(Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml")));
        byte[] sub = Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2024.01_Glycemie_mole.xml"));
        CrBioReport subReport = READER.read(sub).report();

        CrBioReport merged = CrBioMerger.merge(main.report(), sub);

        assertThat(merged.chapters()).hasSize(main.report().chapters().size() + subReport.chapters().size());
        assertThat(merged.observationCount())
                .isEqualTo(main.report().observationCount() + subReport.observationCount());
        String subLab = subReport.performingLab().professional().organization().orElseThrow().id().toString();
        merged.chapters().subList(main.report().chapters().size(), merged.chapters().size()).stream()
                .flatMap(c -> c.entries().stream())
                .forEach(e -> assertThat(e.performer()).hasValueSatisfying(p -> assertThat(
                        p.professional().organization().orElseThrow().id().toString()).isEqualTo(subLab)));
        byte[] n3 = CrBioWriter.standard().n3(merged, main.pdf()).document();
        assertThat(SharedValidator.get().validate(n3).errors()).isEmpty();
    }

    @Test
    void anotherPatientIsRefused() throws IOException {
        ReadDocument main = READER.read(Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml")));
        String other = Files.readString(SharedValidator.example("BIO-CR-BIO_2024.01_Glycemie_mole.xml"),
                StandardCharsets.UTF_8).replace("279035121518989", "180017512345660");
        assertThatThrownBy(() -> CrBioMerger.merge(main.report(), other.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CdaException.class).hasMessageContaining("CDA-603");
    }

    @Test
    void aLevel1SubcontractorReportIsKeptAsAPdfAttachment() throws IOException {
        ReadDocument main = READER.read(Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2024.01_TSH_1.xml")));
        byte[] n1 = Files.readAllBytes(SharedValidator.example("BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml"));
        CrBioReport merged = CrBioMerger.merge(main.report(), n1);
        assertThat(merged.secondLineResults()).hasSize(main.report().secondLineResults().size() + 1);
        assertThat(merged.secondLineResults().get(merged.secondLineResults().size() - 1).mediaType())
                .isEqualTo("application/pdf");
        assertThat(merged.observationCount()).isEqualTo(main.report().observationCount());
    }
}
