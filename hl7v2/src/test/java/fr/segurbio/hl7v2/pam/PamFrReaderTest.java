package fr.segurbio.hl7v2.pam;

import static org.assertj.core.api.Assertions.assertThat;

import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.IdentityAttribute;
import fr.segurbio.ins.IdentityStatus;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PamFrReaderTest {

    static final PamFrReader TEST = PamFrReader.forEnvironment(InsEnvironment.TEST);
    static final PamFrReader PRODUCTION = PamFrReader.forEnvironment(InsEnvironment.PRODUCTION);

    static String admission() {
        return new String(AnsExamples.bytes(AnsExamples.ADMISSION), StandardCharsets.UTF_8);
    }

    static IdentityFeed read(PamFrReader reader, String er7) {
        return reader.read(er7.getBytes(StandardCharsets.UTF_8));
    }

    static List<Hl7Error> codes(IdentityFeed feed) {
        return feed.problems().problems().stream().map(Problem::code)
                .filter(Hl7Error.class::isInstance).map(Hl7Error.class::cast).toList();
    }

    @Test
    void ansAdmissionGivesTheIdentityTheConsentAndTheMovement() {
        IdentityFeed feed = TEST.read(AnsExamples.bytes(AnsExamples.ADMISSION));
        assertThat(feed.problems().errors()).isEmpty();
        assertThat(feed.trigger()).isEqualTo("A01");
        assertThat(feed.controlId()).isEqualTo("3975");
        IdentityEvent.Update u = feed.update().orElseThrow();
        PamIdentity p = u.patient();
        assertThat(p.ins().orElseThrow().matricule().value()).isEqualTo("279035121518989");
        assertThat(p.ins().orElseThrow().authority()).isEqualTo(AssigningAuthority.NIR_TEST);
        assertThat(p.ipp().orElseThrow().value()).isEqualTo("000003");
        assertThat(p.reliabilityCodes()).containsExactly("VALI");
        assertThat(p.declaredStatus()).contains(IdentityStatus.VALIDEE);
        PatientIdentity id = p.identity().orElseThrow();
        assertThat(id.traits().birthName()).isEqualTo("PAT-TROIS");
        assertThat(id.traits().birthFirstNames()).containsExactly("DOMINIQUE");
        assertThat(id.traits().sex()).isEqualTo(Sex.F);
        assertThat(id.traits().birthDate().date()).isEqualTo(LocalDate.of(1979, 3, 28));
        assertThat(id.traits().birthPlace().orElseThrow().code()).isEqualTo("63220");
        // VALI with an INS obtained from INSi (ZFD-5) is not read as qualified, and that is said
        assertThat(id.canBeShared()).isFalse();
        assertThat(codes(feed)).doesNotContain(Hl7Error.VALIDATED_WITH_INSI); // admission.er7 has no ZFD
        assertThat(codes(feed)).contains(Hl7Error.DOCUMENT_TYPE, Hl7Error.INS_NOT_VERIFIED);
        DmpConsent c = u.consent().orElseThrow();
        assertThat(c.status()).contains(DmpConsent.DmpStatus.ACTIF);
        assertThat(c.feeding()).contains(DmpConsent.Feeding.INFORMED_NOT_OPPOSED);
        assertThat(c.consultation()).contains(DmpConsent.Consultation.CONSENT);
        assertThat(c.mayFeedDmp()).isTrue();
        assertThat(u.movement().orElseThrow().action()).isEqualTo(Movement.Action.INSERT);
        assertThat(u.movement().orElseThrow().nature()).isEqualTo("HMS");
        assertThat(u.visit().orElseThrow().patientClass()).isEqualTo("I");
        assertThat(u.visit().orElseThrow().visitNumber().orElseThrow().value()).isEqualTo("000897406");
    }

    @ParameterizedTest
    @CsvSource({
        "ConsentementConsultation_NonOppositionAlimentation.er7, INFORMED_NOT_OPPOSED, CONSENT, true",
        "NonConsentementConsultation_NonOppositionAlimentation.er7, INFORMED_NOT_OPPOSED, NO_CONSENT, true",
        "NonConsentementConsultation_OppositionAlimentation.er7, INFORMED_OPPOSED, NO_CONSENT, false",
        "NonRecueillieConsentementConsultation_NonOppositionAlimentation.er7, INFORMED_NOT_OPPOSED, NOT_ASKED, true",
        "NonRecueillieConsentementConsultation_NonRecueillieOppositionAlimentation.er7, NOT_ASKED, NOT_ASKED, false",
    })
    void everyAnsConsentCombination(String file, DmpConsent.Feeding feeding, DmpConsent.Consultation consultation,
            boolean mayFeed) {
        IdentityFeed feed = TEST.read(AnsExamples.bytes(AnsExamples.CONSENT + file));
        assertThat(feed.problems().errors()).isEmpty();
        IdentityEvent.Update u = feed.update().orElseThrow();
        assertThat(u.consent().orElseThrow().feeding()).contains(feeding);
        assertThat(u.consent().orElseThrow().consultation()).contains(consultation);
        assertThat(u.consent().orElseThrow().mayFeedDmp()).isEqualTo(mayFeed);
        // these carry ZFD-5 INSI with PID-32 VALI: the open question, decided and reported
        assertThat(codes(feed)).contains(Hl7Error.VALIDATED_WITH_INSI);
        assertThat(u.patient().provenance().orElseThrow().fromInsi()).isTrue();
        assertThat(u.patient().identity().orElseThrow().canBeShared()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"A28, ADT_A05", "A31, ADT_A05", "A04, ADT_A01", "A08, ADT_A01", "A01, ADT_A01"})
    void identityAndVisitEventsAreUpdates(String trigger, String structure) {
        IdentityFeed feed = read(TEST, admission().replace("ADT^A01^ADT_A01", "ADT^" + trigger + "^" + structure));
        assertThat(feed.problems().errors()).isEmpty();
        assertThat(feed.trigger()).isEqualTo(trigger);
        IdentityEvent.Update u = feed.update().orElseThrow();
        assertThat(u.trigger()).isEqualTo(trigger);
        assertThat(u.patient().identity().orElseThrow().traits().birthName()).isEqualTo("PAT-TROIS");
        assertThat(u.consent()).isPresent();
    }

    @Test
    void a28WithoutVisitIsAnUpdateButA03WithoutVisitIsNot() {
        String er7 = admission();
        String noVisit = er7.lines().filter(l -> !l.startsWith("PV1") && !l.startsWith("ZBE"))
                .reduce("", (a, b) -> a + b + "\r");
        IdentityFeed a28 = read(TEST, noVisit.replace("ADT^A01^ADT_A01", "ADT^A28^ADT_A05"));
        assertThat(a28.problems().errors()).isEmpty();
        IdentityFeed a03 = read(TEST, noVisit.replace("ADT^A01^ADT_A01", "ADT^A03^ADT_A03"));
        assertThat(codes(a03)).contains(Hl7Error.SEGMENT_MISSING);
    }

    @Test
    void ansDischargeWithItsShiftedZbeIsReadAndTheShiftReported() {
        IdentityFeed feed = TEST.read(AnsExamples.bytes(AnsExamples.SORTIE));
        assertThat(feed.problems().errors()).isEmpty();
        assertThat(feed.trigger()).isEqualTo("A03");
        assertThat(codes(feed)).contains(Hl7Error.MOVEMENT_SHIFTED);
        Movement m = feed.update().orElseThrow().movement().orElseThrow();
        assertThat(m.action()).isEqualTo(Movement.Action.INSERT);
        assertThat(m.nature()).isEqualTo("HMS");
        assertThat(feed.update().orElseThrow().consent()).isEmpty();
    }

    @Test
    void insOfTheTestEnvironmentInProductionIsAnError() {
        IdentityFeed feed = PRODUCTION.read(AnsExamples.bytes(AnsExamples.ADMISSION));
        assertThat(codes(feed)).contains(Hl7Error.INS_OID_ENVIRONMENT);
        assertThat(feed.problems().isValid()).isFalse();
        assertThat(feed.update().orElseThrow().patient().ins()).isEmpty();
        assertThat(feed.update().orElseThrow().patient().identity().orElseThrow().ins()).isEmpty();
    }

    @Test
    void insWithAWrongKeyIsAnErrorAndNotKept() {
        IdentityFeed feed = read(TEST, admission().replace("279035121518989^", "279035121518942^"));
        assertThat(codes(feed)).contains(Hl7Error.INS_MATRICULE);
        assertThat(feed.problems().errors()).anySatisfy(p -> assertThat(p.message()).contains("INS-003"));
        assertThat(feed.update().orElseThrow().patient().ins()).isEmpty();
    }

    @Test
    void insTypedWithAnOidThatIsNotAnInsAuthority() {
        IdentityFeed feed = read(TEST, admission().replace("&1.2.250.1.213.1.4.10&ISO^INS", "&1.2.250.1.213.1.4.2&ISO^INS"));
        assertThat(codes(feed)).contains(Hl7Error.INS_OID_UNKNOWN);
    }

    @Test
    void qualifiedWithoutInsIsAnError() {
        String er7 = admission()
                .replace("~279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS^^20101207", "")
                .replace("|VALI|", "|QUAL|");
        IdentityFeed feed = read(TEST, er7);
        assertThat(codes(feed)).contains(Hl7Error.STATUS_WITHOUT_INS);
        assertThat(feed.problems().isValid()).isFalse();
        assertThat(feed.update().orElseThrow().patient().identity().orElseThrow().status())
                .isEqualTo(IdentityStatus.PROVISOIRE);
    }

    @Test
    void qualifiedWithInsAndDocumentIsQualifiedAndShareable() {
        String er7 = admission().replace("|VALI|", "|QUAL|") + "ZFD|||Y|N|INSI|20211201|CN|\r";
        IdentityFeed feed = read(TEST, er7);
        assertThat(feed.problems().errors()).isEmpty();
        assertThat(feed.problems().warnings()).isEmpty();
        PatientIdentity id = feed.update().orElseThrow().patient().identity().orElseThrow();
        assertThat(id.status()).isEqualTo(IdentityStatus.QUALIFIEE);
        assertThat(id.canBeShared()).isTrue();
    }

    @Test
    void qualifiedWithoutDocumentTypeIsRecordedRetrievedAndSaid() {
        IdentityFeed feed = read(TEST, admission().replace("|VALI|", "|QUAL|"));
        assertThat(codes(feed)).contains(Hl7Error.DOCUMENT_TYPE);
        assertThat(feed.update().orElseThrow().patient().identity().orElseThrow().status())
                .isEqualTo(IdentityStatus.RECUPEREE);
    }

    @Test
    void attributesAndUnknownStatusCodes() {
        IdentityFeed doubtful = read(TEST, admission().replace("|VALI|", "|PROV~DOUT|"));
        PatientIdentity id = doubtful.update().orElseThrow().patient().identity().orElseThrow();
        assertThat(id.attributes()).containsExactly(IdentityAttribute.DOUTEUSE);
        assertThat(id.mayCallInsi()).isFalse();
        IdentityFeed legacy = read(TEST, admission().replace("|VALI|", "|DOUTE|"));
        assertThat(codes(legacy)).contains(Hl7Error.STATUS_UNKNOWN);
        IdentityFeed incompatible = read(TEST, admission().replace("|VALI|", "|PROV~FICT~DOUT|"));
        assertThat(incompatible.problems().errors()).extracting(Problem::code).contains(InsError.ATTRIBUTES);
        IdentityFeed missing = read(TEST, admission().replace("|VALI|", "||"));
        assertThat(codes(missing)).contains(Hl7Error.STATUS_MISSING);
    }

    @Test
    void badTraitsAreReportedWithTheirField() {
        String er7 = admission().replace("|19790328|F|", "|19791328|X|").replace("BDL^^63220", "BDL^^6322");
        IdentityFeed feed = read(TEST, er7);
        assertThat(feed.problems().errors()).extracting(Problem::path).containsExactly("PID-7", "PID-8", "PID-11");
        IdentityFeed noLegal = read(TEST, admission().replace("DOMINIQUE^^^^L", "DOMINIQUE^^^^D"));
        assertThat(codes(noLegal)).contains(Hl7Error.NO_BIRTH_NAME);
        assertThat(noLegal.update().orElseThrow().patient().identity()).isEmpty();
    }

    @Test
    void birthDateInTheFutureIsAProblemOfPid7NotAnInsException() {
        String future = LocalDate.now().plusYears(1).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        IdentityFeed feed = read(TEST, admission().replace("|19790328|F|", "|" + future + "|F|"));
        assertThat(feed.problems().errors()).extracting(Problem::code, Problem::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(InsError.BIRTH_DATE_FUTURE, "PID-7"));
        assertThat(feed.update().orElseThrow().patient().identity()).isEmpty();
        IdentityFeed farFuture = read(TEST, admission().replace("|19790328|F|", "|39580612|F|"));
        assertThat(farFuture.problems().errors()).extracting(Problem::path).containsExactly("PID-7");
    }

    /** A PAM FR PID with a local id, the traits and PID-32 PROV. */
    static String pid(String ipp) {
        String[] f = new String[33];
        java.util.Arrays.fill(f, "");
        f[0] = "PID";
        f[1] = "1";
        f[3] = ipp + "^^^CHU-X&1.2.250.1.999.1&ISO^PI";
        f[5] = "PAT-TROIS^DOMINIQUE^DOMINIQUE^^^^L";
        f[7] = "19790328";
        f[8] = "F";
        f[32] = "PROV";
        return String.join("|", f) + "\r";
    }

    @Test
    void a40WithoutTheMergedIdentityIsRefused() {
        String a40 = "MSH|^~\\&|GAM|CHU-X|DPI|CHU-X|20240306111154||ADT^A40^ADT_A39|4000|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8|FR||2.11^IHE_FRANCE-2.11-PAM\r"
                + "EVN||20240306111154\r"
                + pid("000003");
        IdentityFeed feed = read(TEST, a40);
        assertThat(codes(feed)).contains(Hl7Error.MERGE_WITHOUT_MRG);
        assertThat(feed.event()).isEmpty();
        IdentityFeed emptyMrg = read(TEST, a40 + "MRG|\r");
        assertThat(codes(emptyMrg)).contains(Hl7Error.MRG_EMPTY);
        IdentityFeed merge = read(TEST, a40 + "MRG|000099^^^CHU-X&1.2.250.1.999.1&ISO^PI\r");
        assertThat(merge.problems().errors()).isEmpty();
        IdentityEvent.Merge m = (IdentityEvent.Merge) merge.event().orElseThrow();
        assertThat(m.merged()).extracting(i -> i.value()).containsExactly("000099");
        assertThat(m.survivor().ipp().orElseThrow().value()).isEqualTo("000003");
        assertThat(m.survivor().identity().orElseThrow().localIdentifier().orElseThrow().value()).isEqualTo("000003");
    }

    @Test
    void a47IdentifierChangeAndA24A37Links() {
        String head = "MSH|^~\\&|GAM|CHU-X|DPI|CHU-X|20240306111154||ADT^%s|4001|P|2.5^FRA^2.11|||||FRA|UNICODE UTF-8\rEVN||20240306111154\r";
        IdentityFeed a47 = read(TEST, String.format(head, "A47^ADT_A30") + pid("000010")
                + "MRG|000003^^^CHU-X&1.2.250.1.999.1&ISO^PI\r");
        IdentityEvent.IdentifierChange c = (IdentityEvent.IdentifierChange) a47.event().orElseThrow();
        assertThat(c.previous()).extracting(i -> i.value()).containsExactly("000003");
        assertThat(c.patient().ipp().orElseThrow().value()).isEqualTo("000010");
        IdentityFeed a24 = read(TEST, String.format(head, "A24^ADT_A24") + pid("000010")
                + pid("000011"));
        IdentityEvent.Link l = (IdentityEvent.Link) a24.event().orElseThrow();
        assertThat(l.linked()).isTrue();
        assertThat(l.second().ipp().orElseThrow().value()).isEqualTo("000011");
        IdentityFeed a37 = read(TEST, String.format(head, "A37^ADT_A37") + pid("000010"));
        assertThat(codes(a37)).contains(Hl7Error.LINK_NEEDS_TWO);
    }

    @Test
    void segmentsOutOfOrderAreReported() {
        String er7 = admission();
        String pv1 = er7.lines().filter(l -> l.startsWith("PV1")).findFirst().orElseThrow();
        String swapped = er7.replace(pv1 + "\n", "").replace("EVN|", pv1 + "\nEVN|");
        IdentityFeed feed = read(TEST, swapped);
        assertThat(codes(feed)).contains(Hl7Error.SEGMENT_ORDER);
        assertThat(feed.problems().errors()).anySatisfy(p -> assertThat(p.path()).isEqualTo("PV1"));
    }

    @Test
    void unknownZSegmentIsReportedAndIgnored() {
        IdentityFeed feed = read(TEST, admission() + "ZZZ|secret|\n");
        assertThat(codes(feed)).contains(Hl7Error.UNKNOWN_Z_SEGMENT);
        assertThat(feed.problems().errors()).isEmpty();
        assertThat(feed.update()).isPresent();
    }

    @Test
    void truncatedMessageMissesItsPid() {
        String er7 = admission();
        IdentityFeed feed = read(TEST, er7.substring(0, er7.indexOf("PID|")));
        assertThat(codes(feed)).contains(Hl7Error.SEGMENT_MISSING);
        assertThat(feed.event()).isEmpty();
        IdentityFeed cutInPv1 = read(TEST, er7.substring(0, er7.indexOf("PV1|") + 3));
        assertThat(cutInPv1.update()).isPresent();
        IdentityFeed cutBeforePv1 = read(TEST, "MSH|^~\\&|GAM|CHU-X|DPI|CHU-X|20240306111154||ADT^A03^ADT_A03|1|P|2.5^FRA^2.11\r"
                + er7.substring(er7.indexOf("EVN|"), er7.indexOf("PV1|")));
        assertThat(codes(cutBeforePv1)).contains(Hl7Error.SEGMENT_MISSING);
    }

    @Test
    void notAnAdtIsRefusedAndUnparseableBytesGiveTheParserProblems() {
        IdentityFeed oru = TEST.read(("MSH|^~\\&|A|B|C|D|2024||ORU^R01^ORU_R01|1|P|2.5\rPID|||1\r")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(codes(oru)).containsExactly(Hl7Error.UNSUPPORTED_MESSAGE);
        IdentityFeed garbage = TEST.read("MSH|^~|A|B".getBytes(StandardCharsets.US_ASCII));
        assertThat(codes(garbage)).contains(Hl7Error.SEPARATORS);
        IdentityFeed unsupported = read(TEST, admission().replace("ADT^A01^ADT_A01", "ADT^A99"));
        assertThat(codes(unsupported)).contains(Hl7Error.EVENT_UNSUPPORTED);
    }
}
