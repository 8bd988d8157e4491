package fr.segurbio.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.annuaire.Mailbox;
import fr.segurbio.mss.annuaire.MailboxDirectory;
import fr.segurbio.mss.annuaire.MailboxType;
import fr.segurbio.mss.annuaire.Professional;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The publication built from a report, the Message-IDs and the mapping of the clients' errors. */
class ReportPublicationTest {

    private static final String CHARLES = "10002422979";
    private static final String MEDIONI = "10001234567";

    @Test
    void theReportGivesTheInsTheVersionAndThePrescriberThenTheRecipientsOnceEach() {
        CrBioReport report = Simulated.report("SET-PUB", 2);
        Publication p = Simulated.publication(report).build();
        assertThat(p.reportId()).isEqualTo("1.2.250.1.213.1.1.9.1.2024.1^SET-PUB");
        assertThat(p.version()).isEqualTo(2);
        assertThat(p.qualifiedIns()).contains(Simulated.MATRICULE);
        assertThat(p.stored().property(Publication.REPLACES)).isEqualTo("1");
        // the prescriber is also a recipient: once, with the mailto: of the recipients' list
        assertThat(p.correspondents()).extracting(Correspondent::address).containsExactly(
                Optional.of(Simulated.PRESCRIBER), Optional.of(Simulated.COPY));
    }

    @Test
    void anAddressGivenForAnRppsWinsAndTheDirectoryIsAskedOnlyForTheOthers() {
        CrBioReport report = Simulated.report("SET-PUB", 1);
        List<String> asked = new java.util.ArrayList<>();
        MailboxDirectory annuaire = rpps -> {
            asked.add(rpps);
            return new Professional(rpps, "X", Optional.empty(), List.of());
        };
        Publication p = Simulated.publication(report).address(CHARLES, "cabinet.charles@medecin.mssante.fr")
                .directory(annuaire).build();
        assertThat(p.correspondents().get(0).address()).contains("cabinet.charles@medecin.mssante.fr");
        assertThat(asked).isEmpty();   // the other one has a mailto: in the MSSanté space
    }

    @Test
    void withoutMailtoTheDirectoryGivesTheReportMailboxAndAnUnknownRppsIsPlannedAsNotSent() {
        CrBioReport report = Simulated.report("SET-PUB", 1, false);
        Mailbox usable = new Mailbox(MailAddress.of("dr.charles@medecin.mssante.fr"), MailboxType.PER, false,
                Optional.of(true), Optional.empty());
        MailboxDirectory annuaire = rpps -> {
            if (rpps.equals(CHARLES)) {
                return new Professional(rpps, "CHARLES", Optional.of("Pascal"), List.of(usable));
            }
            throw new MssException(MssError.RPPS_UNKNOWN, rpps);
        };
        Publication p = Simulated.publication(report).directory(annuaire).build();
        assertThat(p.correspondents()).extracting(Correspondent::address).containsExactly(
                Optional.of("dr.charles@medecin.mssante.fr"), Optional.empty());
        DispatchPlanAssert.notSentForLackOfAddress(p);
    }

    @Test
    void theDirectoryFailingIsNotMistakenForAProfessionalWithoutMailbox() {
        MailboxDirectory down = rpps -> {
            throw new MssException(MssError.ANNUAIRE_FAILED, "503", "down");
        };
        CrBioReport report = Simulated.report("SET-PUB", 1, false);
        assertThat(ReportPublication.rpps(report.prescriber().orElseThrow().professional())).contains(CHARLES);
        assertThatThrownBy(() -> Simulated.publication(report).directory(down).build())
                .isInstanceOf(MssException.class).hasMessageContaining("MSS-401");
    }

    @Test
    void theMessageIdIsTheSameForEveryAttemptAndDifferentForEveryRecipientAndVersion() {
        SendingKey a = new SendingKey("R", 1, Channel.MSSANTE_PROFESSIONAL, "dr.a@x.mssante.fr");
        String id = MssSender.messageId(a, "labo.mssante.fr");
        assertThat(id).matches("<[0-9a-f]{40}\\.segur@labo\\.mssante\\.fr>");
        assertThat(MssSender.messageId(new SendingKey("R", 1, Channel.MSSANTE_PROFESSIONAL, "DR.A@x.mssante.fr"),
                "labo.mssante.fr")).isEqualTo(id);
        assertThat(MssSender.messageId(new SendingKey("R", 2, Channel.MSSANTE_PROFESSIONAL, "dr.a@x.mssante.fr"),
                "labo.mssante.fr")).isNotEqualTo(id);
        assertThat(MssSender.messageId(new SendingKey("R", 1, Channel.MSSANTE_PROFESSIONAL, "dr.b@x.mssante.fr"),
                "labo.mssante.fr")).isNotEqualTo(id);
    }

    @Test
    void clientErrorsAreRetriedOnlyWhenRetryingMayHelp() {
        assertThat(DmpSender.failure(new DmpException(DmpError.PATIENT_OPPOSED)).retryable()).isFalse();
        assertThat(DmpSender.failure(new DmpException(DmpError.DMP_CLOSED, "x")).retryable()).isFalse();
        assertThat(DmpSender.failure(new DmpException(new TransportException(TransportError.TIMEOUT, "DMP", "5 s"),
                DmpError.UNAVAILABLE, "x")).retryable()).isTrue();
        assertThat(DmpSender.failure(new DmpException(new TransportException(
                TransportError.CLIENT_CERTIFICATE_REFUSED, "DMP", "bad_certificate"), DmpError.UNAVAILABLE, "x")).retryable()).isFalse();
        assertThat(DmpSender.failure(new DmpException(DmpError.OUTCOME_UNKNOWN, "ss", "x")).retryable()).isTrue();
        assertThat(MssSender.failure(new MssException(MssError.CONNECTION_FAILED, "h:1", "refused")).retryable())
                .isTrue();
        assertThat(MssSender.failure(new MssException(MssError.AUTH_REFUSED, "h:1", "no")).retryable()).isFalse();
        assertThat(MssSender.failure(new MssException(new javax.net.ssl.SSLHandshakeException(
                "Received fatal alert: bad_certificate"), MssError.TLS_FAILED, "h:1", "x")).retryable()).isFalse();
        assertThat(MssSender.failure(new MssException(new java.net.SocketException("Connection reset"),
                MssError.TLS_FAILED, "h:1", "x")).retryable()).isTrue();
        assertThatThrownBy(() -> MssSender.failure(null)).isInstanceOf(NullPointerException.class);
    }
}
