package fr.segurbio.cda.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.WrittenDocument;

/** The metadata of the examples' sample report, as the writer returns it and as the projection computes it. */
class XdsProjectionTest {

    private static final byte[] PDF = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static CrBioReport sample;

    @BeforeAll
    static void readSample() throws IOException {
        sample = CrBioJson.read(Path.of("..", "examples", "sample-report.json")).report();
    }

    @Test
    void theSampleReportsN3Metadata() {
        WrittenDocument n3 = CrBioWriter.standard().n3(sample, PDF);
        XdsMetadata m = n3.metadata();
        assertThat(m.kind()).isEqualTo(DocumentKind.N3);
        assertThat(m.uniqueId()).isEqualTo("1.2.250.1.213.1.1.9.1.2024.1.1");
        assertThat(m.setId()).isEqualTo("1.2.250.1.213.1.1.9.1.2024.1");
        assertThat(m.typeCode()).isEqualTo(Code.loinc("11502-2", "CR d'examens biologiques"));
        assertThat(m.classCode().code()).isEqualTo("10");
        assertThat(m.formatCode().code()).isEqualTo("urn:ihe:lab:xd-lab:2008");
        assertThat(m.mimeType()).isEqualTo("text/xml");
        assertThat(XdsMetadata.dtm(m.creationTime())).isEqualTo("20240104153500");
        assertThat(m.patientId().map(Cx::format)).contains("279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH");
        assertThat(m.sourcePatientId().format()).isEqualTo("1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI");
        assertThat(m.sourcePatientInfo().lines()).containsExactly(
                "PID-3|279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH",
                "PID-3|1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI",
                "PID-5|PAT-TROIS^DOMINIQUE^^^^^L", "PID-7|19790328", "PID-8|F");
        assertThat(m.authors()).singleElement().satisfies(a -> {
            assertThat(a.person().format())
                    .isEqualTo("801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
            assertThat(a.institution().map(Xon::format))
                    .contains("Laboratoire des charmes^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^1120459876");
            assertThat(a.specialtyValue())
                    .contains("G15_10/SM03^Médecin - Biologie médicale (SM)^1.2.250.1.213.1.1.4.5");
        });
        assertThat(m.legalAuthenticator().map(Xcn::format))
                .contains("801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(m.intendedRecipients()).extracting(IntendedRecipient::format).containsExactly(
                "Centre de soins le Belvédère^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^2801234567"
                        + "|801234567897^MEDIONI^Stéphane^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
                        + "|^^Internet^stephane.medioni@medecin.mssante.fr",
                "|810002422979^CHARLES^Pascal^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
                        + "|^^Internet^pascal.charles@medecin.mssante.fr");
        assertThat(m.practiceSettingCode().code()).isEqualTo("AMBULATOIRE");
        assertThat(m.healthcareFacilityTypeCode().code()).isEqualTo("SA25");
        assertThat(m.eventCodes()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(m.size()).isEqualTo(n3.document().length);

        assertThat(XdsProjection.n3(sample, n3.document())).isEqualTo(m);
    }

    @Test
    void theN1ProjectionMatchesTheWriters() {
        WrittenDocument n1 = CrBioWriter.standard().n1(sample, PDF);
        assertThat(n1.metadata().formatCode()).isEqualTo(XdsMetadata.FORMAT_N1_PDF);
        assertThat(n1.metadata().uniqueId()).isEqualTo("1.2.250.1.213.1.1.9.1.2024.1.1^N1");
        assertThat(XdsProjection.n1(sample, n1.document())).isEqualTo(n1.metadata());
    }

    @Test
    void theBuilderMakesTheSameMetadataAndNamesWhatIsMissing() {
        XdsMetadata m = CrBioWriter.standard().n3(sample, PDF).metadata();
        XdsMetadata.Builder b = XdsMetadata.builder().kind(m.kind()).ids(m.uniqueId(), m.setId(), m.version())
                .codes(m.typeCode(), m.classCode(), m.formatCode()).title(m.title())
                .times(m.creationTime(), m.serviceStartTime(), m.serviceStopTime())
                .confidentiality(m.confidentialityCode(), m.languageCode())
                .patient(m.patientId().orElse(null), m.sourcePatientId(), m.sourcePatientInfo())
                .legalAuthenticator(m.legalAuthenticator().orElse(null))
                .setting(m.practiceSettingCode(), m.healthcareFacilityTypeCode())
                .content(m.size(), m.hash());
        m.authors().forEach(b::author);
        m.intendedRecipients().forEach(b::intendedRecipient);
        m.eventCodes().forEach(b::eventCode);
        assertThat(b.build()).isEqualTo(m);

        assertThatThrownBy(() -> XdsMetadata.builder().kind(DocumentKind.N3).ids("1.2.3", "1.2", 1)
                .times(Instant.EPOCH, null, null).build())
                .isInstanceOfSatisfying(CdaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CdaError.MISSING);
                    assertThat(e.problems().get(0).messageEn()).contains("XdsMetadata.typeCode");
                });
    }
}
