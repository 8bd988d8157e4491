package fr.segurbio.cda;

import java.math.BigDecimal;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * Whole-document round trips varying each CDA part: model → N3 ({@link CrBioWriter}) → model ({@link CrBioReader}),
 * each part compared field by field through the JSON report format (which holds every field of the model), after
 * taking out what the volet does not carry at that place: the practice setting of an organization other than the
 * legal authenticator's, the performing lab's and a subcontractor's; an entry validator's profession and
 * organization; the text beside the code of a coded value; the INS of a patient whose INS is not qualified; the
 * birth names written as used names when none is given; the identifier the writer gives a specimen or an isolate
 * that has none.
 */
class CrBioPartRoundTripTest {

    private static final ObjectMapper M = new ObjectMapper();

    private static final List<String> HEADER = List.of("document", "orderId", "requestId", "reportStatus",
            "requestReceived", "reportReleased");
    private static final List<String> PATIENT = List.of("patient");
    private static final List<String> PARTICIPANTS = List.of("authors", "custodian", "recipients",
            "legalAuthenticator", "authenticators", "prescriber", "sampler", "performingLab");
    private static final List<String> ENCOUNTER = List.of("encounter");
    private static final List<String> SECTIONS = List.of("chapters", "commentSections", "secondLineResults");

    /** Writes the N3, reads it back and checks that the parts named are equal, field by field. */
    private static ReadDocument roundTrip(CrBioReport report, List<String> parts) throws Exception {
        byte[] n3 = CrBioWriter.standard().n3(report, Fixtures.pdf()).document();
        ReadDocument doc = CrBioReader.create().read(n3);
        JsonNode before = carried(M.readTree(CrBioJson.write(report)));
        JsonNode after = carried(M.readTree(CrBioJson.write(doc.report())));
        withoutGeneratedIds(before, after);
        SoftAssertions soft = new SoftAssertions();
        for (String part : parts) {
            soft.assertThat(after.get(part)).as(part).isEqualTo(before.get(part));
        }
        soft.assertThat(doc.pdf()).isEqualTo(Fixtures.pdf());
        soft.assertThat(doc.checks().errors()).isEmpty();
        soft.assertAll();
        return doc;
    }

    /** What the N3 carries of a report in the JSON format. */
    private static JsonNode carried(JsonNode root) {
        ObjectNode r = (ObjectNode) root;
        ObjectNode patient = (ObjectNode) r.get("patient");
        if (!patient.path("insQualified").asBoolean()) {
            patient.remove("ins");
            patient.put("insQualified", false);
        }
        if (!patient.has("usedFamilyName")) {
            patient.set("usedFamilyName", patient.get("birthFamilyName"));
        }
        if (!patient.has("usedGivenName") && patient.has("firstBirthGivenName")) {
            patient.set("usedGivenName", patient.get("firstBirthGivenName"));
        }
        withoutPracticeSetting(r, false);
        for (JsonNode value : r.findValues("value")) {
            if (value.isObject() && value.has("code") && value.has("text")) {
                ((ObjectNode) value).remove("text");
            }
        }
        for (JsonNode entry : r.findValues("entry")) {
            ObjectNode validator = (ObjectNode) entry.get("validator");
            if (validator != null) {
                ObjectNode hp = (ObjectNode) validator.get("professional");
                hp.remove("profession");
                hp.remove("organization");
            }
        }
        return r;
    }

    /** Takes out of the read tree the identifiers the writer gave specimens and isolates that had none. */
    private static void withoutGeneratedIds(JsonNode before, JsonNode after) {
        if (before.isObject() && after.isObject()) {
            boolean generated = (before.has("collected") || "isolate".equals(before.path("kind").asText()))
                    && !before.has("id");
            if (generated) {
                ((ObjectNode) after).remove("id");
            }
            before.fields().forEachRemaining(e -> {
                if (after.has(e.getKey())) {
                    withoutGeneratedIds(e.getValue(), after.get(e.getKey()));
                }
            });
        } else if (before.isArray() && after.isArray()) {
            for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
                withoutGeneratedIds(before.get(i), after.get(i));
            }
        }
    }

    /** Takes out every organization's practice setting (those of subcontractors kept). */
    private static void withoutPracticeSetting(JsonNode n, boolean subcontractor) {
        if (n.isObject()) {
            if (n.has("practiceSetting") && !subcontractor) {
                ((ObjectNode) n).remove("practiceSetting");
            }
            n.fields().forEachRemaining(e -> withoutPracticeSetting(e.getValue(),
                    subcontractor || "performer".equals(e.getKey())));
        } else if (n.isArray()) {
            n.forEach(c -> withoutPracticeSetting(c, subcontractor));
        }
    }

    private static CrBioReport.Builder fixture() {
        return Fixtures.report(Fixtures.patient().build());
    }

    @Test
    void everyPartOfTheFixture() throws Exception {
        roundTrip(fixture().build(), List.of("document", "orderId", "requestId", "reportStatus", "requestReceived",
                "reportReleased", "patient", "authors", "custodian", "recipients", "legalAuthenticator",
                "authenticators", "prescriber", "sampler", "performingLab", "encounter", "chapters",
                "commentSections", "secondLineResults"));
    }

    @Test
    void placesThatCarryThePracticeSetting() throws Exception {
        CrBioReport r = fixture().build();
        CrBioReport read = CrBioReader.create().read(CrBioWriter.standard().n3(r, Fixtures.pdf()).document()).report();
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(read.legalAuthenticator().professional().organization().orElseThrow().practiceSetting())
                .isEqualTo(r.legalAuthenticator().professional().organization().orElseThrow().practiceSetting());
        soft.assertThat(read.performingLab().professional().organization().orElseThrow().practiceSetting())
                .isEqualTo(r.performingLab().professional().organization().orElseThrow().practiceSetting());
        soft.assertAll();
    }

    @Test
    void header() throws Exception {
        roundTrip(fixture().version(1).replaces(null).confidentiality(Confidentiality.V).language("fr-FR")
                .orderId(null).requestId(InstanceId.of("1.2.250.1.213.1.1.9", "R-1"))
                .reportReleased(Fixtures.T0.plusHours(10)).build(), HEADER);
        roundTrip(fixture().confidentiality(Confidentiality.R).build(), HEADER);
    }

    @Test
    void patient() throws Exception {
        Patient qualified = Fixtures.patient().usedFamilyName("MARTIN").usedGivenName("DOM")
                .address(new Address(List.of("28 avenue de Breteuil", "Bâtiment B"), "75007", "PARIS", "FRANCE"))
                .telecom(Telecom.email("dominique@example.fr", "H")).build();
        roundTrip(fixture().patient(qualified).build(), PATIENT);
        Patient abroad = Fixtures.patient().birthPlace(BirthPlace.of("99134")).birthCity(null).build();
        roundTrip(fixture().patient(abroad).build(), PATIENT);
        Patient local = Patient.builder().localId(InstanceId.of("1.2.3.4.567.8.9.10", "IPP-42"))
                .birthFamilyName("DURAND").birthGivenNames("LÉA").gender(Gender.U).build();
        roundTrip(fixture().patient(local).build(), PATIENT);
        Patient unqualified = Fixtures.patient().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), false)
                .build();
        roundTrip(fixture().patient(unqualified).build(), PATIENT);
    }

    @Test
    void participants() throws Exception {
        HealthProfessional other = HealthProfessional.builder().id(InstanceId.idNatPs("810002422979"))
                .name(new PersonName(null, "Pascal", "CHARLES", null)).build();
        roundTrip(fixture().author(new Participation(other, Fixtures.T0.plusHours(7)))
                .authenticator(new Participation(other, Fixtures.T0.plusHours(7))).build(), PARTICIPANTS);
        CrBioReport.Builder none = CrBioReport.builder();
        CrBioReport f = fixture().build();
        merger(f, none).prescriber(null).sampler(null);
        roundTrip(none.build(), PARTICIPANTS);
    }

    /** Copies the report without prescriber, sampler, recipients and authenticators. */
    private static CrBioReport.Builder merger(CrBioReport r, CrBioReport.Builder b) {
        b.id(r.id()).setId(r.setId()).version(r.version()).effectiveTime(r.effectiveTime()).patient(r.patient())
                .custodian(r.custodian()).legalAuthenticator(r.legalAuthenticator())
                .requestReceived(r.requestReceived()).performingLab(r.performingLab()).encounter(r.encounter());
        r.replacedDocument().ifPresent(b::replaces);
        r.authors().forEach(b::author);
        r.chapters().forEach(b::chapter);
        return b;
    }

    @Test
    void encounter() throws Exception {
        HealthProfessional bio = Fixtures.biologist();
        roundTrip(fixture().encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V-2"),
                Code.of("EMER", CodeSystems.ACT_CODE, "Urgences"), Fixtures.T0.minusHours(1), bio,
                Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale"))).build(), ENCOUNTER);
    }

    @Test
    void sections() throws Exception {
        CrBioReport f = fixture().build();
        CrBioReport.Builder b = merger(f, CrBioReport.builder());
        b.commentSection(new CommentSection("Commentaire", "Premier paragraphe.\n\nSecond paragraphe."))
                .commentSection(new CommentSection("Non conformité", "Tube hémolysé."));
        roundTrip(b.build(), SECTIONS);
    }

    @Test
    void everyKindOfValue() throws Exception {
        Code loinc = Code.loinc("3016-3", "Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique");
        List<ResultValue> values = List.of(
                ResultValue.quantity("1.950", "m[IU]/L"),
                new ResultValue.QuantityRange(null, ResultValue.quantity("0.5", "m[IU]/L"), true, false),
                new ResultValue.QuantityRange(ResultValue.quantity("2", "m[IU]/L"), null, false, true),
                new ResultValue.Coded(Code.of("10828004", CodeSystems.SNOMED_CT, "Positif"), null, false),
                new ResultValue.Coded(Code.of("260385009", CodeSystems.SNOMED_CT, "Négatif"), "négatif", true),
                new ResultValue.Text("trace"),
                new ResultValue.Ratio(new BigDecimal("1"), new BigDecimal("64")),
                new ResultValue.Bool(true),
                new ResultValue.Int(42),
                new ResultValue.Real(new BigDecimal("3.14")));
        ResultEntry.Builder entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                        .collected(Fixtures.T0).build());
        for (int i = 0; i < values.size(); i++) {
            entry.result(Observation.builder().loinc(loinc).label("Résultat " + i).time(Fixtures.T0.plusHours(6))
                    .value(values.get(i)).build());
        }
        CrBioReport.Builder b = merger(fixture().build(), CrBioReport.builder());
        roundTrip(b.chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "VALEURS", entry.build())).build(),
                SECTIONS);
    }
}
