package fr.segurbio.dispatch.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.segurbio.dispatch.DispatchError;
import fr.segurbio.dispatch.DispatchException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedJournalTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    private static SendingKey dmp(String report) {
        return new SendingKey(report, 1, Channel.DMP, "279035121518989");
    }

    private static SendingKey pro(String report, String address) {
        return new SendingKey(report, 1, Channel.MSSANTE_PROFESSIONAL, address);
    }

    @Test
    void planningTheSameSendingTwiceKeepsOneEntry() {
        try (Journal j = Journal.embedded(dir)) {
            assertThat(j.plan(List.of(dmp("CR-1"), pro("CR-1", "dr.a@x.mssante.fr")), T0)).isEqualTo(2);
            assertThat(j.plan(List.of(dmp("CR-1"), pro("CR-1", "dr.b@x.mssante.fr")), T0)).isEqualTo(1);
            assertThat(j.entries("CR-1")).hasSize(3).allSatisfy(e -> {
                assertThat(e.state()).isEqualTo(SendingState.PLANNED);
                assertThat(e.attempts()).isZero();
            });
            assertThat(j.counts()).containsEntry(SendingState.PLANNED, 3).containsEntry(SendingState.SENT, 0);
        }
    }

    @Test
    void anEntryIsHeldByOneNodeUntilItsLeaseExpires() {
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(dmp("CR-1")), T0);
            List<JournalEntry> first = j.claim("node-a", 10, T0, LEASE);
            assertThat(first).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(SendingState.IN_FLIGHT);
                assertThat(e.leaseOwner()).contains("node-a");
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.mayHaveReachedRemote()).isFalse();
            });
            j.recordRemoteIds(dmp("CR-1"), "node-a", "1.2.3.1 1.2.3.2");
            assertThat(j.claim("node-b", 10, T0.plusSeconds(60), LEASE)).isEmpty();
            // node-a dies; once its lease is over node-b takes the entry and must look at the DMP first
            List<JournalEntry> taken = j.claim("node-b", 10, T0.plus(LEASE).plusMillis(1), LEASE);
            assertThat(taken).singleElement().satisfies(e -> {
                assertThat(e.leaseOwner()).contains("node-b");
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.mayHaveReachedRemote()).isTrue();
            });
            assertThatThrownBy(() -> j.markSent(dmp("CR-1"), "node-a", "Success"))
                    .isInstanceOf(DispatchException.class)
                    .satisfies(e -> assertThat(((DispatchException) e).code()).isEqualTo(DispatchError.LEASE_LOST));
            j.markSent(dmp("CR-1"), "node-b", "Success");
            assertThat(j.find(dmp("CR-1")).orElseThrow().state()).isEqualTo(SendingState.SENT);
        }
    }

    @Test
    void aDmpReleaseOrReplacementIsDueOnlyOnceTheSubmissionItFollowsIsDone() {
        String ins = "279035121518989";
        try (Journal j = Journal.embedded(dir)) {
            SendingKey submission = new SendingKey("CR-3", 1, Channel.DMP, ins);
            SendingKey release = new SendingKey("CR-3", 1, Channel.DMP_RELEASE, ins);
            SendingKey replacement = new SendingKey("CR-3", 2, Channel.DMP, ins);
            SendingKey releaseOfReplacement = new SendingKey("CR-3", 2, Channel.DMP_RELEASE, ins);
            SendingKey mail = pro("CR-3", "dr.a@x.mssante.fr");
            // planned in the wrong order, all due at the same instant
            j.plan(List.of(releaseOfReplacement, release, replacement), T0);
            j.plan(List.of(submission, mail), T0);
            // planned: only the submission and what does not follow it
            assertThat(j.claim("n", 10, T0, LEASE)).extracting(JournalEntry::key)
                    .containsExactlyInAnyOrder(submission, mail);
            // in flight, here or on another node
            assertThat(j.claim("other", 10, T0, LEASE)).isEmpty();
            // to retry
            j.markRetry(submission, "n", T0.plusSeconds(30), "DMP-010", "HTTP 503");
            assertThat(j.claim("n", 10, T0.plusSeconds(10), LEASE)).isEmpty();
            assertThat(j.claim("n", 10, T0.plusSeconds(30), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(submission);
            // sent: the release of version 1 and the replacement are due, the earlier version first
            j.markSent(submission, "n", "Success");
            assertThat(j.claim("n", 1, T0.plusSeconds(31), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(release);
            assertThat(j.claim("n", 10, T0.plusSeconds(31), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(replacement);
            // the replacement's release waits for the replacement
            assertThat(j.claim("n", 10, T0.plusSeconds(31), LEASE)).isEmpty();
            j.markSent(replacement, "n", "Success");
            assertThat(j.claim("n", 10, T0.plusSeconds(32), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(releaseOfReplacement);

            // a submission that failed for good no longer holds its release back (it fails at the DMP, saying why)
            SendingKey failed = new SendingKey("CR-4", 1, Channel.DMP, ins);
            SendingKey failedRelease = new SendingKey("CR-4", 1, Channel.DMP_RELEASE, ins);
            j.plan(List.of(failed, failedRelease), T0);
            assertThat(j.claim("n", 10, T0.plusSeconds(40), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(failed);
            j.markFailed(failed, "n", "DMP-020", "document refused");
            assertThat(j.claim("n", 10, T0.plusSeconds(40), LEASE)).extracting(JournalEntry::key)
                    .containsExactly(failedRelease);
        }
    }

    @Test
    void aRetryIsDueAtItsNextAttemptAndKeepsItsError() {
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(pro("CR-2", "dr.a@x.mssante.fr")), T0);
            j.claim("n", 1, T0, LEASE);
            j.markRetry(pro("CR-2", "dr.a@x.mssante.fr"), "n", T0.plusSeconds(30), "MSS-020", "451 4.3.0 try later");
            assertThat(j.claim("n", 1, T0.plusSeconds(29), LEASE)).isEmpty();
            JournalEntry again = j.claim("n", 1, T0.plusSeconds(30), LEASE).get(0);
            assertThat(again.lastErrorCode()).contains("MSS-020");
            assertThat(again.lastError()).contains("451 4.3.0 try later");
            assertThat(again.attempts()).isEqualTo(2);
            j.markFailed(again.key(), "n", "MSS-021", "550 5.1.1 no such user");
            assertThat(j.find(again.key()).orElseThrow().state()).isEqualTo(SendingState.FAILED);
            assertThat(j.claim("n", 1, T0.plusSeconds(3600), LEASE)).isEmpty();
        }
    }

    @Test
    void returnsAreMatchedByRemoteId() {
        SendingKey k = pro("CR-3", "dr.a@x.mssante.fr");
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(k, pro("CR-3", "dr.b@x.mssante.fr")), T0);
            j.claim("n", 2, T0, LEASE);
            j.recordRemoteIds(k, "n", "<a1b2@lab.mssante.fr>");
            j.markSent(k, "n", "250 2.0.0 OK");
            assertThat(j.findByRemoteId("<a1b2@lab.mssante.fr>")).map(JournalEntry::key).contains(k);
            assertThat(j.findByRemoteId("<a1b@lab.mssante.fr>")).isEmpty();
            assertThat(j.findByRemoteId("%")).isEmpty();
            j.recordReturn(k, true, null, "processed", T0.plusSeconds(5));
            assertThat(j.find(k).orElseThrow().state()).isEqualTo(SendingState.ACKNOWLEDGED);
            assertThat(j.find(k).orElseThrow().detail()).contains("processed");
            assertThatThrownBy(() -> j.recordReturn(pro("CR-404", "x@y.fr"), true, null, "", T0))
                    .isInstanceOf(DispatchException.class).hasMessageContaining("DISPATCH-007");
        }
    }

    @Test
    void whatWasRecordedSurvivesAReopenAndARestartReleasesTheNodesEntries() {
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(dmp("CR-4"), dmp("CR-5")), T0);
            j.claim("node-a", 2, T0, LEASE);
            j.recordRemoteIds(dmp("CR-4"), "node-a", "1.2.3.4");
        }
        try (Journal j = Journal.embedded(dir)) {
            assertThat(j.counts()).containsEntry(SendingState.IN_FLIGHT, 2);
            assertThat(j.releaseAll("node-a", T0.plusSeconds(1))).isEqualTo(2);
            List<JournalEntry> again = j.claim("node-a", 10, T0.plusSeconds(1), LEASE);
            assertThat(again).hasSize(2);
            // both were taken before: both are checked at the remote side, the ids of CR-5 derived again
            assertThat(again).allSatisfy(e -> assertThat(e.mayHaveReachedRemote()).isTrue());
            assertThat(again).filteredOn(e -> e.remoteIds().isPresent()).singleElement()
                    .satisfies(e -> assertThat(e.key()).isEqualTo(dmp("CR-4")));
        }
    }

    @Test
    void aCorruptJournalFileIsRefusedAndLeftUntouched() throws Exception {
        Path file = dir.resolve("journal.mv.db");
        byte[] junk = "this is not an H2 database, it was overwritten by a backup tool\n".repeat(200)
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(file, junk);
        assertThatThrownBy(() -> Journal.embedded(dir)).isInstanceOf(DispatchException.class)
                .satisfies(e -> assertThat(((DispatchException) e).code()).isEqualTo(DispatchError.JOURNAL_CORRUPT))
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void aPublicationIsRecordedWithItsSendingsAndTheirRemoteIdsAtOnce() {
        try (Journal j = Journal.embedded(dir)) {
            StoredPublication stored = new StoredPublication(Map.of("hold", "false"),
                    Map.of("n3", new byte[] {1, 2, 3}));
            List<PlannedSending> sendings = List.of(
                    new PlannedSending(dmp("CR-P"), SendingState.PLANNED, Optional.of("1.2.3.1 1.2.3.2")),
                    new PlannedSending(pro("CR-P", "dr.a@x.mssante.fr"), SendingState.HELD, Optional.empty()));
            assertThat(j.publish("CR-P", 1, stored, sendings, T0)).isEqualTo(2);
            assertThat(j.publish("CR-P", 1, stored, sendings, T0)).isZero();
            assertThat(j.stored("CR-P", 1)).hasValueSatisfying(p ->
                    assertThat(p.document("n3")).containsExactly(1, 2, 3));
            assertThat(j.find(dmp("CR-P"))).hasValueSatisfying(e -> {
                assertThat(e.state()).isEqualTo(SendingState.PLANNED);
                assertThat(e.remoteIds()).contains("1.2.3.1 1.2.3.2");
            });
            assertThat(j.find(pro("CR-P", "dr.a@x.mssante.fr"))).hasValueSatisfying(e -> {
                assertThat(e.state()).isEqualTo(SendingState.HELD);
                assertThat(e.remoteIds()).isEmpty();
            });
            assertThat(j.findByRemoteId("1.2.3.2")).hasValueSatisfying(e ->
                    assertThat(e.key()).isEqualTo(dmp("CR-P")));
        }
    }

    @Test
    void aPublicationWithASendingOfAnotherReportIsRefusedAndRecordsNothing() {
        try (Journal j = Journal.embedded(dir)) {
            StoredPublication stored = new StoredPublication(Map.of(), Map.of("n3", new byte[] {1}));
            assertThatThrownBy(() -> j.publish("CR-Q", 1, stored, List.of(new PlannedSending(dmp("CR-OTHER"),
                    SendingState.PLANNED, Optional.empty())), T0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CR-OTHER");
            assertThat(j.stored("CR-Q", 1)).isEmpty();
            assertThatThrownBy(() -> new PlannedSending(dmp("CR-Q"), SendingState.SENT, Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SENT");
        }
    }

    @Test
    void aVersion1JournalIsMigratedAndKeepsItsEntries() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "segur", "");
                Statement s = c.createStatement()) {
            // the schema as SDK 0.1 (journal schema 1) created it
            s.execute("CREATE TABLE segur_dispatch_schema (version INT NOT NULL)");
            s.execute("CREATE TABLE segur_dispatch_sending (report_id VARCHAR(200) NOT NULL, report_version INT NOT"
                    + " NULL, channel VARCHAR(32) NOT NULL, recipient VARCHAR(320) NOT NULL, state VARCHAR(16) NOT"
                    + " NULL, attempts INT NOT NULL, next_attempt_at BIGINT NOT NULL, lease_owner VARCHAR(100),"
                    + " lease_until BIGINT, remote_ids VARCHAR(2000), last_error_code VARCHAR(64), last_error"
                    + " VARCHAR(2000), detail VARCHAR(2000), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                    + " PRIMARY KEY (report_id, report_version, channel, recipient))");
            s.execute("CREATE INDEX segur_dispatch_due ON segur_dispatch_sending (state, next_attempt_at)");
            s.execute("CREATE INDEX segur_dispatch_lease ON segur_dispatch_sending (state, lease_until)");
            s.execute("CREATE INDEX segur_dispatch_remote ON segur_dispatch_sending (remote_ids)");
            s.execute("CREATE TABLE segur_dispatch_part (report_id VARCHAR(200) NOT NULL, report_version INT NOT"
                    + " NULL, name VARCHAR(200) NOT NULL, text_value VARCHAR(2000), bytes_value VARBINARY,"
                    + " PRIMARY KEY (report_id, report_version, name))");
            s.execute("INSERT INTO segur_dispatch_schema (version) VALUES (1)");
            s.execute("INSERT INTO segur_dispatch_sending VALUES ('CR-OLD', 1, 'DMP', '279035121518989',"
                    + " 'IN_FLIGHT', 1, 0, 'node-a', 10, '1.2.3.9 1.2.3.8', NULL, NULL, NULL, 0, 0)");
        }
        try (Journal j = Journal.embedded(dir)) {
            assertThat(j.claim("node-b", 10, T0, LEASE)).singleElement().satisfies(e -> {
                assertThat(e.key()).isEqualTo(dmp("CR-OLD"));
                assertThat(e.remoteIds()).contains("1.2.3.9 1.2.3.8");
                assertThat(e.mayHaveReachedRemote()).isTrue();
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "segur", "");
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT MAX(version) FROM segur_dispatch_schema")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(JdbcJournal.SCHEMA_VERSION);
        }
    }

    @Test
    void aJournalOfANewerSdkIsRefused() throws Exception {
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(dmp("CR-6")), T0);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("journal"), "segur", "");
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO segur_dispatch_schema (version) VALUES (99)");
        }
        assertThatThrownBy(() -> Journal.embedded(dir)).isInstanceOf(DispatchException.class)
                .hasMessageContaining("DISPATCH-005").hasMessageContaining("99");
    }

    @Test
    void aJournalHeldByAnotherProcessIsRefused() throws Exception {
        try (Journal j = Journal.embedded(dir)) {
            j.plan(List.of(dmp("CR-7")), T0);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                HoldJournal.class.getName(), dir.toString()));
        Process other = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("holding");
            assertThatThrownBy(() -> Journal.embedded(dir)).isInstanceOf(DispatchException.class)
                    .satisfies(e -> assertThat(((DispatchException) e).code())
                            .isEqualTo(DispatchError.JOURNAL_LOCKED));
        } finally {
            other.destroyForcibly();
            other.waitFor(20, TimeUnit.SECONDS);
        }
        // the other process was killed: its lock went with it and the journal opens again at once, with its data
        try (Journal j = Journal.embedded(dir)) {
            assertThat(j.find(dmp("CR-7"))).isPresent();
        }
    }

    /** Opens the journal in a second JVM and holds it until killed. */
    public static final class HoldJournal {
        public static void main(String[] args) throws Exception {
            Journal j = Journal.embedded(Path.of(args[0]));
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
            j.close();
        }
    }
}
