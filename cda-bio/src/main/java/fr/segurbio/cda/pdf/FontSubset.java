package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;

/**
 * One font of one document, embedded as a subset (PDF/A-1 requires every font embedded): a Type 0 font with
 * {@code Identity-H} encoding over a {@code CIDFontType2} whose CIDs are the glyph ids of the original font
 * ({@code CIDToGIDMap /Identity}). Text is shown as two-byte glyph ids; the glyphs drawn are remembered, and at
 * the end the embedded TrueType program keeps the original glyph numbering with only those glyphs' outlines
 * (and the components of composite glyphs), every other glyph left empty. No glyph is renumbered, so nothing
 * in the outlines has to be rewritten; the empty glyphs cost a few bytes once compressed.
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
    private final BitSet used = new BitSet();
    /** The character each drawn glyph stands for (for the ToUnicode CMap), by glyph id. */
    private final char[] unicode;

    FontSubset(FontProgram program, String salt) {
        this.program = program;
        this.salt = salt;
        this.unicode = new char[program.numGlyphs()];
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
     * Appends the text as a hexadecimal string of glyph ids ({@code <0041...>}) and remembers the glyphs.
     * The text holds only characters the font covers (see {@link TextSanitizer}).
     */
    void showHex(String text, ContentBuilder out) {
        out.put('<');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int gid = program.glyph(c);
            if (gid == 0 && c != program.replacement()) {
                gid = program.glyph(program.replacement());
            }
            if (!used.get(gid)) {
                used.set(gid);
                unicode[gid] = c;
            }
            out.hex4(gid);
        }
        out.put('>');
    }

    /** Builds the font program subset and fills in the font dictionaries. */
    void finish(COSDocument doc, Flate flate) throws IOException {
        BitSet glyphs = (BitSet) used.clone();
        glyphs.set(0); // .notdef
        for (int gid = used.nextSetBit(0); gid >= 0; gid = used.nextSetBit(gid + 1)) {
            addComponents(gid, glyphs, 0);
        }
        String baseFont = tag() + "+" + program.postScriptName();
        byte[] fontFile = TrueTypeSubsetWriter.write(program, glyphs);

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
        int count = TrueTypeSubsetWriter.glyphCount(program, glyphs);
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

    /** Adds the glyphs a composite glyph is made of, recursively (depth-limited against malformed fonts). */
    private void addComponents(int gid, BitSet glyphs, int depth) {
        long start = program.glyphStart(gid);
        long end = program.glyphEnd(gid);
        byte[] b = program.bytes();
        if (depth > 8 || end - start < 10 || start < 0 || end > b.length) {
            return;
        }
        int p = (int) start;
        short contours = (short) u16(b, p);
        if (contours >= 0) {
            return;
        }
        p += 10;
        int flags;
        do {
            if (p + 4 > end) {
                return;
            }
            flags = u16(b, p);
            int component = u16(b, p + 2);
            p += 4;
            p += (flags & ARG_1_AND_2_ARE_WORDS) != 0 ? 4 : 2;
            if ((flags & WE_HAVE_A_SCALE) != 0) {
                p += 2;
            } else if ((flags & WE_HAVE_AN_X_AND_Y_SCALE) != 0) {
                p += 4;
            } else if ((flags & WE_HAVE_A_TWO_BY_TWO) != 0) {
                p += 8;
            }
            if (component < program.numGlyphs() && !glyphs.get(component)) {
                glyphs.set(component);
                addComponents(component, glyphs, depth + 1);
            }
        } while ((flags & MORE_COMPONENTS) != 0);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
    }

    /** {@code W}: the width of every glyph drawn, in runs of consecutive glyph ids. */
    private COSArray widths() {
        COSArray w = new COSArray();
        float scale = 1000f / program.unitsPerEm();
        int gid = used.nextSetBit(0);
        while (gid >= 0) {
            COSArray run = new COSArray();
            int first = gid;
            int next = gid;
            while (next >= 0 && next == gid) {
                run.add(COSInteger.get(Math.round(program.advance(gid) * scale)));
                gid++;
                next = used.nextSetBit(gid);
            }
            w.add(COSInteger.get(first));
            w.add(run);
            gid = next;
        }
        return w;
    }

    private byte[] toUnicode() {
        StringBuilder sb = new StringBuilder(512 + used.cardinality() * 16);
        sb.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        int gid = used.nextSetBit(0);
        while (gid >= 0) {
            int count = 0;
            StringBuilder block = new StringBuilder();
            while (gid >= 0 && count < 100) {
                block.append('<');
                hex4(block, gid);
                block.append("> <");
                hex4(block, unicode[gid]);
                block.append(">\n");
                count++;
                gid = used.nextSetBit(gid + 1);
            }
            sb.append(count).append(" beginbfchar\n").append(block).append("endbfchar\n");
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
        for (long word : used.toLongArray()) {
            h = 31 * h + word;
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
