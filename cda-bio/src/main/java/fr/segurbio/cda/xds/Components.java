package fr.segurbio.cda.xds;

import java.util.ArrayList;
import java.util.List;

import fr.segurbio.cda.CdaException;
import fr.segurbio.core.ValidationResult;

/** Splitting and joining of HL7 v2 composites, shared by the composite types. */
final class Components {

    private Components() {
    }

    static CdaException fail(XdsError code, String path, Object... args) {
        return new CdaException(ValidationResult.builder().add(code, path, args).build());
    }

    /**
     * The raw (still escaped) components of a composite, checked: not blank, no repetition or field separator,
     * no more than {@code max} components, none outside {@code supported} (1-based positions).
     */
    static String[] split(String type, String value, int max, int... supported) {
        if (value == null || value.isBlank()) {
            throw fail(XdsError.MISSING_COMPONENT, type, type);
        }
        for (char d : new char[] {Hl7Escape.REPETITION, Hl7Escape.FIELD}) {
            if (value.indexOf(d) >= 0) {
                throw fail(XdsError.STRAY_DELIMITER, type, String.valueOf(d), value);
            }
        }
        String[] parts = value.split("\\^", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && (i >= max || !contains(supported, i + 1))) {
                throw fail(XdsError.UNSUPPORTED_COMPONENT, type + "-" + (i + 1), parts[i], value);
            }
        }
        String[] out = new String[max];
        for (int i = 0; i < max; i++) {
            out[i] = i < parts.length ? parts[i] : "";
        }
        return out;
    }

    /** A component that holds plain text: unescaped, {@code null} when empty, no subcomponent. */
    static String text(String path, String raw, String whole) {
        if (raw.indexOf(Hl7Escape.SUBCOMPONENT) >= 0) {
            throw fail(XdsError.UNSUPPORTED_COMPONENT, path + ".2", raw, whole);
        }
        String t = Hl7Escape.unescape(raw, path);
        return t.isEmpty() ? null : t;
    }

    /** Components joined with {@code ^}, trailing empty ones dropped; each is already escaped. */
    static String join(char separator, String... parts) {
        int last = parts.length - 1;
        while (last >= 0 && (parts[last] == null || parts[last].isEmpty())) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                b.append(separator);
            }
            if (parts[i] != null) {
                b.append(parts[i]);
            }
        }
        return b.toString();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static List<String> splitFields(String value) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == Hl7Escape.FIELD) {
                out.add(value.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
