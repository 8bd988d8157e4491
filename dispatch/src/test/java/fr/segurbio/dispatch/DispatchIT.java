package fr.segurbio.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.store.StoredMessage;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.dispatch.journal.StoredPublication;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DocumentStatus;
import fr.segurbio.dmp.Visibility;
import fr.segurbio.ins.Ins;
import fr.segurbio.mss.returns.Checkpoint;
import fr.segurbio.mss.returns.FetchSummary;
import fr.segurbio.mss.returns.MdnBuilder;
import fr.segurbio.mss.returns.Reception;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.dmp.DmpFault;
import fr.segurbio.testkit.dmp.DmpOpposition;
import fr.segurbio.testkit.dmp.DmpTransaction;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DMP and MSSanté senders through the dispatcher on an embedded journal, against the real remote sides on
 * loopback: the DMP simulator over mutual TLS and GreenMail behind the certificate-enforcing MSSanté front. Every
 * count is taken from the simulator's and the mail server's own stores.
 */
class DispatchIT {

    @TempDir
    static Path shared;
    static Simulated sim;

    @TempDir
    Path dir;
    Journal journal;

    @BeforeAll
    static void start() {
        assumeTrue(Simulated.available(), ConformanceMaterial.missing("conformance/xds"));
        sim = new Simulated(shared);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void open() {
        journal = Journal.embedded(dir);
        sim.dmpSimulator.patient(Simulated.MATRICULE);
    }

    @AfterEach
    void close() {
        sim.dmpSimulator.clearFaults();
        journal.close();
    }

    private Dispatcher.Builder dispatcher(String node) {
        return Dispatcher.builder(journal).node(node).lease(Duration.ofMinutes(1))
                .retrySchedule(new RetrySchedule(Duration.ofMillis(1), Duration.ofMillis(2), 0.0, 3))
                .random(new SplittableRandom(3))
                .sender(DmpSender.submitting(sim.dmp)).sender(DmpSender.releasing(sim.dmp))
                .sender(MssSender.professionals(sim.mss, Simulated.SOURCE))
                .sender(MssSender.patient(sim.mss, Simulated.SOURCE));
    }

    private static Ins ins() {
        return Ins.of(Simulated.MATRICULE, "1.2.250.1.213.1.4.10");
    }

    private static Map<Channel, JournalEntry> byChannel(List<JournalEntry> entries, String recipient) {
        return entries.stream().filter(e -> recipient == null || e.key().recipient().equals(recipient))
                .collect(Collectors.toMap(e -> e.key().channel(), e -> e, (a, b) -> b));
    }

    @Test
    void aReportGoesToTheDmpThePrescriberTheCopyRecipientAndThePatientOnceEach() {
        CrBioReport report = Simulated.report("SET-ALL", 1);
        Dispatcher d = dispatcher("n1").build();
        DispatchPlan plan = d.publish(Simulated.publication(report).build());
        assertThat(plan.planned(Channel.DMP)).isTrue();
        assertThat(d.drain()).isEqualTo(4);
        List<JournalEntry> status = d.status(ReportPublication.reportId(report));
        assertThat(status).extracting(JournalEntry::state).containsOnly(SendingState.SENT);
        assertThat(status).extracting(e -> e.key().recipient()).contains(Simulated.PRESCRIBER, Simulated.COPY,
                Simulated.PATIENT, Simulated.MATRICULE);

        // the DMP holds the N3 and the N1 once, under the uniqueIds recorded before sending
        JournalEntry dmp = byChannel(status, null).get(Channel.DMP);
        String[] ids = dmp.remoteIds().orElseThrow().split(" ");
        assertThat(ids[0]).isEqualTo(report.id().toXds());
        assertThat(sim.dmpSimulator.submissionCount(ids[0])).isEqualTo(1);
        assertThat(sim.dmpSimulator.storedCount(ids[0])).isEqualTo(1);
        assertThat(sim.dmpSimulator.storedCount(ids[1])).isEqualTo(1);

        // each mailbox holds its message once, under the Message-ID recorded before sending; the lab filed copies
        for (String who : List.of(Simulated.PRESCRIBER, Simulated.COPY, Simulated.PATIENT)) {
            String id = status.stream().filter(e -> e.key().recipient().equals(who)).findFirst().orElseThrow()
                    .remoteIds().orElseThrow();
            assertThat(sim.count(who, id)).as(who).isEqualTo(1);
        }
        assertThat(sim.messages(Simulated.LAB, MssSender.SENT_FOLDER)).hasSizeGreaterThanOrEqualTo(3);

        // publishing the same version again sends nothing more
        d.publish(Simulated.publication(report).build());
        assertThat(d.drain()).isZero();
    }

    @Test
    void theMssanteSendersKeepTheirConnectionsAndReplaceTheOnesTheServerDropped() {
        MssSender pro = MssSender.professionals(sim.mss, Simulated.SOURCE);
        MssSender patient = MssSender.patient(sim.mss, Simulated.SOURCE);
        Dispatcher d = Dispatcher.builder(journal).node("keep").parallelism(1)
                .retrySchedule(new RetrySchedule(Duration.ofMillis(1), Duration.ofMillis(2), 0.0, 3))
                .sender(DmpSender.submitting(sim.dmp)).sender(pro).sender(patient).build();
        try (pro; patient) {
            long smtp = sim.front.smtpConnections();
            long imap = sim.front.imapConnections();
            List<CrBioReport> reports = List.of(Simulated.report("KEEP-1", 1), Simulated.report("KEEP-2", 1),
                    Simulated.report("KEEP-3", 1));
            reports.forEach(r -> d.publish(Simulated.publication(r).build()));
            assertThat(d.drain()).isEqualTo(12);
            // one SMTP and one IMAP connection per sender for the nine messages and their copies
            assertThat(sim.front.smtpConnections() - smtp).isEqualTo(2);
            assertThat(sim.front.imapConnections() - imap).isEqualTo(2);

            // the operator cuts them: the next sendings notice it before sending and go through on new ones
            sim.front.dropConnections();
            CrBioReport after = Simulated.report("KEEP-4", 1);
            d.publish(Simulated.publication(after).build());
            assertThat(d.drain()).isEqualTo(4);
            assertThat(sim.front.smtpConnections() - smtp).isEqualTo(4);
            assertThat(sim.front.imapConnections() - imap).isEqualTo(4);

            List<String> copies = sim.messages(Simulated.LAB, MssSender.SENT_FOLDER).stream()
                    .map(m -> String.valueOf(messageId(m.getMimeMessage()))).toList();
            for (CrBioReport r : List.of(reports.get(0), reports.get(1), reports.get(2), after)) {
                List<JournalEntry> status = d.status(ReportPublication.reportId(r));
                assertThat(status).extracting(JournalEntry::state).containsOnly(SendingState.SENT);
                for (JournalEntry e : status) {
                    if (e.key().channel() != Channel.DMP) {
                        String id = e.remoteIds().orElseThrow();
                        assertThat(sim.count(e.key().recipient(), id)).as(e.key().toString()).isEqualTo(1);
                        assertThat(copies).as("copy of " + e.key()).containsOnlyOnce(id);
                    }
                }
            }
        } finally {
            d.close();
        }
    }

    @Test
    void theMssanteReturnsUpdateTheStatusOfEachRecipient() throws Exception {
        CrBioReport report = Simulated.report("SET-MDN", 1);
        Dispatcher d = dispatcher("n1").build();
        d.publish(Simulated.publication(report).consent(new Consent(true, true, false)).build());
        d.drain();
        JournalEntry toDoctor = byChannel(d.status(ReportPublication.reportId(report)), Simulated.PRESCRIBER)
                .get(Channel.MSSANTE_PROFESSIONAL);
        String id = toDoctor.remoteIds().orElseThrow();
        // the prescriber's software reads the archive and answers a "processed" MDN to the lab
        MimeMessage received = copy(sim.messages(Simulated.PRESCRIBER, "INBOX").stream()
                .map(StoredMessage::getMimeMessage).filter(m -> id.equals(messageId(m))).findFirst().orElseThrow());
        MimeMessage mdn = MdnBuilder.from(Simulated.PRESCRIBER).build(received, Reception.of(received));
        sim.mail.getUserManager().getUserByEmail(Simulated.LAB).deliver(copy(mdn));

        FetchSummary s = MssReturns.of(sim.mss, d).poll(Checkpoint.START);
        assertThat(s.returns()).isGreaterThanOrEqualTo(1);
        JournalEntry after = journal.find(toDoctor.key()).orElseThrow();
        assertThat(after.state()).isEqualTo(SendingState.ACKNOWLEDGED);
        assertThat(after.detail()).hasValueSatisfying(t -> assertThat(t).contains("MDN"));
        JournalEntry copyRecipient = byChannel(d.status(ReportPublication.reportId(report)), Simulated.COPY)
                .get(Channel.MSSANTE_PROFESSIONAL);
        assertThat(copyRecipient.state()).isEqualTo(SendingState.SENT);
    }

    @Test
    void theAnnonceHoldKeepsTheDmpDocumentsInvisibleAndThePatientsMessageUntilReleased() {
        CrBioReport report = Simulated.report("SET-HOLD", 1);
        Dispatcher d = dispatcher("n1").build();
        d.publish(Simulated.publication(report).consent(new Consent(false, false, true)).build());
        d.drain();
        String rid = ReportPublication.reportId(report);
        String[] ids = byChannel(d.status(rid), null).get(Channel.DMP).remoteIds().orElseThrow().split(" ");
        List<DmpDocument> held = approved(ids);
        assertThat(held).hasSize(2).allSatisfy(doc -> assertThat(doc.visibility())
                .contains(Visibility.HIDDEN_FROM_PATIENT));
        assertThat(sim.messages(Simulated.PATIENT, "INBOX")).noneMatch(m -> rid.isEmpty()
                || String.valueOf(messageId(m.getMimeMessage())).equals(MssSender.messageId(
                        new SendingKey(rid, 1, Channel.MSSANTE_PATIENT, Simulated.PATIENT), "labo.mssante.fr")));

        assertThat(d.release(rid, 1)).isEqualTo(2);
        assertThat(d.drain()).isEqualTo(2);
        assertThat(approved(ids)).hasSize(2).allSatisfy(doc -> assertThat(doc.visibility())
                .doesNotContain(Visibility.HIDDEN_FROM_PATIENT));
        String patientId = byChannel(d.status(rid), Simulated.PATIENT).get(Channel.MSSANTE_PATIENT).remoteIds()
                .orElseThrow();
        assertThat(sim.count(Simulated.PATIENT, patientId)).isEqualTo(1);
        assertThat(d.status(rid)).extracting(JournalEntry::state).containsOnly(SendingState.SENT);
    }

    @Test
    void aNewVersionReplacesThePreviousOneOnTheDmpAndSaysSoByMssante() throws Exception {
        Dispatcher d = dispatcher("n1").build();
        CrBioReport v1 = Simulated.report("SET-RPLC", 1);
        d.publish(Simulated.publication(v1).consent(new Consent(false, true, false)).build());
        d.drain();
        CrBioReport v2 = Simulated.report("SET-RPLC", 2);
        DispatchPlan plan = d.publish(Simulated.publication(v2).consent(new Consent(false, true, false)).build());
        assertThat(plan.decisions().get(0).message(java.util.Locale.ENGLISH)).contains("replace version 1");
        d.drain();
        String rid = ReportPublication.reportId(v2);
        List<JournalEntry> status = d.status(rid);
        assertThat(status).extracting(JournalEntry::state).containsOnly(SendingState.SENT);
        JournalEntry dmp2 = status.stream().filter(e -> e.key().reportVersion() == 2
                && e.key().channel() == Channel.DMP).findFirst().orElseThrow();
        assertThat(dmp2.detail()).hasValueSatisfying(t -> assertThat(t).startsWith("RPLC"));
        JournalEntry dmp1 = status.stream().filter(e -> e.key().reportVersion() == 1
                && e.key().channel() == Channel.DMP).findFirst().orElseThrow();
        String[] old = dmp1.remoteIds().orElseThrow().split(" ");
        assertThat(sim.dmp.getDocuments(ins(), List.of(old))).extracting(DmpDocument::status)
                .containsOnly(DocumentStatus.DEPRECATED);
        String id2 = status.stream().filter(e -> e.key().reportVersion() == 2
                && e.key().recipient().equals(Simulated.PRESCRIBER)).findFirst().orElseThrow().remoteIds().orElseThrow();
        MimeMessage m = sim.messages(Simulated.PRESCRIBER, "INBOX").stream().map(StoredMessage::getMimeMessage)
                .filter(x -> id2.equals(messageId(x))).findFirst().orElseThrow();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        assertThat(raw.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("REMPLACE la version 1")
                .contains("replaces version 1");
    }

    @Test
    void anAnswerLostAfterTheDmpCommittedOrANodeKilledAfterTheSmtpAcceptanceSendsNothingTwice() {
        CrBioReport report = Simulated.report("SET-CRASH", 1);
        // the DMP commits, then drops the connection; the node dies right after the mail server accepted
        sim.dmpSimulator.injectNext(DmpTransaction.ITI_41, DmpFault.dropAfterCommit());
        AtomicBoolean die = new AtomicBoolean(true);
        ChannelSender mss = MssSender.professionals(sim.mss, Simulated.SOURCE);
        ChannelSender dying = new ChannelSender() {
            public Channel channel() {
                return mss.channel();
            }

            public String remoteIds(SendingKey k, StoredPublication p) {
                return mss.remoteIds(k, p);
            }

            public boolean alreadyDone(SendingKey k, StoredPublication p, String ids) {
                return mss.alreadyDone(k, p, ids);
            }

            public String send(SendingKey k, StoredPublication p, String ids) {
                String answer = mss.send(k, p, ids);
                if (die.getAndSet(false)) {
                    throw new IllegalStateException("kill -9");
                }
                return answer;
            }
        };
        Dispatcher before = dispatcher("n1").sender(dying).build();
        before.publish(Simulated.publication(report).consent(new Consent(false, true, false)).build());
        try {
            before.drain();
        } catch (IllegalStateException expected) {
            // nothing was recorded after the acceptance
        }
        // the restarted node checks the remote sides before sending anything again
        Dispatcher after = dispatcher("n1").build();
        after.drain();
        String rid = ReportPublication.reportId(report);
        List<JournalEntry> status = after.status(rid);
        assertThat(status).extracting(JournalEntry::state).containsOnly(SendingState.SENT);
        String[] ids = byChannel(status, null).get(Channel.DMP).remoteIds().orElseThrow().split(" ");
        assertThat(sim.dmpSimulator.storedCount(ids[0])).isEqualTo(1);
        assertThat(sim.dmpSimulator.storedCount(ids[1])).isEqualTo(1);
        for (String who : List.of(Simulated.PRESCRIBER, Simulated.COPY)) {
            String id = byChannel(status, who).get(Channel.MSSANTE_PROFESSIONAL).remoteIds().orElseThrow();
            assertThat(sim.count(who, id)).as(who).isEqualTo(1);
        }
    }

    @Test
    void refusalsFailForGoodAndTransientErrorsAreRetried() {
        CrBioReport report = Simulated.report("SET-ERR", 1);
        sim.dmpSimulator.patient(Simulated.MATRICULE).opposition(DmpOpposition.FEEDING);
        try {
            Dispatcher d = dispatcher("n1").build();
            d.publish(Simulated.publication(report).consent(new Consent(false, true, false))
                    .correspondent(new Correspondent("Dr GONE", Optional.of(Simulated.GONE)))
                    .correspondent(new Correspondent("Dr FULL", Optional.of(Simulated.FULL))).build());
            d.runDue();
            String rid = ReportPublication.reportId(report);
            JournalEntry dmp = byChannel(d.status(rid), null).get(Channel.DMP);
            assertThat(dmp.state()).isEqualTo(SendingState.FAILED);
            assertThat(dmp.attempts()).isEqualTo(1);
            assertThat(dmp.lastErrorCode()).contains("DMP-012");
            JournalEntry gone = byChannel(d.status(rid), Simulated.GONE).get(Channel.MSSANTE_PROFESSIONAL);
            assertThat(gone.state()).isEqualTo(SendingState.FAILED);
            assertThat(gone.lastError()).hasValueSatisfying(t -> assertThat(t).contains("550"));
            JournalEntry full = byChannel(d.status(rid), Simulated.FULL).get(Channel.MSSANTE_PROFESSIONAL);
            assertThat(full.state()).isEqualTo(SendingState.TO_RETRY);
            assertThat(full.lastError()).hasValueSatisfying(t -> assertThat(t).contains("452"));
        } finally {
            sim.dmpSimulator.patient(Simulated.MATRICULE).opposition();
        }
    }

    @Test
    void aDmpAnsweringHttp503IsRetriedThenSucceeds() {
        CrBioReport report = Simulated.report("SET-503", 1);
        sim.dmpSimulator.injectNextCalls(DmpTransaction.ITI_41, 1, DmpFault.httpStatus(503));
        Dispatcher d = dispatcher("n1").build();
        d.publish(Simulated.publication(report).consent(new Consent(false, true, false)).build());
        d.runDue();
        String rid = ReportPublication.reportId(report);
        JournalEntry first = byChannel(d.status(rid), null).get(Channel.DMP);
        assertThat(first.state()).isIn(SendingState.TO_RETRY, SendingState.SENT);
        d.drain();
        JournalEntry last = byChannel(d.status(rid), null).get(Channel.DMP);
        assertThat(last.state()).isEqualTo(SendingState.SENT);
        String[] ids = last.remoteIds().orElseThrow().split(" ");
        assertThat(sim.dmpSimulator.storedCount(ids[0])).isEqualTo(1);
    }

    private static List<DmpDocument> approved(String[] ids) {
        return sim.dmp.getDocuments(ins(), List.of(ids)).stream()
                .filter(doc -> doc.status() == DocumentStatus.APPROVED).toList();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    private static MimeMessage copy(MimeMessage m) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }
}
