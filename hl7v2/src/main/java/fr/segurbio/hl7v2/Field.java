package fr.segurbio.hl7v2;

import java.util.ArrayList;
import java.util.List;

/**
 * One repetition of a field, as ER7 text, with its components and subcomponents read on demand (1-based, as
 * HL7 numbers them) and unescaped.
 *
 * <pre>{@code
 * Field cx = pid.field(3);              // 279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS
 * cx.component(1);                      // "279035121518989"
 * cx.subcomponent(4, 2);                // "1.2.250.1.213.1.4.10"
 * cx.component(5);                      // "INS"
 * }</pre>
 */
public final class Field {

    private final String raw;
    private final Delimiters delimiters;

    Field(String raw, Delimiters delimiters) {
        this.raw = raw == null ? "" : raw;
        this.delimiters = delimiters;
    }

    /**
     * A field repetition from its ER7 text.
     *
     * @param er7 the text, escaped
     * @param delimiters the message's delimiters
     * @return the field
     */
    public static Field of(String er7, Delimiters delimiters) {
        return new Field(er7, delimiters);
    }

    /**
     * The ER7 text, escaped, as it stands in the message.
     *
     * @return the raw text
     */
    public String raw() {
        return raw;
    }

    /**
     * Whether the repetition is empty.
     *
     * @return {@code true} when nothing is valued
     */
    public boolean isEmpty() {
        return raw.isEmpty();
    }

    /**
     * The first component's first subcomponent, unescaped.
     *
     * @return the value, {@code ""} when empty
     */
    public String value() {
        return subcomponent(1, 1);
    }

    /**
     * A whole component, unescaped (subcomponent separators kept).
     *
     * @param index the component number, from 1
     * @return the component, {@code ""} when absent
     */
    public String component(int index) {
        return delimiters.unescape(rawComponent(index));
    }

    /**
     * A component, trimmed of surrounding spaces (tolerated on input, e.g. {@code "2.1^ CISIS_CDA_HL7_V2"}).
     *
     * @param index the component number, from 1
     * @return the trimmed component
     */
    public String trimmed(int index) {
        return component(index).trim();
    }

    /**
     * A subcomponent, unescaped.
     *
     * @param component the component number, from 1
     * @param sub the subcomponent number, from 1
     * @return the value, {@code ""} when absent
     */
    public String subcomponent(int component, int sub) {
        return delimiters.unescape(nth(rawComponent(component), delimiters.subcomponent(), sub));
    }

    /**
     * The number of components written (trailing empty ones included).
     *
     * @return at least 1
     */
    public int componentCount() {
        int n = 1;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == delimiters.component()) {
                n++;
            }
        }
        return n;
    }

    /**
     * The ER7 text of a component, escaped.
     *
     * @param index the component number, from 1
     * @return the raw component
     */
    public String rawComponent(int index) {
        return nth(raw, delimiters.component(), index);
    }

    static String nth(String text, char sep, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("HL7 positions start at 1: " + index);
        }
        int start = 0;
        for (int i = 1; i < index; i++) {
            int next = text.indexOf(sep, start);
            if (next < 0) {
                return "";
            }
            start = next + 1;
        }
        int end = text.indexOf(sep, start);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int next = text.indexOf(sep, start);
            if (next < 0) {
                out.add(text.substring(start));
                return out;
            }
            out.add(text.substring(start, next));
            start = next + 1;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field f && f.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
