package fr.segurbio.hl7v2;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * HL7 table 0211 (MSH-18) names of the character sets the volets allow, mapped to Java charsets:
 * {@code UNICODE UTF-8}, {@code 8859/15}, {@code 8859/1}, {@code ASCII}.
 *
 * <pre>{@code
 * Hl7Charsets.forMsh18("8859/15");                    // Optional[ISO-8859-15]
 * Hl7Charsets.msh18(StandardCharsets.UTF_8);          // "UNICODE UTF-8"
 * }</pre>
 */
public final class Hl7Charsets {

    /** ISO-8859-15 (Latin-9, with the euro sign), {@code 8859/15}. */
    public static final Charset ISO_8859_15 = Charset.forName("ISO-8859-15");

    private Hl7Charsets() {
    }

    /**
     * The Java charset for an MSH-18 value (trimmed, case-insensitive).
     *
     * @param msh18 the MSH-18 value
     * @return the charset, empty when unknown
     */
    public static Optional<Charset> forMsh18(String msh18) {
        String v = msh18 == null ? "" : msh18.trim().toUpperCase(Locale.ROOT);
        switch (v) {
            case "UNICODE UTF-8":
            case "UTF-8":
                return Optional.of(StandardCharsets.UTF_8);
            case "8859/15":
                return Optional.of(ISO_8859_15);
            case "8859/1":
                return Optional.of(StandardCharsets.ISO_8859_1);
            case "ASCII":
                return Optional.of(StandardCharsets.US_ASCII);
            default:
                return Optional.empty();
        }
    }

    /**
     * The MSH-18 value for a charset.
     *
     * @param charset UTF-8, ISO-8859-15, ISO-8859-1 or US-ASCII
     * @return the table 0211 value
     * @throws IllegalArgumentException for another charset
     */
    public static String msh18(Charset charset) {
        if (StandardCharsets.UTF_8.equals(charset)) {
            return "UNICODE UTF-8";
        }
        if (ISO_8859_15.equals(charset)) {
            return "8859/15";
        }
        if (StandardCharsets.ISO_8859_1.equals(charset)) {
            return "8859/1";
        }
        if (StandardCharsets.US_ASCII.equals(charset)) {
            return "ASCII";
        }
        throw new IllegalArgumentException("no HL7 table 0211 name for " + charset);
    }
}
