package fr.segurbio.hl7v2.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v25.datatype.ED;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v26.message.MDM_T02;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Charsets;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.Segment;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportMessageTest {

    @ParameterizedTest
    @CsvSource({
        AnsExamples.ORU_INIT + ", TRANSMIT",
        AnsExamples.ORU_RPLC + ", REPLACE",
        AnsExamples.ORU_DEL + ", DELETE",
    })
    void everyAnsOruReadsAsThePfiWould(String file, DocumentAction action) {
        ReceivedReport r = ReportMessageReader.create().read(AnsOru.ans(file));
        // the only error of the ANS examples: the CORPSMAIL_PS base64 has 93 characters (a stray one)
        assertThat(r.problems().errors()).extracting(Problem::code, Problem::message)
                .containsExactly(org.assertj.core.api.Assertions.tuple(Hl7Error.ED_NOT_BASE64,
                        "OBX-12: the ED data is not base64 (longueur / length 93)"));
        assertThat(r.action()).contains(action);
        assertThat(r.flavour()).isEqualTo(MessageFlavour.ORU);
        assertThat(new String(r.document().orElseThrow(), 0, 38, StandardCharsets.UTF_8))
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(r.flags().is(MetaFlag.DESTDMP)).isTrue();
        assertThat(r.flags().is(MetaFlag.MASQUE_PS)).isFalse();
        assertThat(r.flags().mailBodyForProfessionals()).isEmpty();
        assertThat(r.participants()).extracting(Participant::role).containsExactly(Participant.Role.SB,
                Participant.Role.RCT, Participant.Role.RCT, Participant.Role.REPLY);
        assertThat(r.participants().get(0).organization().orElseThrow().id()).isEqualTo("1120459876");
        assertThat(r.participants().get(2).isPatient()).isTrue();
        assertThat(r.patientIdentifiers().get(0).oid()).isEqualTo("1.2.250.1.213.1.4.10");
    }

    @Test
    void theAnsReplacementHasAnUnpaddedBase64ThatIsReportedNotHidden() {
        ReceivedReport r = ReportMessageReader.create().read(AnsOru.ans(AnsExamples.ORU_RPLC));
        assertThat(r.problems().problems()).extracting(Problem::code).contains(Hl7Error.ED_UNPADDED);
    }

    @ParameterizedTest
    @CsvSource({
        AnsExamples.ORU_INIT + ", TRANSMIT",
        AnsExamples.ORU_RPLC + ", REPLACE",
        AnsExamples.ORU_DEL + ", DELETE",
    })
    void whatWeWriteIsTheAnsExampleSegmentBySegment(String file, DocumentAction action) {
        Hl7Message ans = AnsOru.ans(file);
        ReceivedReport ansReport = ReportMessageReader.create().read(ans);
        Hl7Message ours = AnsOru.like(ansReport, action).build();
        // same segments in the same order
        assertThat(ours.segments()).extracting(Segment::name)
                .containsExactlyElementsOf(ans.segments().stream().map(Segment::name).toList());
        for (int i = 0; i < ans.segments().size(); i++) {
            Segment a = ans.segments().get(i);
            Segment o = ours.segments().get(i);
            switch (a.name()) {
                case "MSH":
                    for (int f : new int[] {3, 4, 5, 6, 10, 11, 12, 17, 18}) {
                        assertThat(o.value(f)).as("MSH-%s", f).isEqualTo(a.value(f));
                    }
                    assertThat(o.field(9).raw()).isEqualTo(a.field(9).raw());
                    assertThat(o.field(21).raw()).isEqualTo(a.field(21).raw());
                    break;
                case "PID":
                    assertThat(o.repetitions(3).get(0).component(1)).isEqualTo(a.repetitions(3).get(0).component(1));
                    assertThat(o.repetitions(3).get(0).rawComponent(4)).isEqualTo(a.repetitions(3).get(0).rawComponent(4));
                    assertThat(o.repetitions(3).get(0).component(5)).isEqualTo("INS");
                    assertThat(o.field(5).raw()).isEqualTo(a.field(5).raw());
                    assertThat(o.value(7)).isEqualTo(a.value(7));
                    assertThat(o.value(8)).isEqualTo(a.value(8));
                    assertThat(o.repetitions(11).get(1).component(7)).isEqualTo("BDL");
                    assertThat(o.repetitions(11).get(1).component(9)).isEqualTo(a.repetitions(11).get(1).component(9));
                    assertThat(o.value(32)).isEqualTo(a.value(32));
                    break;
                case "PV1":
                    assertThat(o.value(2)).isEqualTo(a.value(2));
                    assertThat(o.field(19).component(1)).isEqualTo(a.field(19).component(1));
                    break;
                case "ORC":
                case "OBR":
                    assertThat(o.field(1).raw()).as(a.name() + "-1").isEqualTo(a.field(1).raw());
                    assertThat(o.field(2).raw()).isEqualTo(a.field(2).raw());
                    assertThat(o.field(3).raw()).isEqualTo(a.field(3).raw());
                    if ("OBR".equals(a.name())) {
                        assertThat(o.field(4).raw()).isEqualTo(a.field(4).raw());
                    }
                    break;
                case "OBX":
                    assertThat(o.value(1)).isEqualTo(a.value(1));
                    assertThat(o.value(2)).isEqualTo(a.value(2));
                    assertThat(o.field(3).component(1)).isEqualTo(a.field(3).component(1));
                    assertThat(o.field(3).component(2)).isEqualTo(a.field(3).component(2));
                    assertThat(o.field(3).trimmed(3)).isEqualTo(a.field(3).trimmed(3));
                    if ("ED".equals(a.value(2)) && a.value(1).equals("12")) {
                        assertThat(new String(Base64.getDecoder().decode(o.field(5).component(5)),
                                StandardCharsets.UTF_8)).isEqualTo(AnsOru.MAIL_BODY);
                        assertThat(a.field(5).component(5)).startsWith(o.field(5).component(5));
                    } else if ("ED".equals(a.value(2))) {
                        assertThat(o.field(5).component(2)).isEqualTo(a.field(5).component(2));
                        assertThat(o.field(5).component(3)).isEqualTo(a.field(5).component(3));
                        assertThat(o.field(5).component(4)).isEqualTo(a.field(5).component(4));
                        assertThat(Base64.getDecoder().decode(o.field(5).component(5)))
                                .isEqualTo(Base64.getDecoder().decode(a.field(5).component(5).trim()));
                    } else {
                        assertThat(o.field(5).raw()).isEqualTo(a.field(5).raw());
                    }
                    assertThat(o.value(11)).isEqualTo(a.value(11));
                    break;
                case "PRT":
                    assertThat(o.field(2).raw()).isEqualTo(a.field(2).raw());
                    assertThat(o.field(4).component(1)).isEqualTo(a.field(4).component(1));
                    assertThat(o.field(4).component(3)).isEqualTo(a.field(4).component(3));
                    Participant ap = Participant.of(a).orElseThrow();
                    Participant op = Participant.of(o).orElseThrow();
                    assertThat(op.mail().isPresent()).isEqualTo(ap.mail().isPresent());
                    if (ap.isPatient()) {
                        // the ANS INIT example has a typo in the patient's PRT-5.1 (20 digits): ours is PID-3's INS
                        assertThat(op.person().orElseThrow().id()).isEqualTo(AnsOru.INS.matricule().value());
                        assertThat(op.person().orElseThrow().oid()).isEqualTo(ap.person().orElseThrow().oid());
                        assertThat(op.person().orElseThrow().idType()).isEqualTo("INS");
                    } else {
                        assertThat(op.person().map(Person::id)).isEqualTo(ap.person().map(Person::id));
                        assertThat(op.person().map(Person::idType)).isEqualTo(ap.person().map(Person::idType));
                        assertThat(op.person().map(Person::oid)).isEqualTo(ap.person().map(Person::oid));
                        assertThat(op.organization()).isEqualTo(ap.organization());
                        assertThat(op.mail()).isEqualTo(ap.mail());
                    }
                    break;
                default:
                    throw new AssertionError("unexpected segment " + a.name());
            }
        }
        // and the PFI side reads ours exactly as it reads the ANS one
        ReceivedReport back = ReportMessageReader.create().read(Er7Parser.create().parse(ours.toBytes()));
        assertThat(back.problems().problems()).isEmpty();
        assertThat(back.action()).contains(action);
        assertThat(back.flags()).isEqualTo(AnsOru.flagsOf(ansReport));
        assertThat(back.document().orElseThrow()).isEqualTo(ansReport.document().orElseThrow());
    }

    @Test
    void theDocumentOfTheOruDecodesToTheCrBioAndReadsBack() throws Exception {
        byte[] xml = AnsExamples.bytes(AnsExamples.CDA_INIT);
        ReadDocument n3 = CrBioReader.create().read(xml);
        Hl7Message oru = ReportMessage.builder().header("SGL", "LAB", "PFI", "CHU").controlId("42")
                .crBio(n3, xml)
                .participant(Participant.sender(Person.idNatPs("801234567866", "DIAZ", "Thierry"),
                        Organization.finessGeographic("labo", "1120459876")))
                .flags(DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).build())
                .requireQualifiedForDmp(false)
                .build();
        ReceivedReport r = ReportMessageReader.create().read(Er7Parser.create().parse(oru.toBytes()));
        assertThat(r.document().orElseThrow()).isEqualTo(xml);
        ReadDocument again = CrBioReader.create().read(r.document().orElseThrow());
        assertThat(again.report().id()).isEqualTo(n3.report().id());
        assertThat(again.pdfCopy()).isPresent();
        // PID-3 carries the recordTarget ids
        assertThat(r.patientIdentifiers()).extracting(i -> i.value())
                .contains(n3.report().patient().localId().optionalExtension().orElse(n3.report().patient().localId().root()));
    }

    @Test
    void theSenderComesFromTheCdaAuthorWhenNotGiven() {
        byte[] xml = AnsExamples.bytes(AnsExamples.CDA_INIT);
        ReadDocument n3 = CrBioReader.create().read(xml);
        Hl7Message oru = ReportMessage.builder().header("SGL", "LAB", "PFI", "CHU").controlId("43")
                .crBio(n3, xml).flags(DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).build())
                .requireQualifiedForDmp(false).build();
        Participant sb = ReportMessageReader.create().read(oru).participants().get(0);
        assertThat(sb.role()).isEqualTo(Participant.Role.SB);
        var author = n3.report().authors().get(0).professional();
        assertThat(sb.organization().orElseThrow().id())
                .isEqualTo(author.organization().orElseThrow().id().optionalExtension().orElseThrow());
        assertThat(sb.person().orElseThrow().id()).isEqualTo(author.id().optionalExtension().orElseThrow());
    }

    @Test
    void hapiReadsOurOruAndMdmAsTheSecondParser() throws Exception {
        ReceivedReport ansReport = ReportMessageReader.create().read(AnsOru.ans(AnsExamples.ORU_INIT));
        Hl7Message oru = AnsOru.like(ansReport, DocumentAction.TRANSMIT).build();
        Hl7Message mdm = AnsOru.like(ansReport, DocumentAction.REPLACE).flavour(MessageFlavour.MDM)
                .documentId(InstanceId.of("1.2.250.2345.3245.13", "58133"))
                .parentDocumentId(InstanceId.of("1.2.250.2345.3245.13.58132")).build();
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setValidationContext(new NoValidation());
            PipeParser hapi = ctx.getPipeParser();
            ORU_R01 h = (ORU_R01) hapi.parse(oru.encode());
            var obx = h.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATION(0).getOBX();
            ED ed = (ED) obx.getObservationValue(0).getData();
            assertThat(ed.getEncoding().getValue()).isEqualTo("Base64");
            assertThat(Base64.getDecoder().decode(ed.getData().getValue())).isEqualTo(ansReport.document().orElseThrow());
            assertThat(obx.getObservationResultStatus().getValue()).isEqualTo("F");
            assertThat(h.getPATIENT_RESULT().getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber().getValue())
                    .isEqualTo("279035121518989");
            // HAPI keeps the pre-adopted PRT as non-standard segments and writes them back: we read the same report
            ReceivedReport back = ReportMessageReader.create().read(Er7Parser.create().parse(hapi.encode(h)));
            assertThat(back.participants()).hasSize(4);
            assertThat(back.flags()).isEqualTo(AnsOru.flagsOf(ansReport));
            assertThat(back.problems().errors()).isEmpty();
            MDM_T02 hm = (MDM_T02) hapi.parse(mdm.encode());
            assertThat(hm.getMSH().getMessageType().getTriggerEvent().getValue()).isEqualTo("T10");
            assertThat(hm.getTXA().getParentDocumentNumber().getEntityIdentifier().getValue())
                    .isEqualTo("1.2.250.2345.3245.13.58132");
            assertThat(hm.getTXA().getUniqueDocumentNumber().getEntityIdentifier().getValue()).isEqualTo("58133");
            assertThat(hm.getEVN().getEventTypeCode().getValue()).isEqualTo("T10");
        }
        ReceivedReport r = ReportMessageReader.create().read(mdm);
        assertThat(r.flavour()).isEqualTo(MessageFlavour.MDM);
        assertThat(r.action()).contains(DocumentAction.REPLACE);
        assertThat(r.problems().errors()).isEmpty();
        assertThat(mdm.segments("OBX").get(1).value(2)).isEqualTo("CWE");
        assertThat(mdm.segments("OBX").get(0).field(5).component(2)).isEqualTo("text");
    }

    @Test
    void latin9Charset() {
        ReceivedReport ansReport = ReportMessageReader.create().read(AnsOru.ans(AnsExamples.ORU_INIT));
        Hl7Message oru = AnsOru.like(ansReport, DocumentAction.TRANSMIT).charset(Hl7Charsets.ISO_8859_15).build();
        byte[] wire = oru.toBytes();
        Hl7Message back = Er7Parser.create().parse(wire);
        assertThat(back.charset()).isEqualTo(Hl7Charsets.ISO_8859_15);
        assertThat(back.msh().value(18)).isEqualTo("8859/15");
        assertThat(back.segments("OBX").get(1).field(3).component(2)).isEqualTo("Masqué aux professionnels de Santé");
        assertThat(back.notes().problems()).isEmpty();
    }

    static List<Hl7Error> problems(ReportMessage.Builder b) {
        return ReportMessage.check(b).problems().stream().map(Problem::code)
                .filter(Hl7Error.class::isInstance).map(Hl7Error.class::cast).toList();
    }

    @Test
    void everyRuleBrokenIsReportedAtOnce() {
        ReceivedReport ansReport = ReportMessageReader.create().read(AnsOru.ans(AnsExamples.ORU_INIT));
        ReportMessage.Builder b = ReportMessage.builder().header("SGL", "LAB", "", "CHU").controlId("1")
                .patient(ReportPatient.builder().identifier(fr.segurbio.hl7v2.PatientIdentifier.ipp("1", "X", ""))
                        .birthName("DURAND").status("PROV").build())
                .document(new byte[0])
                .flags(DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).set(MetaFlag.DESTMSSANTEPS, true)
                        .set(MetaFlag.DESTMSSANTEPAT, true).build());
        assertThat(problems(b)).containsExactlyInAnyOrder(Hl7Error.FIELD_REQUIRED, Hl7Error.DOCUMENT_EMPTY,
                Hl7Error.SENDER_REQUIRED, Hl7Error.NOT_QUALIFIED, Hl7Error.RECIPIENT_REQUIRED,
                Hl7Error.PATIENT_RECIPIENT_REQUIRED);
        assertThatThrownBy(b::build).isInstanceOf(Hl7Exception.class).hasMessageContaining("HL7-2");
        // the MSSanté matrix: masked to professionals yet sent to them
        ReportMessage.Builder masked = AnsOru.like(ansReport, DocumentAction.TRANSMIT)
                .flags(DmpMssFlags.builder().set(MetaFlag.MASQUE_PS, true).set(MetaFlag.DESTMSSANTEPS, true).build());
        assertThat(problems(masked)).containsExactly(Hl7Error.FLAGS_MATRIX);
        // hidden from the patient yet mailed to the patient
        ReportMessage.Builder hidden = AnsOru.like(ansReport, DocumentAction.TRANSMIT)
                .flags(DmpMssFlags.builder().set(MetaFlag.INVISIBLE_PATIENT, true).set(MetaFlag.DESTMSSANTEPAT, true)
                        .build());
        assertThat(problems(hidden)).containsExactly(Hl7Error.FLAGS_MATRIX);
        // an MDM replacement needs its parent
        ReportMessage.Builder mdm = AnsOru.like(ansReport, DocumentAction.REPLACE).flavour(MessageFlavour.MDM)
                .documentId(InstanceId.of("1.2.3.4"));
        assertThat(problems(mdm)).containsExactly(Hl7Error.PARENT_REQUIRED);
    }

    @Test
    void patientMayNotReplyAddsTheFinNote() {
        ReceivedReport ansReport = ReportMessageReader.create().read(AnsOru.ans(AnsExamples.ORU_INIT));
        DmpMssFlags flags = DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).set(MetaFlag.DESTMSSANTEPS, true)
                .set(MetaFlag.DESTMSSANTEPAT, true).patientMayNotReply(true).mailBodyForPatient("Bonjour").build();
        Hl7Message m = AnsOru.like(ansReport, DocumentAction.TRANSMIT).flags(flags).build();
        int pat = m.segments().indexOf(m.segments("OBX").stream()
                .filter(s -> s.field(3).component(1).equals("DESTMSSANTEPAT")).findFirst().orElseThrow());
        assertThat(m.segments().get(pat + 1).name()).isEqualTo("NTE");
        assertThat(m.segments().get(pat + 1).value(4)).isEqualTo("FIN");
        ReceivedReport r = ReportMessageReader.create().read(m);
        assertThat(r.problems().errors()).isEmpty();
        assertThat(r.flags().mailBodyForPatient()).contains("Bonjour");
    }

    static ReceivedReport readAltered(String from, String to) {
        String er7 = new String(AnsExamples.bytes(AnsExamples.ORU_INIT), StandardCharsets.UTF_8);
        String altered = er7.replace(from, to);
        assertThat(altered).isNotEqualTo(er7);
        return ReportMessageReader.create().read(Er7Parser.create().parse(altered.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Hl7Error> codes(ReceivedReport r) {
        return r.problems().problems().stream().map(Problem::code).filter(Hl7Error.class::isInstance)
                .map(Hl7Error.class::cast).toList();
    }

    @Test
    void anEdThatIsNotBase64IsAnError() {
        ReceivedReport r = readAltered("^Base64^PD94bWwgdmVy", "^Base64^PD94bW*gdmVy");
        assertThat(codes(r)).contains(Hl7Error.ED_NOT_BASE64);
        assertThat(r.document()).isEmpty();
    }

    @Test
    void incoherentActionsAreAnError() {
        ReceivedReport r = readAltered("ORC|NW|", "ORC|RO|");
        assertThat(codes(r)).contains(Hl7Error.ACTION_INCOHERENT);
        assertThat(r.action()).isEmpty();
    }

    @Test
    void metaFlagsOutOfOrderOrNotYesNo() {
        String er7 = new String(AnsExamples.bytes(AnsExamples.ORU_INIT), StandardCharsets.UTF_8);
        String masque = er7.lines().filter(l -> l.contains("MASQUE_PS")).findFirst().orElseThrow();
        String swapped = er7.replace(masque + "\n", "").replace("OBX|12|", masque + "\nOBX|12|");
        ReceivedReport r = ReportMessageReader.create().read(Er7Parser.create().parse(swapped));
        assertThat(codes(r)).contains(Hl7Error.META_ORDER);
        ReceivedReport v = readAltered("DESTDMP^Destinataire DMP^MetaDMPMSS||Y^", "DESTDMP^Destinataire DMP^MetaDMPMSS||O^");
        assertThat(codes(v)).contains(Hl7Error.META_VALUE);
    }

    @Test
    void segmentsOutOfOrderAndTruncatedMessages() {
        ReceivedReport r = readAltered("ORC|NW|98765431^Nephro|1001-E1^labo|777^CHAbbeville|||||202106060710|R854^NURSE^JANET^^^^^^^D^^^EI|\n", "")
                ;
        assertThat(codes(r)).contains(Hl7Error.SEGMENT_ORDER);
        String er7 = new String(AnsExamples.bytes(AnsExamples.ORU_INIT), StandardCharsets.UTF_8);
        // cut inside the base64 of the document: the ED is broken and every metadata OBX is missing
        String cut = er7.substring(0, er7.indexOf("OBX|1|") + 5000 + 1);
        ReceivedReport t = ReportMessageReader.create().read(Er7Parser.create().parse(cut));
        assertThat(codes(t)).contains(Hl7Error.META_ORDER);
        assertThat(t.problems().isValid()).isFalse();
    }
}
