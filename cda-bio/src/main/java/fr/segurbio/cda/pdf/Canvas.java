package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The page flow of one document: A4 pages, a cursor going down, text drawn with embedded fonts, rectangles
 * and rules, and a new page when the next block does not fit. A hook runs at the top of every new page
 * (a table repeats its header with it). One instance per rendered document.
 */
final class Canvas {

    static final float PAGE_WIDTH = PDRectangle.A4.getWidth();
    static final float PAGE_HEIGHT = PDRectangle.A4.getHeight();
    static final float MARGIN_X = 36f;
    static final float MARGIN_TOP = 34f;
    static final float MM = 72f / 25.4f;

    /** A font of the document with the metrics used for layout. */
    record Face(PDType0Font pdf, FontProgram program) {
    }

    private final PDDocument doc;
    private final TextSanitizer sanitizer;
    final Face regular;
    final Face bold;
    final float left;
    final float right;
    final float top;
    final float bottom;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
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
        closeStream();
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        try {
            stream = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        y = top;
        if (pageStart != null) {
            pageStart.run();
        }
    }

    /** Reopens a finished page to draw over it (running footers, once the page count is known). */
    void reopen(PDPage page) {
        closeStream();
        try {
            stream = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
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
        try {
            stream.beginText();
            stream.setFont(face.pdf(), size);
            color(rgb, false);
            stream.newLineAtOffset(x, baseline);
            stream.showText(s);
            stream.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws one line whose top is at {@code lineTop}. */
    void lineAt(Face face, float size, int rgb, float x, float lineTop, String text) {
        text(face, size, rgb, x, lineTop - ascent(face, size), text);
    }

    void fill(int rgb, float x, float yBottom, float w, float h) {
        try {
            color(rgb, false);
            stream.addRect(x, yBottom, w, h);
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stroke(int rgb, float lineWidth, float x1, float y1, float x2, float y2) {
        try {
            color(rgb, true);
            stream.setLineWidth(lineWidth);
            stream.moveTo(x1, y1);
            stream.lineTo(x2, y2);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void strokeRect(int rgb, float lineWidth, float x, float yBottom, float w, float h) {
        try {
            color(rgb, true);
            stream.setLineWidth(lineWidth);
            stream.addRect(x, yBottom, w, h);
            stream.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void image(PDImageXObject image, float x, float yBottom, float w, float h) {
        try {
            stream.drawImage(image, x, yBottom, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Filled squares of a 2D code: one rectangle per horizontal run of dark modules. */
    void modules(boolean[][] dark, float x, float yTop, float module) {
        try {
            color(0x000000, false);
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
                    stream.addRect(x + start * module, yTop - (r + 1) * module, (c - start) * module, module);
                }
            }
            stream.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void color(int rgb, boolean stroking) throws IOException {
        float r = ((rgb >> 16) & 0xFF) / 255f;
        float g = ((rgb >> 8) & 0xFF) / 255f;
        float b = (rgb & 0xFF) / 255f;
        if (stroking) {
            stream.setStrokingColor(r, g, b);
        } else {
            stream.setNonStrokingColor(r, g, b);
        }
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
        for (String paragraph : text.split("\r\n|\r|\n", -1)) {
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
