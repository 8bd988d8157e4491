package fr.segurbio.mss;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

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
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.LocalIdentifier;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.mss.xdm.XdmDocument;
import fr.segurbio.mss.xdm.XdmSubmission;

/** Reports built once per JVM for the tests: a qualified patient and one whose identity is provisional. */
public final class TestReports {

    /** The qualified patient's INS. */
    public static final String INS = "275126322074974";

    private static Documents qualified;
    private static Documents provisional;

    private TestReports() {
    }

    /** The N3, N1 and PDF of one report. */
    public record Documents(CrBioReport report, byte[] pdf, WrittenDocument n3, WrittenDocument n1) {
        /**
         * The XDM submission of these documents.
         *
         * @return the submission
         */
        public XdmSubmission submission() {
            return XdmSubmission.builder().n3(XdmDocument.of(n3)).n1(XdmDocument.of(n1)).sourceId("1.2.250.1.213.1.1.9")
                    .uniqueId("1.2.250.1.213.1.1.9.99.1").intendedRecipient("dr.martin@medecin.mssante.fr")
                    .submissionTime(OffsetDateTime.parse("2024-01-04T14:00:00Z").toInstant()).build();
        }
    }

    /**
     * The report of a patient with a qualified INS.
     *
     * @return its documents
     */
    public static synchronized Documents qualified() {
        if (qualified == null) {
            qualified = documents(true, 2);
        }
        return qualified;
    }

    /**
     * The report of a patient whose identity is not qualified.
     *
     * @return its documents
     */
    public static synchronized Documents provisional() {
        if (provisional == null) {
            provisional = documents(false, 2);
        }
        return provisional;
    }

    /**
     * A report with a number of results.
     *
     * @param qualifiedIns whether the INS is qualified
     * @param results how many glucose results
     * @return its documents
     */
    public static Documents documents(boolean qualifiedIns, int results) {
        CrBioReport report = report(qualifiedIns, results);
        byte[] pdf = CrBioPdfRenderer.create().renderWithWarnings(report).pdf();
        CrBioWriter writer = CrBioWriter.standard();
        return new Documents(report, pdf, writer.n3(report, pdf), writer.n1(report, pdf));
    }

    static CrBioReport report(boolean qualifiedIns, int results) {
        OffsetDateTime sampled = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");
        PatientIdentity.Builder id = PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .localIdentifier(LocalIdentifier.of("IPP-000123", "1.2.250.1.213.1.1.9.7"));
        if (qualifiedIns) {
            id.ins(Ins.of(INS, "1.2.250.1.213.1.4.8", InsEnvironment.PRODUCTION)).retrievedFromInsi(true)
                    .checkedOn(HighTrustDocument.PASSEPORT);
        }
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional biologist = HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).organization(lab).build();
        OffsetDateTime validated = sampled.plusHours(6);
        ResultEntry.Builder entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                        .collected(sampled).received(sampled.plusMinutes(20)).build())
                .validator(new Participation(biologist, validated));
        for (int i = 0; i < results; i++) {
            entry.result(Observation.builder()
                    .loinc(Code.loinc("2345-7", "Glucose [Masse/Volume] Sérum/Plasma ; Numérique"))
                    .label("Glycémie à jeun " + (i + 1)).time(sampled.plusHours(2))
                    .value(ResultValue.quantity("1." + (10 + i % 80), "g/L")).interpretation(Interpretation.H)
                    .referenceRange(ReferenceRange.between("0.70", "1.10", "g/L")).build());
        }
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1")).setId(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1"))
                .effectiveTime(validated)
                .patient(Patient.builder().identity(id.build()).build())
                .author(new Participation(biologist, validated)).custodian(lab)
                .legalAuthenticator(new Participation(biologist, validated))
                .performingLab(new Participation(biologist, validated))
                .requestReceived(sampled.plusMinutes(20))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2024-1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), sampled, biologist,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE", entry.build()))
                .build();
    }
}
