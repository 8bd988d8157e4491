package fr.segurbio.hl7v2;

import fr.segurbio.core.ValidationResult;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An HL7 v2 message: its delimiters, its segments in order, the character set of its bytes (MSH-18) and what the
 * parser noticed on the way (LF segment ends, unknown escapes…). Immutable; encodes to ER7 with CR segment ends.
 *
 * <pre>{@code
 * Hl7Message m = Er7Parser.create().parse(bytes);
 * m.messageType();                        // "ADT"
 * m.triggerEvent();                       // "A01"
 * m.segment("PID").orElseThrow().value(5, 1);
 * byte[] wire = m.toBytes();              // encoded in the MSH-18 character set
 * }</pre>
 */
public final class Hl7Message {

    private final Delimiters delimiters;
    private final List<Segment> segments;
    private final Charset charset;
    private final ValidationResult notes;

    private Hl7Message(Delimiters delimiters, List<Segment> segments, Charset charset, ValidationResult notes) {
        this.delimiters = delimiters;
        this.segments = List.copyOf(segments);
        this.charset = charset;
        this.notes = notes;
    }

    static Hl7Message parsed(Delimiters d, List<Segment> segments, Charset charset, ValidationResult notes) {
        return new Hl7Message(d, segments, charset, notes);
    }

    /**
     * A builder of a message.
     *
     * @param delimiters the delimiters ({@link Delimiters#STANDARD} for the volets)
     * @return a new builder
     */
    public static Builder builder(Delimiters delimiters) {
        return new Builder(delimiters);
    }

    /**
     * The delimiters.
     *
     * @return the delimiters
     */
    public Delimiters delimiters() {
        return delimiters;
    }

    /**
     * Every segment, in order.
     *
     * @return the segments (immutable)
     */
    public List<Segment> segments() {
        return segments;
    }

    /**
     * The segments with a name, in order.
     *
     * @param name the segment name
     * @return the segments (possibly none)
     */
    public List<Segment> segments(String name) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.name().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The first segment with a name.
     *
     * @param name the segment name
     * @return the segment, empty when absent
     */
    public Optional<Segment> segment(String name) {
        for (Segment s : segments) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The MSH segment.
     *
     * @return the header
     */
    public Segment msh() {
        return segments.get(0);
    }

    /**
     * MSH-9.1, the message type ({@code ORU}, {@code ADT}, {@code ACK}, {@code ZAM}…).
     *
     * @return the message type
     */
    public String messageType() {
        return msh().field(9).trimmed(1);
    }

    /**
     * MSH-9.2, the trigger event ({@code R01}, {@code A01}…).
     *
     * @return the trigger event
     */
    public String triggerEvent() {
        return msh().field(9).trimmed(2);
    }

    /**
     * MSH-9.3, the message structure ({@code ORU_R01}, {@code ADT_A39}…), empty when not given.
     *
     * @return the structure id
     */
    public String structure() {
        return msh().field(9).trimmed(3);
    }

    /**
     * MSH-10, the message control id.
     *
     * @return the control id
     */
    public String controlId() {
        return msh().value(10).trim();
    }

    /**
     * MSH-11.1, the processing id ({@code P}, {@code T}, {@code D}).
     *
     * @return the processing id
     */
    public String processingId() {
        return msh().field(11).trimmed(1);
    }

    /**
     * MSH-12.1, the HL7 version ({@code 2.5}, {@code 2.6}).
     *
     * @return the version
     */
    public String version() {
        return msh().field(12).trimmed(1);
    }

    /**
     * The character set of the bytes (MSH-18, or the parser's default when MSH-18 is empty).
     *
     * @return the charset
     */
    public Charset charset() {
        return charset;
    }

    /**
     * What the parser noticed (warnings and information; a message with errors is never returned).
     *
     * @return the notes
     */
    public ValidationResult notes() {
        return notes;
    }

    /**
     * The message as ER7 text, each segment ended by CR.
     *
     * @return the ER7 text
     */
    public String encode() {
        int size = 0;
        for (Segment s : segments) {
            size += s.length() + 1;
        }
        StringBuilder sb = new StringBuilder(size + 16);
        for (Segment s : segments) {
            s.encodeTo(sb);
            sb.append('\r');
        }
        return sb.toString();
    }

    /**
     * The message as bytes in its character set; a character the set cannot represent is refused, never replaced.
     *
     * @return the ER7 bytes
     * @throws Hl7Exception {@code HL7-018} for a character outside the character set (e.g. a typographic
     *         apostrophe in ISO-8859-15)
     */
    public byte[] toBytes() {
        String text = encode();
        if (StandardCharsets.UTF_8.equals(charset)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        CharsetEncoder encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            for (int i = 0; i < text.length(); i++) {
                int cp = text.codePointAt(i);
                if (!charset.newEncoder().canEncode(new String(Character.toChars(cp)))) {
                    throw new Hl7Exception(Hl7Error.CHARSET_UNMAPPABLE, new String(Character.toChars(cp)), cp,
                            Hl7Charsets.msh18(charset));
                }
            }
            throw new Hl7Exception(Hl7Error.CHARSET_UNMAPPABLE, "?", 0, Hl7Charsets.msh18(charset));
        }
    }

    /**
     * A builder holding this message's segments, to derive another one.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(delimiters).charset(charset);
        b.segments.addAll(segments);
        return b;
    }

    @Override
    public String toString() {
        return messageType() + "^" + triggerEvent() + " " + controlId() + " (" + segments.size() + " segments)";
    }

    /** Builds a message segment by segment; the first one must be MSH. */
    public static final class Builder {

        private final Delimiters delimiters;
        private final List<Segment> segments = new ArrayList<>();
        private Charset charset = StandardCharsets.UTF_8;

        private Builder(Delimiters delimiters) {
            this.delimiters = Objects.requireNonNull(delimiters, "delimiters");
        }

        /**
         * A builder of a segment with this message's delimiters.
         *
         * @param name the segment name
         * @return a segment builder
         */
        public Segment.Builder segment(String name) {
            return Segment.builder(name, delimiters);
        }

        /**
         * Appends a segment.
         *
         * @param segment the segment (MSH first)
         * @return this builder
         */
        public Builder add(Segment segment) {
            Objects.requireNonNull(segment, "segment");
            if (segments.isEmpty() != "MSH".equals(segment.name())) {
                throw new IllegalArgumentException("MSH must be the first segment, and only the first: " + segment.name());
            }
            if (!segment.delimiters().equals(delimiters)) {
                throw new IllegalArgumentException("segment " + segment.name() + " has other delimiters");
            }
            segments.add(segment);
            return this;
        }

        /**
         * Replaces the segment at a position.
         *
         * @param index the position, from 0 (0 is MSH)
         * @param segment the new segment
         * @return this builder
         */
        public Builder set(int index, Segment segment) {
            if ((index == 0) != "MSH".equals(segment.name())) {
                throw new IllegalArgumentException("MSH must be the first segment");
            }
            segments.set(index, segment);
            return this;
        }

        /**
         * The character set of the bytes; must agree with MSH-18.
         *
         * @param value the charset
         * @return this builder
         */
        public Builder charset(Charset value) {
            this.charset = Objects.requireNonNull(value, "charset");
            return this;
        }

        /**
         * The message.
         *
         * @return the immutable message
         * @throws IllegalStateException without MSH
         */
        public Hl7Message build() {
            if (segments.isEmpty()) {
                throw new IllegalStateException("a message needs its MSH segment");
            }
            return new Hl7Message(delimiters, segments, charset, ValidationResult.ok());
        }
    }
}
