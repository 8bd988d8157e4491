package fr.segurbio.hl7v2.ack;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.Hl7Charsets;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.internal.Hl7Time;
import fr.segurbio.hl7v2.internal.Structures;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A technical acknowledgement (ACK, original mode): MSA-1 code, MSA-2 the acknowledged MSH-10, the ERR segments.
 * Read from what the PFI answers, or written by the SDK when it receives (the PAM feed, the ZAM): MSH-3/4 and
 * MSH-5/6 swapped, MSH-9 {@code ACK^<event>^ACK}, MSH-11/12/17/18/21 as the original.
 *
 * <pre>{@code
 * Acknowledgement ack = Acknowledgement.read(answer);
 * if (!ack.code().isAccepted()) {
 *     ack.errors().forEach(e -> log.warn("{} {} {}", e.conditionCode(), e.applicationCode(), e.applicationText()));
 * }
 * Hl7Message reply = Acknowledgement.answer(received, AckCode.AA, List.of(), "ACK-42", OffsetDateTime.now());
 * }</pre>
 *
 * @param controlId MSH-10 of the ACK
 * @param code MSA-1
 * @param acknowledgedControlId MSA-2
 * @param text MSA-3, {@code ""} when absent
 * @param errors the ERR segments
 */
public record Acknowledgement(String controlId, AckCode code, String acknowledgedControlId, String text,
        List<ErrorDetail> errors) {

    /**
     * Copies the list.
     *
     * @param controlId MSH-10 of the ACK
     * @param code MSA-1
     * @param acknowledgedControlId MSA-2
     * @param text MSA-3
     * @param errors the ERR segments
     */
    public Acknowledgement {
        Objects.requireNonNull(code, "code");
        errors = List.copyOf(errors);
    }

    /**
     * Reads an ACK.
     *
     * @param m the message
     * @return the acknowledgement
     * @throws Hl7Exception {@code HL7-301} without MSA, {@code HL7-302} for an unknown MSA-1, {@code HL7-015} for
     *         another message type
     */
    public static Acknowledgement read(Hl7Message m) {
        if (!"ACK".equals(m.messageType())) {
            throw new Hl7Exception(Hl7Error.UNSUPPORTED_MESSAGE, m.messageType() + "^" + m.triggerEvent(), "ACK");
        }
        List<Problem> order = new ArrayList<>();
        Structures.check(m, Structures.ACK, "ACK", Set.of(), order::add);
        Segment msa = m.segment("MSA").orElseThrow(() -> new Hl7Exception(Hl7Error.ACK_NO_MSA));
        AckCode code = AckCode.of(msa.value(1))
                .orElseThrow(() -> new Hl7Exception(Hl7Error.ACK_CODE, msa.value(1)));
        if (!ValidationResult.of(order).isValid()) {
            throw new Hl7Exception(order, null);
        }
        List<ErrorDetail> errors = new ArrayList<>();
        for (Segment err : m.segments("ERR")) {
            errors.add(ErrorDetail.of(err));
        }
        return new Acknowledgement(m.controlId(), code, msa.value(2).trim(), msa.value(3).trim(), errors);
    }

    /**
     * The ACK of a received message.
     *
     * @param original the message acknowledged
     * @param code MSA-1
     * @param errors the ERR segments (for AE/AR)
     * @param controlId MSH-10 of the ACK
     * @param time MSH-7
     * @return the ACK message, in the original's character set
     */
    public static Hl7Message answer(Hl7Message original, AckCode code, List<ErrorDetail> errors, String controlId,
            OffsetDateTime time) {
        Delimiters d = Delimiters.STANDARD;
        Segment o = original.msh();
        String event = original.triggerEvent();
        Hl7Message.Builder m = Hl7Message.builder(d).charset(original.charset());
        m.add(m.segment("MSH").raw(3, o.raw(5)).raw(4, o.raw(6)).raw(5, o.raw(3)).raw(6, o.raw(4))
                .set(7, Hl7Time.format(time)).components(9, "ACK", event, "ACK").set(10, controlId)
                .raw(11, o.raw(11)).raw(12, o.raw(12)).raw(17, o.raw(17))
                .set(18, Hl7Charsets.msh18(original.charset())).raw(19, o.raw(19)).raw(21, o.raw(21)).build());
        m.add(m.segment("MSA").set(1, code.name()).set(2, original.controlId()).build());
        for (ErrorDetail e : errors) {
            m.add(e.toSegment(d));
        }
        return m.build();
    }

    /**
     * The ACK of a received message from the problems found in it: AA without errors, AE with one ERR per error
     * (warnings are not sent).
     *
     * @param original the message acknowledged
     * @param problems the problems found
     * @param controlId MSH-10 of the ACK
     * @param time MSH-7
     * @return the ACK message
     */
    public static Hl7Message answer(Hl7Message original, ValidationResult problems, String controlId,
            OffsetDateTime time) {
        List<ErrorDetail> errors = problems.errors().stream().map(ErrorDetail::of).toList();
        return answer(original, errors.isEmpty() ? AckCode.AA : AckCode.AE, errors, controlId, time);
    }

    /**
     * The ACK of bytes that could not be parsed into a message (no usable MSH): a v2.5 ACK with MSA-1
     * {@code AE}, an empty MSA-2 and one ERR per problem.
     *
     * @param problems the parser's problems
     * @param controlId MSH-10 of the ACK
     * @param time MSH-7
     * @return the ACK message (UTF-8)
     */
    public static Hl7Message reject(List<Problem> problems, String controlId, OffsetDateTime time) {
        Delimiters d = Delimiters.STANDARD;
        Hl7Message.Builder m = Hl7Message.builder(d);
        m.add(m.segment("MSH").set(7, Hl7Time.format(time)).components(9, "ACK", "", "ACK").set(10, controlId)
                .set(11, "P").set(12, "2.5").set(17, "FRA").set(18, "UNICODE UTF-8").build());
        m.add(m.segment("MSA").set(1, AckCode.AE.name()).build());
        for (Problem p : problems) {
            if (p.isError()) {
                m.add(ErrorDetail.of(p).toSegment(d));
            }
        }
        return m.build();
    }
}
