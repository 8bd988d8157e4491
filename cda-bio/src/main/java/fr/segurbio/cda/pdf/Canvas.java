package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The page flow of one document: A4 pages, a cursor going down, text drawn with embedded fonts, rectangles
 * and rules, and a new page when the next block does not fit. A hook runs at the top of every new page
 * (a table repeats its header with it). One instance per rendered document.
 *
 * <p>Each page's content stream is written directly as operator bytes ({@link ContentBuilder}); the pages share
 * one resource dictionary (the two fonts and the logo). {@link #finish} compresses the streams into the pages.
 */
final class Canvas {

    static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    static final float MARGIN_X = 36f;
    static final float MARGIN_TOP = 34f;
    static final float MM = 72f / 25.4f;

    /** A font of the document: its resource name, the subset being collected and the metrics used for layout. */
    record Face(String resource, FontSubset subset) {
        FontProgram program() {
            return subset.program();
        }
    }

    private final PDDocument doc;
    private final TextSanitizer sanitizer;
    final Face regular;
    final Face bold;
    final float left;
    final float right;
    final float top;
    final float bottom;
    private final COSDictionary resources;
    private final COSDictionary xObjects = new COSDictionary();
    private final Map<PDImageXObject, String> imageNames = new IdentityHashMap<>();
    private final List<PDPage> pages = new ArrayList<>();
    private final List<ContentBuilder> contents = new ArrayList<>();
    private ContentBuilder out;
    private float y;
    private Runnable pageStart;

    Canvas(PDDocument doc, TextSanitizer sanitizer, Face regular, Face bold, float bottomReserved) {
        this.doc = doc;
        this.sanitizer = sanitizer;
        this.regular = regular;
        this.bold = bold;
        this.left = MARGIN_X;
        this.right = PAGE_WIDTH - MARGIN_X;
        this.top = PAGE_HEIGHT - MARGIN_TOP;
        this.bottom = bottomReserved;
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(COSName.getPDFName(regular.resource()), regular.subset().dictionary());
        fonts.setItem(COSName.getPDFName(bold.resource()), bold.subset().dictionary());
        resources = new COSDictionary();
        resources.setItem(COSName.FONT, fonts);
    }

    List<PDPage> pages() {
        return pages;
    }

    PDDocument document() {
        return doc;
    }

    float width() {
        return right - left;
    }

    float y() {
        return y;
    }

    void moveDown(float dy) {
        y -= dy;
    }

    /** The hook run at the top of each new page, or {@code null}. */
    void onPageStart(Runnable hook) {
        this.pageStart = hook;
    }

    void newPage() {
        PDPage page = new PDPage(PDRectangle.A4);
        page.getCOSObject().setItem(COSName.RESOURCES, resources);
        doc.addPage(page);
        pages.add(page);
        out = new ContentBuilder();
        contents.add(out);
        y = top;
        if (pageStart != null) {
            pageStart.run();
        }
    }

    /** Goes back to a finished page to draw over it (running footers, once the page count is known). */
    void reopen(int pageIndex) {
        out = contents.get(pageIndex);
    }

    /** Compresses every page's content stream into its page. */
    void finish(Flate flate) throws IOException {
        COSDocument cos = doc.getDocument();
        for (int i = 0; i < pages.size(); i++) {
            ContentBuilder c = contents.get(i);
            pages.get(i).getCOSObject().setItem(COSName.CONTENTS, flate.stream(cos, c.array(), c.length()));
        }
        out = null;
    }

    /** Space left on the current page. */
    float room() {
        return y - bottom;
    }

    /** Room available on a fresh page (without what the page-start hook draws). */
    float pageRoom() {
        return top - bottom;
    }

    /** Starts a new page unless {@code height} points fit under the cursor. */
    void ensure(float height) {
        if (y - height < bottom) {
            newPage();
        }
    }

    String clean(String text, Face face) {
        return sanitizer.clean(text, face.program());
    }

    float textWidth(String cleanText, Face face, float size) {
        return face.program().width(cleanText, size);
    }

    static float lineHeight(float size) {
        return size * 1.28f;
    }

    /** Distance from the top of a line box to its baseline. */
    static float ascent(Face face, float size) {
        return face.program().ascent() * size / 1000f + (lineHeight(size) - size * 1.16f) / 2f;
    }

    /** Draws one line of text with its baseline at {@code baseline}. */
    void text(Face face, float size, int rgb, float x, float baseline, String text) {
        String s = clean(text, face);
        if (s.isEmpty()) {
            return;
        }
        out.op("BT /").op(face.resource()).put(' ').num(size).op("Tf ");
        color(rgb, false);
        out.num(x).num(baseline).op("Td ");
        face.subset().showHex(s, out);
        out.op(" Tj ET\n");
    }

    /** Draws one line whose top is at {@code lineTop}. */
    void lineAt(Face face, float size, int rgb, float x, float lineTop, String text) {
        text(face, size, rgb, x, lineTop - ascent(face, size), text);
    }

    void fill(int rgb, float x, float yBottom, float w, float h) {
        color(rgb, false);
        out.num(x).num(yBottom).num(w).num(h).op("re f\n");
    }

    void stroke(int rgb, float lineWidth, float x1, float y1, float x2, float y2) {
        color(rgb, true);
        lineWidth(lineWidth);
        out.num(x1).num(y1).op("m ").num(x2).num(y2).op("l S\n");
    }

    void strokeRect(int rgb, float lineWidth, float x, float yBottom, float w, float h) {
        color(rgb, true);
        lineWidth(lineWidth);
        out.num(x).num(yBottom).num(w).num(h).op("re S\n");
    }

    void image(PDImageXObject image, float x, float yBottom, float w, float h) {
        String name = imageNames.get(image);
        if (name == null) {
            name = "Im" + (imageNames.size() + 1);
            imageNames.put(image, name);
            xObjects.setItem(COSName.getPDFName(name), image.getCOSObject());
            resources.setItem(COSName.XOBJECT, xObjects);
        }
        out.op("q ").num(w).op("0 0 ").num(h).num(x).num(yBottom).op("cm /").op(name).op(" Do Q\n");
    }

    /**
     * Filled squares of a 2D code: one rectangle per horizontal run of dark modules, in a coordinate system
     * of one unit per module (row {@code r} spans {@code [-r-1, -r]} below {@code yTop}).
     */
    void modules(boolean[][] dark, float x, float yTop, float module) {
        color(0x000000, false);
        out.op("q ").num(module).op("0 0 ").num(module).num(x).num(yTop).op("cm\n");
        for (int r = 0; r < dark.length; r++) {
            boolean[] row = dark[r];
            int c = 0;
            while (c < row.length) {
                if (!row[c]) {
                    c++;
                    continue;
                }
                int start = c;
                while (c < row.length && row[c]) {
                    c++;
                }
                out.integer(start).put('-').integer(r + 1).integer(c - start).op("1 re\n");
            }
        }
        out.op("f Q\n");
    }

    private void lineWidth(float w) {
        if (out.lineWidth != w) {
            out.num(w).op("w ");
            out.lineWidth = w;
        }
    }

    private void color(int rgb, boolean stroking) {
        if (stroking ? out.stroke == rgb : out.fill == rgb) {
            return;
        }
        if (stroking) {
            out.stroke = rgb;
        } else {
            out.fill = rgb;
        }
        out.num(((rgb >> 16) & 0xFF) / 255f).num(((rgb >> 8) & 0xFF) / 255f).num((rgb & 0xFF) / 255f)
                .op(stroking ? "RG\n" : "rg\n");
    }

    /**
     * Breaks text into lines no wider than {@code width}: at spaces, and inside a word only when the word alone
     * is too wide. Line breaks in the text are kept. The lines returned are already sanitised.
     */
    List<String> wrap(String text, Face face, float size, float width) {
        List<String> lines = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return lines;
        }
        FontProgram p = face.program();
        float space = p.width(' ', size);
        for (String paragraph : paragraphs(text)) {
            String s = clean(paragraph, face).strip();
            if (s.isEmpty()) {
                lines.add("");
                continue;
            }
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            int i = 0;
            int n = s.length();
            while (i < n) {
                int j = s.indexOf(' ', i);
                if (j < 0) {
                    j = n;
                }
                if (j == i) {
                    i++;
                    continue;
                }
                String word = s.substring(i, j);
                float ww = p.width(word, size);
                float needed = line.length() == 0 ? ww : lineWidth + space + ww;
                if (needed <= width) {
                    if (line.length() > 0) {
                        line.append(' ');
                    }
                    line.append(word);
                    lineWidth = needed;
                } else if (ww <= width) {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                    lineWidth = ww;
                } else {
                    // A word wider than the line: fill the current line, then cut the word by characters.
                    if (line.length() > 0) {
                        line.append(' ');
                        lineWidth += space;
                    }
                    for (int k = 0; k < word.length(); k++) {
                        char c = word.charAt(k);
                        float cw = p.width(c, size);
                        if (lineWidth + cw > width && line.length() > 0) {
                            lines.add(line.toString().stripTrailing());
                            line.setLength(0);
                            lineWidth = 0;
                        }
                        line.append(c);
                        lineWidth += cw;
                    }
                }
                i = j + 1;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text split at line breaks ({@code \r\n}, {@code \r} or {@code \n}), empty paragraphs kept. */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>(2);
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                out.add(text.substring(start, i));
                if (ch == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(start == 0 ? text : text.substring(start));
        return out;
    }

    /**
     * Draws wrapped text from the cursor down, starting a new page between lines when needed.
     *
     * @return the number of lines drawn
     */
    int paragraph(String text, Face face, float size, int rgb, float indent) {
        List<String> lines = wrap(text, face, size, width() - indent);
        float lh = lineHeight(size);
        for (String line : lines) {
            ensure(lh);
            lineAt(face, size, rgb, left + indent, y, line);
            y -= lh;
        }
        return lines.size();
    }
}
