package fr.segurbio.cda.internal.cda.write;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Telecom;

/** Model objects for the write bindings' tests. */
final class WriteFixtures {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");

    private WriteFixtures() {
    }

    /** The examples' sample report (every header part, chapters with sub-chapters, second-line results). */
    static CrBioReport sample() {
        return CrBioJson.read(Path.of("..", "examples", "sample-report.json")).report();
    }

    static Organization lab() {
        return new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
    }

    static HealthProfessional biologist() {
        return HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).organization(lab()).build();
    }

    static Observation tsh() {
        return Observation.builder()
                .loinc(Code.loinc("3016-3", "Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique"))
                .label("TSH").time(T0.plusHours(6)).value(ResultValue.quantity("1.950", "m[IU]/L"))
                .interpretation(Interpretation.N).referenceRange(ReferenceRange.between("0.270", "4.200", "m[IU]/L"))
                .build();
    }

    /** A report without optional part, the patient without INS nor birth date. */
    static CrBioReport.Builder minimal() {
        HealthProfessional bio = biologist();
        Patient patient = Patient.builder().localId(InstanceId.of("1.2.3.4.567.8.9.10", "IPP-77"))
                .birthFamilyName("SANS-INS").gender(Gender.M).build();
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.7", "CR-1")).setId(InstanceId.of("1.2.250.1.213.1.1.9.7", "S-1"))
                .effectiveTime(T0.plusHours(9)).patient(patient)
                .author(new Participation(bio, T0.plusHours(9))).custodian(lab())
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .requestReceived(T0.plusMinutes(20)).performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V-7"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE",
                        ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie")).result(tsh()).build()));
    }
}
