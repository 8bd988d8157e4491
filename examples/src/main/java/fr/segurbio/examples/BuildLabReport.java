package fr.segurbio.examples;

import fr.segurbio.cda.*;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.pdf.PdfRendering;
import fr.segurbio.cda.xds.Cx;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.ins.*;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Builds a lab report (CR-BIO) with the model's builders and writes the three documents Ségur asks for: the
 * CDA R2 level 3 (N3, structured), the PDF/A-1b with the INS Datamatrix, and the CDA R2 level 1 (N1, the PDF).
 *
 * <p>Shows: a report that builds is complete (a missing biologist, patient or result is a {@code CdaException}
 * listing every problem); the patient's INS goes into the documents only because the identity is qualified;
 * the same PDF bytes are embedded in the N3 and the N1; the writers return the XDS metadata the DMP and
 * MSSanté need, so nothing re-parses the XML.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.BuildLabReport -Dexec.args="out/cr-bio"
 * </pre>
 */
public final class BuildLabReport {

    /** The three files written and the XDS metadata of the two CDA documents. */
    public record Outcome(CrBioReport report, Path n3, Path pdf, Path n1, XdsMetadata n3Metadata,
            XdsMetadata n1Metadata) {
    }

    private BuildLabReport() {
    }

    /**
     * The report of the example: a qualified patient, a serum specimen, glucose and creatinine.
     *
     * @return the report
     */
    public static CrBioReport report() {
        OffsetDateTime sampled = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");
        // Ségur: the INS is written only for a QUALIFIEE identity (retrieved via INSi + identity document).
        PatientIdentity identity = PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8", InsEnvironment.PRODUCTION))
                .retrievedFromInsi(true).checkedOn(HighTrustDocument.PASSEPORT)
                .localIdentifier(LocalIdentifier.of("IPP-000123", "1.2.250.1.213.1.1.9.7"))   // the IPP, always
                .build();
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional biologist = HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).organization(lab).build();
        OffsetDateTime validated = sampled.plusHours(6);

        ResultEntry biochemistry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                        .collected(sampled).received(sampled.plusMinutes(20)).build())
                // LOINC codes and UCUM units are checked when the report is built (CDA-005, CDA-006).
                .result(Observation.builder().loinc(Code.loinc("2345-7", "Glucose [Masse/Volume] Sérum/Plasma ; Numérique"))
                        .label("Glycémie à jeun").time(sampled.plusHours(2))
                        .value(ResultValue.quantity("1.32", "g/L")).interpretation(Interpretation.H)
                        .referenceRange(ReferenceRange.between("0.70", "1.10", "g/L")).build())
                .result(Observation.builder().loinc(Code.loinc("14682-9", "Créatinine [Moles/Volume] Sérum/Plasma ; Numérique"))
                        .label("Créatinine").time(sampled.plusHours(2))
                        .value(ResultValue.quantity("68", "umol/L")).interpretation(Interpretation.N)
                        .referenceRange(ReferenceRange.between("45", "84", "umol/L")).build())
                .validator(new Participation(biologist, validated))
                .build();

        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1")).setId(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1"))
                .effectiveTime(validated)
                .patient(Patient.builder().identity(identity).build())
                .author(new Participation(biologist, validated)).custodian(lab)
                .legalAuthenticator(new Participation(biologist, validated))   // the validating biologist
                .performingLab(new Participation(biologist, validated))
                .requestReceived(sampled.plusMinutes(20))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2024-1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), sampled, biologist,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE", biochemistry))
                .build();
    }

    /**
     * Writes {@code CR-BIO-N3.xml}, {@code CR-BIO.pdf} and {@code CR-BIO-N1.xml} into a folder.
     *
     * @param outDir the folder
     * @return the files and their metadata
     */
    public static Outcome run(Path outDir) {
        CrBioReport report = report();
        PdfRendering pdf = CrBioPdfRenderer.create().renderWithWarnings(report);   // PDF/A-1b + INS Datamatrix
        pdf.warnings().forEach(w -> System.out.println(w.code().id() + " " + w.messageFr()));
        CrBioWriter writer = CrBioWriter.standard();   // thread-safe: build once, share
        WrittenDocument n3 = writer.n3(report, pdf.pdf());
        WrittenDocument n1 = writer.n1(report, pdf.pdf());
        try {
            Files.createDirectories(outDir);
            Outcome outcome = new Outcome(report, Files.write(outDir.resolve("CR-BIO-N3.xml"), n3.document()),
                    Files.write(outDir.resolve("CR-BIO.pdf"), pdf.pdf()),
                    Files.write(outDir.resolve("CR-BIO-N1.xml"), n1.document()), n3.metadata(), n1.metadata());
            print(outcome.n3(), n3.metadata());
            print(outcome.n1(), n1.metadata());
            System.out.printf("%s : %d page(s), %d octets%n", outcome.pdf(), pdf.pageCount(), pdf.pdf().length);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(Path file, XdsMetadata m) {
        System.out.printf("%s (%s) uniqueId %s, setId %s v%d%n", file, m.kind(), m.uniqueId(), m.setId(), m.version());
        System.out.printf("  typeCode %s, classCode %s, formatCode %s, eventCodes %s%n", m.typeCode().code(),
                m.classCode().code(), m.formatCode().code(), m.eventCodes().stream().map(Code::code).toList());
        // patientId is the INS (INS^^^&OID&ISO^NH), present only for a qualified INS; sourcePatientId is the IPP.
        System.out.printf("  patientId %s, sourcePatientId %s%n", m.patientId().map(Cx::format).orElse("(INS non qualifié)"),
                m.sourcePatientId().format());
        System.out.printf("  creationTime %s, size %d, hash %s%n", m.creationTime(), m.size(), m.hash());
    }

    /**
     * Runs the example.
     *
     * @param args the output folder (default {@code out/cr-bio})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "out/cr-bio"));
    }
}
