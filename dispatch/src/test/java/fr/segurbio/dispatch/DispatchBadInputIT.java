package fr.segurbio.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.dispatch.Decision.Outcome;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.SendingKey;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.mss.annuaire.AnnuaireClient;
import fr.segurbio.testkit.mss.AnnuaireSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad input of issue 13 that the other tests do not cover, at the {@link Dispatcher} level against the real
 * simulators: a professional the Annuaire Santé knows but without a mailbox, an embedded journal held by another
 * process, a journal file damaged on disk. Each is refused or explained clearly and nothing is sent unrecorded.
 */
class DispatchBadInputIT {

    /** The sample report's prescriber, Dr Pascal CHARLES, and its copy recipient, Dr Stéphane MEDIONI. */
    private static final String CHARLES_RPPS = "10002422979";
    private static final String MEDIONI_RPPS = "01234567897";

    @TempDir
    static Path shared;
    static Simulated sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        assumeTrue(Simulated.available(), "the shared conformance material (XDS, VIHF schemas) is not there");
        sim = new Simulated(shared);
        sim.dmpSimulator.patient(Simulated.MATRICULE);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private Dispatcher.Builder dispatcher(Journal journal, AtomicInteger calls) {
        Dispatcher.Builder b = Dispatcher.builder(journal).node("bad-input");
        for (ChannelSender s : List.of(DmpSender.submitting(sim.dmp), MssSender.professionals(sim.mss, Simulated.SOURCE),
                MssSender.patient(sim.mss, Simulated.SOURCE))) {
            b.sender(new ChannelSender() {
                @Override
                public Channel channel() {
                    return s.channel();
                }

                @Override
                public String remoteIds(SendingKey k,
                        fr.segurbio.dispatch.journal.StoredPublication p) {
                    return s.remoteIds(k, p);
                }

                @Override
                public boolean alreadyDone(SendingKey k,
                        fr.segurbio.dispatch.journal.StoredPublication p, String ids) {
                    return s.alreadyDone(k, p, ids);
                }

                @Override
                public String send(SendingKey k,
                        fr.segurbio.dispatch.journal.StoredPublication p, String ids) {
                    calls.incrementAndGet();
                    return s.send(k, p, ids);
                }
            });
        }
        return b;
    }

    @Test
    void aProfessionalTheAnnuaireKnowsWithoutAMailboxIsPlannedNotSentAndTheOthersGetIt() throws Exception {
        try (AnnuaireSimulator annuaire = AnnuaireSimulator.builder(sim.pki.serverIdentity(), sim.pki.trustAnchors())
                .apiKey("test-key")
                .practitioner(CHARLES_RPPS, "CHARLES", "Pascal").done()
                .practitioner(MEDIONI_RPPS, "MEDIONI", "Stéphane")
                .mailbox(Simulated.COPY, "PER", false, true).done()
                .start();
                Journal journal = Journal.embedded(dir)) {
            AnnuaireClient directory = AnnuaireClient.builder().connection(sim.connection)
                    .baseUri(annuaire.baseUri()).apiKey("test-key").build();
            CrBioReport report = Simulated.report("SET-NOBAL", 1, false);   // no mailto: the Annuaire is asked
            Publication p = Simulated.publication(report).directory(directory).build();
            AtomicInteger calls = new AtomicInteger();
            Dispatcher d = dispatcher(journal, calls).build();
            DispatchPlan plan = d.publish(p);

            assertThat(annuaire.requestCount()).as("the Annuaire was asked").isPositive();
            assertThat(plan.decisions()).anySatisfy(x -> {
                assertThat(x.channel()).isEqualTo(Channel.MSSANTE_PROFESSIONAL);
                assertThat(x.outcome()).isEqualTo(Outcome.NOT_SENT);
                assertThat(x.recipient()).contains("CHARLES");
                assertThat(x.reasonFr()).contains("pas d'adresse MSSanté");
                assertThat(x.reasonEn()).contains("no MSSanté address");
            });
            d.drain();
            String rid = ReportPublication.reportId(report);
            List<JournalEntry> entries = d.status(rid);
            assertThat(entries).extracting(e -> e.key().recipient())
                    .containsExactlyInAnyOrder(Simulated.MATRICULE, Simulated.COPY, Simulated.PATIENT);
            assertThat(entries).allSatisfy(e -> assertThat(e.state()).isEqualTo(SendingState.SENT));
            assertThat(calls).hasValue(3);
            String toCopy = MssSender.messageId(entries.stream()
                    .filter(e -> e.key().recipient().equals(Simulated.COPY)).findFirst().orElseThrow().key(),
                    "labo.mssante.fr");
            assertThat(sim.count(Simulated.COPY, toCopy)).isEqualTo(1);
            String toCharles = MssSender.messageId(new SendingKey(rid, 1, Channel.MSSANTE_PROFESSIONAL,
                    Simulated.PRESCRIBER), "labo.mssante.fr");
            assertThat(sim.count(Simulated.PRESCRIBER, toCharles)).as("nothing for Dr CHARLES").isZero();
        }
    }

    @Test
    void aJournalHeldByAnotherProcessIsRefusedAndNothingIsSentUntilItIsFree() throws Exception {
        CrBioReport report = Simulated.report("SET-LOCK", 1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                JournalHolder.class.getName(), dir.toString()).redirectErrorStream(true).start();
        AtomicInteger calls = new AtomicInteger();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");
            assertThatThrownBy(() -> {
                try (Journal j = Journal.embedded(dir)) {
                    dispatcher(j, calls).build().publish(Simulated.publication(report).build());
                }
            }).isInstanceOfSatisfying(DispatchException.class, e -> {
                assertThat(e.code()).isEqualTo(DispatchError.JOURNAL_LOCKED);
                assertThat(e.messageFr()).contains("verrouillé par un autre processus");
                assertThat(e.getMessage()).contains("locked by another process").contains("journal.mv.db");
            });
            assertThat(calls).hasValue(0);
            assertThat(sim.dmpSimulator.documents(Simulated.MATRICULE)).noneMatch(doc -> doc.uniqueId()
                    .contains("SET-LOCK"));
        } finally {
            other.destroyForcibly();
            other.waitFor(20, TimeUnit.SECONDS);
        }
        // the holder is gone: the same SGL opens it and publishes, once
        try (Journal j = Journal.embedded(dir)) {
            Dispatcher d = dispatcher(j, calls).build();
            d.publish(Simulated.publication(report).build());
            d.drain();
            assertThat(d.status(ReportPublication.reportId(report)))
                    .allSatisfy(e -> assertThat(e.state()).isEqualTo(SendingState.SENT));
        }
        assertThat(calls.get()).isPositive();
    }

    @Test
    void aJournalFileDamagedOnDiskIsRefusedLeftAsItIsAndNothingIsSent() throws Exception {
        CrBioReport report = Simulated.report("SET-CORRUPT", 1);
        AtomicInteger calls = new AtomicInteger();
        try (Journal j = Journal.embedded(dir)) {
            dispatcher(j, calls).build().publish(Simulated.publication(report).build());
        }
        Path file = dir.resolve("journal.mv.db");
        byte[] garbage = new byte[8192];
        new SplittableRandom(13).nextBytes(garbage);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(0);
            f.write(garbage);                      // both copies of the store's header
        }
        byte[] damaged = Files.readAllBytes(file);
        assertThatThrownBy(() -> {
            try (Journal j = Journal.embedded(dir)) {
                dispatcher(j, calls).build().drain();
            }
        }).isInstanceOfSatisfying(DispatchException.class, e -> {
            assertThat(e.code()).isEqualTo(DispatchError.JOURNAL_CORRUPT);
            assertThat(e.messageFr()).contains("endommagé").contains("Rien n'est envoyé");
            assertThat(e.getMessage()).contains("damaged").contains("journal.mv.db");
        });
        assertThat(calls).hasValue(0);
        assertThat(Files.readAllBytes(file)).as("left for repair or restore").isEqualTo(damaged);
    }

    @Test
    void aJournalFileCutShortIsRefusedLeftAsItIsAndNothingIsSent() throws Exception {
        CrBioReport report = Simulated.report("SET-CUT", 1);
        AtomicInteger calls = new AtomicInteger();
        try (Journal j = Journal.embedded(dir)) {
            dispatcher(j, calls).build().publish(Simulated.publication(report).build());
        }
        Path file = dir.resolve("journal.mv.db");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 2);           // a copy or a disk that stopped half-way
        }
        byte[] cut = Files.readAllBytes(file);
        assertThatThrownBy(() -> {
            try (Journal j = Journal.embedded(dir)) {
                dispatcher(j, calls).build().drain();
            }
        }).isInstanceOfSatisfying(DispatchException.class,
                e -> assertThat(e.code()).isEqualTo(DispatchError.JOURNAL_CORRUPT));
        assertThat(calls).hasValue(0);
        assertThat(Files.readAllBytes(file)).isEqualTo(cut);
    }
}
