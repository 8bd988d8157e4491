package fr.segurbio.cda.xds;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import fr.segurbio.cda.CdaException;
import fr.segurbio.core.ValidationResult;

/**
 * The HL7 v2 escaping of text inside a field, component or subcomponent, with the standard encoding characters
 * ({@code |^~\&}): {@code |} → {@code \F\}, {@code ^} → {@code \S\}, {@code &} → {@code \T\}, {@code ~} →
 * {@code \R\}, {@code \} → {@code \E\}, and a carriage return or line feed as the hexadecimal escape
 * {@code \X0D\} / {@code \X0A\}. Unescaping also decodes any {@code \Xhh…\} sequence (UTF-8 bytes); formatting
 * escapes ({@code \H\}, {@code \.br\}…) have no place in a composite and are refused.
 *
 * <pre>{@code
 * Hl7Escape.escape("Dupont & Fils^SA");        // "Dupont \T\ Fils\S\SA"
 * Hl7Escape.unescape("Dupont \\T\\ Fils");     // "Dupont & Fils"
 * }</pre>
 */
public final class Hl7Escape {

    /** The field separator. */
    public static final char FIELD = '|';
    /** The component separator. */
    public static final char COMPONENT = '^';
    /** The repetition separator. */
    public static final char REPETITION = '~';
    /** The escape character. */
    public static final char ESCAPE = '\\';
    /** The subcomponent separator. */
    public static final char SUBCOMPONENT = '&';

    private Hl7Escape() {
    }

    /**
     * Escapes a text so that no encoding character remains in it.
     *
     * @param text the text, or {@code null}
     * @return the escaped text ({@code ""} for {@code null})
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String e = switch (c) {
                case FIELD -> "\\F\\";
                case COMPONENT -> "\\S\\";
                case SUBCOMPONENT -> "\\T\\";
                case REPETITION -> "\\R\\";
                case ESCAPE -> "\\E\\";
                case '\r' -> "\\X0D\\";
                case '\n' -> "\\X0A\\";
                default -> null;
            };
            if (e != null && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * Unescapes a text.
     *
     * @param text the escaped text, or {@code null}
     * @return the text ({@code ""} for {@code null})
     * @throws CdaException {@code CDA-701} on an unknown or unterminated escape sequence
     */
    public static String unescape(String text) {
        return unescape(text, "");
    }

    static String unescape(String text, String path) {
        if (text == null) {
            return "";
        }
        int first = text.indexOf(ESCAPE);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length()).append(text, 0, first);
        int i = first;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ESCAPE) {
                b.append(c);
                i++;
                continue;
            }
            int end = text.indexOf(ESCAPE, i + 1);
            if (end < 0) {
                throw fail(path, text, "unterminated escape sequence at position " + i);
            }
            String seq = text.substring(i + 1, end);
            switch (seq) {
                case "F" -> b.append(FIELD);
                case "S" -> b.append(COMPONENT);
                case "T" -> b.append(SUBCOMPONENT);
                case "R" -> b.append(REPETITION);
                case "E" -> b.append(ESCAPE);
                default -> b.append(hex(seq, path, text));
            }
            i = end + 1;
        }
        return b.toString();
    }

    private static String hex(String seq, String path, String text) {
        if (seq.length() < 3 || seq.charAt(0) != 'X' || (seq.length() - 1) % 2 != 0) {
            throw fail(path, text, "unknown escape sequence \\" + seq + "\\");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            bytes.writeBytes(HexFormat.of().parseHex(seq, 1, seq.length()));
        } catch (IllegalArgumentException e) {
            throw fail(path, text, "\\" + seq + "\\ is not hexadecimal");
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static CdaException fail(String path, String text, String why) {
        return new CdaException(ValidationResult.builder().add(XdsError.BAD_ESCAPE, path, text, why).build());
    }
}
