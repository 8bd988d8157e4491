package fr.segurbio.hl7v2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One segment: its name and its fields as ER7 text (numbered from 1 as in HL7: {@code PID-3} is {@code field(3)};
 * for MSH, field 1 is the field separator and field 2 the encoding characters). Immutable; values are unescaped
 * when read.
 *
 * <pre>{@code
 * Segment pid = Segment.builder("PID", Delimiters.STANDARD)
 *         .raw(3, "000003^^^CHU-X&000897406&N^PI")
 *         .components(5, "PAT-TROIS", "DOMINIQUE", "DOMINIQUE", "", "", "", "L")
 *         .set(7, "19790328")
 *         .build();
 * pid.value(5, 1);           // "PAT-TROIS"
 * pid.encode();              // "PID|||000003^^^CHU-X&000897406&N^PI||PAT-TROIS^DOMINIQUE^DOMINIQUE^^^^L||19790328"
 * }</pre>
 */
public final class Segment {

    private final String name;
    private final String[] fields;
    private final Delimiters delimiters;

    Segment(String name, String[] fields, Delimiters delimiters) {
        this.name = name;
        this.fields = fields;
        this.delimiters = delimiters;
    }

    /**
     * A builder of a segment.
     *
     * @param name the segment name, three characters
     * @param delimiters the message's delimiters
     * @return a new builder
     */
    public static Builder builder(String name, Delimiters delimiters) {
        return new Builder(name, delimiters);
    }

    /**
     * The segment name ({@code MSH}, {@code PID}, {@code ZBE}…).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The delimiters the segment is written with.
     *
     * @return the delimiters
     */
    public Delimiters delimiters() {
        return delimiters;
    }

    /**
     * The number of the last field written.
     *
     * @return the field count (0 for a segment with a name only)
     */
    public int fieldCount() {
        return fields.length - 1;
    }

    /**
     * A whole field as ER7 text, repetitions included.
     *
     * @param index the field number, from 1
     * @return the text, {@code ""} when absent
     */
    public String raw(int index) {
        return index < fields.length ? fields[index] : "";
    }

    /**
     * Whether a field is empty or absent.
     *
     * @param index the field number, from 1
     * @return {@code true} when not valued
     */
    public boolean isEmpty(int index) {
        return raw(index).isEmpty();
    }

    /**
     * The repetitions of a field.
     *
     * @param index the field number, from 1
     * @return the repetitions, empty when the field is not valued
     */
    public List<Field> repetitions(int index) {
        String r = raw(index);
        if (r.isEmpty()) {
            return List.of();
        }
        if (isMshHeader(index)) {
            return List.of(new Field(r, delimiters));
        }
        List<Field> out = new ArrayList<>();
        for (String s : Field.split(r, delimiters.repetition())) {
            out.add(new Field(s, delimiters));
        }
        return out;
    }

    /**
     * The first repetition of a field.
     *
     * @param index the field number, from 1
     * @return the field, empty when not valued
     */
    public Field field(int index) {
        String r = raw(index);
        if (isMshHeader(index)) {
            return new Field(r, delimiters);
        }
        int rep = r.indexOf(delimiters.repetition());
        return new Field(rep < 0 ? r : r.substring(0, rep), delimiters);
    }

    private boolean isMshHeader(int index) {
        return (index == 1 || index == 2) && "MSH".equals(name);
    }

    /**
     * The first component of a field's first repetition, unescaped (MSH-1 and MSH-2 as written).
     *
     * @param index the field number, from 1
     * @return the value, {@code ""} when absent
     */
    public String value(int index) {
        return isMshHeader(index) ? raw(index) : field(index).value();
    }

    /**
     * A component of a field's first repetition, unescaped.
     *
     * @param index the field number, from 1
     * @param component the component number, from 1
     * @return the value, {@code ""} when absent
     */
    public String value(int index, int component) {
        return field(index).component(component);
    }

    /**
     * A subcomponent of a field's first repetition, unescaped.
     *
     * @param index the field number, from 1
     * @param component the component number, from 1
     * @param sub the subcomponent number, from 1
     * @return the value, {@code ""} when absent
     */
    public String value(int index, int component, int sub) {
        return field(index).subcomponent(component, sub);
    }

    /**
     * The segment as ER7 text, without the segment terminator; trailing empty fields are not written.
     *
     * @return the ER7 text
     */
    public String encode() {
        StringBuilder sb = new StringBuilder(64);
        encodeTo(sb);
        return sb.toString();
    }

    void encodeTo(StringBuilder sb) {
        sb.append(name);
        int last = fields.length - 1;
        while (last > 0 && fields[last].isEmpty()) {
            last--;
        }
        if ("MSH".equals(name)) {
            sb.append(delimiters.field()).append(delimiters.encodingCharacters());
            for (int i = 3; i <= last; i++) {
                sb.append(delimiters.field()).append(fields[i]);
            }
            return;
        }
        for (int i = 1; i <= last; i++) {
            sb.append(delimiters.field()).append(fields[i]);
        }
    }

    int length() {
        int n = 3;
        for (int i = 1; i < fields.length; i++) {
            n += fields[i].length() + 1;
        }
        return n;
    }

    /**
     * A builder holding this segment, to derive another one.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(name, delimiters);
        b.fields.clear();
        b.fields.addAll(Arrays.asList(fields));
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment s && s.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        String e = encode();
        return e.length() > 200 ? e.substring(0, 200) + "…(" + e.length() + " chars)" : e;
    }

    /** Builds a segment field by field; values given as plain text are escaped. */
    public static final class Builder {

        private final String name;
        private final Delimiters delimiters;
        private final List<String> fields = new ArrayList<>();

        private Builder(String name, Delimiters delimiters) {
            Objects.requireNonNull(name, "name");
            if (!Er7Parser.isSegmentName(name)) {
                throw new Hl7Exception(Hl7Error.SEGMENT_NAME, 0, name);
            }
            this.name = name;
            this.delimiters = Objects.requireNonNull(delimiters, "delimiters");
            fields.add(name);
            if ("MSH".equals(name)) {
                fields.add(String.valueOf(delimiters.field()));
                fields.add(delimiters.encodingCharacters());
            }
        }

        /**
         * Sets a field to a plain value (escaped).
         *
         * @param index the field number, from 1
         * @param plain the value, {@code null} or empty for none
         * @return this builder
         */
        public Builder set(int index, String plain) {
            return raw(index, delimiters.escape(plain));
        }

        /**
         * Sets a field to ER7 text written as it is (components, repetitions, escapes already in place).
         *
         * @param index the field number, from 1
         * @param er7 the ER7 text
         * @return this builder
         */
        public Builder raw(int index, String er7) {
            if (index < 1 || ("MSH".equals(name) && index < 3)) {
                throw new IllegalArgumentException(name + "-" + index + " cannot be set");
            }
            while (fields.size() <= index) {
                fields.add("");
            }
            fields.set(index, er7 == null ? "" : er7);
            return this;
        }

        /**
         * Sets a field to plain component values (each escaped).
         *
         * @param index the field number, from 1
         * @param plain the component values
         * @return this builder
         */
        public Builder components(int index, String... plain) {
            return raw(index, delimiters.components(plain));
        }

        /**
         * The segment.
         *
         * @return the immutable segment
         */
        public Segment build() {
            return new Segment(name, fields.toArray(new String[0]), delimiters);
        }
    }
}
