package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Code;
import fr.segurbio.dmp.internal.Responses;
import fr.segurbio.transport.SecureXml;

/** The error codes, the consent tables, the pairing rule, the value sets and the TD0.2 reader. */
class RulesTest {

    @Test
    void errorCodesAreUniqueNumberedAndBilingualWithTheSameArguments() {
        Set<String> ids = new HashSet<>();
        Pattern arg = Pattern.compile("%s");
        for (DmpError e : DmpError.values()) {
            assertThat(e.id()).matches("DMP-\\d{3}");
            assertThat(ids.add(e.id())).as(e.id()).isTrue();
            assertThat(e.frenchTemplate()).isNotBlank().isNotEqualTo(e.englishTemplate());
            assertThat(count(arg.matcher(e.frenchTemplate()))).as(e.id()).isEqualTo(count(arg.matcher(e.englishTemplate())));
        }
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void feedingTable() {
        PatientConsent ok = PatientConsent.informedNotOpposed(null);
        assertThat(ConsentGate.checkFeeding(DmpStatus.active(AuthorizationStatus.NONE), ok).isValid()).isTrue();
        ValidationResultAssert.codes(ConsentGate.checkFeeding(DmpStatus.active(AuthorizationStatus.VALID),
                new PatientConsent(false, false, false, Optional.empty()))).containsExactly(DmpError.PATIENT_NOT_INFORMED);
        ValidationResultAssert.codes(ConsentGate.checkFeeding(DmpStatus.active(AuthorizationStatus.VALID),
                PatientConsent.opposed(null))).containsExactly(DmpError.PATIENT_OPPOSED);
        DmpStatus closed = new DmpStatus(DmpState.CLOSED, AuthorizationStatus.VALID,
                Optional.of(LocalDate.of(2025, 1, 2)), Optional.of("décès"), Set.of(), Optional.empty());
        ValidationResultAssert.codes(ConsentGate.checkFeeding(closed, PatientConsent.opposed(null)))
                .containsExactly(DmpError.DMP_CLOSED, DmpError.PATIENT_OPPOSED);
        DmpStatus absent = new DmpStatus(DmpState.ABSENT, AuthorizationStatus.NONE, Optional.empty(),
                Optional.empty(), Set.of(), Optional.empty());
        ValidationResultAssert.codes(ConsentGate.checkFeeding(absent, ok)).containsExactly(DmpError.DMP_ABSENT);
        DmpStatus opposedInDmp = new DmpStatus(DmpState.ACTIVE, AuthorizationStatus.VALID, Optional.empty(),
                Optional.empty(), Set.of(ConsentGate.OPPOSITION_FEEDING), Optional.empty());
        ValidationResultAssert.codes(ConsentGate.checkFeeding(opposedInDmp, ok)).containsExactly(DmpError.PATIENT_OPPOSED);
    }

    @Test
    void consultationTable() {
        PatientConsent consent = PatientConsent.informedNotOpposed(null).withConsultationConsent();
        assertThat(ConsentGate.checkConsultation(DmpStatus.active(AuthorizationStatus.VALID), consent).isValid()).isTrue();
        for (AuthorizationStatus a : new AuthorizationStatus[] {AuthorizationStatus.NONE, AuthorizationStatus.EXPIRED,
            AuthorizationStatus.FORBIDDEN}) {
            ValidationResultAssert.codes(ConsentGate.checkConsultation(DmpStatus.active(a), consent))
                    .containsExactly(DmpError.NOT_AUTHORISED);
        }
        ValidationResultAssert.codes(ConsentGate.checkConsultation(DmpStatus.active(AuthorizationStatus.VALID),
                PatientConsent.informedNotOpposed(null))).containsExactly(DmpError.NO_CONSULTATION_CONSENT);
    }

    @Test
    void theN3OfAnN1FollowsCdaBiosRule() {
        assertThat(DocumentPair.ofN1("1.2.3^CR-1-N1").n3()).isEqualTo("1.2.3^CR-1");
        assertThat(DocumentPair.ofN1("1.2.3^N1").n3()).isEqualTo("1.2.3");
        assertThatThrownBy(() -> DocumentPair.ofN1("1.2.3^CR-1")).isInstanceOfSatisfying(DmpException.class,
                e -> assertThat(e.code()).isEqualTo(DmpError.PAIR_MISMATCH));
        assertThatThrownBy(() -> new DocumentPair("1.2.3", "1.2.3")).isInstanceOf(DmpException.class);
    }

    @Test
    void theEmbeddedFacilityAndPracticeSetsAreThoseOfTheCisisJdv() throws Exception {
        Path dir = Schemas.shared("conformance/cda/jeuxDeValeurs");
        Set<String> j02 = jdv(dir, "JDV_J02");
        Set<String> j04 = jdv(dir, "JDV_J04");
        assertThat(j02).filteredOn(c -> c.endsWith("|1.2.250.1.71.4.2.4"))
                .containsExactlyInAnyOrderElementsOf(DmpValueSets.FACILITY_CODES);
        assertThat(j04).filteredOn(c -> c.endsWith("|1.2.250.1.213.1.1.4.9"))
                .containsExactlyInAnyOrderElementsOf(DmpValueSets.PRACTICE_CODES);
        assertThat(DmpValueSets.contains(DmpValueSets.FORMAT_CODES,
                Code.of("urn:asip:ci-sis:cr-bio:2024", "1.3.6.1.4.1.19376.1.2.3", null))).isFalse();
    }

    private static Set<String> jdv(Path dir, String prefix) throws Exception {
        Path file;
        try (var files = Files.list(dir)) {
            file = files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
        }
        Set<String> out = new HashSet<>();
        var concepts = SecureXml.parse(Files.readAllBytes(file)).getElementsByTagNameNS("*", "Concept");
        for (int i = 0; i < concepts.getLength(); i++) {
            var c = (org.w3c.dom.Element) concepts.item(i);
            out.add(c.getAttribute("code") + "|" + c.getAttribute("codeSystem"));
        }
        return out;
    }

    @Test
    void td02Answers() {
        String ns = "xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        DmpStatus s = Responses.td02(SecureXml.parse("<PRPA_IN201308UV02 " + ns + "><controlActProcess><subject>"
                + "<registrationEvent><subject1><patient>"
                + "<subjectOf><observation><code code=\"DMP_STATUT\"/><value xsi:type=\"CS\" code=\"FERME\"/></observation></subjectOf>"
                + "<subjectOf><observation><code code=\"AUTORISATION\"/><value xsi:type=\"CS\" code=\"INTERDIT\"/></observation></subjectOf>"
                + "<subjectOf><observation><code code=\"OPPOSITION_BRIS_DE_GLACE\"/><value xsi:type=\"BL\" value=\"true\"/></observation></subjectOf>"
                + "<subjectOf><observation><code code=\"OPPOSITION_ACCES_URGENCE\"/><value xsi:type=\"BL\" value=\"false\"/></observation></subjectOf>"
                + "</patient></subject1></registrationEvent></subject><queryAck><queryResponseCode code=\"OK\"/></queryAck>"
                + "</controlActProcess></PRPA_IN201308UV02>").getDocumentElement());
        assertThat(s.state()).isEqualTo(DmpState.CLOSED);
        assertThat(s.authorization()).isEqualTo(AuthorizationStatus.FORBIDDEN);
        assertThat(s.oppositions()).containsExactly("OPPOSITION_BRIS_DE_GLACE");
        DmpStatus none = Responses.td02(SecureXml.parse("<PRPA_IN201308UV02 " + ns + "><controlActProcess><queryAck>"
                + "<queryResponseCode code=\"NF\"/></queryAck></controlActProcess></PRPA_IN201308UV02>")
                .getDocumentElement());
        assertThat(none.state()).isEqualTo(DmpState.ABSENT);
        assertThatThrownBy(() -> Responses.td02(SecureXml.parse("<x " + ns + "/>").getDocumentElement()))
                .isInstanceOfSatisfying(DmpException.class,
                        e -> assertThat(e.code()).isEqualTo(DmpError.RESPONSE_MALFORMED));
    }
}
