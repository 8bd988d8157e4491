package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * A TrueType font read once: its bytes, the advance width of every BMP character it covers (for layout,
 * without touching the parsed font) and a pool of parsed {@link TrueTypeFont}s lent to one document at a time
 * for subset embedding (a parsed font is not safe for concurrent use).
 */
final class FontProgram {

    private static final char REPLACEMENT = '\uFFFD';

    private final String name;
    private final byte[] bytes;
    /** Advance widths in 1/1000 em, indexed by BMP code point; negative where the font has no glyph. */
    private final float[] widths = new float[0x10000];
    private final float ascent;
    private final float descent;
    private final char replacement;
    private final ConcurrentLinkedQueue<TrueTypeFont> pool = new ConcurrentLinkedQueue<>();

    private FontProgram(String name, byte[] bytes) throws IOException {
        this.name = name;
        this.bytes = bytes;
        TrueTypeFont ttf = parse();
        CmapLookup cmap = ttf.getUnicodeCmapLookup(false);
        if (cmap == null) {
            throw new IOException("font " + name + " has no Unicode cmap");
        }
        if (ttf.getOS2Windows() != null && (ttf.getOS2Windows().getFsType() & 0x0002) != 0) {
            throw new IOException("font " + name + " forbids embedding (fsType restricted licence)");
        }
        float scale = 1000f / ttf.getUnitsPerEm();
        for (int cp = 0; cp < widths.length; cp++) {
            int gid = cmap.getGlyphId(cp);
            widths[cp] = gid > 0 ? ttf.getAdvanceWidth(gid) * scale : -1f;
        }
        for (int cp = 0; cp < 0x20; cp++) {
            widths[cp] = -1f;
        }
        ascent = ttf.getHorizontalHeader().getAscender() * scale;
        descent = -ttf.getHorizontalHeader().getDescender() * scale;
        replacement = widths[REPLACEMENT] >= 0 ? REPLACEMENT : '?';
        pool.add(ttf);
    }

    static FontProgram load(String name, byte[] bytes) throws IOException {
        return new FontProgram(name, bytes);
    }

    private TrueTypeFont parse() throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        // No glyph substitution: one character, one glyph. Ligatures would make text extraction and search
        // unreliable, and PDFBox's GSUB pass costs more than the rest of the text drawing.
        ttf.setEnableGsub(false);
        return ttf;
    }

    String name() {
        return name;
    }

    /** A parsed font for one document; give it back with {@link #giveBack} once the document is saved. */
    TrueTypeFont borrow() throws IOException {
        TrueTypeFont ttf = pool.poll();
        return ttf != null ? ttf : parse();
    }

    void giveBack(TrueTypeFont ttf) {
        pool.add(ttf);
    }

    boolean covers(int codePoint) {
        return codePoint >= 0 && codePoint < widths.length && widths[codePoint] >= 0;
    }

    char replacement() {
        return replacement;
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
}
