package fr.segurbio.cda.xds;

import static fr.segurbio.cda.xds.CompositesTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.Telecom;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/** sourcePatientInfo (dmp.md §9: PID-3/5/7/8) and intendedRecipient (XON|XCN|XTN). */
class PatientAndRecipientTest {

    private static Patient.Builder patient() {
        return Patient.builder()
                .ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"));
    }

    @Test
    void theSourcePatientInfoLinesAreTheDmps() {
        SourcePatientInfo info = SourcePatientInfo.of(patient().build());
        assertThat(info.lines()).containsExactly(
                "PID-3|279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH",
                "PID-3|1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI",
                "PID-5|PAT-TROIS^DOMINIQUE^^^^^L",
                "PID-7|19790328",
                "PID-8|F");
        assertThat(SourcePatientInfo.parse(info.lines())).isEqualTo(info);
    }

    @Test
    void anUnqualifiedInsStaysOutAndAnUnknownBirthDateHasNoLine() {
        Patient p = Patient.builder().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), false)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "IPP-7")).birthFamilyName("O'NEIL^DUPONT")
                .gender(Gender.U).build();
        SourcePatientInfo info = SourcePatientInfo.of(p);
        assertThat(info.lines()).containsExactly("PID-3|IPP-7^^^&1.2.3.4.567.8.9.10&ISO^PI",
                "PID-5|O'NEIL\\S\\DUPONT^^^^^^L", "PID-8|U");
        assertThat(SourcePatientInfo.parse(info.lines())).isEqualTo(info);
        assertThat(info.givenName()).isEmpty();
        assertThat(info.birthDate()).isEmpty();
    }

    @Test
    void badSourcePatientInfoLinesAreCodedProblems() {
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A^B^^^^^L", "PID-7|1979-03-28", "PID-8|F")),
                XdsError.BAD_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A^B^^^^^L", "PID-8|X")), XdsError.BAD_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A^B^^^^^D", "PID-8|F")), XdsError.BAD_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5 A^B", "PID-8|F")), XdsError.BAD_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A^B^^^^^L", "PID-11|1 rue^^PARIS", "PID-8|F")),
                XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A", "PID-5|B", "PID-8|F")),
                XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-5|A^B^^^^^L")), XdsError.MISSING_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-8|F")), XdsError.MISSING_COMPONENT);
        assertProblem(() -> SourcePatientInfo.parse(List.of("PID-3|^^^&1.2.3&ISO^PI", "PID-5|A", "PID-8|F")),
                XdsError.MISSING_COMPONENT);
    }

    @Test
    void anIntendedRecipientIsOrganizationPersonAndMailbox() {
        HealthProfessional doctor = HealthProfessional.builder().id(InstanceId.idNatPs("801234567897"))
                .name(new PersonName("M", "Stéphane", "MEDIONI", "DR"))
                .telecom(Telecom.phone("0147150000", "WP"))
                .telecom(Telecom.email("stephane.medioni@medecin.mssante.fr", null))
                .organization(new Organization(InstanceId.idNatStruct("2801234567"), "Centre de soins le Belvédère",
                        null, List.of(), null))
                .build();
        IntendedRecipient r = IntendedRecipient.of(doctor);
        assertThat(r.format()).isEqualTo("Centre de soins le Belvédère^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^2801234567"
                + "|801234567897^MEDIONI^Stéphane^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
                + "|^^Internet^stephane.medioni@medecin.mssante.fr");
        assertThat(IntendedRecipient.parse(r.format())).isEqualTo(r);

        HealthProfessional alone = HealthProfessional.builder().id(InstanceId.idNatPs("810002422979"))
                .name(PersonName.of("Pascal", "CHARLES")).build();
        IntendedRecipient person = IntendedRecipient.of(alone);
        assertThat(person.format()).isEqualTo("|810002422979^CHARLES^Pascal^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS");
        assertThat(IntendedRecipient.parse(person.format())).isEqualTo(person);
        IntendedRecipient org = IntendedRecipient.parse("Labo^^^^^^^^^1.2.3.4");
        assertThat(org.person()).isEmpty();
        assertThat(org.organization().map(Xon::organizationIdentifier)).contains("1.2.3.4");
        assertThat(org.format()).isEqualTo("Labo^^^^^^^^^1.2.3.4");
    }

    @Test
    void badIntendedRecipientsAreCodedProblems() {
        assertProblem(() -> IntendedRecipient.parse(""), XdsError.MISSING_COMPONENT);
        assertProblem(() -> IntendedRecipient.parse("|"), XdsError.MISSING_COMPONENT);
        assertProblem(() -> IntendedRecipient.parse("Labo|8^A|^PRN^PH^0102030405"), XdsError.BAD_COMPONENT);
        assertProblem(() -> IntendedRecipient.parse("Labo|8^A|^^Internet^a@b|extra"), XdsError.UNSUPPORTED_COMPONENT);
        assertProblem(() -> IntendedRecipient.parse("Labo~Autre"), XdsError.STRAY_DELIMITER);
        assertProblem(() -> new IntendedRecipient(Optional.empty(), Optional.empty(), Optional.of("a@b")),
                XdsError.MISSING_COMPONENT);
    }
}
