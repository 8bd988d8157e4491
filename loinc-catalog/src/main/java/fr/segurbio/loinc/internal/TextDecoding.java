package fr.segurbio.loinc.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the bytes of a text file: BOM, declared encoding, or detection (UTF-8 when the bytes are valid UTF-8,
 * Windows-1252 — the superset of ISO-8859-1 that French Excel writes — otherwise). Lines whose bytes are not
 * valid in a declared single-byte-newline encoding are reported by number and left empty.
 */
public final class TextDecoding {

    /** The Windows code page of French Excel exports. */
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * The decoded text.
     *
     * @param text the text, without BOM
     * @param charset the encoding used
     * @param bom whether a BOM was found
     * @param badLines the 1-based numbers of the lines that were not valid in {@code charset}
     */
    public record Decoded(String text, Charset charset, boolean bom, List<Integer> badLines) {
    }

    private TextDecoding() {
    }

    /**
     * Decodes.
     *
     * @param bytes the file
     * @param declared the declared encoding, or empty to detect
     * @return the text and what was found
     */
    public static Decoded decode(byte[] bytes, Optional<Charset> declared) {
        int skip = 0;
        Charset bomCharset = null;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
            bomCharset = StandardCharsets.UTF_8;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            skip = 2;
            bomCharset = StandardCharsets.UTF_16LE;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            skip = 2;
            bomCharset = StandardCharsets.UTF_16BE;
        }
        Charset cs = declared.orElse(bomCharset);
        if (cs == null) {
            cs = strict(bytes, 0, StandardCharsets.UTF_8).isPresent() ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        if (bomCharset != null && !cs.equals(bomCharset)) {
            // a BOM that contradicts the declaration: keep the bytes, the declaration wins
            skip = 0;
        }
        if (cs.equals(StandardCharsets.UTF_16LE) || cs.equals(StandardCharsets.UTF_16BE)
                || cs.equals(StandardCharsets.UTF_16)) {
            return new Decoded(lenient(bytes, skip, bytes.length, cs), cs, skip > 0, List.of());
        }
        Optional<String> whole = strict(bytes, skip, cs);
        if (whole.isPresent()) {
            return new Decoded(whole.get(), cs, skip > 0, List.of());
        }
        // decode line by line; lines with invalid bytes become empty and are reported
        StringBuilder out = new StringBuilder(bytes.length);
        List<Integer> bad = new ArrayList<>();
        int line = 1;
        int start = skip;
        for (int i = skip; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                Optional<String> s = strict(bytes, start, i, cs);
                if (s.isPresent()) {
                    out.append(s.get());
                } else {
                    bad.add(line);
                }
                if (i < bytes.length) {
                    out.append('\n');
                }
                line++;
                start = i + 1;
            }
        }
        return new Decoded(out.toString(), cs, skip > 0, bad);
    }

    private static Optional<String> strict(byte[] b, int from, Charset cs) {
        return strict(b, from, b.length, cs);
    }

    private static Optional<String> strict(byte[] b, int from, int to, Charset cs) {
        CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(cs.equals(WINDOWS_1252) ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT);
        try {
            CharBuffer c = d.decode(ByteBuffer.wrap(b, from, to - from));
            return Optional.of(c.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String lenient(byte[] b, int from, int to, Charset cs) {
        return new String(b, from, to - from, cs);
    }
}
