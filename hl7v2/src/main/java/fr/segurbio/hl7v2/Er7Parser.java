package fr.segurbio.hl7v2;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ER7 ("pipe and hat") bytes into an {@link Hl7Message}: delimiters from MSH-1/MSH-2, character set from
 * MSH-18 checked against the bytes, segments ended by CR (LF and CR LF tolerated and noted), a bounded size.
 * Thread-safe; one instance may serve every thread.
 *
 * <p>It is strict where a wrong guess would corrupt data (unknown or contradicted MSH-18, bad delimiters, a
 * malformed segment name, MSH without type, control id, processing id or version: {@link Hl7Exception} with every
 * problem) and tolerant where the ANS examples are (LF segment ends, trailing blank lines).
 *
 * <pre>{@code
 * Er7Parser parser = Er7Parser.builder().maxBytes(8 * 1024 * 1024).build();
 * Hl7Message adt = parser.parse(Path.of("admission.er7"));
 * adt.notes().problems();          // e.g. HL7-008: segments end with LF
 * }</pre>
 */
public final class Er7Parser {

    /** The default size limit: 32 MiB (an ORU with an N3 and its PDF is about 0.3 MB, two documents 0.8 MB). */
    public static final int DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

    private static final Er7Parser DEFAULT = builder().build();

    private final int maxBytes;
    private final Charset defaultCharset;

    private Er7Parser(Builder b) {
        this.maxBytes = b.maxBytes;
        this.defaultCharset = b.defaultCharset;
    }

    /**
     * A parser with the defaults (32 MiB, UTF-8 when MSH-18 is empty).
     *
     * @return the shared default parser
     */
    public static Er7Parser create() {
        return DEFAULT;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The size limit.
     *
     * @return the maximum number of bytes of a message
     */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Parses a file.
     *
     * @param file the ER7 file
     * @return the message
     * @throws Hl7Exception when the message cannot be read
     * @throws UncheckedIOException when the file cannot be read
     */
    public Hl7Message parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a stream, reading at most the size limit plus one byte.
     *
     * @param in the ER7 bytes
     * @return the message
     * @throws Hl7Exception when the message cannot be read or is too large
     * @throws UncheckedIOException when the stream fails
     */
    public Hl7Message parse(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new Hl7Exception(Hl7Error.TOO_LARGE, maxBytes);
                }
                out.write(buf, 0, n);
            }
            return parse(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses text already decoded (the character set is then the one MSH-18 names, for encoding back).
     *
     * @param er7 the ER7 text
     * @return the message
     * @throws Hl7Exception when the message cannot be read
     */
    public Hl7Message parse(String er7) {
        if (er7 == null || er7.isEmpty()) {
            throw new Hl7Exception(Hl7Error.EMPTY);
        }
        int start = skipBlank(er7);
        String header = er7.substring(start, lineEnd(er7, start));
        List<Problem> problems = new ArrayList<>();
        Delimiters d = delimiters(header, problems);
        Charset cs = charsetOf(header, d, problems);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new Hl7Exception(problems, null);
        }
        return split(er7, start, d, cs, problems);
    }

    /**
     * Parses bytes: delimiters and MSH-18 first, then the whole message decoded in that character set.
     *
     * @param bytes the ER7 bytes
     * @return the message
     * @throws Hl7Exception when the message cannot be read
     */
    public Hl7Message parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new Hl7Exception(Hl7Error.EMPTY);
        }
        if (bytes.length > maxBytes) {
            throw new Hl7Exception(Hl7Error.TOO_LARGE, maxBytes);
        }
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n' || bytes[start] == ' ')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\r' && bytes[end] != '\n') {
            end++;
        }
        String header = new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
        List<Problem> problems = new ArrayList<>();
        Delimiters d = delimiters(header, problems);
        Charset cs = charsetOf(header, d, problems);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new Hl7Exception(problems, null);
        }
        String text = decode(bytes, start, cs, d == null ? "" : header, problems);
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new Hl7Exception(problems, null);
        }
        return split(text, 0, d, cs, problems);
    }

    private String decode(byte[] bytes, int start, Charset cs, String header, List<Problem> problems) {
        String msh18 = msh18(header);
        CharsetDecoder decoder = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            problems.add(Problem.of(Hl7Error.CHARSET_MISMATCH, "MSH-18", msh18.isEmpty() ? "(" + cs.name() + ")" : msh18,
                    cs.name(), in.position()));
            return "";
        }
        decoder.flush(out);
        out.flip();
        if (!StandardCharsets.UTF_8.equals(cs) && !StandardCharsets.US_ASCII.equals(cs)) {
            String sample = utf8Sample(bytes, start);
            if (sample != null) {
                problems.add(Problem.of(Hl7Error.CHARSET_SUSPICIOUS, "MSH-18", msh18, sample));
            }
        }
        return out.toString();
    }

    /** A short sample when the non-ASCII bytes all form valid multi-byte UTF-8 sequences, else null. */
    private static String utf8Sample(byte[] bytes, int start) {
        boolean nonAscii = false;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                nonAscii = true;
                break;
            }
        }
        if (!nonAscii) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0x7F) {
                    int from = Math.max(0, i - 10);
                    return s.substring(from, Math.min(s.length(), i + 10));
                }
            }
            return null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static int skipBlank(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\r' || s.charAt(i) == '\n' || s.charAt(i) == ' '
                || s.charAt(i) == '\uFEFF')) {
            i++;
        }
        return i;
    }

    private static int lineEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != '\r' && s.charAt(i) != '\n') {
            i++;
        }
        return i;
    }

    private static Delimiters delimiters(String header, List<Problem> problems) {
        if (!header.startsWith("MSH")) {
            problems.add(Problem.of(Hl7Error.NO_MSH, "", header.length() > 10 ? header.substring(0, 10) : header));
            return null;
        }
        if (header.length() < 8) {
            problems.add(Problem.of(Hl7Error.SEPARATORS, "MSH-2", header.substring(3), "MSH trop court / MSH too short"));
            return null;
        }
        char fs = header.charAt(3);
        int next = header.indexOf(fs, 4);
        String enc = next < 0 ? header.substring(4) : header.substring(4, next);
        ValidationResult r = Delimiters.check(fs, enc);
        if (!r.isValid()) {
            problems.addAll(r.problems());
            return null;
        }
        return new Delimiters(fs, enc.charAt(0), enc.charAt(1), enc.charAt(2), enc.charAt(3));
    }

    private static String msh18(String header) {
        if (header.length() < 8) {
            return "";
        }
        char fs = header.charAt(3);
        // MSH-n is the (n-1)-th piece after splitting on the field separator
        String f = Field.nth(header, fs, 18);
        char cs = header.charAt(4);
        int c = f.indexOf(cs);
        return (c < 0 ? f : f.substring(0, c)).trim();
    }

    private Charset charsetOf(String header, Delimiters d, List<Problem> problems) {
        if (d == null) {
            return defaultCharset;
        }
        String msh18 = msh18(header);
        if (msh18.isEmpty()) {
            return defaultCharset;
        }
        var cs = Hl7Charsets.forMsh18(msh18);
        if (cs.isEmpty()) {
            problems.add(Problem.of(Hl7Error.CHARSET_UNKNOWN, "MSH-18", msh18));
            return defaultCharset;
        }
        return cs.get();
    }

    private static Hl7Message split(String text, int start, Delimiters d, Charset cs, List<Problem> problems) {
        List<Segment> segments = new ArrayList<>();
        boolean lineFeeds = false;
        int i = start;
        int n = 0;
        int len = text.length();
        while (i < len) {
            int end = i;
            while (end < len && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                end++;
            }
            if (end < len && text.charAt(end) == '\n') {
                lineFeeds = true;
            } else if (end + 1 < len && text.charAt(end + 1) == '\n') {
                lineFeeds = true;
            }
            if (end > i && !text.substring(i, end).isBlank()) {
                n++;
                Segment s = segment(text.substring(i, end), d, n, problems);
                if (s != null) {
                    segments.add(s);
                }
            }
            i = end + 1;
        }
        if (lineFeeds) {
            problems.add(Problem.of(Hl7Error.LINE_FEEDS, ""));
        }
        if (!segments.isEmpty() && "MSH".equals(segments.get(0).name())) {
            Segment msh = segments.get(0);
            checkMsh(msh, 9, "type de message / message type", problems);
            checkMsh(msh, 10, "identifiant / control id", problems);
            checkMsh(msh, 11, "traitement / processing id", problems);
            checkMsh(msh, 12, "version", problems);
        }
        for (int k = 1; k < segments.size(); k++) {
            if ("MSH".equals(segments.get(k).name())) {
                problems.add(Problem.of(Hl7Error.SEGMENT_ORDER, "MSH", "MSH", k + 1, "ER7"));
            }
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new Hl7Exception(problems, null);
        }
        return Hl7Message.parsed(d, segments, cs, ValidationResult.of(problems));
    }

    private static void checkMsh(Segment msh, int field, String label, List<Problem> problems) {
        if (msh.field(field).trimmed(1).isEmpty()) {
            problems.add(Problem.of(Hl7Error.MSH_FIELD, "MSH-" + field, field, label));
        }
    }

    private static Segment segment(String line, Delimiters d, int number, List<Problem> problems) {
        String name = line.length() >= 3 ? line.substring(0, 3) : line;
        if (!isSegmentName(name) || (line.length() > 3 && line.charAt(3) != d.field())) {
            problems.add(Problem.of(Hl7Error.SEGMENT_NAME, "segment " + number, number,
                    line.length() > 12 ? line.substring(0, 12) + "…" : line));
            return null;
        }
        List<String> parts = Field.split(line, d.field());
        String[] fields;
        if ("MSH".equals(name)) {
            fields = new String[parts.size() + 1];
            fields[0] = "MSH";
            fields[1] = String.valueOf(d.field());
            for (int k = 1; k < parts.size(); k++) {
                fields[k + 1] = parts.get(k);
            }
        } else {
            fields = parts.toArray(new String[0]);
        }
        return new Segment(name, fields, d);
    }

    static boolean isSegmentName(String name) {
        if (name.length() != 3) {
            return false;
        }
        char a = name.charAt(0);
        if (a < 'A' || a > 'Z') {
            return false;
        }
        for (int i = 1; i < 3; i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Configures a parser. */
    public static final class Builder {

        private int maxBytes = DEFAULT_MAX_BYTES;
        private Charset defaultCharset = StandardCharsets.UTF_8;

        private Builder() {
        }

        /**
         * The size limit; larger messages are refused with {@code HL7-004} before being decoded.
         *
         * @param value the maximum number of bytes
         * @return this builder
         */
        public Builder maxBytes(int value) {
            if (value < 64) {
                throw new IllegalArgumentException("maxBytes too small: " + value);
            }
            this.maxBytes = value;
            return this;
        }

        /**
         * The character set used when MSH-18 is empty (UTF-8 unless set).
         *
         * @param value the charset
         * @return this builder
         */
        public Builder defaultCharset(Charset value) {
            this.defaultCharset = value;
            return this;
        }

        /**
         * The parser.
         *
         * @return the immutable parser
         */
        public Er7Parser build() {
            return new Er7Parser(this);
        }
    }
}
