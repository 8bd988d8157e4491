package fr.segurbio.dispatch.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The durable journal of the sendings: one entry per report version × channel × recipient, written
 * <em>before</em> anything is sent, so that after a crash nothing is lost and nothing is sent twice.
 * Several nodes may share one journal on PostgreSQL: {@link #claim} hands each due entry to one node at a time
 * (a lease, {@code FOR UPDATE SKIP LOCKED}); an entry whose node died is taken over when its lease expires.
 * Thread-safe.
 *
 * <pre>{@code
 * try (Journal journal = Journal.embedded(Path.of("/var/lib/sgl/segur"))) {
 *     journal.plan(List.of(new SendingKey("CR-42", 1, Channel.DMP, ins)), Instant.now());
 *     for (JournalEntry e : journal.claim("node-1", 10, Instant.now(), Duration.ofMinutes(2))) {
 *         journal.recordRemoteIds(e.key(), "node-1", "1.2.250.1.999.1.42^N3 1.2.250.1.999.1.42^N1");
 *         // ... send, then:
 *         journal.markSent(e.key(), "node-1", "Success");
 *     }
 * }
 * }</pre>
 */
public interface Journal extends AutoCloseable {

    /**
     * The embedded journal: an H2 database in one file, {@code journal.mv.db}, in {@code folder} (created if
     * needed). One process at a time may open it; a second gets {@code DISPATCH-002}.
     *
     * @param folder the folder the SGL chooses for it
     * @return the journal, its schema created or migrated
     * @throws fr.segurbio.dispatch.DispatchException DISPATCH-001 corrupt, DISPATCH-002 locked, DISPATCH-003
     *         unavailable, DISPATCH-005 newer schema
     */
    static Journal embedded(Path folder) {
        return JdbcJournal.embedded(folder);
    }

    /**
     * A journal on PostgreSQL, which several SGL nodes may share.
     *
     * @param jdbcUrl the URL, e.g. {@code jdbc:postgresql://db.lab.local:5432/sgl}
     * @param user the user
     * @param password the password
     * @return the journal, its schema created or migrated
     * @throws fr.segurbio.dispatch.DispatchException DISPATCH-003 when the database cannot be reached
     */
    static Journal postgresql(String jdbcUrl, String user, char[] password) {
        return JdbcJournal.postgresql(jdbcUrl, user, password);
    }

    /**
     * Records sendings to do; a key already in the journal is left as it is.
     *
     * @param keys the sendings
     * @param now the planning instant (the first attempt is due then)
     * @return how many were new
     */
    default int plan(Collection<SendingKey> keys, Instant now) {
        return plan(keys, now, SendingState.PLANNED);
    }

    /**
     * Records sendings to do in a given first state; a key already in the journal is left as it is.
     *
     * @param keys the sendings
     * @param now the planning instant
     * @param initial {@link SendingState#PLANNED} (due now) or {@link SendingState#HELD} (due at
     *        {@link #release})
     * @return how many were new
     */
    int plan(Collection<SendingKey> keys, Instant now, SendingState initial);

    /**
     * Records a report version at once, in one transaction: its documents (as {@link #store}) and its sendings
     * with the remote ids already known (as {@link #plan}, then {@link #recordRemoteIds}). A sending so recorded
     * never exists without its remote ids, and the whole costs one commit instead of three or more. A key already
     * in the journal is left as it is.
     *
     * <pre>{@code
     * journal.publish("CR-42", 1, stored, List.of(new PlannedSending(dmpKey, SendingState.PLANNED,
     *         Optional.of(n3UniqueId + " " + n1UniqueId))), Instant.now());
     * }</pre>
     *
     * @param reportId the report
     * @param reportVersion its version
     * @param stored the documents and properties
     * @param sendings the sendings of that version
     * @param now the planning instant
     * @return how many sendings were new
     */
    int publish(String reportId, int reportVersion, StoredPublication stored, List<PlannedSending> sendings,
            Instant now);

    /**
     * Ends the hold of a report version: its {@link SendingState#HELD} entries become due now.
     *
     * @param reportId the report
     * @param reportVersion its version
     * @param now the current instant
     * @return how many entries were released
     */
    int release(String reportId, int reportVersion, Instant now);

    /**
     * Keeps what a sending needs (the documents and their properties), written once per report version in the
     * same durable store, so that a restarted or another node can send it.
     *
     * @param reportId the report
     * @param reportVersion its version
     * @param stored the documents and properties
     */
    void store(String reportId, int reportVersion, StoredPublication stored);

    /**
     * What {@link #store} kept.
     *
     * @param reportId the report
     * @param reportVersion its version
     * @return the documents and properties, if stored
     */
    Optional<StoredPublication> stored(String reportId, int reportVersion);

    /**
     * Takes up to {@code max} due entries for this node: planned or to retry whose next attempt has come, and
     * in-flight ones whose lease expired (their node died). Each is returned {@link SendingState#IN_FLIGHT},
     * with its attempt count increased and a lease until {@code now + lease}. A {@link Channel#DMP_RELEASE} is not
     * due while the {@link Channel#DMP} submission of its version or of an earlier version of the report is planned,
     * in flight or to retry, on any node; nor is a new version's DMP submission while an earlier version's is: each
     * becomes due once that submission is sent or has failed for good.
     *
     * @param node this node's name
     * @param max the most entries to take
     * @param now the current instant
     * @param lease how long this node holds them
     * @return the entries taken, oldest due first
     */
    List<JournalEntry> claim(String node, int max, Instant now, Duration lease);

    /**
     * Records the identifiers the remote side will know the sending by, before sending it.
     *
     * @param key the sending, held by {@code node}
     * @param node this node
     * @param remoteIds the identifiers (DMP uniqueIds, Message-ID)
     */
    void recordRemoteIds(SendingKey key, String node, String remoteIds);

    /**
     * The remote side accepted the sending.
     *
     * @param key the sending, held by {@code node}
     * @param node this node
     * @param detail what the remote side answered
     */
    void markSent(SendingKey key, String node, String detail);

    /**
     * An error that can be retried: the entry goes back to {@link SendingState#TO_RETRY}, due at {@code next}.
     *
     * @param key the sending, held by {@code node}
     * @param node this node
     * @param next when to try again
     * @param errorCode the stable code of the error
     * @param error the error's text (the remote's own text kept)
     */
    void markRetry(SendingKey key, String node, Instant next, String errorCode, String error);

    /**
     * An error that retrying cannot fix: the entry is {@link SendingState#FAILED} for good.
     *
     * @param key the sending, held by {@code node}
     * @param node this node
     * @param errorCode the stable code of the error
     * @param error the error's text
     */
    void markFailed(SendingKey key, String node, String errorCode, String error);

    /**
     * A return from the recipient, whatever node sent it: an acknowledgement makes the entry
     * {@link SendingState#ACKNOWLEDGED}; a failure notice (DSN, MDN with an error) makes it
     * {@link SendingState#FAILED} with the code and text of the notice.
     *
     * @param key the sending
     * @param acknowledged true for an acknowledgement, false for a failure notice
     * @param code the notice's error code when it is a failure, or {@code null}
     * @param detail the notice's text
     * @param now the current instant
     */
    void recordReturn(SendingKey key, boolean acknowledged, String code, String detail, Instant now);

    /**
     * One entry.
     *
     * @param key the sending
     * @return the entry, if planned
     */
    Optional<JournalEntry> find(SendingKey key);

    /**
     * Every entry of a report, all versions, in key order.
     *
     * @param reportId the report's identifier
     * @return the entries
     */
    List<JournalEntry> entries(String reportId);

    /**
     * The entry whose remote ids contain {@code remoteId} (e.g. the Message-ID an MDN refers to).
     *
     * @param remoteId one remote identifier
     * @return the entry, if any
     */
    Optional<JournalEntry> findByRemoteId(String remoteId);

    /**
     * After this node restarted: its own in-flight entries (sent or not, nobody knows) become due again at
     * once, keeping their remote ids so that the remote side is checked before anything is sent again.
     *
     * @param node this node's name
     * @param now the current instant
     * @return how many entries were released
     */
    int releaseAll(String node, Instant now);

    /**
     * How many entries are in each state.
     *
     * @return the counts, every state present
     */
    java.util.Map<SendingState, Integer> counts();

    /** Closes the connection(s). */
    @Override
    void close();
}
