package fr.segurbio.cda;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/** A complete report using every part of the model, shared by the tests. */
final class Fixtures {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");

    private Fixtures() {
    }

    /** A tiny but well-formed PDF. */
    static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A 1x1 PNG. */
    static byte[] png() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }

    static Organization lab() {
        return new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
    }

    static HealthProfessional biologist() {
        return HealthProfessional.builder()
                .id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR"))
                .address(Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"))
                .telecom(Telecom.phone("0174589607", "WP"))
                .organization(lab())
                .build();
    }

    static HealthProfessional subcontractor() {
        return HealthProfessional.builder()
                .id(InstanceId.idNatPs("801234567833"))
                .name(new PersonName("M", "Jean", "DE SANTS", "DR"))
                .organization(new Organization(InstanceId.idNatStruct("1120456733"), "LABORATOIRE SOUS-TRAITANT",
                        Address.of("1 rue des Spécialités", "75013", "PARIS"), List.of(Telecom.phone("0140000000", "WP")),
                        Code.of("ETABLISSEMENT", CodeSystems.PRACTICE_SETTING, "Etablissement de santé")))
                .build();
    }

    /** A recipient of the report, with address, telecoms and the receiving organization. */
    static HealthProfessional correspondent() {
        return HealthProfessional.builder().id(InstanceId.idNatPs("801234567897"))
                .name(new PersonName("M", "Stéphane", "MEDIONI", "DR"))
                .address(Address.of("3 rue Petit Pont", "75005", "PARIS"))
                .telecom(Telecom.phone("0147150000", "WP"))
                .telecom(Telecom.email("stephane.medioni@medecin.mssante.fr", null))
                .organization(new Organization(InstanceId.idNatStruct("2801234567"), "Centre de soins le Belvédère",
                        Address.of("3 rue Petit Pont", "75005", "PARIS"), List.of(), null))
                .build();
    }

    static Patient.Builder patient() {
        return Patient.builder()
                .ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
                .birthCity("DOMPREMY")
                .address(Address.of("28 avenue de Breteuil", "75007", "PARIS"))
                .telecom(Telecom.phone("0144534551", "H"));
    }

    static Observation tsh(int i) {
        return Observation.builder()
                .loinc(Code.loinc("3016-3", "Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique"))
                .label("Thyréostimuline (TSH) " + i)
                .time(T0.plusHours(6))
                .value(ResultValue.quantity("1.950", "m[IU]/L"))
                .interpretation(Interpretation.N)
                .methodText("ECL Modular")
                .referenceRange(ReferenceRange.between("0.270", "4.200", "m[IU]/L"))
                .build();
    }

    static CrBioReport.Builder report(Patient patient) {
        HealthProfessional bio = biologist();
        Specimen serum = Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                .collected(T0).received(T0.plusMinutes(20)).build();
        Observation urea = Observation.builder()
                .loinc(Code.loinc("22664-7", "Urée [Moles/Volume] Sérum/Plasma ; Numérique"))
                .label("Urée").time(T0.plusHours(3))
                .value(ResultValue.quantity("10.02", "mmol/L")).interpretation(Interpretation.H)
                .method(Code.of("DEI", CodeSystems.ANSM_TECHNIQUE, "Spectrophotométrie enzyme/UV GDH"))
                .referenceRange(ReferenceRange.between("3.50", "8", "mmol/L"))
                .previousResult(new PreviousResult(OffsetDateTime.parse("2023-09-12T08:15:00+02:00"),
                        ResultValue.quantity("8.5", "mmol/L"), Interpretation.H))
                .comment(Comment.of("Contrôle à prévoir dans 3 mois."))
                .build();
        Observation crp = Observation.builder()
                .localCode(Code.of("CRP-LAB", "1.2.250.1.213.1.1.9.42", "Protéine C réactive (technique locale)"))
                .label("Protéine C réactive").time(T0.plusHours(3))
                .value(ResultValue.quantity("4", "mg/L"))
                .build();
        Observation titre = Observation.builder()
                .loinc(Code.loinc("5370-2", "Streptolysine O Ac [Titre] Sérum ; Numérique"))
                .label("ASLO (titre)").time(T0.plusHours(3))
                .value(new ResultValue.Ratio(java.math.BigDecimal.ONE, new java.math.BigDecimal("64")))
                .performer(new Participation(subcontractor(), T0.plusHours(5)))
                .build();
        ResultEntry biochem = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(serum).result(urea).result(crp).result(tsh(1))
                .validator(new Participation(bio, T0.plusHours(8)))
                .image(new Attachment("image/png", png(), "Courbe"))
                .build();
        ResultEntry serology = ResultEntry.builder().code(Code.loinc("18727-8", "Sérologie"))
                .performer(new Participation(subcontractor(), T0.plusHours(5)))
                .result(titre)
                .result(Observation.builder().loinc(Code.loinc("5196-1", "Virus de l'hépatite B Ag HBs [Présence] Sérum ; Qualitatif"))
                        .label("Ag HBs").time(T0.plusHours(5))
                        .value(new ResultValue.Coded(Code.of("260385009", CodeSystems.SNOMED_CT, "Négatif"), null, false))
                        .interpretation(Interpretation.NEG).build())
                .result(Observation.builder().loinc(Code.loinc("5196-1", "Virus de l'hépatite B Ag HBs [Présence] Sérum ; Qualitatif"))
                        .label("Ag HBs (contrôle)").status(ResultStatus.ABORTED).build())
                .build();
        Observation count = Observation.builder()
                .loinc(Code.loinc("51480-2", "Bactérie [Nombre/Volume] Urine ; Numérique ; Comptage automate"))
                .label("Dénombrement").time(T0.plusHours(8)).value(ResultValue.quantity("120000", "/mL")).build();
        Battery abg = Battery.builder().loinc(Code.loinc("18769-0", "Antibiogramme")).label("Antibiogramme")
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
                .label("Escherichia coli").time(T0.plusHours(30)).observation(count).antibiogram(abg).build();
        Battery macro = Battery.builder().localCode(Code.of("4", CodeSystems.OBSERVATION_METHOD, "Examen macroscopique"))
                .label("Examen macroscopique")
                .item(Observation.builder().loinc(Code.loinc("5778-6", "Couleur [Type] Urine ; Résultat nominal"))
                        .label("Couleur").time(T0.plusHours(2)).value(new ResultValue.Coded(null, "jaune citrin", false)).build())
                .item(Observation.builder().loinc(Code.loinc("5767-9", "Aspect [Aspect] Urine ; Résultat nominal"))
                        .label("Aspect").time(T0.plusHours(2)).value(ResultValue.text("limpide")).build())
                .item(Observation.builder().loinc(Code.loinc("5799-2", "Leucocytes estérase [Présence] Urine ; Bandelette"))
                        .label("Leucocytes (bandelette)").time(T0.plusHours(2)).value(new ResultValue.Bool(false)).build())
                .item(Observation.builder().loinc(Code.loinc("30405-5", "Leucocytes [Nombre/Volume] Urine ; Numérique"))
                        .label("Leucocytes").time(T0.plusHours(2)).value(new ResultValue.Int(500)).build())
                .item(Observation.builder().loinc(Code.loinc("5811-5", "Densité [Densité relative] Urine ; Bandelette"))
                        .label("Densité").time(T0.plusHours(2)).value(new ResultValue.Real(new java.math.BigDecimal("1.015"))).build())
                .build();
        ResultEntry ecbu = ResultEntry.builder().code(Code.loinc("18725-2", "Microbiologie"))
                .specimen(Specimen.builder().type(Code.of("UR", CodeSystems.SPECIMEN_TYPE, "Urine"))
                        .act(Code.of("5201", CodeSystems.NABM, "EX MICROBIO URINES (ECBU)"))
                        .collected(T0).received(T0.plusMinutes(17)).build())
                .result(macro).result(ecoli)
                .comment(Comment.of("Infection urinaire à E. coli résistant à l'amoxicilline-acide clavulanique."))
                .build();
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.9.2")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.9"))
                .version(2).replaces(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.9.1"))
                .effectiveTime(T0.plusHours(9))
                .patient(patient)
                .author(new Participation(bio, T0.plusHours(9)))
                .custodian(lab())
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .authenticator(new Participation(bio, T0.plusHours(8)))
                .prescriber(new Participation(HealthProfessional.builder().id(InstanceId.idNatPs("810002422979"))
                        .profession(Code.of("G15_10/SM41", CodeSystems.PROFESSION, "Médecin - Pneumologie (SM)"))
                        .name(new PersonName(null, "Pascal", "CHARLES", "DR")).build(), T0.minusDays(3)))
                .sampler(new Participation(HealthProfessional.builder().id(InstanceId.idNatPs("801234567893"))
                        .profession(Code.of("G15_60", CodeSystems.PROFESSION, "Infirmier"))
                        .name(new PersonName("MME", "Roberta", "BLEEDER", null))
                        .organization(new Organization(InstanceId.idNatStruct("1120452948"), "Cabinet d'infirmières de BB",
                                Address.of("12 rue du Renard", "92100", "BOULOGNE-BILLANCOURT"), List.of(), null))
                        .build(), T0))
                .recipient(correspondent())
                .recipient(HealthProfessional.builder().id(InstanceId.idNatPs("810100000004"))
                        .name(new PersonName("MME", "Claire", "FONTAINE", "DR")).build())
                .orderId(InstanceId.of("1.2.250.1.213.1.1.9", "2024123456789"))
                .requestId(InstanceId.of("1.2.250.1.213.1.1.9", "202411111123"))
                .requestReceived(T0.plusMinutes(20))
                .performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2024-1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .commentSection(new CommentSection("Non conformité", "Tube de sérum légèrement hémolysé."))
                .chapter(Chapter.of(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE",
                        List.of(new SubChapter(Code.loinc("18719-5", "Biochimie"), "Biochimie sanguine", biochem),
                                new SubChapter(null, "Sérologie", serology))))
                .chapter(Chapter.withEntry(Code.loinc("18725-2", "Microbiologie"), "ECBU", ecbu))
                .secondLineResult(new Attachment("application/pdf", pdf(), "Compte rendu de seconde intention"));
    }

    static CrBioReport report() {
        return report(patient().build()).build();
    }
}
