package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.HeaderTable;
import org.apache.fontbox.ttf.HorizontalHeaderTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.PostScriptTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFTable;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * A TrueType font read once, when the renderer is created, and then only read from (thread-safe): the glyph and
 * advance width of every BMP character it covers (for layout), the metrics of its PDF font descriptor, and the
 * raw tables a {@link FontSubset} copies into each document's embedded subset. Nothing is parsed per document.
 */
final class FontProgram {

    private static final char REPLACEMENT = '\uFFFD';
    private static final String[] COPIED_TABLES = {"OS/2", "gasp"};
    private static final int WE_HAVE_INSTRUCTIONS = 0x0100;

    private final String name;
    private final byte[] bytes;
    /** Advance widths in 1/1000 em, indexed by BMP code point; negative where the font has no glyph. */
    private final float[] widths = new float[0x10000];
    /** The glyph of each BMP code point (0 where there is none). */
    private final char[] glyphs = new char[0x10000];
    private final float ascent;
    private final float descent;
    private final char replacement;

    // What an embedded subset is made of.
    private final String postScriptName;
    private final int numGlyphs;
    private final int unitsPerEm;
    /** Every glyph's outline without its hinting instructions, one after the other. */
    private final byte[] outlines;
    /** Where each glyph's outline starts in {@link #outlines} ({@code numGlyphs + 1} entries). */
    private final int[] outlineOffsets;
    /** Advance width and left side bearing of each glyph, in font units. */
    private final int[] advances;
    private final int[] sideBearings;
    private final byte[] head;
    private final byte[] hhea;
    private final byte[] maxp;
    private final Map<String, byte[]> copied = new java.util.TreeMap<>();
    private final float[] bbox;
    private final float italicAngle;
    private final float capHeight;
    private final float stemV;
    private final int flags;

    private FontProgram(String name, byte[] bytes) throws IOException {
        this.name = name;
        this.bytes = bytes;
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        try {
            CmapLookup cmap = ttf.getUnicodeCmapLookup(false);
            if (cmap == null) {
                throw new IOException("font " + name + " has no Unicode cmap");
            }
            OS2WindowsMetricsTable os2 = ttf.getOS2Windows();
            if (os2 != null && (os2.getFsType() & 0x0002) != 0) {
                throw new IOException("font " + name + " forbids embedding (fsType restricted licence)");
            }
            Map<String, TTFTable> tables = ttf.getTableMap();
            for (String required : new String[] {"head", "hhea", "maxp", "hmtx", "loca", "glyf"}) {
                if (!tables.containsKey(required)) {
                    throw new IOException("font " + name + " has no '" + required
                            + "' table (only TrueType outlines can be embedded)");
                }
            }
            unitsPerEm = ttf.getUnitsPerEm();
            numGlyphs = ttf.getNumberOfGlyphs();
            float scale = 1000f / unitsPerEm;
            advances = new int[numGlyphs];
            sideBearings = new int[numGlyphs];
            for (int gid = 0; gid < numGlyphs; gid++) {
                advances[gid] = ttf.getAdvanceWidth(gid);
                sideBearings[gid] = ttf.getHorizontalMetrics().getLeftSideBearing(gid);
            }
            for (int cp = 0x20; cp < widths.length; cp++) {
                int gid = cmap.getGlyphId(cp);
                if (gid > 0 && gid < numGlyphs) {
                    widths[cp] = advances[gid] * scale;
                    glyphs[cp] = (char) gid;
                } else {
                    widths[cp] = -1f;
                }
            }
            Arrays.fill(widths, 0, 0x20, -1f);
            HorizontalHeaderTable hh = ttf.getHorizontalHeader();
            ascent = hh.getAscender() * scale;
            descent = -hh.getDescender() * scale;
            replacement = widths[REPLACEMENT] >= 0 ? REPLACEMENT : '?';

            long[] loca = ttf.getIndexToLocation().getOffsets();
            long glyf = tables.get("glyf").getOffset();
            long glyfEnd = glyf + tables.get("glyf").getLength();
            byte[] stripped = new byte[(int) Math.min(bytes.length, tables.get("glyf").getLength())];
            outlineOffsets = new int[numGlyphs + 1];
            int at = 0;
            for (int gid = 0; gid < numGlyphs; gid++) {
                outlineOffsets[gid] = at;
                long start = glyf + loca[Math.min(gid, loca.length - 1)];
                long end = Math.min(glyf + loca[Math.min(gid + 1, loca.length - 1)], Math.min(glyfEnd, bytes.length));
                if (start >= 0 && end > start) {
                    at += withoutInstructions(bytes, (int) start, (int) end, stripped, at);
                }
            }
            outlineOffsets[numGlyphs] = at;
            outlines = Arrays.copyOf(stripped, at);
            head = table(tables, "head");
            maxp = table(tables, "maxp");
            hhea = table(tables, "hhea");
            for (String tag : COPIED_TABLES) {
                if (tables.containsKey(tag)) {
                    copied.put(tag, table(tables, tag));
                }
            }

            String ps = ttf.getName();
            postScriptName = ps == null || ps.isBlank() ? "Font" : ps.replaceAll("[^!-~]|[()<>\\[\\]{}/%#]", "");
            HeaderTable h = ttf.getHeader();
            bbox = new float[] {h.getXMin() * scale, h.getYMin() * scale, h.getXMax() * scale, h.getYMax() * scale};
            PostScriptTable pt = ttf.getPostScript();
            italicAngle = pt == null ? 0f : pt.getItalicAngle();
            boolean fixedPitch = pt != null && pt.getIsFixedPitch() > 0;
            capHeight = os2 != null && os2.getVersion() >= 2 && os2.getCapHeight() > 0
                    ? os2.getCapHeight() * scale : ascent;
            int weight = os2 == null ? 400 : os2.getWeightClass();
            stemV = Math.round(50 + weight * weight / 1600f);
            // Symbolic (its glyphs are addressed by identity, not through a standard encoding), fixed pitch, italic.
            flags = 4 | (fixedPitch ? 1 : 0) | (italicAngle != 0 ? 64 : 0);
        } finally {
            ttf.close();
        }
    }

    /**
     * Copies the outline at {@code src[start, end)} to {@code dst} without its hinting instructions: the PDF
     * is drawn at print resolution and by viewers that do not run them, and they are half of a subset's
     * bytes. A glyph that cannot be walked is copied as it is.
     *
     * @return the number of bytes written
     */
    static int withoutInstructions(byte[] src, int start, int end, byte[] dst, int at) {
        int length = end - start;
        if (length < 10) {
            System.arraycopy(src, start, dst, at, length);
            return length;
        }
        short contours = (short) u16(src, start);
        if (contours >= 0) {
            int lengthAt = start + 10 + 2 * contours;
            if (lengthAt + 2 > end) {
                System.arraycopy(src, start, dst, at, length);
                return length;
            }
            int instructions = u16(src, lengthAt);
            int rest = lengthAt + 2 + instructions;
            if (rest > end) {
                System.arraycopy(src, start, dst, at, length);
                return length;
            }
            int head = lengthAt - start;
            System.arraycopy(src, start, dst, at, head);
            dst[at + head] = 0;
            dst[at + head + 1] = 0;
            System.arraycopy(src, rest, dst, at + head + 2, end - rest);
            return head + 2 + end - rest;
        }
        int[] last = {-1};
        FontSubset.forEachComponent(src, start, end, index -> last[0] = index);
        if (last[0] < 0) {
            System.arraycopy(src, start, dst, at, length);
            return length;
        }
        // Components end where the last one's arguments and transform end; clear every WE_HAVE_INSTRUCTIONS.
        int[] componentsEnd = {start + 10};
        FontSubset.forEachComponent(src, start, end, index -> {
            int flags = u16(src, index - 2);
            int p = index + 2 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0) {
                p += 2;
            } else if ((flags & 0x0040) != 0) {
                p += 4;
            } else if ((flags & 0x0080) != 0) {
                p += 8;
            }
            componentsEnd[0] = p;
        });
        int copied = Math.min(componentsEnd[0], end) - start;
        System.arraycopy(src, start, dst, at, copied);
        FontSubset.forEachComponent(src, start, end, index -> {
            int flagsAt = at + (index - 2 - start);
            int flags = u16(dst, flagsAt) & ~WE_HAVE_INSTRUCTIONS;
            dst[flagsAt] = (byte) (flags >> 8);
            dst[flagsAt + 1] = (byte) flags;
        });
        return copied;
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    private byte[] table(Map<String, TTFTable> tables, String tag) throws IOException {
        TTFTable t = tables.get(tag);
        long end = t.getOffset() + t.getLength();
        if (t.getOffset() < 0 || end > bytes.length) {
            throw new IOException("font " + name + ": table '" + tag + "' lies outside the file");
        }
        return Arrays.copyOfRange(bytes, (int) t.getOffset(), (int) end);
    }

    static FontProgram load(String name, byte[] bytes) throws IOException {
        return new FontProgram(name, bytes);
    }

    String name() {
        return name;
    }

    boolean covers(int codePoint) {
        return codePoint >= 0 && codePoint < widths.length && widths[codePoint] >= 0;
    }

    char replacement() {
        return replacement;
    }

    /** The glyph drawing a covered character. */
    int glyph(char c) {
        return glyphs[c];
    }

    /** Ascent in 1/1000 em. */
    float ascent() {
        return ascent;
    }

    /** Descent (positive) in 1/1000 em. */
    float descent() {
        return descent;
    }

    /** Width of text made only of covered characters (see {@link TextSanitizer}), in points. */
    float width(CharSequence text, float size) {
        float w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            float cw = widths[c];
            w += cw >= 0 ? cw : widths[replacement];
        }
        return w * size / 1000f;
    }

    float width(char c, float size) {
        float cw = widths[c];
        return (cw >= 0 ? cw : widths[replacement]) * size / 1000f;
    }

    // ------------------------------------------------------------ for FontSubset

    /** The glyph outlines (see {@link #glyphStart}). */
    byte[] outlines() {
        return outlines;
    }

    String postScriptName() {
        return postScriptName;
    }

    int numGlyphs() {
        return numGlyphs;
    }

    int unitsPerEm() {
        return unitsPerEm;
    }

    /** Where the glyph's outline starts in {@link #outlines()}. */
    int glyphStart(int gid) {
        return outlineOffsets[gid];
    }

    /** Where the glyph's outline ends in {@link #outlines()}. */
    int glyphEnd(int gid) {
        return outlineOffsets[gid + 1];
    }

    int advance(int gid) {
        return advances[gid];
    }

    int sideBearing(int gid) {
        return sideBearings[gid];
    }

    byte[] head() {
        return head;
    }

    byte[] maxp() {
        return maxp;
    }

    byte[] hhea() {
        return hhea;
    }

    /** The tables copied unchanged into a subset, by tag. */
    Map<String, byte[]> copiedTables() {
        return copied;
    }

    float[] bbox() {
        return bbox.clone();
    }

    float italicAngle() {
        return italicAngle;
    }

    float capHeight() {
        return capHeight;
    }

    float stemV() {
        return stemV;
    }

    int flags() {
        return flags;
    }
}
