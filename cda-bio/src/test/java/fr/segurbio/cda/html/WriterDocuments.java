package fr.segurbio.cda.html;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * CR-BIO N3 documents written by the SDK's own {@link CrBioWriter}, with the {@code xml-stylesheet} processing
 * instruction naming {@link CrBioStylesheet#FILE_NAME}: the documents a lab publishes beside the stylesheet.
 */
final class WriterDocuments {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");
    static final String INS = "279035121518989";

    private WriterDocuments() {
    }

    /** A report with a qualified INS, subcontracting, previous results, comments, an isolate and its antibiogram. */
    static byte[] qualified() {
        return write(report(patient().ins(Ins.of(INS, "1.2.250.1.213.1.4.10"), true).build()));
    }

    /** The same report for a patient whose identity is not qualified (no INS in the document). */
    static byte[] notQualified() {
        return write(report(patient().build()));
    }

    /**
     * A report of 500 results (5 chapters of 100), one comment of 10,000 characters with the symbols of lab
     * reports, and a lab name of 200 characters: the bad input the issue names for the renderers.
     */
    static byte[] large() {
        List<Chapter> chapters = new java.util.ArrayList<>();
        String comment = "Résultat à interpréter : µmol/L ≤ 5 ≥ 2 ± 0,1 ×10⁹/L. ".repeat(200).substring(0, 10_000);
        for (int c = 0; c < 5; c++) {
            ResultEntry.Builder entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"));
            for (int i = 0; i < 100; i++) {
                Observation.Builder o = Observation.builder()
                        .loinc(Code.loinc("2345-7", "Glucose [Masse/Volume] Sérum/Plasma ; Numérique"))
                        .label("Analyse " + c + "-" + i).time(T0.plusHours(2))
                        .value(ResultValue.quantity(c + "." + String.format(java.util.Locale.ROOT, "%03d", i), "g/L"))
                        .referenceRange(ReferenceRange.between("0.70", "1.10", "g/L"));
                if (c == 0 && i == 0) {
                    o.comment(Comment.of(comment));
                }
                entry.result(o.build());
            }
            chapters.add(Chapter.of(Code.loinc("18719-5", "Biochimie"), "CHAPITRE " + (c + 1),
                    List.of(new SubChapter(null, "Sous-chapitre " + (c + 1), entry.build()))));
        }
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"),
                ("Laboratoire de biologie médicale multisite des Hauts-de-Seine et des Yvelines ").repeat(3).substring(0, 200),
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional bio = biologist(lab);
        CrBioReport.Builder report = CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.78.1")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.78"))
                .version(1).effectiveTime(T0.plusHours(9))
                .patient(patient().ins(Ins.of(INS, "1.2.250.1.213.1.4.10"), true).build())
                .author(new Participation(bio, T0.plusHours(9)))
                .custodian(lab)
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .requestId(InstanceId.of("1.2.250.1.213.1.1.9", "202411111124"))
                .requestReceived(T0.plusMinutes(20))
                .performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2024-78"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")));
        chapters.forEach(report::chapter);
        return write(report.build());
    }

    private static byte[] write(CrBioReport report) {
        return CrBioWriter.builder().stylesheet(CrBioStylesheet.FILE_NAME).build().n3(report, pdf()).document();
    }

    private static Patient.Builder patient() {
        return Patient.builder()
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
                .usedFamilyName("MARTIN")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
                .birthCity("DOMPREMY")
                .address(Address.of("28 avenue de Breteuil", "75007", "PARIS"))
                .telecom(Telecom.phone("0144534551", "H"));
    }

    private static Organization lab() {
        return new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des Tilleuls",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
    }

    private static HealthProfessional biologist() {
        return biologist(lab());
    }

    private static HealthProfessional biologist(Organization lab) {
        return HealthProfessional.builder()
                .id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR"))
                .address(Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"))
                .telecom(Telecom.phone("0174589607", "WP"))
                .organization(lab)
                .build();
    }

    private static HealthProfessional subcontractor() {
        return HealthProfessional.builder()
                .id(InstanceId.idNatPs("801234567833"))
                .name(new PersonName("M", "Jean", "DE SANTS", "DR"))
                .organization(new Organization(InstanceId.idNatStruct("1120456733"), "BIOLOGIE SPÉCIALISÉE DE L'EST",
                        Address.of("1 rue des Spécialités", "75013", "PARIS"), List.of(Telecom.phone("0140000000", "WP")),
                        Code.of("ETABLISSEMENT", CodeSystems.PRACTICE_SETTING, "Etablissement de santé")))
                .build();
    }

    private static CrBioReport report(Patient patient) {
        HealthProfessional bio = biologist();
        Observation glucose = Observation.builder()
                .loinc(Code.loinc("40193-5", "Glucose à jeun [Moles/Volume] Sérum/Plasma ; Numérique"))
                .label("Glucose à jeun").time(T0.plusHours(3))
                .value(ResultValue.quantity("7.2", "mmol/L")).interpretation(Interpretation.H)
                .referenceRange(ReferenceRange.between("3.9", "6.1", "mmol/L"))
                .previousResult(new PreviousResult(OffsetDateTime.parse("2023-09-12T08:15:00+02:00"),
                        ResultValue.quantity("6.4", "mmol/L"), Interpretation.H))
                .comment(Comment.of("Contrôle de la glycémie à jeun à prévoir."))
                .build();
        Observation tsh = Observation.builder()
                .loinc(Code.loinc("3016-3", "Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique"))
                .label("Thyréostimuline (TSH)").time(T0.plusHours(6))
                .value(ResultValue.quantity("1.950", "m[IU]/L")).interpretation(Interpretation.N)
                .methodText("ECL Modular")
                .referenceRange(ReferenceRange.between("0.270", "4.200", "m[IU]/L"))
                .build();
        Observation leucocytes = Observation.builder()
                .loinc(Code.loinc("6690-2", "Leucocytes [Nombre/Volume] Sang ; Numérique ; Comptage automate"))
                .label("Leucocytes").time(T0.plusHours(2))
                .value(ResultValue.quantity("2.1", "10*9/L")).interpretation(Interpretation.LL)
                .referenceRange(ReferenceRange.between("4.0", "10.0", "10*9/L"))
                .build();
        ResultEntry biochem = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                        .collected(T0).received(T0.plusMinutes(20)).build())
                .result(glucose).result(tsh).result(leucocytes)
                .validator(new Participation(bio, T0.plusHours(8)))
                .build();
        ResultEntry serology = ResultEntry.builder().code(Code.loinc("18727-8", "Sérologie"))
                .performer(new Participation(subcontractor(), T0.plusHours(5)))
                .result(Observation.builder().loinc(Code.loinc("5370-2", "Streptolysine O Ac [Titre] Sérum ; Numérique"))
                        .label("ASLO (titre)").time(T0.plusHours(5))
                        .value(new ResultValue.Ratio(BigDecimal.ONE, new BigDecimal("64"))).build())
                .result(Observation.builder().loinc(Code.loinc("5196-1", "Virus de l'hépatite B Ag HBs [Présence] Sérum ; Qualitatif"))
                        .label("Ag HBs").time(T0.plusHours(5))
                        .value(new ResultValue.Coded(Code.of("260385009", CodeSystems.SNOMED_CT, "Négatif"), null, false))
                        .interpretation(Interpretation.NEG).build())
                .result(Observation.builder().loinc(Code.loinc("5196-1", "Virus de l'hépatite B Ag HBs [Présence] Sérum ; Qualitatif"))
                        .label("Ag HBs (contrôle)").status(ResultStatus.ABORTED).build())
                .build();
        Battery antibiogram = Battery.builder().loinc(Code.loinc("18769-0", "Antibiogramme")).label("Antibiogramme")
                .item(Observation.builder().loinc(Code.loinc("20-8", "Amoxicilline+clavulanate [Sensibilité] Isolat ; Alphanumérique ; CMI"))
                        .label("Amoxicilline + acide clavulanique").time(T0.plusHours(30))
                        .value(ResultValue.above("0.512", "ug/mL", true)).interpretation(Interpretation.R).build())
                .item(Observation.builder().loinc(Code.loinc("18928-2", "Gentamicine [Sensibilité] Isolat ; Alphanumérique"))
                        .label("Gentamicine").time(T0.plusHours(30))
                        .value(ResultValue.below("0.032", "ug/mL", false)).interpretation(Interpretation.S).build())
                .build();
        Isolate ecoli = Isolate.builder()
                .organism(Code.of("112283007", CodeSystems.SNOMED_CT, "Escherichia coli (organism)"))
                .taxonomy(Code.of("562", CodeSystems.NCBI_TAXONOMY, "Escherichia coli"))
                .label("Escherichia coli").time(T0.plusHours(30))
                .observation(Observation.builder()
                        .loinc(Code.loinc("51480-2", "Bactérie [Nombre/Volume] Urine ; Numérique ; Comptage automate"))
                        .label("Dénombrement").time(T0.plusHours(8)).value(ResultValue.quantity("120000", "/mL")).build())
                .antibiogram(antibiogram).build();
        Battery macro = Battery.builder().localCode(Code.of("4", CodeSystems.OBSERVATION_METHOD, "Examen macroscopique"))
                .label("Examen macroscopique")
                .item(Observation.builder().loinc(Code.loinc("5778-6", "Couleur [Type] Urine ; Résultat nominal"))
                        .label("Couleur").time(T0.plusHours(2)).value(new ResultValue.Coded(null, "jaune citrin", false)).build())
                .item(Observation.builder().loinc(Code.loinc("5767-9", "Aspect [Aspect] Urine ; Résultat nominal"))
                        .label("Aspect").time(T0.plusHours(2)).value(ResultValue.text("limpide")).build())
                .item(Observation.builder().loinc(Code.loinc("5811-5", "Densité [Densité relative] Urine ; Bandelette"))
                        .label("Densité").time(T0.plusHours(2)).value(new ResultValue.Real(new BigDecimal("1.015"))).build())
                .build();
        ResultEntry ecbu = ResultEntry.builder().code(Code.loinc("18725-2", "Microbiologie"))
                .specimen(Specimen.builder().type(Code.of("UR", CodeSystems.SPECIMEN_TYPE, "Urine"))
                        .act(Code.of("5201", CodeSystems.NABM, "EX MICROBIO URINES (ECBU)"))
                        .collected(T0).received(T0.plusMinutes(17)).build())
                .result(macro).result(ecoli)
                .comment(Comment.of("Infection urinaire à E. coli résistant à l'amoxicilline-acide clavulanique."))
                .build();
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.77.1")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.77"))
                .version(1)
                .effectiveTime(T0.plusHours(9))
                .patient(patient)
                .author(new Participation(bio, T0.plusHours(9)))
                .custodian(lab())
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .authenticator(new Participation(bio, T0.plusHours(8)))
                .prescriber(new Participation(HealthProfessional.builder().id(InstanceId.idNatPs("810002422979"))
                        .profession(Code.of("G15_10/SM41", CodeSystems.PROFESSION, "Médecin - Pneumologie (SM)"))
                        .name(new PersonName(null, "Pascal", "CHARLES", "DR")).build(), T0.minusDays(3)))
                .orderId(InstanceId.of("1.2.250.1.213.1.1.9", "2024123456789"))
                .requestId(InstanceId.of("1.2.250.1.213.1.1.9", "202411111123"))
                .requestReceived(T0.plusMinutes(20))
                .performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2024-77"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.of(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE",
                        List.of(new SubChapter(Code.loinc("18719-5", "Biochimie"), "Biochimie sanguine", biochem),
                                new SubChapter(null, "Sérologie", serology))))
                .chapter(Chapter.withEntry(Code.loinc("18725-2", "Microbiologie"), "ECBU", ecbu))
                .build();
    }

    /** A tiny but well-formed PDF for the mandatory PDF-copy section. */
    private static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }
}
