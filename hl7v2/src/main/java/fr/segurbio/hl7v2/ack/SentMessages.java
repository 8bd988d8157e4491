package fr.segurbio.hl7v2.ack;

import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What was sent to the PFI, by MSH-10, and what came back for it: the technical ACK, then the ZAMs (one Z01, one
 * Z02 per MSSanté recipient, Z03 reads). Thread-safe; keeps the last {@code capacity} messages.
 *
 * <pre>{@code
 * SentMessages sent = SentMessages.withCapacity(10_000);
 * sent.register(oru);
 * sent.acknowledged(Acknowledgement.read(answer));           // empty: matched
 * sent.businessAck(BusinessAck.read(zam));                    // Optional[HL7-303] when nothing matches
 * sent.tracking("015").orElseThrow().businessAcks();
 * }</pre>
 */
public final class SentMessages {

    /**
     * One sent message and its acknowledgements.
     *
     * @param controlId MSH-10
     * @param messageType MSH-9 as {@code ORU^R01}
     * @param sentAt when it was registered
     * @param ack the technical ACK, when received
     * @param businessAcks the ZAMs, in arrival order
     */
    public record Tracking(String controlId, String messageType, Instant sentAt, Optional<Acknowledgement> ack,
            List<BusinessAck> businessAcks) {

        /**
         * Copies the list.
         *
         * @param controlId MSH-10
         * @param messageType MSH-9
         * @param sentAt when it was registered
         * @param ack the technical ACK
         * @param businessAcks the ZAMs
         */
        public Tracking {
            businessAcks = List.copyOf(businessAcks);
        }
    }

    private final int capacity;
    private final Clock clock;
    private final Map<String, Tracking> byId;

    private SentMessages(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.byId = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tracking> eldest) {
                return size() > SentMessages.this.capacity;
            }
        };
    }

    /**
     * A registry.
     *
     * @param capacity how many messages are kept (the oldest go first)
     * @return the registry
     */
    public static SentMessages withCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        return new SentMessages(capacity, Clock.systemUTC());
    }

    /**
     * Registers a message about to be sent.
     *
     * @param sent the message
     */
    public synchronized void register(Hl7Message sent) {
        Objects.requireNonNull(sent, "sent");
        byId.put(sent.controlId(), new Tracking(sent.controlId(), sent.messageType() + "^" + sent.triggerEvent(),
                clock.instant(), Optional.empty(), List.of()));
    }

    /**
     * Records a technical ACK.
     *
     * @param ack the ACK
     * @return {@code HL7-303} when no message was sent with MSA-2 or it was already acknowledged
     */
    public synchronized Optional<Problem> acknowledged(Acknowledgement ack) {
        Tracking t = byId.get(ack.acknowledgedControlId());
        if (t == null || t.ack().isPresent()) {
            return Optional.of(Problem.of(Hl7Error.ACK_UNMATCHED, "MSA-2", ack.acknowledgedControlId()));
        }
        byId.put(t.controlId(), new Tracking(t.controlId(), t.messageType(), t.sentAt(), Optional.of(ack),
                t.businessAcks()));
        return Optional.empty();
    }

    /**
     * Records a ZAM.
     *
     * @param zam the business acknowledgement
     * @return {@code HL7-303} when no message was sent with its OBX-4
     */
    public synchronized Optional<Problem> businessAck(BusinessAck zam) {
        Tracking t = byId.get(zam.acknowledgedControlId());
        if (t == null) {
            return Optional.of(Problem.of(Hl7Error.ACK_UNMATCHED, "OBX-4", zam.acknowledgedControlId()));
        }
        List<BusinessAck> all = new ArrayList<>(t.businessAcks());
        all.add(zam);
        byId.put(t.controlId(), new Tracking(t.controlId(), t.messageType(), t.sentAt(), t.ack(), all));
        return Optional.empty();
    }

    /**
     * What is known of a sent message.
     *
     * @param controlId MSH-10
     * @return the tracking, empty when unknown (or evicted)
     */
    public synchronized Optional<Tracking> tracking(String controlId) {
        return Optional.ofNullable(byId.get(controlId));
    }

    /**
     * The messages sent and not yet acknowledged.
     *
     * @return their control ids, oldest first
     */
    public synchronized List<String> awaitingAck() {
        return byId.values().stream().filter(t -> t.ack().isEmpty()).map(Tracking::controlId).toList();
    }
}
