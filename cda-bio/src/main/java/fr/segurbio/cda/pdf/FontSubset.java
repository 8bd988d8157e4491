package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

/**
 * One font of one document, embedded as a subset (PDF/A-1 requires every font embedded): a Type 0 font with
 * {@code Identity-H} encoding over a {@code CIDFontType2} ({@code CIDToGIDMap /Identity}). Glyphs are numbered
 * in the order the document first draws them (0 stays {@code .notdef}), and text is shown as two-byte numbers
 * of that subset. At the end the embedded TrueType program holds exactly those glyphs, then the components of
 * the composite ones (their references renumbered), with their metrics: a few kilobytes, nothing parsed.
 *
 * <p>The font dictionary exists from the start (pages refer to it) and is filled in by {@link #finish}.
 */
final class FontSubset {

    private static final int ARG_1_AND_2_ARE_WORDS = 0x0001;
    private static final int WE_HAVE_A_SCALE = 0x0008;
    private static final int MORE_COMPONENTS = 0x0020;
    private static final int WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
    private static final int WE_HAVE_A_TWO_BY_TWO = 0x0080;

    private final FontProgram program;
    private final String salt;
    private final COSDictionary type0 = new COSDictionary();
    /** The subset number of each glyph of the font (0: not in the subset, or {@code .notdef}). */
    private final char[] subsetId;
    /** The font's glyph of each subset number. */
    private int[] original = new int[128];
    /** The character each subset glyph drawn in text stands for (for the ToUnicode CMap). */
    private char[] unicode = new char[128];
    private int count = 1;
    private int drawn = 1;

    FontSubset(FontProgram program, String salt) {
        this.program = program;
        this.salt = salt;
        this.subsetId = new char[program.numGlyphs()];
        type0.setItem(COSName.TYPE, COSName.FONT);
        type0.setItem(COSName.SUBTYPE, COSName.TYPE0);
    }

    FontProgram program() {
        return program;
    }

    /** The Type 0 font dictionary (complete once {@link #finish} has run). */
    COSDictionary dictionary() {
        return type0;
    }

    /**
     * Appends the text as a hexadecimal string of subset glyph numbers ({@code <0001...>}), adding the glyphs
     * to the subset. The text holds only characters the font covers (see {@link TextSanitizer}).
     */
    void showHex(String text, ContentBuilder out) {
        out.put('<');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int gid = program.glyph(c);
            if (gid == 0) {
                c = program.replacement();
                gid = program.glyph(c);
            }
            int id = subsetId[gid];
            if (id == 0 && gid != 0) {
                id = add(gid);
                unicode[id] = c;
                drawn = count;
            }
            out.hex4(id);
        }
        out.put('>');
    }

    private int add(int gid) {
        if (count == original.length) {
            original = Arrays.copyOf(original, count * 2);
            unicode = Arrays.copyOf(unicode, count * 2);
        }
        original[count] = gid;
        subsetId[gid] = (char) count;
        return count++;
    }

    /** The number of glyphs in the subset (components of composite glyphs included once {@link #finish} ran). */
    int size() {
        return count;
    }

    /** The font's glyph behind a subset glyph number. */
    int original(int id) {
        return original[id];
    }

    /** The subset number of a glyph of the font (0 if it is not in the subset). */
    int subsetId(int gid) {
        return subsetId[gid];
    }

    /** Builds the font program subset and fills in the font dictionaries. */
    void finish(COSDocument doc, Flate flate) throws IOException {
        original[0] = 0;
        for (int id = 1; id < count; id++) {
            addComponents(original[id]);
        }
        String baseFont = tag() + "+" + program.postScriptName();
        byte[] fontFile = TrueTypeSubsetWriter.write(this);

        COSDictionary descriptor = new COSDictionary();
        descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
        descriptor.setName(COSName.FONT_NAME, baseFont);
        descriptor.setInt(COSName.FLAGS, program.flags());
        COSArray bbox = new COSArray();
        for (float v : program.bbox()) {
            bbox.add(COSInteger.get(Math.round(v)));
        }
        descriptor.setItem(COSName.FONT_BBOX, bbox);
        descriptor.setItem(COSName.ITALIC_ANGLE, new COSFloat(program.italicAngle()));
        descriptor.setInt(COSName.ASCENT, Math.round(program.ascent()));
        descriptor.setInt(COSName.DESCENT, -Math.round(program.descent()));
        descriptor.setInt(COSName.CAP_HEIGHT, Math.round(program.capHeight()));
        descriptor.setInt(COSName.STEM_V, Math.round(program.stemV()));
        var file = flate.stream(doc, fontFile, fontFile.length);
        file.setInt(COSName.LENGTH1, fontFile.length);
        descriptor.setItem(COSName.FONT_FILE2, file);
        // Every glyph id of the program is a CID of the font (empty outlines included): the CIDSet says so.
        byte[] cidSet = new byte[(count + 7) / 8];
        Arrays.fill(cidSet, (byte) 0xFF);
        int rest = count % 8;
        if (rest != 0) {
            cidSet[cidSet.length - 1] = (byte) (0xFF << (8 - rest));
        }
        descriptor.setItem(COSName.CID_SET, flate.stream(doc, cidSet, cidSet.length));

        COSDictionary cidFont = new COSDictionary();
        cidFont.setItem(COSName.TYPE, COSName.FONT);
        cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
        cidFont.setName(COSName.BASE_FONT, baseFont);
        COSDictionary info = new COSDictionary();
        info.setString(COSName.REGISTRY, "Adobe");
        info.setString(COSName.ORDERING, "Identity");
        info.setInt(COSName.SUPPLEMENT, 0);
        cidFont.setItem(COSName.CIDSYSTEMINFO, info);
        cidFont.setItem(COSName.FONT_DESC, descriptor);
        cidFont.setItem(COSName.W, widths());
        cidFont.setItem(COSName.CID_TO_GID_MAP, COSName.IDENTITY);

        type0.setName(COSName.BASE_FONT, baseFont);
        type0.setItem(COSName.ENCODING, COSName.IDENTITY_H);
        COSArray descendants = new COSArray();
        descendants.add(cidFont);
        type0.setItem(COSName.DESCENDANT_FONTS, descendants);
        byte[] toUnicode = toUnicode();
        type0.setItem(COSName.TO_UNICODE, flate.stream(doc, toUnicode, toUnicode.length));
    }

    /**
     * Adds the components of a composite glyph to the subset (they are appended, so the caller's loop reaches
     * their own components in turn).
     */
    private void addComponents(int gid) {
        byte[] b = program.outlines();
        forEachComponent(b, program.glyphStart(gid), program.glyphEnd(gid), at -> {
            int component = u16(b, at);
            if (component < program.numGlyphs() && component != 0 && subsetId[component] == 0) {
                add(component);
            }
        });
    }

    /**
     * Calls {@code indexAt} with the position of each component's glyph index, if the glyph at
     * {@code [start, end)} of {@code b} is composite.
     */
    static void forEachComponent(byte[] b, long start, long end, java.util.function.IntConsumer indexAt) {
        if (end - start < 10 || start < 0 || end > b.length) {
            return;
        }
        int p = (int) start;
        if ((short) u16(b, p) >= 0) {
            return;
        }
        p += 10;
        int flags;
        do {
            if (p + 4 > end) {
                return;
            }
            flags = u16(b, p);
            indexAt.accept(p + 2);
            p += 4;
            p += (flags & ARG_1_AND_2_ARE_WORDS) != 0 ? 4 : 2;
            if ((flags & WE_HAVE_A_SCALE) != 0) {
                p += 2;
            } else if ((flags & WE_HAVE_AN_X_AND_Y_SCALE) != 0) {
                p += 4;
            } else if ((flags & WE_HAVE_A_TWO_BY_TWO) != 0) {
                p += 8;
            }
        } while ((flags & MORE_COMPONENTS) != 0);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    /** {@code W}: the width of every subset glyph, in one run. */
    private COSArray widths() {
        float scale = 1000f / program.unitsPerEm();
        COSArray run = new COSArray();
        for (int id = 0; id < count; id++) {
            run.add(COSInteger.get(Math.round(program.advance(original[id]) * scale)));
        }
        COSArray w = new COSArray();
        w.add(COSInteger.ZERO);
        w.add(run);
        return w;
    }

    private byte[] toUnicode() {
        StringBuilder sb = new StringBuilder(512 + drawn * 16);
        sb.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        for (int first = 1; first < drawn; first += 100) {
            int last = Math.min(drawn, first + 100);
            sb.append(last - first).append(" beginbfchar\n");
            for (int id = first; id < last; id++) {
                sb.append('<');
                hex4(sb, id);
                sb.append("> <");
                hex4(sb, unicode[id]);
                sb.append(">\n");
            }
            sb.append("endbfchar\n");
        }
        sb.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void hex4(StringBuilder sb, int v) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            sb.append(Character.toUpperCase(Character.forDigit((v >> shift) & 0xF, 16)));
        }
    }

    /** Six capital letters derived from the glyphs drawn and the font, as PDF subset names have. */
    private String tag() {
        long h = 1125899906842597L;
        for (int id = 1; id < count; id++) {
            h = 31 * h + original[id];
        }
        for (int i = 0; i < salt.length(); i++) {
            h = 31 * h + salt.charAt(i);
        }
        h = h ^ (h >>> 29);
        char[] tag = new char[6];
        for (int i = 0; i < 6; i++) {
            tag[i] = (char) ('A' + Math.floorMod(h, 26));
            h /= 26;
        }
        return new String(tag);
    }
}
