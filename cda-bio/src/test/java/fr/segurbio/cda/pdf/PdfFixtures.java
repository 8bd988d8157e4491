package fr.segurbio.cda.pdf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CommentSection;
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
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/** Reports for the PDF renderer's tests: n results over chapters and sub-chapters, and the bad inputs. */
final class PdfFixtures {

    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T07:35:00+01:00");
    static final String MATRICULE = "279035121518989";
    static final String TEST_OID = "1.2.250.1.213.1.4.10";

    /** One expected line of the results table. */
    record Expected(String label, String value, String unit, String range) {
    }

    private PdfFixtures() {
    }

    static Organization lab(String name) {
        return new Organization(InstanceId.idNatStruct("1120459876"), name,
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
    }

    static HealthProfessional biologist(String labName) {
        return HealthProfessional.builder()
                .id(InstanceId.rpps("10001234567"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR"))
                .organization(lab(labName))
                .build();
    }

    static HealthProfessional subcontractor() {
        return HealthProfessional.builder()
                .id(InstanceId.rpps("10001234568"))
                .name(new PersonName("M", "Jean", "DE SANTS", "DR"))
                .organization(new Organization(InstanceId.idNatStruct("1120456733"), "Laboratoire Spécialisé Cerba-Test",
                        Address.of("1 rue des Spécialités", "75013", "PARIS"), List.of(),
                        Code.of("ETABLISSEMENT", CodeSystems.PRACTICE_SETTING, "Etablissement de santé")))
                .build();
    }

    static Patient patient(boolean qualified) {
        return Patient.builder()
                .ins(Ins.of(MATRICULE, TEST_OID), qualified)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE")
                .firstBirthGivenName("DOMINIQUE").usedFamilyName("DUPRÉ")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
                .birthCity("DOMPREMY")
                .build();
    }

    /** The observations of the report and what the PDF must show for each. */
    static final class Results {
        final List<Observation> observations = new ArrayList<>();
        final List<Expected> expected = new ArrayList<>();
    }

    private static final String[][] ANALYTES = {
        // label, value, UCUM unit, low, high, shown value, shown unit, shown range
        {"Hémoglobine", "13.2", "g/dL", "12.0", "16.0", "13,2", "g/dL", "12,0 – 16,0"},
        {"Leucocytes", "11.6", "10*9/L", "4.0", "10.0", "11,6", "×10^9/L", "4,0 – 10,0"},
        {"Plaquettes", "250", "10*9/L", "150", "400", "250", "×10^9/L", "150 – 400"},
        {"Créatinine", "72", "umol/L", "45", "84", "72", "µmol/L", "45 – 84"},
        {"Glycémie à jeun", "1.02", "g/L", "0.70", "1.10", "1,02", "g/L", "0,70 – 1,10"},
        {"Kaliémie", "3.1", "mmol/L", "3.5", "5.1", "3,1", "mmol/L", "3,5 – 5,1"},
    };

    static Results results(int n) {
        Results r = new Results();
        for (int i = 0; i < n; i++) {
            String[] a = ANALYTES[i % ANALYTES.length];
            BigDecimal bump = new BigDecimal(i / ANALYTES.length);
            BigDecimal value = new BigDecimal(a[1]).add(bump);
            String label = a[0] + " n° " + (i + 1);
            Observation.Builder b = Observation.builder()
                    .loinc(Code.loinc("718-7", "Hémoglobine [Masse/Volume] Sang ; Numérique"))
                    .label(label).time(T0.plusHours(2))
                    .value(ResultValue.quantity(value.toPlainString(), a[2]))
                    .referenceRange(ReferenceRange.between(a[3], a[4], a[2]));
            boolean high = value.compareTo(new BigDecimal(a[4])) > 0;
            boolean low = value.compareTo(new BigDecimal(a[3])) < 0;
            b.interpretation(high ? Interpretation.H : low ? Interpretation.L : Interpretation.N);
            if (i % 5 == 0) {
                b.previousResult(new PreviousResult(T0.minusMonths(3), ResultValue.quantity(a[1], a[2]), null));
            }
            r.observations.add(b.build());
            String shownValue = value.toPlainString().replace('.', ',');
            r.expected.add(new Expected(label, shownValue, a[6], a[7]));
        }
        return r;
    }

    /** A report whose observations are spread over chapters of up to 12 results, two sub-chapters each. */
    static CrBioReport.Builder report(Patient patient, String labName, List<Observation> observations) {
        HealthProfessional bio = biologist(labName);
        Specimen blood = Specimen.builder().type(Code.of("BLD", CodeSystems.SPECIMEN_TYPE, "Sang total"))
                .collected(T0).received(T0.plusMinutes(25)).build();
        CrBioReport.Builder b = CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2026.7.1")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2026.7"))
                .version(1)
                .effectiveTime(T0.plusHours(9))
                .patient(patient)
                .author(new Participation(bio, T0.plusHours(9)))
                .custodian(lab(labName))
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .prescriber(new Participation(HealthProfessional.builder().id(InstanceId.rpps("10002422979"))
                        .profession(Code.of("G15_10/SM54", CodeSystems.PROFESSION, "Médecin - Médecine générale (SM)"))
                        .name(new PersonName(null, "Pascal", "CHARLES", "DR")).build(), T0.minusDays(3)))
                .orderId(InstanceId.of("1.2.250.1.213.1.1.9", "2026112000042"))
                .requestReceived(T0.plusMinutes(25))
                .performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2026-1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")));
        int chapterSize = 12;
        for (int start = 0, k = 0; start < observations.size(); start += chapterSize, k++) {
            List<Observation> chunk = observations.subList(start, Math.min(observations.size(), start + chapterSize));
            int half = (chunk.size() + 1) / 2;
            List<SubChapter> subs = new ArrayList<>();
            subs.add(new SubChapter(null, "Sous-chapitre " + (k + 1) + ".1", entry(chunk.subList(0, half), blood, null)));
            if (half < chunk.size()) {
                Participation performer = k == 0 ? new Participation(subcontractor(), T0.plusHours(6)) : null;
                subs.add(new SubChapter(null, "Sous-chapitre " + (k + 1) + ".2",
                        entry(chunk.subList(half, chunk.size()), blood, performer)));
            }
            b.chapter(Chapter.of(Code.loinc("18723-7", "Hématologie"), "Chapitre " + (k + 1) + " Hématologie", subs));
        }
        return b;
    }

    private static ResultEntry entry(List<Observation> observations, Specimen specimen, Participation performer) {
        ResultEntry.Builder e = ResultEntry.builder().code(Code.loinc("18723-7", "Hématologie")).specimen(specimen);
        observations.forEach(e::result);
        if (performer != null) {
            e.performer(performer);
        }
        return e.build();
    }

    /** A 30-result report with comments, a battery and a subcontracted sub-chapter. */
    static CrBioReport thirty(boolean qualified) {
        Results r = results(30);
        return report(patient(qualified), "Laboratoire de biologie médicale des Charmes", r.observations)
                .commentSection(new CommentSection("Commentaire du biologiste",
                        "Bilan à contrôler dans 3 mois. Résultats ≤ 10 % d'écart ; valeur ± 2 σ ; 5 µmol/L."))
                .chapter(Chapter.withEntry(Code.loinc("18725-2", "Microbiologie"), "Microbiologie",
                        ResultEntry.builder().code(Code.loinc("18725-2", "Microbiologie"))
                                .result(Battery.builder().loinc(Code.loinc("18769-0", "Antibiogramme"))
                                        .label("Examen macroscopique")
                                        .item(Observation.builder().loinc(Code.loinc("5778-6", "Couleur"))
                                                .label("Couleur").time(T0).value(ResultValue.text("jaune citrin")).build())
                                        .comment(Comment.of("Urines troubles."))
                                        .build())
                                .build()))
                .recipient(HealthProfessional.builder().id(InstanceId.rpps("10001234589"))
                        .name(new PersonName("M", "Stéphane", "MEDIONI", "DR"))
                        .organization(new Organization(InstanceId.idNatStruct("2801234567"),
                                "Centre de soins le Belvédère", Address.of("3 rue Petit Pont", "75005", "PARIS"),
                                List.of(), null))
                        .build())
                .recipient(HealthProfessional.builder().id(InstanceId.rpps("10100000004"))
                        .name(new PersonName("MME", "Claire", "FONTAINE", "DR")).build())
                .build();
    }
}
