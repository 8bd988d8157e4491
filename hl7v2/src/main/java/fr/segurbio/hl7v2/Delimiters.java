package fr.segurbio.hl7v2;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import java.util.function.Consumer;

/**
 * The five delimiters of an ER7 message, read from MSH-1 and MSH-2, with HL7 escaping ({@code \F\ \S\ \T\ \R\ \E\},
 * {@code \Xhh\}) in both directions.
 *
 * <pre>{@code
 * Delimiters d = Delimiters.STANDARD;                // | ^ ~ \ &
 * d.escape("A|B^C");                                 // "A\F\B\S\C"
 * d.unescape("A\\F\\B");                             // "A|B"
 * d.components("PAT-TROIS", "DOMINIQUE", "", "", "", "", "L");   // "PAT-TROIS^DOMINIQUE^^^^^L"
 * }</pre>
 *
 * @param field the field separator (MSH-1)
 * @param component the component separator
 * @param repetition the repetition separator
 * @param escape the escape character
 * @param subcomponent the subcomponent separator
 */
public record Delimiters(char field, char component, char repetition, char escape, char subcomponent) {

    /** The delimiters every HL7 v2 message of the volets uses: {@code |^~\&}. */
    public static final Delimiters STANDARD = new Delimiters('|', '^', '~', '\\', '&');

    /**
     * Checks that the five characters are distinct and legal.
     *
     * @param field the field separator (MSH-1)
     * @param component the component separator
     * @param repetition the repetition separator
     * @param escape the escape character
     * @param subcomponent the subcomponent separator
     */
    public Delimiters {
        ValidationResult r = check(field, String.valueOf(new char[] {component, repetition, escape, subcomponent}));
        if (!r.isValid()) {
            throw new Hl7Exception(r);
        }
    }

    /**
     * Checks an MSH-1 character and an MSH-2 text.
     *
     * @param field MSH-1
     * @param encodingCharacters MSH-2 (4 characters; a fifth, the v2.7 truncation character, is tolerated)
     * @return the problems ({@code HL7-003})
     */
    public static ValidationResult check(char field, String encodingCharacters) {
        String shown = field + encodingCharacters;
        if (!legal(field)) {
            return ValidationResult.of(Problem.of(Hl7Error.SEPARATORS, "MSH-1", shown,
                    "MSH-1 « " + printable(field) + " » / MSH-1 \"" + printable(field) + "\""));
        }
        if (encodingCharacters.length() < 4 || encodingCharacters.length() > 5) {
            return ValidationResult.of(Problem.of(Hl7Error.SEPARATORS, "MSH-2", shown,
                    encodingCharacters.length() + " car. / characters"));
        }
        String all = field + encodingCharacters.substring(0, 4);
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (!legal(c)) {
                return ValidationResult.of(Problem.of(Hl7Error.SEPARATORS, "MSH-2", shown,
                        "« " + printable(c) + " » / \"" + printable(c) + "\""));
            }
            if (all.indexOf(c, i + 1) >= 0) {
                return ValidationResult.of(Problem.of(Hl7Error.SEPARATORS, "MSH-2", shown,
                        "« " + c + " » répété / \"" + c + "\" repeated"));
            }
        }
        return ValidationResult.ok();
    }

    private static boolean legal(char c) {
        return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static String printable(char c) {
        return c < ' ' || c >= 0x7F ? String.format("0x%02X", (int) c) : String.valueOf(c);
    }

    /**
     * MSH-2 as written: component, repetition, escape, subcomponent.
     *
     * @return the four encoding characters
     */
    public String encodingCharacters() {
        return new String(new char[] {component, repetition, escape, subcomponent});
    }

    /**
     * Escapes a plain value so that it can stand in a field, component or subcomponent.
     *
     * @param plain the value
     * @return the ER7 text
     */
    public String escape(String plain) {
        if (plain == null || plain.isEmpty()) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            String rep = null;
            if (c == field) {
                rep = "F";
            } else if (c == component) {
                rep = "S";
            } else if (c == subcomponent) {
                rep = "T";
            } else if (c == repetition) {
                rep = "R";
            } else if (c == escape) {
                rep = "E";
            } else if (c == '\r') {
                rep = "X0D";
            } else if (c == '\n') {
                rep = "X0A";
            }
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(plain.length() + 16).append(plain, 0, i);
                }
                sb.append(escape).append(rep).append(escape);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? plain : sb.toString();
    }

    /**
     * Unescapes ER7 text; unknown sequences are kept as written.
     *
     * @param er7 the text as it stands in the message
     * @return the plain value
     */
    public String unescape(String er7) {
        return unescape(er7, p -> { });
    }

    /**
     * Unescapes ER7 text, reporting unknown sequences ({@code HL7-012}).
     *
     * @param er7 the text as it stands in the message
     * @param problems receives a warning for each unknown sequence
     * @return the plain value
     */
    public String unescape(String er7, Consumer<Problem> problems) {
        if (er7 == null || er7.isEmpty()) {
            return "";
        }
        int first = er7.indexOf(escape);
        if (first < 0) {
            return er7;
        }
        StringBuilder sb = new StringBuilder(er7.length()).append(er7, 0, first);
        int i = first;
        while (i < er7.length()) {
            char c = er7.charAt(i);
            if (c != escape) {
                sb.append(c);
                i++;
                continue;
            }
            int end = er7.indexOf(escape, i + 1);
            if (end < 0) {
                problems.accept(Problem.of(Hl7Error.ESCAPE, "", er7.substring(i)));
                sb.append(er7, i, er7.length());
                break;
            }
            String seq = er7.substring(i + 1, end);
            String plain = decode(seq);
            if (plain == null) {
                problems.accept(Problem.of(Hl7Error.ESCAPE, "", escape + seq + escape));
                sb.append(er7, i, end + 1);
            } else {
                sb.append(plain);
            }
            i = end + 1;
        }
        return sb.toString();
    }

    private String decode(String seq) {
        switch (seq) {
            case "F":
                return String.valueOf(field);
            case "S":
                return String.valueOf(component);
            case "T":
                return String.valueOf(subcomponent);
            case "R":
                return String.valueOf(repetition);
            case "E":
                return String.valueOf(escape);
            case ".br":
                return "\n";
            default:
                break;
        }
        if (seq.length() >= 3 && seq.length() % 2 == 1 && (seq.charAt(0) == 'X' || seq.charAt(0) == 'x')) {
            StringBuilder sb = new StringBuilder();
            for (int k = 1; k < seq.length(); k += 2) {
                int hi = Character.digit(seq.charAt(k), 16);
                int lo = Character.digit(seq.charAt(k + 1), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                sb.append((char) (hi * 16 + lo));
            }
            return sb.toString();
        }
        if (seq.equals("H") || seq.equals("N")) {
            return "";
        }
        return null;
    }

    /**
     * Plain component values escaped and joined with {@code ^}, trailing empty components dropped.
     *
     * @param plain the component values
     * @return the ER7 text of one field repetition
     */
    public String components(String... plain) {
        return joinEscaped(component, plain);
    }

    /**
     * Plain subcomponent values escaped and joined with {@code &}, trailing empty ones dropped.
     *
     * @param plain the subcomponent values
     * @return the ER7 text of one component
     */
    public String subcomponents(String... plain) {
        return joinEscaped(subcomponent, plain);
    }

    /**
     * ER7 texts (already escaped) joined with {@code ^}, trailing empty components dropped.
     *
     * @param er7 the component texts
     * @return the ER7 text of one field repetition
     */
    public String joinComponents(String... er7) {
        return join(component, er7);
    }

    /**
     * ER7 texts (already escaped) joined with {@code ~}.
     *
     * @param er7 the repetitions
     * @return the ER7 text of the field
     */
    public String joinRepetitions(String... er7) {
        return join(repetition, er7);
    }

    private String joinEscaped(char sep, String... plain) {
        String[] e = new String[plain.length];
        for (int i = 0; i < plain.length; i++) {
            e[i] = escape(plain[i]);
        }
        return join(sep, e);
    }

    private static String join(char sep, String... parts) {
        int last = parts.length - 1;
        while (last >= 0 && (parts[last] == null || parts[last].isEmpty())) {
            last--;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            if (parts[i] != null) {
                sb.append(parts[i]);
            }
        }
        return sb.toString();
    }
}
