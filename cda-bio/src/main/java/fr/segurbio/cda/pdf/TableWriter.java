package fr.segurbio.cda.pdf;

import java.util.ArrayList;
import java.util.List;

/**
 * A table drawn into a {@link Canvas}: its header repeats at the top of every page the table continues on, and
 * a row is never split across pages (unless a single row is taller than a whole page, where it continues line
 * by line). Full-width notes under a row (comments) wrap and may continue on the next page.
 */
final class TableWriter {

    static final float PAD_X = 3f;
    static final float PAD_Y = 2.2f;

    /** A column: its title and its share of the table width. */
    record Column(String title, float weight, boolean right) {
    }

    /** A cell: text, bold or not, colour. */
    record Cell(String text, boolean bold, int rgb) {
        static Cell of(String text, int rgb) {
            return new Cell(text == null ? "" : text, false, rgb);
        }
    }

    private final Canvas c;
    private final List<Column> columns;
    private final float[] x;
    private final float[] w;
    private final float size;
    private final int headerFill;
    private final int headerText;
    private final int ruleColor;
    private final float headerHeight;
    private final float headerSize;
    private final List<List<String>> headerLines = new ArrayList<>();

    TableWriter(Canvas canvas, List<Column> columns, float size, int headerFill, int headerText, int ruleColor) {
        this.c = canvas;
        this.columns = List.copyOf(columns);
        this.size = size;
        this.headerFill = headerFill;
        this.headerText = headerText;
        this.ruleColor = ruleColor;
        float total = 0;
        for (Column col : columns) {
            total += col.weight();
        }
        x = new float[columns.size()];
        w = new float[columns.size()];
        float cursor = c.left;
        for (int i = 0; i < columns.size(); i++) {
            w[i] = c.width() * columns.get(i).weight() / total;
            x[i] = cursor;
            cursor += w[i];
        }
        headerSize = size - 1f;
        int maxLines = 1;
        for (int i = 0; i < columns.size(); i++) {
            List<String> lines = c.wrap(columns.get(i).title(), c.bold, headerSize, w[i] - 2 * PAD_X);
            headerLines.add(lines);
            maxLines = Math.max(maxLines, lines.size());
        }
        headerHeight = maxLines * Canvas.lineHeight(headerSize) + 2 * PAD_Y;
    }

    float headerHeight() {
        return headerHeight;
    }

    /** Starts the table at the cursor: the header is drawn now and on every page until {@link #end()}. */
    void begin(float firstRowHeight) {
        c.ensure(headerHeight + firstRowHeight);
        drawHeader();
        c.onPageStart(this::drawHeader);
    }

    void end() {
        c.onPageStart(null);
        c.moveDown(4f);
    }

    private void drawHeader() {
        float top = c.y();
        c.fill(headerFill, c.left, top - headerHeight, c.width(), headerHeight);
        float lh = Canvas.lineHeight(headerSize);
        for (int i = 0; i < columns.size(); i++) {
            float lineTop = top - PAD_Y;
            for (String line : headerLines.get(i)) {
                c.lineAt(c.bold, headerSize, headerText, textX(i, line, c.bold, headerSize), lineTop, line);
                lineTop -= lh;
            }
        }
        c.moveDown(headerHeight);
    }

    private float textX(int col, String cleanLine, Canvas.Face face) {
        return textX(col, cleanLine, face, size);
    }

    private float textX(int col, String cleanLine, Canvas.Face face, float fontSize) {
        if (columns.get(col).right()) {
            return x[col] + w[col] - PAD_X - c.textWidth(cleanLine, face, fontSize);
        }
        return x[col] + PAD_X;
    }

    /** The lines of each cell of a row. */
    List<List<String>> layout(List<Cell> cells) {
        List<List<String>> out = new ArrayList<>(cells.size());
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = i < cells.size() ? cells.get(i) : Cell.of("", 0);
            out.add(c.wrap(cell.text(), cell.bold() ? c.bold : c.regular, size, w[i] - 2 * PAD_X));
        }
        return out;
    }

    float height(List<List<String>> laidOut) {
        int n = 1;
        for (List<String> lines : laidOut) {
            n = Math.max(n, lines.size());
        }
        return n * Canvas.lineHeight(size) + 2 * PAD_Y;
    }

    /** Draws a row; {@code shade} gives it a light background ({@code -1} for none). */
    void row(List<Cell> cells, int shade) {
        List<List<String>> laidOut = layout(cells);
        float h = height(laidOut);
        if (h > c.room()) {
            if (h <= c.pageRoom() - headerHeight) {
                c.newPage();
            } else {
                tallRow(cells, laidOut);
                return;
            }
        }
        float top = c.y();
        if (shade >= 0) {
            c.fill(shade, c.left, top - h, c.width(), h);
        }
        float lh = Canvas.lineHeight(size);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = i < cells.size() ? cells.get(i) : Cell.of("", 0);
            Canvas.Face face = cell.bold() ? c.bold : c.regular;
            float lineTop = top - PAD_Y;
            for (String line : laidOut.get(i)) {
                c.lineAt(face, size, cell.rgb(), textX(i, line, face), lineTop, line);
                lineTop -= lh;
            }
        }
        c.moveDown(h);
        c.stroke(ruleColor, 0.4f, c.left, c.y(), c.right, c.y());
    }

    /** A row taller than a page: drawn line by line, continuing on the next pages. */
    private void tallRow(List<Cell> cells, List<List<String>> laidOut) {
        int n = 0;
        for (List<String> lines : laidOut) {
            n = Math.max(n, lines.size());
        }
        float lh = Canvas.lineHeight(size);
        for (int k = 0; k < n; k++) {
            if (c.room() < lh + PAD_Y) {
                c.newPage();
            }
            for (int i = 0; i < columns.size(); i++) {
                List<String> lines = laidOut.get(i);
                if (k < lines.size()) {
                    Cell cell = i < cells.size() ? cells.get(i) : Cell.of("", 0);
                    Canvas.Face face = cell.bold() ? c.bold : c.regular;
                    c.lineAt(face, size, cell.rgb(), textX(i, lines.get(k), face), c.y() - PAD_Y, lines.get(k));
                }
            }
            c.moveDown(lh);
        }
        c.moveDown(2 * PAD_Y);
        c.stroke(ruleColor, 0.4f, c.left, c.y(), c.right, c.y());
    }

    /** A full-width note under the last row (a comment), wrapped; it may continue on the next page. */
    void note(String text, Canvas.Face face, float noteSize, int rgb, float indent) {
        List<String> lines = c.wrap(text, face, noteSize, c.width() - indent - 2 * PAD_X);
        float lh = Canvas.lineHeight(noteSize);
        c.moveDown(1f);
        for (String line : lines) {
            if (c.room() < lh) {
                c.newPage();
            }
            c.lineAt(face, noteSize, rgb, c.left + indent + PAD_X, c.y(), line);
            c.moveDown(lh);
        }
        c.moveDown(PAD_Y);
        c.stroke(ruleColor, 0.4f, c.left, c.y(), c.right, c.y());
    }
}
