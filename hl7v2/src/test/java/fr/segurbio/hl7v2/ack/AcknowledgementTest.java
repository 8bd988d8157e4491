package fr.segurbio.hl7v2.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.ins.InsEnvironment;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {

    static final OffsetDateTime T = OffsetDateTime.of(2021, 6, 6, 9, 33, 0, 0, ZoneOffset.UTC);

    static Hl7Message parse(String er7) {
        return Er7Parser.create().parse(er7.replace("\n", "\r"));
    }

    // the volet's examples (IG error-codes / profils-messages, LPS for the ERR-5 one)
    static final String AA = "MSH|^~\\&|PFI|CHU_X|SIL|CHU_X|202310030831||ACK^R01^ACK|12346|P|2.5|||||FRA|8859/15\n"
            + "MSA|AA|12345\n";
    static final String AE_203 = "MSH|^~\\&|PFI|CHU_X|SIL|CHU_X|202310030831||ACK^R01^ACK|12347|P|2.5|||||FRA|8859/15\n"
            + "MSA|AE|12345\nERR||MSH^1^12|203^ Unsupported version^messageErrorCondition| E\n";
    static final String AE_902 = "MSH|^~\\&|PFI|CHU_X|SIL|CHU_X|202310030831||ACK^T02^ACK|12348|P|2.6|||AL|AL|FRA|8859/15\n"
            + "MSA|AE|12345\n"
            + "ERR||PID^1^3|207^Application error^messageErrorCondition| E|902^Identifiant de patient inconnu^applicationErrorCode\n";

    @Test
    void theVoletAcknowledgementsRead() {
        Acknowledgement aa = Acknowledgement.read(parse(AA));
        assertThat(aa.code()).isEqualTo(AckCode.AA);
        assertThat(aa.code().isAccepted()).isTrue();
        assertThat(aa.acknowledgedControlId()).isEqualTo("12345");
        assertThat(aa.errors()).isEmpty();
        Acknowledgement ae = Acknowledgement.read(parse(AE_203));
        assertThat(ae.code()).isEqualTo(AckCode.AE);
        assertThat(ae.errors()).singleElement().satisfies(e -> {
            assertThat(e.condition()).contains(ErrorCondition.UNSUPPORTED_VERSION);
            assertThat(e.location()).isEqualTo("MSH^1^12");
            assertThat(e.severity()).isEqualTo("E");
        });
        Acknowledgement app = Acknowledgement.read(parse(AE_902));
        assertThat(app.errors().get(0).condition()).contains(ErrorCondition.APPLICATION_ERROR);
        assertThat(app.errors().get(0).voletError()).contains(VoletError.UNKNOWN_PATIENT);
        assertThat(AckCode.AR.isRetryable()).isTrue();
    }

    @Test
    void malformedAcknowledgementsAreRefused() {
        assertThatThrownBy(() -> Acknowledgement.read(parse("MSH|^~\\&|PFI|X|SIL|X|2023||ACK^R01^ACK|1|P|2.5\n")))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.ACK_NO_MSA));
        assertThatThrownBy(() -> Acknowledgement.read(parse("MSH|^~\\&|PFI|X|SIL|X|2023||ACK^R01^ACK|1|P|2.5\nMSA|OK|1\n")))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.ACK_CODE));
        assertThatThrownBy(() -> Acknowledgement.read(parse("MSH|^~\\&|PFI|X|SIL|X|2023||ACK^R01^ACK|1|P|2.5\nERR||x\nMSA|AA|1\n")))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.SEGMENT_ORDER));
        assertThatThrownBy(() -> Acknowledgement.read(parse(AA.replace("ACK^R01^ACK", "ORU^R01^ORU_R01"))))
                .isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isEqualTo(Hl7Error.UNSUPPORTED_MESSAGE));
    }

    @Test
    void ourAnswerToTheAnsOruIsTheVoletAck() throws Exception {
        Hl7Message oru = Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ORU_INIT));
        Hl7Message ack = Acknowledgement.answer(oru, AckCode.AR, List.of(ErrorDetail.application("PID^1^3",
                VoletError.UNKNOWN_PATIENT)), "ACK-1", T);
        assertThat(ack.encode().split("\r")).containsExactly(
                "MSH|^~\\&|PFI-X|Organisation-X|SIL-Y|labo|20210606093300||ACK^R01^ACK|ACK-1|P|2.5|||||FRA|UNICODE UTF-8|||2.1^CISIS_CDA_HL7_V2",
                "MSA|AR|015",
                "ERR||PID^1^3|207^Application internal error^messageErrorCondition|E|902^Identifiant de patient inconnu^applicationErrorCode");
        Acknowledgement back = Acknowledgement.read(Er7Parser.create().parse(ack.toBytes()));
        assertThat(back.code()).isEqualTo(AckCode.AR);
        assertThat(back.errors().get(0).voletError()).contains(VoletError.UNKNOWN_PATIENT);
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setValidationContext(new NoValidation());
            ACK h = (ACK) ctx.getPipeParser().parse(ack.encode());
            assertThat(h.getMSA().getMessageControlID().getValue()).isEqualTo("015");
            assertThat(h.getERR().getHL7ErrorCode().getIdentifier().getValue()).isEqualTo("207");
        }
    }

    @Test
    void theAnswerToAFeedCarriesEveryErrorWithItsSdkCode() {
        Hl7Message adt = Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ADMISSION));
        IdentityFeed feed = PamFrReader.forEnvironment(InsEnvironment.PRODUCTION).read(adt);
        Hl7Message ack = Acknowledgement.answer(adt, feed.problems(), "A1", T);
        Acknowledgement a = Acknowledgement.read(ack);
        assertThat(a.code()).isEqualTo(AckCode.AE);
        assertThat(a.errors()).anySatisfy(e -> {
            assertThat(e.applicationCode()).isEqualTo("HL7-102");
            assertThat(e.location()).isEqualTo("PID^1^3");
            assertThat(e.conditionCode()).isEqualTo("207");
        });
        assertThat(ack.msh().value(12)).isEqualTo("2.5");
        assertThat(ack.msh().field(12).component(3)).isEqualTo("2.11");
        assertThat(ack.msh().field(21).component(2)).isEqualTo("IHE_FRANCE-2.11-PAM");
        Hl7Message ok = Acknowledgement.answer(adt,
                PamFrReader.forEnvironment(InsEnvironment.TEST).read(adt).problems(), "A2", T);
        assertThat(Acknowledgement.read(ok).code()).isEqualTo(AckCode.AA);
    }

    // the ANS example ZAM (Volets/TRANS_DOC_CDA_HL7V2/V2.1/ORU/Transmission initiale ORU/Message metier reception DMP)
    static final String ZAM_Z01 = "MSH|^~\\&|PFI-X|Organisation-X|SIL-Y|labo|202106060933||ZAM^Z01^ZAM_Z01|017|P|2.6|||||FRA|UNICODE UTF-8|||2.1^CISIS_CDA_HL7_V2\n"
            + "EVN||20211005152908\n"
            + "OBX|1|CWE|ACK_RECEPTION_DMP^Accusé de réception DMP^AckMetierZAM|015|N^^expandedYes-NoIndicator||||||F|\n"
            + "ERR|||207^Application internal error^messageErrorCondition|E|DMPClosed^DMP fermé^DMPERRORCODE\n";

    @Test
    void businessAcknowledgementsRead() {
        BusinessAck z01 = BusinessAck.read(parse(ZAM_Z01));
        assertThat(z01.kind()).isEqualTo(BusinessAck.Kind.DMP_RECEPTION);
        assertThat(z01.acknowledgedControlId()).isEqualTo("015");
        assertThat(z01.success()).isFalse();
        assertThat(z01.errors().get(0).applicationCode()).isEqualTo("DMPClosed");
        assertThat(z01.errors().get(0).applicationSystem()).isEqualTo("DMPERRORCODE");
        BusinessAck z02 = new BusinessAck("018", BusinessAck.Kind.MSS_RECEPTION, "015", true,
                Optional.of("adam.hoda@test-ci-sis.mssante.fr"), List.of());
        Hl7Message written = z02.toMessage("PFI-X", "Organisation-X", "SIL-Y", "labo", T);
        assertThat(BusinessAck.read(Er7Parser.create().parse(written.toBytes()))).isEqualTo(z02);
        Hl7Message ack = Acknowledgement.answer(written, AckCode.AA, List.of(), "A3", T);
        assertThat(ack.msh().field(9).raw()).isEqualTo("ACK^Z02^ACK");
        assertThat(ack.version()).isEqualTo("2.6");
    }

    @Test
    void malformedBusinessAcknowledgementsAreRefused() {
        assertThatThrownBy(() -> BusinessAck.read(parse(ZAM_Z01.replace("|015|N^", "||N^"))))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.ZAM_MALFORMED));
        assertThatThrownBy(() -> BusinessAck.read(parse(ZAM_Z01.substring(0, ZAM_Z01.indexOf("ERR|")))))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.ZAM_MALFORMED));
        assertThatThrownBy(() -> BusinessAck.read(parse(ZAM_Z01.replace("|015|N^", "|015|P^"))))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.ZAM_MALFORMED));
        assertThatThrownBy(() -> BusinessAck.read(parse(ZAM_Z01.replace("ZAM^Z01", "ZAM^Z09"))))
                .isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isEqualTo(Hl7Error.UNSUPPORTED_MESSAGE));
        assertThatThrownBy(() -> BusinessAck.read(parse(ZAM_Z01.substring(0, ZAM_Z01.indexOf("OBX|")))))
                .isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isEqualTo(Hl7Error.SEGMENT_MISSING));
    }

    @Test
    void acknowledgementsAreMatchedToWhatWasSent() {
        SentMessages sent = SentMessages.withCapacity(2);
        Hl7Message oru = Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ORU_INIT));
        sent.register(oru);
        assertThat(sent.awaitingAck()).containsExactly("015");
        Acknowledgement aa = Acknowledgement.read(Acknowledgement.answer(oru, AckCode.AA, List.of(), "A", T));
        assertThat(sent.acknowledged(aa)).isEmpty();
        assertThat(sent.acknowledged(aa)).map(Problem::code).contains(Hl7Error.ACK_UNMATCHED);
        assertThat(sent.awaitingAck()).isEmpty();
        assertThat(sent.businessAck(BusinessAck.read(parse(ZAM_Z01)))).isEmpty();
        assertThat(sent.tracking("015").orElseThrow().businessAcks()).hasSize(1);
        assertThat(sent.tracking("015").orElseThrow().ack()).contains(aa);
        assertThat(sent.businessAck(BusinessAck.read(parse(ZAM_Z01.replace("|015|N^", "|999|N^")))))
                .map(Problem::code).contains(Hl7Error.ACK_UNMATCHED);
        // bounded: the oldest goes
        sent.register(oru.toBuilder().set(0, oru.msh().toBuilder().set(10, "016").build()).build());
        sent.register(oru.toBuilder().set(0, oru.msh().toBuilder().set(10, "017").build()).build());
        assertThat(sent.tracking("015")).isEmpty();
        assertThat(sent.awaitingAck()).containsExactly("016", "017");
    }
}
