package fr.segurbio.dispatch.chaos;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.Encounter;
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
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.Telecom;
import fr.segurbio.dispatch.Consent;
import fr.segurbio.dispatch.Correspondent;
import fr.segurbio.dispatch.Publication;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.LocalIdentifier;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reports of the reliability tests, derived from their identifier alone ({@code CHAOS-<run>-<n>}), so that a
 * restarted dispatcher process (or a sender) rebuilds exactly the report the journal refers to: patient
 * {@code n % 3} (qualified INS, test OID), prescriber {@code n % 3}, and a copy recipient for every fourth report.
 */
public final class ChaosReports {

    /** The qualified patients' INS (NIR, test OID). */
    public static final List<String> PATIENTS = List.of("279035121518989", "275126322074974", "182017512345659");
    /** The prescribers' mailboxes. */
    public static final List<String> PRESCRIBERS = List.of("dr.martin@medecin.mssante.fr",
            "dr.durand@medecin.mssante.fr", "dr.petit@cabinet.mssante.fr");
    /** The copy recipient of every fourth report. */
    public static final String COPY = "secretariat.nephro@hopital.mssante.fr";
    /** The lab's application mailbox (the sender). */
    public static final String LAB = "labo.charmes@labo.mssante.fr";
    /** The INS-NIR test OID. */
    public static final String TEST_OID = "1.2.250.1.213.1.4.10";

    private static final byte[] PDF = pdf(2_000);

    private ChaosReports() {
    }

    /**
     * The identifier of report {@code n} of a run.
     *
     * @param run the run's tag
     * @param n the report's number
     * @return {@code CHAOS-<run>-<n>}
     */
    public static String id(String run, int n) {
        return "CHAOS-" + run + "-" + n;
    }

    /**
     * The number of a report.
     *
     * @param reportId its identifier
     * @return its number
     */
    public static int number(String reportId) {
        return Integer.parseInt(reportId.substring(reportId.lastIndexOf('-') + 1));
    }

    /**
     * Every mailbox that may receive a message in a run: prescribers, copy recipient, patients.
     *
     * @return the addresses
     */
    public static List<String> mailboxes() {
        List<String> all = new ArrayList<>(PRESCRIBERS);
        all.add(COPY);
        PATIENTS.forEach(p -> all.add(p + "@patient.mssante.fr"));
        return all;
    }

    /**
     * The publication of a report, its N3 and N1 written by cda-bio.
     *
     * @param reportId the report
     * @return version 1, no opposition, no hold
     */
    public static Publication publication(String reportId) {
        int n = number(reportId);
        CrBioReport report = report(reportId);
        Publication.Builder b = Publication.builder(reportId, 1)
                .n3(CrBioWriter.standard().n3(report, PDF).document())
                .n1(CrBioWriter.standard().n1(report, PDF).document()).pdf(PDF)
                .qualifiedIns(PATIENTS.get(n % PATIENTS.size())).consent(Consent.NONE)
                .correspondent(new Correspondent("Prescripteur " + n % PRESCRIBERS.size(),
                        Optional.of(PRESCRIBERS.get(n % PRESCRIBERS.size()))));
        if (n % 4 == 0) {
            b.correspondent(new Correspondent("Secrétariat de néphrologie", Optional.of(COPY)));
        }
        return b.build();
    }

    /**
     * The report behind an identifier.
     *
     * @param reportId {@code CHAOS-<run>-<n>}
     * @return the report, one glucose result
     */
    public static CrBioReport report(String reportId) {
        int n = number(reportId);
        OffsetDateTime sampled = OffsetDateTime.parse("2026-11-30T07:35:00+01:00").plusMinutes(n);
        PatientIdentity id = PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .localIdentifier(LocalIdentifier.of("IPP-" + n, "1.2.250.1.213.1.1.9.7"))
                .ins(Ins.of(PATIENTS.get(n % PATIENTS.size()), TEST_OID, InsEnvironment.TEST))
                .retrievedFromInsi(true).checkedOn(HighTrustDocument.PASSEPORT).build();
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional biologist = HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).organization(lab).build();
        OffsetDateTime validated = sampled.plusHours(6);
        ResultEntry entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                        .collected(sampled).received(sampled.plusMinutes(20)).build())
                .validator(new Participation(biologist, validated))
                .result(Observation.builder()
                        .loinc(Code.loinc("2345-7", "Glucose [Masse/Volume] Sérum/Plasma ; Numérique"))
                        .label("Glycémie à jeun").time(sampled.plusHours(2))
                        .value(ResultValue.quantity("1." + (10 + n % 80), "g/L")).interpretation(Interpretation.H)
                        .referenceRange(ReferenceRange.between("0.70", "1.10", "g/L")).build())
                .build();
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.1", reportId))
                .setId(InstanceId.of("1.2.250.1.213.1.1.9.2", reportId))
                .effectiveTime(validated)
                .patient(Patient.builder().identity(id).build())
                .author(new Participation(biologist, validated)).custodian(lab)
                .legalAuthenticator(new Participation(biologist, validated))
                .performingLab(new Participation(biologist, validated))
                .requestReceived(sampled.plusMinutes(20))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V-" + reportId),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), sampled, biologist,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE", entry))
                .build();
    }

    private static byte[] pdf(int size) {
        byte[] b = new byte[size];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
