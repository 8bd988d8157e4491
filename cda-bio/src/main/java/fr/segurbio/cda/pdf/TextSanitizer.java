package fr.segurbio.cda.pdf;

import java.text.Normalizer;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes text drawable with a font: NFC normalisation (a decomposed "é" becomes one character), tabs and line
 * breaks turned into spaces, and every character the font cannot draw replaced by a visible replacement glyph
 * (U+FFFD, or "?" if the font lacks it) and remembered, so that the caller can report it. Nothing is dropped.
 * One instance per rendered document (not thread-safe).
 */
final class TextSanitizer {

    private final Set<Integer> replaced = new TreeSet<>();

    String clean(String text, FontProgram font) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        boolean plain = true;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            // A combining accent (a decomposed "é") is composed first: the font has the precomposed glyph.
            if (!font.covers(ch) || ch >= 0x0300 && ch <= 0x036F) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return text;
        }
        String s = Normalizer.isNormalized(text, Normalizer.Form.NFC)
                ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || cp == '\n' || cp == '\r' || cp == '\u00A0' && !font.covers(cp)) {
                out.append(' ');
            } else if (font.covers(cp)) {
                out.append((char) cp);
            } else {
                replaced.add(cp);
                out.append(font.replacement());
            }
        }
        return out.toString();
    }

    /** The code points replaced so far, in order. */
    Set<Integer> replaced() {
        return replaced;
    }

    static String describe(Set<Integer> codePoints) {
        StringBuilder sb = new StringBuilder();
        for (int cp : codePoints) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(String.format("U+%04X", cp));
            if (!Character.isISOControl(cp) && Character.isValidCodePoint(cp)) {
                sb.append(" «").appendCodePoint(cp).append('»');
            }
        }
        return sb.toString();
    }
}
