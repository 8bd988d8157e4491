package fr.segurbio.mss.returns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.core.Problem;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.mail.SubmissionResult;

/**
 * The status of every sent message per recipient: recorded at submission ({@link RecipientStatus#SENT} or
 * {@link RecipientStatus#REFUSED} with the SMTP reply), then moved forward by the returns matched to it by
 * Message-ID (delivered, read, processed, failed with the reason and code). Keeps the mailbox checkpoint too, and
 * saves everything as a small JSON journal. Thread-safe.
 *
 * <pre>{@code
 * DeliveryTracker tracker = DeliveryTracker.load(Path.of("mss-journal.json"));
 * tracker.record(message.subject(), client.send(message));
 * FetchSummary s = ReturnsReader.of(client).fetch(tracker.checkpoint(), tracker::apply);
 * tracker.checkpoint(s.checkpoint());
 * tracker.save(Path.of("mss-journal.json"));
 * tracker.status(message.messageId()).orElseThrow().recipients();   // address -> PROCESSED / FAILED (902) ...
 * }</pre>
 */
public final class DeliveryTracker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Sent> messages = new LinkedHashMap<>();
    private final List<Problem> unmatched = new ArrayList<>();
    private final Clock clock;
    private Checkpoint checkpoint = Checkpoint.START;

    private DeliveryTracker(Clock clock) {
        this.clock = clock;
    }

    /**
     * An empty tracker.
     *
     * @return the tracker
     */
    public static DeliveryTracker create() {
        return new DeliveryTracker(Clock.systemUTC());
    }

    /**
     * An empty tracker with a clock for the event times.
     *
     * @param clock the clock
     * @return the tracker
     */
    public static DeliveryTracker create(Clock clock) {
        return new DeliveryTracker(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * One recipient's status.
     *
     * @param status the status
     * @param code the error code (volet, HL7 0357, SMTP reply or DSN status), if any
     * @param detail the reason, if any
     * @param at when the status was last set
     */
    public record Entry(RecipientStatus status, Optional<String> code, Optional<String> detail, Instant at) {
    }

    /**
     * One sent message.
     *
     * @param messageId its Message-ID
     * @param subject its subject
     * @param sentAt when it was submitted
     * @param recipients each recipient's status
     */
    public record Sent(String messageId, String subject, Instant sentAt, Map<MailAddress, Entry> recipients) {
        /**
         * Copies the map, keeping its order.
         *
         * @param messageId the Message-ID
         * @param subject the subject
         * @param sentAt the submission time
         * @param recipients the statuses
         */
        public Sent {
            recipients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recipients));
        }
    }

    /**
     * Records a submission.
     *
     * @param subject the message's subject
     * @param result the submission's outcome per recipient
     */
    public synchronized void record(String subject, SubmissionResult result) {
        Instant now = clock.instant();
        Map<MailAddress, Entry> r = new LinkedHashMap<>();
        result.recipients().forEach((a, o) -> r.put(a, o.accepted()
                ? new Entry(RecipientStatus.SENT, Optional.empty(), Optional.empty(), now)
                : new Entry(RecipientStatus.REFUSED, Optional.of(Integer.toString(o.replyCode())),
                        Optional.of(o.reply()), now)));
        messages.put(result.messageId(), new Sent(result.messageId(), subject, now, r));
    }

    /**
     * Applies a return to the message it is about.
     *
     * @param r the return
     * @return true when it matched a sent message (an unmatched one is kept as an {@code MSS-303} warning)
     */
    public synchronized boolean apply(ReturnMessage r) {
        Sent sent = messages.get(r.originalMessageId());
        if (sent == null) {
            unmatched.add(Problem.of(MssError.UNMATCHED_RETURN, r.kind().name(), r.originalMessageId()));
            return false;
        }
        Map<MailAddress, Entry> recipients = new LinkedHashMap<>(sent.recipients());
        List<MailAddress> targets = new ArrayList<>();
        if (r.recipient().isPresent() && recipients.containsKey(r.recipient().get())) {
            targets.add(r.recipient().get());
        } else if (recipients.size() == 1 || r.recipient().isEmpty()) {
            // a single recipient (a forwarding address answered), or a KO message that names nobody
            targets.addAll(recipients.keySet());
        } else {
            unmatched.add(Problem.of(MssError.UNMATCHED_RETURN, r.kind().name(),
                    r.originalMessageId() + " / " + r.recipient().get()));
            return false;
        }
        Instant now = clock.instant();
        for (MailAddress a : targets) {
            Entry current = recipients.get(a);
            if (r.status().supersedes(current.status())) {
                recipients.put(a, new Entry(r.status(), r.errorCode(), r.detail(), now));
            }
        }
        messages.put(sent.messageId(), new Sent(sent.messageId(), sent.subject(), sent.sentAt(), recipients));
        return true;
    }

    /**
     * A sent message's statuses.
     *
     * @param messageId its Message-ID
     * @return the message, if it was recorded
     */
    public synchronized Optional<Sent> status(String messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    /**
     * Every recorded message, oldest first.
     *
     * @return the messages
     */
    public synchronized List<Sent> messages() {
        return List.copyOf(messages.values());
    }

    /**
     * The returns that matched no sent message.
     *
     * @return {@code MSS-303} warnings
     */
    public synchronized List<Problem> unmatched() {
        return List.copyOf(unmatched);
    }

    /**
     * Where the mailbox reading stopped.
     *
     * @return the checkpoint
     */
    public synchronized Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * Moves the checkpoint after a reading.
     *
     * @param value the new checkpoint
     */
    public synchronized void checkpoint(Checkpoint value) {
        this.checkpoint = Objects.requireNonNull(value, "checkpoint");
    }

    /**
     * Saves the journal (written to a temporary file, then moved in place).
     *
     * @param file the JSON file
     */
    public synchronized void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("checkpoint").put("uidValidity", checkpoint.uidValidity()).put("lastUid", checkpoint.lastUid());
        ArrayNode list = root.putArray("messages");
        for (Sent s : messages.values()) {
            ObjectNode m = list.addObject();
            m.put("messageId", s.messageId());
            m.put("subject", s.subject());
            m.put("sentAt", s.sentAt().toString());
            ObjectNode rs = m.putObject("recipients");
            s.recipients().forEach((a, e) -> {
                ObjectNode n = rs.putObject(a.address());
                n.put("status", e.status().name());
                e.code().ifPresent(c -> n.put("code", c));
                e.detail().ifPresent(d -> n.put("detail", d));
                n.put("at", e.at().toString());
            });
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".mss-journal", ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MssException(e, MssError.JOURNAL_FAILED, file + ": " + e.getMessage());
        }
    }

    /**
     * Loads a journal, or starts an empty one when the file does not exist.
     *
     * @param file the JSON file
     * @return the tracker
     */
    public static DeliveryTracker load(Path file) {
        DeliveryTracker t = create();
        if (!Files.exists(file)) {
            return t;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode cp = root.path("checkpoint");
            t.checkpoint = new Checkpoint(cp.path("uidValidity").asLong(0), cp.path("lastUid").asLong(0));
            for (JsonNode m : root.path("messages")) {
                Map<MailAddress, Entry> r = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = m.path("recipients").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode n = e.getValue();
                    r.put(MailAddress.of(e.getKey()), new Entry(RecipientStatus.valueOf(n.path("status").asText()),
                            Optional.ofNullable(n.get("code")).map(JsonNode::asText),
                            Optional.ofNullable(n.get("detail")).map(JsonNode::asText),
                            Instant.parse(n.path("at").asText())));
                }
                String id = m.path("messageId").asText();
                t.messages.put(id, new Sent(id, m.path("subject").asText(), Instant.parse(m.path("sentAt").asText()), r));
            }
            return t;
        } catch (IOException | RuntimeException e) {
            throw new MssException(e, MssError.JOURNAL_FAILED, file + ": " + e.getMessage());
        }
    }
}
