package fr.segurbio.dispatch.journal;

import fr.segurbio.dispatch.DispatchError;
import fr.segurbio.dispatch.DispatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The journal over JDBC, for the embedded H2 file and for PostgreSQL. One connection, used under this object's
 * lock; every change is one transaction, committed before the method returns (H2 with {@code WRITE_DELAY=0}, so
 * that a killed process loses nothing it was told was recorded).
 */
final class JdbcJournal implements Journal {

    /** The schema version this SDK writes. */
    static final int SCHEMA_VERSION = 2;

    private static final String TABLE = "segur_dispatch_sending";
    private static final String PARTS = "segur_dispatch_part";
    private static final String COLUMNS = "report_id, report_version, channel, recipient, state, attempts,"
            + " next_attempt_at, lease_owner, lease_until, remote_ids, last_error_code, last_error, detail,"
            + " created_at, updated_at";
    /**
     * The claim's order between a report's DMP sendings, for the due entries and the orphaned ones alike (table
     * alias {@code s}): a DMP release is not handed out while the DMP submission of its version (or of an earlier
     * one) is held, planned, in flight or to retry, nor a submission while an earlier version's is.
     */
    private static final String NOT_BEHIND_A_SUBMISSION = " AND (channel NOT IN ('DMP', 'DMP_RELEASE') OR NOT EXISTS"
            + " (SELECT 1 FROM " + TABLE + " p WHERE p.report_id = s.report_id AND p.channel = 'DMP'"
            + " AND p.state IN ('PLANNED', 'HELD', 'IN_FLIGHT', 'TO_RETRY') AND (p.report_version < s.report_version"
            + " OR (s.channel = 'DMP_RELEASE' AND p.report_version = s.report_version))))";
    private static final String KEY = " WHERE report_id = ? AND report_version = ? AND channel = ? AND recipient = ?";
    private static final int TEXT = 2000;
    /**
     * The embedded H2 file's settings.
     * <ul>
     * <li>{@code WRITE_DELAY=0}: each commit is written to the file before it returns (no background writer).
     * <li>{@code REUSE_SPACE=FALSE}: every chunk is appended after the last one. With space reuse, MVStore writes a
     * commit's chunk into a free gap of the file and, when the gap is not the one its previous chunk predicted,
     * rewrites the store header to point at the <em>previous</em> chunk (H2 2.5.252 {@code FileStore.storeBuffer}
     * calls {@code writeChunk} before it sets {@code lastChunk}). After a {@code kill -9}, recovery follows the
     * header and the chunks' predicted successors, cannot reach the gap, and reopens the file at an older version:
     * up to about twenty acknowledged commits are gone. Appended chunks are always found, from the end of the
     * file ({@code ConcurrentlyKilledJournalTest}). The file does not grow faster for it: with {@code
     * WRITE_DELAY=0} H2 runs no background compaction, and the journal's chunks are rarely wholly free.
     * <li>{@code FILE_LOCK=FS}: one process at a time, by the operating system's file lock, which a killed
     * process releases at once (H2's {@code FILE} method makes the next process wait 2 to 4 s for a stale lock
     * file to age).
     * <li>{@code QUERY_CACHE_SIZE=32}: the journal's dozen statements stay parsed (H2 keeps 8 by default, fewer
     * than a report's publication and sendings use, so each was parsed again).
     * </ul>
     */
    private static final String EMBEDDED_SETTINGS = ";FILE_LOCK=FS;WRITE_DELAY=0;REUSE_SPACE=FALSE"
            + ";QUERY_CACHE_SIZE=32;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE";

    private final String where;
    private final Connection connection;
    /**
     * PostgreSQL, shared by several nodes: a claimed row is locked and the others skip it. The embedded H2 file
     * is opened by one process only and used under this object's lock, so it needs no row lock.
     */
    private final String lockClause;

    private JdbcJournal(String where, Connection connection, boolean shared) {
        this.where = where;
        this.connection = connection;
        this.lockClause = shared ? " FOR UPDATE SKIP LOCKED" : "";
    }

    static JdbcJournal embedded(Path folder) {
        Objects.requireNonNull(folder, "folder");
        Path dir = folder.toAbsolutePath();
        String where = dir.resolve("journal.mv.db").toString();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DispatchException(e, DispatchError.JOURNAL_UNAVAILABLE, where, e.getMessage());
        }
        refuseCutShort(dir.resolve("journal.mv.db"), where);
        String url = "jdbc:h2:file:" + dir.resolve("journal") + EMBEDDED_SETTINGS;
        try {
            Connection c = DriverManager.getConnection(url, "segur", "");
            return open(where, c, false);
        } catch (SQLException e) {
            throw embeddedOpenFailure(where, e);
        }
    }

    /**
     * Refuses a file closed cleanly whose last chunk is no longer in it (a copy or a disk that stopped half-way).
     * With every chunk appended, H2 would open such a file at the newest chunk left, silently older; its store
     * header ({@code key:hexvalue} pairs in the first block) still says where the last chunk starts, and that
     * chunk's own header how long it is. A file left by a crash has no {@code clean} mark and is H2's to recover.
     */
    private static void refuseCutShort(Path file, String where) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file)) {
            long length = c.size();
            Map<String, String> header = h2Map(c, 0);
            if (!header.containsKey("clean") || !header.containsKey("block")) {
                return;
            }
            long blockSize = Long.parseLong(header.getOrDefault("blockSize", "1000"), 16);
            long start = Long.parseLong(header.get("block"), 16) * blockSize;
            Map<String, String> chunk = start < length ? h2Map(c, start) : Map.of();
            long end = chunk.containsKey("len") ? start + Long.parseLong(chunk.get("len"), 16) * blockSize
                    : Long.MAX_VALUE;
            if (end > length) {
                throw new DispatchException(DispatchError.JOURNAL_CORRUPT, where, "closed cleanly with its last"
                        + " chunk at bytes " + start + "-" + end + ", but the file has " + length + " bytes / fermé"
                        + " proprement avec son dernier bloc aux octets " + start + "-" + end
                        + ", mais le fichier n'en a que " + length);
            }
        } catch (NumberFormatException e) {
            // not a header this check understands: H2 reads it and says what it thinks of it
        } catch (IOException e) {
            throw new DispatchException(e, DispatchError.JOURNAL_UNAVAILABLE, where, e.getMessage());
        }
    }

    /** The {@code key:value,...} line H2 writes at the start of its file header and of each chunk. */
    private static Map<String, String> h2Map(java.nio.channels.FileChannel c, long at) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1024);
        while (b.hasRemaining() && c.read(b, at + b.position()) > 0) {
            // read the line's block
        }
        String text = new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        Map<String, String> map = new java.util.HashMap<>();
        for (String pair : (end < 0 ? text : text.substring(0, end)).split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                map.put(pair.substring(0, colon), pair.substring(colon + 1));
            }
        }
        return map;
    }

    static JdbcJournal postgresql(String jdbcUrl, String user, char[] password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String where = jdbcUrl.replaceAll("password=[^&;]*", "password=***");
        Properties p = new Properties();
        p.setProperty("user", Objects.requireNonNull(user, "user"));
        p.setProperty("password", new String(Objects.requireNonNull(password, "password")));
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "60");
        try {
            return open(where, DriverManager.getConnection(jdbcUrl, p), true);
        } catch (SQLException e) {
            throw new DispatchException(e, DispatchError.JOURNAL_UNAVAILABLE, where, e.getMessage());
        }
    }

    private static DispatchException embeddedOpenFailure(String where, SQLException e) {
        int code = e.getErrorCode();
        String text = String.valueOf(e.getMessage());
        if (code == 90020 || text.contains("already in use") || text.contains("locked")) {
            return new DispatchException(e, DispatchError.JOURNAL_LOCKED, where);
        }
        // 90030 file corrupted, 90048 unsupported file version, 90049 wrong encryption/format, and MVStore's
        // own "file corrupt" errors (general error 50000).
        if (code == 90030 || code == 90048 || code == 90049 || text.toLowerCase().contains("corrupt")
                || text.contains("MVStoreException") || text.contains("Wrong format")
                || text.contains("File header") || text.contains("not a valid")) {
            return new DispatchException(e, DispatchError.JOURNAL_CORRUPT, where, firstLine(text));
        }
        return new DispatchException(e, DispatchError.JOURNAL_UNAVAILABLE, where, firstLine(text));
    }

    private static JdbcJournal open(String where, Connection c, boolean shared) throws SQLException {
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            migrate(c);
            return new JdbcJournal(where, c, shared);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS segur_dispatch_schema (version INT NOT NULL)");
            int version = 0;
            try (ResultSet rs = s.executeQuery("SELECT MAX(version) FROM segur_dispatch_schema")) {
                if (rs.next()) {
                    version = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                c.rollback();
                throw new DispatchException(DispatchError.JOURNAL_TOO_NEW, version, SCHEMA_VERSION);
            }
            if (version < 1) {
                s.execute("CREATE TABLE " + TABLE + " ("
                        + "report_id VARCHAR(200) NOT NULL, report_version INT NOT NULL,"
                        + " channel VARCHAR(32) NOT NULL, recipient VARCHAR(320) NOT NULL,"
                        + " state VARCHAR(16) NOT NULL, attempts INT NOT NULL, next_attempt_at BIGINT NOT NULL,"
                        + " lease_owner VARCHAR(100), lease_until BIGINT, remote_ids VARCHAR(" + TEXT + "),"
                        + " last_error_code VARCHAR(64), last_error VARCHAR(" + TEXT + "), detail VARCHAR(" + TEXT
                        + "), created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,"
                        + " PRIMARY KEY (report_id, report_version, channel, recipient))");
                s.execute("CREATE INDEX segur_dispatch_due ON " + TABLE + " (state, next_attempt_at)");
                String binary = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()) ? "BYTEA"
                        : "VARBINARY";
                s.execute("CREATE TABLE " + PARTS + " (report_id VARCHAR(200) NOT NULL, report_version INT NOT NULL,"
                        + " name VARCHAR(200) NOT NULL, text_value VARCHAR(" + TEXT + "), bytes_value " + binary
                        + ", PRIMARY KEY (report_id, report_version, name))");
                s.execute("INSERT INTO segur_dispatch_schema (version) VALUES (1)");
            }
            if (version == 1) {
                // Version 2: two indexes less to write at every commit. The remote ids are searched with
                // LIKE '%id%', which no index serves; the orphaned in-flight entries are found through the
                // state prefix of segur_dispatch_due (they are a batch per node at most).
                s.execute("DROP INDEX IF EXISTS segur_dispatch_lease");
                s.execute("DROP INDEX IF EXISTS segur_dispatch_remote");
            }
            if (version < 2) {
                s.execute("INSERT INTO segur_dispatch_schema (version) VALUES (2)");
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                // Another node created the schema at the same moment: what it committed is ours too.
                return;
            }
            throw e;
        }
    }

    @Override
    public synchronized int plan(Collection<SendingKey> keys, Instant now, SendingState initial) {
        Objects.requireNonNull(now, "now");
        if (initial != SendingState.PLANNED && initial != SendingState.HELD) {
            throw new IllegalArgumentException("a sending is planned PLANNED or HELD, not " + initial);
        }
        List<PlannedSending> sendings = keys.stream().map(k -> new PlannedSending(k, initial, Optional.empty()))
                .toList();
        return write("plan", () -> insertNew(sendings, now));
    }

    @Override
    public synchronized int publish(String reportId, int reportVersion, StoredPublication stored,
            List<PlannedSending> sendings, Instant now) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(now, "now");
        for (PlannedSending p : sendings) {
            if (!p.key().reportId().equals(reportId) || p.key().reportVersion() != reportVersion) {
                throw new IllegalArgumentException(p.key() + " is not a sending of " + reportId + " v" + reportVersion);
            }
        }
        try {
            return write("publish", () -> {
                storeParts(reportId, reportVersion, stored);
                return insertNew(sendings, now);
            });
        } catch (DispatchException e) {
            if (!uniqueViolation(e)) {
                throw e;
            }
            // Another node published the same report version at the same moment: what it committed is the
            // same publication; plan what it may not have planned.
            return write("publish", () -> insertNew(sendings, now));
        }
    }

    /** Inserts the sendings not yet in the journal; the caller commits. */
    private int insertNew(Collection<PlannedSending> sendings, Instant now) throws SQLException {
        int added = 0;
        long t = now.toEpochMilli();
        try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM " + TABLE + KEY);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " ("
                        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, 0, ?, NULL, NULL, ?, NULL, NULL, NULL, ?, ?)")) {
            for (PlannedSending p : sendings) {
                SendingKey k = p.key();
                bindKey(exists, 1, k);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        continue;
                    }
                }
                bindKey(insert, 1, k);
                insert.setString(5, p.initial().name());
                insert.setLong(6, t);
                insert.setString(7, p.remoteIds().map(JdbcJournal::clip).orElse(null));
                insert.setLong(8, t);
                insert.setLong(9, t);
                insert.executeUpdate();
                added++;
            }
        }
        return added;
    }

    private static boolean uniqueViolation(DispatchException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    @Override
    public synchronized int release(String reportId, int reportVersion, Instant now) {
        return write("release", () -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET state = 'PLANNED',"
                    + " next_attempt_at = ?, updated_at = ? WHERE report_id = ? AND report_version = ? AND state ="
                    + " 'HELD'")) {
                s.setLong(1, now.toEpochMilli());
                s.setLong(2, now.toEpochMilli());
                s.setString(3, reportId);
                s.setInt(4, reportVersion);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public synchronized void store(String reportId, int reportVersion, StoredPublication stored) {
        Objects.requireNonNull(stored, "stored");
        try {
            storeOnce(reportId, reportVersion, stored);
        } catch (DispatchException e) {
            // Another node stored the same report version at the same moment (unique key violated): what it
            // committed is the same publication, so the store is done.
            if (uniqueViolation(e) && stored(reportId, reportVersion).isPresent()) {
                return;
            }
            throw e;
        }
    }

    private void storeOnce(String reportId, int reportVersion, StoredPublication stored) {
        write("store", () -> {
            storeParts(reportId, reportVersion, stored);
            return null;
        });
    }

    /** Replaces the documents of a report version; the caller commits. */
    private void storeParts(String reportId, int reportVersion, StoredPublication stored) throws SQLException {
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM " + PARTS
                + " WHERE report_id = ? AND report_version = ?");
                PreparedStatement ins = connection.prepareStatement("INSERT INTO " + PARTS
                        + " (report_id, report_version, name, text_value, bytes_value) VALUES (?, ?, ?, ?, ?)")) {
            del.setString(1, reportId);
            del.setInt(2, reportVersion);
            del.executeUpdate();
            for (Map.Entry<String, String> p : stored.properties().entrySet()) {
                ins.setString(1, reportId);
                ins.setInt(2, reportVersion);
                ins.setString(3, "p:" + p.getKey());
                ins.setString(4, p.getValue());
                ins.setNull(5, java.sql.Types.VARBINARY);
                ins.executeUpdate();
            }
            for (Map.Entry<String, byte[]> d : stored.documents().entrySet()) {
                ins.setString(1, reportId);
                ins.setInt(2, reportVersion);
                ins.setString(3, "d:" + d.getKey());
                ins.setNull(4, java.sql.Types.VARCHAR);
                ins.setBytes(5, d.getValue());
                ins.executeUpdate();
            }
        }
    }

    @Override
    public synchronized Optional<StoredPublication> stored(String reportId, int reportVersion) {
        return read(() -> {
            Map<String, String> props = new java.util.TreeMap<>();
            Map<String, byte[]> docs = new java.util.TreeMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT name, text_value, bytes_value FROM "
                    + PARTS + " WHERE report_id = ? AND report_version = ?")) {
                s.setString(1, reportId);
                s.setInt(2, reportVersion);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (name.startsWith("p:")) {
                            props.put(name.substring(2), rs.getString(2));
                        } else {
                            docs.put(name.substring(2), rs.getBytes(3));
                        }
                    }
                }
            }
            return props.isEmpty() && docs.isEmpty() ? Optional.empty()
                    : Optional.of(new StoredPublication(props, docs));
        });
    }

    @Override
    public synchronized List<JournalEntry> claim(String node, int max, Instant now, Duration lease) {
        requireNode(node);
        if (max < 1) {
            throw new IllegalArgumentException("max must be 1 or more: " + max);
        }
        long t = now.toEpochMilli();
        long until = now.plus(lease).toEpochMilli();
        return write("claim", () -> {
            // Two index-friendly queries rather than one OR: the due ones, then those whose node died; both keep
            // NOT_BEHIND_A_SUBMISSION. A DMP
            // release is not due while the DMP submission of its version (or of an earlier one) is still to be
            // done, to retry or in flight on any node, nor a new version's DMP submission while an earlier
            // version's is: "visible to the patient" on documents the DMP does not have yet, or an RPLC of a
            // document not there yet, would be refused for good. Once the submission is sent (or failed for good)
            // they are due. Due at the same instant, an earlier version goes first, and a DMP submission before its
            // release ('DMP' sorts before 'DMP_RELEASE').
            List<JournalEntry> found = new ArrayList<>();
            try (PreparedStatement due = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " s WHERE state IN ('PLANNED', 'TO_RETRY') AND next_attempt_at <= ?" + NOT_BEHIND_A_SUBMISSION
                    + " ORDER BY next_attempt_at, report_version, channel LIMIT ?" + lockClause)) {
                due.setLong(1, t);
                due.setInt(2, max);
                found.addAll(list(due));
            }
            if (found.size() < max) {
                try (PreparedStatement orphaned = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                        + " s WHERE state = 'IN_FLIGHT' AND lease_until < ?" + NOT_BEHIND_A_SUBMISSION
                        + " ORDER BY lease_until LIMIT ?" + lockClause)) {
                    orphaned.setLong(1, t);
                    orphaned.setInt(2, max - found.size());
                    found.addAll(list(orphaned));
                }
            }
            List<JournalEntry> taken = new ArrayList<>(found.size());
            try (PreparedStatement take = connection.prepareStatement("UPDATE " + TABLE + " SET state ="
                    + " 'IN_FLIGHT', lease_owner = ?, lease_until = ?, attempts = attempts + 1, updated_at = ?"
                    + KEY)) {
                for (JournalEntry e : found) {
                    take.setString(1, node);
                    take.setLong(2, until);
                    take.setLong(3, t);
                    bindKey(take, 4, e.key());
                    take.addBatch();
                    taken.add(new JournalEntry(e.key(), SendingState.IN_FLIGHT, e.attempts() + 1, e.nextAttemptAt(),
                            Optional.of(node), Optional.of(Instant.ofEpochMilli(until)), e.remoteIds(),
                            e.lastErrorCode(), e.lastError(), e.detail(), e.createdAt(), Instant.ofEpochMilli(t)));
                }
                if (!found.isEmpty()) {
                    take.executeBatch();
                }
            }
            return taken;
        });
    }

    @Override
    public synchronized void recordRemoteIds(SendingKey key, String node, String remoteIds) {
        Objects.requireNonNull(remoteIds, "remoteIds");
        held(key, node, "remote_ids = ?", s -> s.setString(1, clip(remoteIds)), 1);
    }

    @Override
    public synchronized void markSent(SendingKey key, String node, String detail) {
        held(key, node, "state = 'SENT', lease_owner = NULL, lease_until = NULL, detail = ?",
                s -> s.setString(1, clip(detail)), 1);
    }

    @Override
    public synchronized void markRetry(SendingKey key, String node, Instant next, String errorCode, String error) {
        held(key, node, "state = 'TO_RETRY', lease_owner = NULL, lease_until = NULL, next_attempt_at = ?,"
                + " last_error_code = ?, last_error = ?", s -> {
                    s.setLong(1, next.toEpochMilli());
                    s.setString(2, clip(errorCode));
                    s.setString(3, clip(error));
                }, 3);
    }

    @Override
    public synchronized void markFailed(SendingKey key, String node, String errorCode, String error) {
        held(key, node, "state = 'FAILED', lease_owner = NULL, lease_until = NULL, last_error_code = ?,"
                + " last_error = ?", s -> {
                    s.setString(1, clip(errorCode));
                    s.setString(2, clip(error));
                }, 2);
    }

    @Override
    public synchronized void recordReturn(SendingKey key, boolean acknowledged, String code, String detail,
            Instant now) {
        write("return", () -> {
            String set = acknowledged ? "state = 'ACKNOWLEDGED', detail = ?, updated_at = ?"
                    : "state = 'FAILED', last_error_code = ?, last_error = ?, detail = ?, updated_at = ?";
            try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET " + set + KEY)) {
                int i = 1;
                if (!acknowledged) {
                    s.setString(i++, clip(code));
                    s.setString(i++, clip(detail));
                }
                s.setString(i++, clip(detail));
                s.setLong(i++, now.toEpochMilli());
                bindKey(s, i, key);
                if (s.executeUpdate() == 0) {
                    throw new DispatchException(DispatchError.UNKNOWN_SENDING, key);
                }
            }
            return null;
        });
    }

    @Override
    public synchronized Optional<JournalEntry> find(SendingKey key) {
        return read(() -> select(key));
    }

    @Override
    public synchronized List<JournalEntry> entries(String reportId) {
        return read(() -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE report_id = ? ORDER BY report_version, channel, recipient")) {
                s.setString(1, reportId);
                return list(s);
            }
        });
    }

    @Override
    public synchronized Optional<JournalEntry> findByRemoteId(String remoteId) {
        Objects.requireNonNull(remoteId, "remoteId");
        return read(() -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE remote_ids LIKE ? ESCAPE '!'")) {
                s.setString(1, "%" + remoteId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                List<JournalEntry> found = list(s);
                return found.stream().filter(e -> e.remoteIds().map(ids -> List.of(ids.split(" "))
                        .contains(remoteId)).orElse(false)).findFirst();
            }
        });
    }

    @Override
    public synchronized int releaseAll(String node, Instant now) {
        requireNode(node);
        return write("release", () -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET state = 'TO_RETRY',"
                    + " lease_owner = NULL, lease_until = NULL, next_attempt_at = ?, updated_at = ? WHERE state ="
                    + " 'IN_FLIGHT' AND lease_owner = ?")) {
                s.setLong(1, now.toEpochMilli());
                s.setLong(2, now.toEpochMilli());
                s.setString(3, node);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public synchronized Map<SendingState, Integer> counts() {
        return read(() -> {
            Map<SendingState, Integer> counts = new EnumMap<>(SendingState.class);
            for (SendingState st : SendingState.values()) {
                counts.put(st, 0);
            }
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT state, COUNT(*) FROM " + TABLE + " GROUP BY state")) {
                while (rs.next()) {
                    counts.put(SendingState.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return counts;
        });
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    // ---------------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private <T> T write(String what, Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new DispatchException(e, DispatchError.JOURNAL_WRITE_FAILED, where, what + ": "
                    + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private <T> T read(Work<T> work) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new DispatchException(e, DispatchError.JOURNAL_UNAVAILABLE, where, firstLine(e.getMessage()));
        }
    }

    /** Updates an entry this node holds; {@code DISPATCH-006} when it no longer does. */
    private void held(SendingKey key, String node, String set, Binder binder, int bound) {
        requireNode(node);
        write("update", () -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET " + set
                    + ", updated_at = ?" + KEY + " AND state = 'IN_FLIGHT' AND lease_owner = ?")) {
                binder.bind(s);
                s.setLong(bound + 1, System.currentTimeMillis());
                bindKey(s, bound + 2, key);
                s.setString(bound + 6, node);
                if (s.executeUpdate() == 1) {
                    return null;
                }
            }
            if (select(key).isEmpty()) {
                throw new DispatchException(DispatchError.UNKNOWN_SENDING, key);
            }
            throw new DispatchException(DispatchError.LEASE_LOST, key, node);
        });
    }

    private Optional<JournalEntry> select(SendingKey key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + KEY)) {
            bindKey(s, 1, key);
            List<JournalEntry> found = list(s);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<JournalEntry> list(PreparedStatement s) throws SQLException {
        List<JournalEntry> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long leaseUntil = rs.getLong(9);
                boolean hasLease = !rs.wasNull();
                out.add(new JournalEntry(
                        new SendingKey(rs.getString(1), rs.getInt(2), Channel.valueOf(rs.getString(3)),
                                rs.getString(4)),
                        SendingState.valueOf(rs.getString(5)), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)),
                        Optional.ofNullable(rs.getString(8)),
                        hasLease ? Optional.of(Instant.ofEpochMilli(leaseUntil)) : Optional.empty(),
                        Optional.ofNullable(rs.getString(10)), Optional.ofNullable(rs.getString(11)),
                        Optional.ofNullable(rs.getString(12)), Optional.ofNullable(rs.getString(13)),
                        Instant.ofEpochMilli(rs.getLong(14)), Instant.ofEpochMilli(rs.getLong(15))));
            }
        }
        return out;
    }

    private static void bindKey(PreparedStatement s, int from, SendingKey k) throws SQLException {
        s.setString(from, k.reportId());
        s.setInt(from + 1, k.reportVersion());
        s.setString(from + 2, k.channel().name());
        s.setString(from + 3, k.recipient());
    }

    private static void requireNode(String node) {
        Objects.requireNonNull(node, "node");
        if (node.isBlank() || node.length() > 100) {
            throw new IllegalArgumentException("node must have 1 to 100 characters");
        }
    }

    private static String clip(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= TEXT ? s : s.substring(0, TEXT - 1) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the transaction is lost with it, which is what a rollback wanted
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        }
    }
}
