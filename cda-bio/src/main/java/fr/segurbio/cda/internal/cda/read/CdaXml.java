package fr.segurbio.cda.internal.cda.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.validation.CdaValidationError;
import fr.segurbio.core.Problem;
import fr.segurbio.transport.SecureXml;

/**
 * Parses a CDA in one hardened StAX pass (the JDK's parser through transport's {@link SecureXml}: no DTD — a
 * document that declares one is refused at its {@code <!DOCTYPE} with {@code CDA-502} —, no external entity, the
 * JDK's secure-processing limits) into a light tree of {@link Node}s: names, attributes, child elements, and the
 * text of the whole document in one buffer, each element holding the range of its text. A malformed document is
 * refused with {@code CDA-503}.
 *
 * <p>The base64 content of an {@code observationMedia/value} (images, the PDF copy) and of a
 * {@code nonXMLBody/text} (a level-1 document's PDF) is decoded while it is parsed, a few kilobytes at a time, and
 * never held as text. When the document's bytes can be read twice ({@link #parse(Source)} of a file or of bytes
 * larger than {@value #TWO_PASS_FROM} bytes), a first pass counts the decoded size of each such content so that it
 * is decoded straight into an array of its exact size: reading a document then allocates about its PDF copy's size
 * once, not a chain of growing buffers.
 *
 * <pre>{@code
 * Node root = CdaXml.clinicalDocument(CdaXml.parse(CdaXml.Source.of(bytes)));
 * }</pre>
 */
public final class CdaXml {

    /** The size from which a document that can be read twice is: a first pass sizes its base64 contents. */
    public static final int TWO_PASS_FROM = 16 << 20;

    private static final String REUSE_INSTANCE = "reuse-instance";

    /**
     * One hardened factory per thread whose reader is reused from one document to the next (the JDK's
     * {@code reuse-instance}: the parser's symbol table and buffers are kept, about an eighth of a small document's
     * parse); a reader in use is never handed out again, so a parse within a parse gets a new one.
     */
    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory f = SecureXml.newXMLInputFactory();
        f.setProperty(REUSE_INSTANCE, Boolean.TRUE);
        return f;
    });
    /** What the reused reader is left on after a document, so that it does not hold the document's stream. */
    private static final byte[] RELEASE = "<r/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private CdaXml() {
    }

    /** A document to parse: bytes, a file, or a stream (which can be read only once). */
    public interface Source {
        /**
         * Opens the document.
         *
         * @return a new stream over the document's bytes
         * @throws IOException when it cannot be read
         */
        InputStream open() throws IOException;

        /**
         * Whether {@link #open()} may be called twice and the document is large enough for a sizing pass.
         *
         * @return {@code true} when a first pass should size the base64 contents
         */
        boolean twoPasses();

        /**
         * Bytes held in memory.
         *
         * @param xml the bytes
         * @return the source
         */
        static Source of(byte[] xml) {
            return new Source() {
                @Override
                public InputStream open() {
                    return new java.io.ByteArrayInputStream(xml);
                }

                @Override
                public boolean twoPasses() {
                    return xml.length >= TWO_PASS_FROM;
                }
            };
        }

        /**
         * A file, streamed (never read into memory whole).
         *
         * @param file the file
         * @return the source
         */
        static Source of(java.nio.file.Path file) {
            return new Source() {
                @Override
                public InputStream open() throws IOException {
                    return new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16);
                }

                @Override
                public boolean twoPasses() {
                    try {
                        return java.nio.file.Files.size(file) >= TWO_PASS_FROM;
                    } catch (IOException e) {
                        return false;
                    }
                }
            };
        }

        /**
         * A stream, read once to its end and not closed.
         *
         * @param in the stream
         * @return the source
         */
        static Source once(InputStream in) {
            return new Source() {
                @Override
                public InputStream open() {
                    return new java.io.FilterInputStream(in) {
                        @Override
                        public void close() {
                            // the caller owns the stream
                        }
                    };
                }

                @Override
                public boolean twoPasses() {
                    return false;
                }
            };
        }
    }

    /**
     * Parses a document.
     *
     * @param source the document
     * @return its root element
     * @throws CdaException {@code CDA-502} for a DTD, {@code CDA-503} for a malformed document
     * @throws UncheckedIOException when the source cannot be read
     */
    public static Node parse(Source source) {
        long[] sizes = null;
        if (source.twoPasses()) {
            sizes = run(source, null);
        }
        Builder b = new Builder(sizes);
        run(source, b);
        return b.root;
    }

    /**
     * The {@code ClinicalDocument} of a parsed document: its root element, or the first one inside it (a
     * self-presenting document, whose root is the XSLT that shows it).
     *
     * @param root the document's root element
     * @return the {@code ClinicalDocument}
     * @throws CdaException {@code CDA-504} when there is none
     */
    public static Node clinicalDocument(Node root) {
        if (isClinicalDocument(root)) {
            return root;
        }
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (isClinicalDocument(n)) {
                return n;
            }
            for (int i = n.childCount - 1; i >= 0; i--) {
                stack.add(n.children[i]);
            }
        }
        throw new CdaException(CdaValidationError.NOT_A_CDA, root.eqName());
    }

    private static boolean isClinicalDocument(Node n) {
        return Node.HL7.equals(n.ns) && "ClinicalDocument".equals(n.localName);
    }

    /** One StAX pass: builds the tree, or (no builder) gives the decoded size of each base64 content. */
    private static long[] run(Source source, Builder builder) {
        XMLStreamReader r = null;
        try (InputStream in = source.open()) {
            java.io.Reader chars = decoded(in);
            r = chars == null ? FACTORY.get().createXMLStreamReader(in) : FACTORY.get().createXMLStreamReader(chars);
            return builder == null ? sizes(r) : builder.build(r);
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof java.nio.charset.CharacterCodingException) {
                throw malformed(e, e.getLocation(), "invalid byte sequence for the document's encoding"
                        + " (séquence d'octets invalide pour l'encodage du document)");
            }
            throw malformed(e, e.getLocation(), e.getNestedException() == null ? e.getMessage()
                    : e.getNestedException().getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (e instanceof CdaException c) {
                throw c;
            }
            // the JDK parser reports some malformations (an encoding error…) unchecked
            throw malformed(e, r == null ? null : r.getLocation(), e.getMessage());
        } finally {
            close(r);
            release();
        }
    }

    /** How far the XML declaration is looked for. */
    private static final int DECLARATION_BYTES = 256;
    private static final java.util.regex.Pattern ENCODING = java.util.regex.Pattern
            .compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    /**
     * The document's characters, decoded here with a decoder that refuses a malformed byte sequence (the encoding
     * from the byte order mark, else the XML declaration, else UTF-8), or {@code null} when the encoding is one to
     * leave to the parser (unknown to the JDK, or UTF-32 / EBCDIC). Given bytes, the JDK's StAX parser decodes them
     * itself and reports an encoding error to a default handler that prints {@code [Fatal Error] … Invalid byte 1
     * of 1-byte UTF-8 sequence.} on standard error before throwing, and StAX has no setting for another handler.
     */
    private static java.io.Reader decoded(InputStream in) throws IOException {
        java.io.PushbackInputStream p = new java.io.PushbackInputStream(in, DECLARATION_BYTES);
        byte[] head = p.readNBytes(DECLARATION_BYTES);
        p.unread(head);
        int n = head.length;
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        java.nio.charset.Charset charset;
        int skip = 0;
        if (b0 == 0xEF && b1 == 0xBB && n > 2 && (head[2] & 0xff) == 0xBF) {
            charset = java.nio.charset.StandardCharsets.UTF_8;
            skip = 3;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = java.nio.charset.StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            if (n > 3 && head[2] == 0 && head[3] == 0) {
                return null;
            }
            charset = java.nio.charset.StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (b0 == 0 && b1 == '<') {
            charset = java.nio.charset.StandardCharsets.UTF_16BE;
        } else if (b0 == '<' && b1 == 0) {
            charset = java.nio.charset.StandardCharsets.UTF_16LE;
        } else if (b0 == 0 || b0 == 0x4C) {
            return null;
        } else {
            java.util.regex.Matcher m = ENCODING.matcher(
                    new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (!m.find()) {
                charset = java.nio.charset.StandardCharsets.UTF_8;
            } else {
                try {
                    charset = java.nio.charset.Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    return null;
                }
                if (charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32")) {
                    // declared so but not detected as such from the first bytes: the parser says what is wrong
                    return null;
                }
            }
        }
        if (skip > 0) {
            p.skipNBytes(skip);
        }
        return new java.io.InputStreamReader(p, charset.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing left to release
            }
        }
    }

    /** Points the thread's reused reader at a tiny document: it no longer holds the last document's stream. */
    private static void release() {
        XMLStreamReader r = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new java.io.ByteArrayInputStream(RELEASE));
        } catch (XMLStreamException | RuntimeException e) {
            // the reader is then simply not reused
        } finally {
            close(r);
        }
    }

    private static CdaException malformed(Exception e, Location at, String message) {
        String where = at != null && at.getLineNumber() > 0
                ? "line " + at.getLineNumber() + ", column " + at.getColumnNumber() : "";
        String m = message == null ? (e == null ? "malformed" : e.getClass().getSimpleName()) : message;
        int cut = m.indexOf("Message: ");
        return new CdaException(Problem.of(CdaValidationError.NOT_WELL_FORMED, where,
                cut >= 0 ? m.substring(cut + 9) : m), e);
    }

    private static CdaException doctype(XMLStreamReader r) {
        Location at = r.getLocation();
        String where = at != null && at.getLineNumber() > 0
                ? "line " + at.getLineNumber() + ", column " + at.getColumnNumber() : "";
        return new CdaException(Problem.of(CdaValidationError.DOCTYPE_REFUSED, where,
                "DOCTYPE is disallowed: no DTD nor entity declaration is accepted"), null);
    }

    /** An entity reference: none can be declared without a DTD, so it is malformed as for a SAX parser. */
    private static CdaException undeclared(XMLStreamReader r) {
        return malformed(null, r.getLocation(), "The entity \"" + r.getLocalName()
                + "\" was referenced, but not declared.");
    }

    /** Whether an element's content is base64 that the reader decodes: {@code observationMedia/value}, {@code nonXMLBody/text}. */
    private static boolean decoded(String ns, String name, String parentName) {
        return Node.HL7.equals(ns) && ("value".equals(name) && "observationMedia".equals(parentName)
                || "text".equals(name) && "nonXMLBody".equals(parentName));
    }

    /** The sizing pass: the decoded size of each base64 content, in document order ({@code -1}: not base64). */
    private static long[] sizes(XMLStreamReader r) throws XMLStreamException {
        List<Long> sizes = new ArrayList<>();
        Deque<String> names = new ArrayDeque<>();
        int depth = 0;
        int decodedDepth = -1;
        Binary.Counter counter = null;
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    String name = r.getLocalName();
                    String ns = r.getNamespaceURI();
                    if (decodedDepth < 0 && decoded(ns == null ? "" : ns, name, names.peek())) {
                        decodedDepth = depth;
                        counter = new Binary.Counter();
                    }
                    names.push(name);
                    depth++;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    names.pop();
                    depth--;
                    if (depth == decodedDepth) {
                        sizes.add(counter.size());
                        decodedDepth = -1;
                        counter = null;
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (counter != null) {
                        counter.count(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                    }
                }
                case XMLStreamConstants.DTD -> throw doctype(r);
                case XMLStreamConstants.ENTITY_REFERENCE -> throw undeclared(r);
                default -> {
                    // comments, processing instructions: not part of the text
                }
            }
        }
        long[] a = new long[sizes.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = sizes.get(i);
        }
        return a;
    }

    /** Builds the tree. */
    private static final class Builder {
        private final long[] sizes;
        private int nextSize;
        private final Text text = new Text();
        Node root;

        Builder(long[] sizes) {
            this.sizes = sizes;
        }

        long[] build(XMLStreamReader r) throws XMLStreamException {
            Node current = null;
            Binary binary = null;
            Node decodedElement = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String ns = r.getNamespaceURI();
                        ns = ns == null ? "" : ns;
                        int count = r.getAttributeCount();
                        String[] attributes = null;
                        if (count > 0) {
                            attributes = new String[count * 3];
                            for (int i = 0; i < count; i++) {
                                String ans = r.getAttributeNamespace(i);
                                attributes[i * 3] = ans == null ? "" : ans;
                                attributes[i * 3 + 1] = r.getAttributeLocalName(i);
                                attributes[i * 3 + 2] = r.getAttributeValue(i);
                            }
                        }
                        Node n = new Node(text, current, ns, r.getLocalName(), attributes);
                        n.textStart = text.length;
                        String type = count > 0 ? r.getAttributeValue(Node.XSI, "type") : null;
                        if (type != null) {
                            int colon = type.indexOf(':');
                            String typeNs = r.getNamespaceContext()
                                    .getNamespaceURI(colon < 0 ? "" : type.substring(0, colon).trim());
                            n.xsiTypeNamespace = typeNs == null ? "" : typeNs;
                        }
                        if (current == null) {
                            root = n;
                        } else {
                            current.add(n);
                        }
                        if (binary == null && decoded(ns, n.localName, current == null ? null : current.localName)) {
                            long size = sizes == null || nextSize >= sizes.length ? -1 : sizes[nextSize++];
                            binary = new Binary(size);
                            n.binary = binary;
                            decodedElement = n;
                        }
                        current = n;
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        current.textEnd = text.length;
                        if (current == decodedElement) {
                            binary.finish();
                            binary = null;
                            decodedElement = null;
                        }
                        current = current.parent;
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (current == null) {
                            break; // whitespace outside the root element
                        }
                        if (binary != null) {
                            binary.feed(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        } else {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.DTD -> throw doctype(r);
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw undeclared(r);
                    default -> {
                        // comments, processing instructions: not part of the text
                    }
                }
            }
            return null;
        }
    }

    /** The text of a document, in document order. */
    static final class Text {
        private char[] chars = new char[8192];
        private int length;

        void append(char[] c, int start, int len) {
            if (length + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(length + len, chars.length * 2));
            }
            System.arraycopy(c, start, chars, length, len);
            length += len;
        }

        /**
         * The text of a range, whitespace runs collapsed to one space and trimmed (as
         * {@code s.replaceAll("\\s+", " ").trim()}); without the ranges of the children of {@code ownOf} when given.
         */
        String collapsed(int start, int end, Node ownOf) {
            StringBuilder sb = new StringBuilder(Math.min(end - start, 256));
            boolean space = false;
            int child = 0;
            int i = start;
            while (i < end) {
                if (ownOf != null && child < ownOf.childCount && i == ownOf.children[child].textStart) {
                    i = ownOf.children[child].textEnd;
                    child++;
                    continue;
                }
                char c = chars[i++];
                if (isSpace(c)) {
                    space = true;
                } else {
                    if (space && sb.length() > 0) {
                        sb.append(' ');
                    }
                    space = false;
                    sb.append(c);
                }
            }
            return sb.toString().trim();
        }

        /** The text of a range as written. */
        String raw(int start, int end) {
            return new String(chars, start, end - start);
        }

        /** The text of a range without any whitespace. */
        String stripped(int start, int end) {
            StringBuilder sb = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = chars[i];
                if (!isSpace(c)) {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        static boolean isSpace(char c) {
            return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\u000B' || c == '\f';
        }
    }

    /**
     * Base64 content decoded as it is parsed, by the rules of {@link Base64#getDecoder()} applied to the content
     * without its whitespace (the characters of the regular expression {@code \\s}): padding optional at the end,
     * but when present, complete and last; a single character left in the last quad, or any other character, makes
     * the content unreadable. Whole quads are decoded four characters at a time, straight into the output.
     */
    static final class Binary {
        private static final int INITIAL = 16384;
        private static final byte INVALID = -1;
        private static final byte SPACE = -2;
        private static final byte PAD = -3;
        private static final byte[] VALUES = new byte[128];

        static {
            Arrays.fill(VALUES, INVALID);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                VALUES[alphabet.charAt(i)] = (byte) i;
            }
            for (char c : new char[] {' ', '\t', '\n', '\u000B', '\f', '\r'}) {
                VALUES[c] = SPACE;
            }
            VALUES['='] = PAD;
        }

        private byte[] out;
        private int outLength;
        /** The bits of the quad being read, and how many of its characters were read. */
        private int bits;
        private int inQuad;
        /** 0: data; 1: one more '=' expected; 2: padding complete, nothing may follow. */
        private int padding;
        private boolean bad;
        private boolean nonSpace;
        private byte[] result;

        Binary(long expectedSize) {
            out = new byte[expectedSize >= 0 && expectedSize < Integer.MAX_VALUE - 16 ? (int) expectedSize : INITIAL];
        }

        void feed(char[] c, int start, int len) {
            if (bad || len == 0) {
                return;
            }
            byte[] o = out;
            int ol = outLength;
            int i = start;
            int end = start + len;
            while (i < end) {
                if (inQuad == 0 && padding == 0) {
                    while (i + 4 <= end && ol + 3 <= o.length) {
                        char c0 = c[i];
                        char c1 = c[i + 1];
                        char c2 = c[i + 2];
                        char c3 = c[i + 3];
                        if ((c0 | c1 | c2 | c3) >= 128) {
                            break;
                        }
                        int v0 = VALUES[c0];
                        int v1 = VALUES[c1];
                        int v2 = VALUES[c2];
                        int v3 = VALUES[c3];
                        if ((v0 | v1 | v2 | v3) < 0) {
                            break;
                        }
                        int q = v0 << 18 | v1 << 12 | v2 << 6 | v3;
                        o[ol] = (byte) (q >> 16);
                        o[ol + 1] = (byte) (q >> 8);
                        o[ol + 2] = (byte) q;
                        ol += 3;
                        i += 4;
                    }
                    if (i >= end) {
                        break;
                    }
                }
                char ch = c[i++];
                int v = ch < 128 ? VALUES[ch] : INVALID;
                if (v == SPACE) {
                    continue;
                }
                nonSpace = true;
                if (v >= 0 && padding == 0) {
                    bits = bits << 6 | v;
                    if (++inQuad == 4) {
                        if (ol + 3 > o.length) {
                            outLength = ol;
                            grow(3);
                            o = out;
                        }
                        o[ol] = (byte) (bits >> 16);
                        o[ol + 1] = (byte) (bits >> 8);
                        o[ol + 2] = (byte) bits;
                        ol += 3;
                        inQuad = 0;
                        bits = 0;
                    }
                } else if (v == PAD && padding == 0 && inQuad == 2) {
                    if (ol + 1 > o.length) {
                        outLength = ol;
                        grow(1);
                        o = out;
                    }
                    o[ol++] = (byte) (bits >> 4);
                    padding = 1;
                } else if (v == PAD && padding == 0 && inQuad == 3) {
                    if (ol + 2 > o.length) {
                        outLength = ol;
                        grow(2);
                        o = out;
                    }
                    o[ol++] = (byte) (bits >> 10);
                    o[ol++] = (byte) (bits >> 2);
                    padding = 2;
                } else if (v == PAD && padding == 1) {
                    padding = 2;
                } else {
                    bad = true; // not base64, a misplaced '=', or something after the padding
                    break;
                }
            }
            outLength = ol;
        }

        void finish() {
            if (!bad && padding == 0) {
                if (inQuad == 1) {
                    bad = true;
                } else if (inQuad == 2) {
                    ensure(1);
                    out[outLength++] = (byte) (bits >> 4);
                } else if (inQuad == 3) {
                    ensure(2);
                    out[outLength++] = (byte) (bits >> 10);
                    out[outLength++] = (byte) (bits >> 2);
                }
            } else if (padding == 1) {
                bad = true;
            }
            if (!bad && (nonSpace || outLength > 0)) {
                result = outLength == out.length ? out : Arrays.copyOf(out, outLength);
            }
            out = null;
        }

        private void ensure(int n) {
            if (outLength + n > out.length) {
                out = Arrays.copyOf(out, outLength + n);
            }
        }

        /** Room for {@code n} more bytes: half as much again (the decoded size was not known, or was wrong). */
        private void grow(int n) {
            out = Arrays.copyOf(out, Math.max(outLength + n, out.length + (out.length >> 1)));
        }

        /** Whether the content is not base64. */
        boolean bad() {
            return bad;
        }

        /** The decoded bytes, or {@code null} when the content is empty (or not base64). */
        byte[] bytes() {
            return result;
        }

        /** The decoded size of base64 content, counted without decoding it. */
        static final class Counter {
            private long chars;
            private int padding;
            private boolean bad;

            void count(char[] c, int start, int len) {
                for (int i = start; i < start + len; i++) {
                    char ch = c[i];
                    if (Text.isSpace(ch)) {
                        continue;
                    }
                    if (ch == '=') {
                        padding++;
                    } else if (padding > 0) {
                        bad = true;
                    }
                    chars++;
                }
            }

            long size() {
                if (bad || padding > 2) {
                    return -1;
                }
                long data = chars - padding;
                long size = data / 4 * 3 + switch ((int) (data % 4)) {
                    case 2 -> 1;
                    case 3 -> 2;
                    default -> 0;
                };
                return data % 4 == 1 ? -1 : size;
            }
        }
    }
}
