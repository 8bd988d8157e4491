package fr.segurbio.hl7v2.mllp;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.BusinessAck;
import fr.segurbio.hl7v2.ack.SentMessages;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a listener does with each message it receives: returns the reply (the ACK) sent back on the same
 * connection. Ready-made handlers for the lab's two inbound flows: the PAM FR identity feed and the ZAM business
 * acknowledgements.
 *
 * <pre>{@code
 * MessageHandler feed = MessageHandler.identityFeed(PamFrReader.forEnvironment(InsEnvironment.PRODUCTION),
 *         f -> repository.apply(f));
 * MessageHandler zams = MessageHandler.businessAcks(sentMessages, z -> log.info("{}", z));
 * MllpListener.builder(2575).handler(MessageHandler.byType("ADT", feed, zams)).build().start();
 * }</pre>
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message.
     *
     * @param message the message received
     * @return the reply to send back
     */
    Hl7Message handle(Hl7Message message);

    /**
     * The ACK control ids of the ready-made handlers: {@code ACK} + a counter.
     *
     * @return the next id
     */
    private static String nextId() {
        return "ACK" + Ids.NEXT.incrementAndGet();
    }

    /**
     * The PAM FR identity feed: each ADT read with {@code reader}, given to {@code sink}, answered AA, or AE with
     * one ERR per error.
     *
     * @param reader the PAM FR reader
     * @param sink receives every feed, problems included
     * @return the handler
     */
    static MessageHandler identityFeed(PamFrReader reader, Consumer<IdentityFeed> sink) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(sink, "sink");
        return m -> {
            IdentityFeed feed = reader.read(m);
            sink.accept(feed);
            return Acknowledgement.answer(m, feed.problems(), nextId(), OffsetDateTime.now(Clock.systemUTC()));
        };
    }

    /**
     * The ZAM business acknowledgements: each ZAM read, matched against what was sent, given to {@code sink},
     * answered {@code ACK^Z0x^ACK} AA (AE when the ZAM is malformed).
     *
     * @param sent the messages sent
     * @param sink receives every business acknowledgement
     * @return the handler
     */
    static MessageHandler businessAcks(SentMessages sent, Consumer<BusinessAck> sink) {
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(sink, "sink");
        return m -> {
            OffsetDateTime now = OffsetDateTime.now(Clock.systemUTC());
            try {
                BusinessAck zam = BusinessAck.read(m);
                ValidationResult r = sent.businessAck(zam).map(ValidationResult::of).orElse(ValidationResult.ok());
                sink.accept(zam);
                return Acknowledgement.answer(m, r, nextId(), now);
            } catch (Hl7Exception e) {
                return Acknowledgement.answer(m, ValidationResult.of(e.problems()), nextId(), now);
            }
        };
    }

    /**
     * Routes by MSH-9.1: {@code type} to {@code handler}, anything else to {@code otherwise}.
     *
     * @param type the message type
     * @param handler its handler
     * @param otherwise the handler of the other messages
     * @return the handler
     */
    static MessageHandler byType(String type, MessageHandler handler, MessageHandler otherwise) {
        return m -> type.equals(m.messageType()) ? handler.handle(m) : otherwise.handle(m);
    }

    /** The counter of the ready-made handlers' ACK ids. */
    final class Ids {
        static final AtomicLong NEXT = new AtomicLong();

        private Ids() {
        }
    }
}
