package fr.segurbio.mss.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssException;

class ReturnParserTest {

    static final String ID = "<cr-2024-1@labo.mssante.fr>";
    static final String DR = "dr.martin@medecin.mssante.fr";
    final ReturnParser parser = ReturnParser.create();

    @Test
    void processedMdnIsSuccess() {
        List<ReturnMessage> r = parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed", "XDM/1.0/DDM+CR d'examens biologiques")));
        assertThat(r).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(ReturnMessage.Kind.MDN);
            assertThat(m.originalMessageId()).isEqualTo(ID);
            assertThat(m.recipient()).contains(MailAddress.of(DR));
            assertThat(m.status()).isEqualTo(RecipientStatus.PROCESSED);
            assertThat(m.errorCode()).isEmpty();
        });
    }

    @Test
    void displayedMdnIsRead() {
        assertThat(parser.parse(Returns.parse(Returns.mdn(ID, DR, "manual-action/MDN-sent-manually; displayed",
                "Lu"))).get(0).status()).isEqualTo(RecipientStatus.READ);
    }

    @Test
    void voletErrorCodeIsExtractedFromTheDispositionAndTheSubject() {
        ReturnMessage m = parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed/Error: 902^Identifiant de patient inconnu"
                        + "^messageErrorCondition| E^Error^errorSeverity",
                "=?UTF-8?Q?[KO_Int=C3=A9gration_syst=C3=A8me_!][902]_XDM/1.0/DDM+CR?="))).get(0);
        assertThat(m.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(m.errorCode()).contains("902");
        assertThat(m.detail()).contains("Identifiant de patient inconnu");
        // the HL7 table 0357 codes too
        ReturnMessage hl7 = parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed/Error: 207", "x"))).get(0);
        assertThat(hl7.errorCode()).contains("207");
        assertThat(hl7.detail()).contains("Erreur interne de l'application");
    }

    @Test
    void koSubjectAloneMakesTheMdnAFailure() {
        ReturnMessage m = parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed",
                "=?UTF-8?Q?[KO_Int=C3=A9gration_syst=C3=A8me_!][904]_XDM?="))).get(0);
        assertThat(m.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(m.errorCode()).contains("904");
        assertThat(m.detail()).contains("INS ne correspond pas exactement");
    }

    @Test
    void koMessageWithoutMdnIsMatchedByInReplyTo() {
        ReturnMessage m = parser.parse(Returns.parse("""
                From: dr.martin@medecin.mssante.fr
                To: labo.charmes@labo.mssante.fr
                Subject: =?UTF-8?Q?[KO_Int=C3=A9gration_syst=C3=A8me_!][903]_XDM/1.0/DDM+CR?=
                In-Reply-To: <cr-2024-1@labo.mssante.fr>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                INS absent.
                """)).get(0);
        assertThat(m.kind()).isEqualTo(ReturnMessage.Kind.KO_MESSAGE);
        assertThat(m.originalMessageId()).isEqualTo(ID);
        assertThat(m.recipient()).contains(MailAddress.of(DR));
        assertThat(m.errorCode()).contains("903");
    }

    @Test
    void dsnGivesOneReturnPerRecipient() {
        List<ReturnMessage> r = parser.parse(Returns.parse(Returns.dsn(ID, """
                Final-Recipient: rfc822; parti@medecin.mssante.fr
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 User unknown

                Final-Recipient: rfc822; lent@medecin.mssante.fr
                Action: delayed
                Status: 4.4.1

                Final-Recipient: rfc822; dr.martin@medecin.mssante.fr
                Action: delivered
                Status: 2.0.0""")));
        assertThat(r).extracting(ReturnMessage::status).containsExactly(RecipientStatus.FAILED,
                RecipientStatus.DELAYED, RecipientStatus.DELIVERED);
        assertThat(r.get(0).errorCode()).contains("5.1.1");
        assertThat(r.get(0).detail()).contains("550 5.1.1 User unknown");
        assertThat(r).allMatch(x -> x.originalMessageId().equals(ID) && x.kind() == ReturnMessage.Kind.DSN);
    }

    @Test
    void ordinaryMessagesAreNoReturns() {
        assertThat(parser.parse(Returns.parse("""
                From: dr.martin@medecin.mssante.fr
                To: labo.charmes@labo.mssante.fr
                Subject: Merci
                MIME-Version: 1.0
                Content-Type: text/plain

                Merci pour le compte rendu.
                """))).isEmpty();
    }

    @Test
    void malformedMdnsAreRefused() {
        // no Disposition
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, DR, "", "x")
                .replace("Disposition: \n", "")))).isInstanceOf(MssException.class).hasMessageStartingWith("MSS-301");
        // a Disposition that is not RFC 8098
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, DR, "lu par le docteur", "x"))))
                .hasMessageStartingWith("MSS-301").hasMessageContaining("Disposition");
        // no Final-Recipient
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed", "x").replace("Final-Recipient: rfc822;" + DR + "\n", ""))))
                .hasMessageStartingWith("MSS-301").hasMessageContaining("Final-Recipient");
        // a recipient that is no address
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, "not an address",
                "automatic-action/MDN-sent-automatically; processed", "x")))).hasMessageStartingWith("MSS-301");
        // no disposition-notification part
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed", "x")
                .replace("message/disposition-notification", "text/plain")))).hasMessageStartingWith("MSS-301");
        // no way to know the original
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.mdn(ID, DR,
                "automatic-action/MDN-sent-automatically; processed", "x")
                .replace("Original-Message-ID: " + ID + "\n", "").replace("Message-ID: " + ID + "\n", ""))))
                .hasMessageStartingWith("MSS-301");
    }

    @Test
    void malformedDsnsAreRefused() {
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.dsn(ID, """
                Final-Recipient: rfc822; parti@medecin.mssante.fr
                Status: 5.1.1""")))).hasMessageStartingWith("MSS-302").hasMessageContaining("Action");
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.dsn(ID, """
                Final-Recipient: rfc822; parti@medecin.mssante.fr
                Action: failed
                Status: bounced""")))).hasMessageStartingWith("MSS-302").hasMessageContaining("Status");
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.dsn(ID, """
                Final-Recipient: rfc822; parti@medecin.mssante.fr
                Action: exploded
                Status: 5.0.0""")))).hasMessageStartingWith("MSS-302");
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.dsn(ID, "")))).hasMessageStartingWith("MSS-302");
        assertThatThrownBy(() -> parser.parse(Returns.parse(Returns.dsn(ID, """
                Final-Recipient: rfc822; parti@medecin.mssante.fr
                Action: failed
                Status: 5.1.1""").replace("Message-ID: " + ID + "\n", "")))).hasMessageStartingWith("MSS-302");
    }
}
