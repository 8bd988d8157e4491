package fr.segurbio.cda.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * One document being rendered: the PDFBox document, the two fonts being collected as subsets, the
 * {@link Canvas}, and, at the end, the running footer on every page, the embedded font subsets, the PDF/A-1b
 * metadata and the saved bytes (classic cross-reference table, no object streams: PDF/A-1 is PDF 1.4).
 */
final class RenderSession implements AutoCloseable {

    static final float FOOTER_SIZE = 7.5f;
    static final float LAB_FOOTER_SIZE = 6.5f;
    static final float FOOTER_BASE = 22f;

    private final PDDocument doc = new PDDocument();
    private final Flate flate = new Flate();
    private final FontSubset regularFont;
    private final FontSubset boldFont;
    final TextSanitizer sanitizer = new TextSanitizer();
    final Canvas canvas;
    private final List<String> labFooterLines;

    RenderSession(FontSet fonts, String labFooterText) {
        regularFont = new FontSubset(fonts.regular, "F1");
        boldFont = new FontSubset(fonts.bold, "F2");
        Canvas.Face regular = new Canvas.Face("F1", regularFont);
        Canvas.Face bold = new Canvas.Face("F2", boldFont);
        Canvas probe = new Canvas(doc, sanitizer, regular, bold, 0);
        labFooterLines = labFooterText == null ? List.of()
                : probe.wrap(labFooterText, regular, LAB_FOOTER_SIZE, probe.width());
        float reserved = FOOTER_BASE + Canvas.lineHeight(FOOTER_SIZE) + 4f
                + labFooterLines.size() * Canvas.lineHeight(LAB_FOOTER_SIZE) + 8f;
        canvas = new Canvas(doc, sanitizer, regular, bold, reserved);
    }

    /**
     * Draws the running footer on every page: the lab's footer text, then the patient's name on the left,
     * "n / N" in the middle and the document id on the right.
     */
    void footers(String patient, String documentId, LabStyle style) {
        Canvas c = canvas;
        int total = c.pages().size();
        float lh = Canvas.lineHeight(FOOTER_SIZE);
        for (int i = 0; i < total; i++) {
            c.reopen(i);
            float lineTop = FOOTER_BASE + lh;
            float ruleY = lineTop + 3f + labFooterLines.size() * Canvas.lineHeight(LAB_FOOTER_SIZE) + 2f;
            float labTop = ruleY - 3f;
            for (String line : labFooterLines) {
                float w = c.textWidth(line, c.regular, LAB_FOOTER_SIZE);
                c.lineAt(c.regular, LAB_FOOTER_SIZE, style.mutedColor(), c.left + (c.width() - w) / 2, labTop, line);
                labTop -= Canvas.lineHeight(LAB_FOOTER_SIZE);
            }
            c.stroke(style.primaryColor(), 0.6f, c.left, ruleY, c.right, ruleY);
            String page = (i + 1) + " / " + total;
            float pw = c.textWidth(page, c.bold, FOOTER_SIZE);
            float third = c.width() / 3f;
            String right = fit(documentId, c.regular, third + third / 2 - pw / 2 - 6f);
            float rw = c.textWidth(right, c.regular, FOOTER_SIZE);
            String left = fit(patient, c.bold, c.width() / 2 - pw / 2 - 6f);
            c.lineAt(c.bold, FOOTER_SIZE, style.textColor(), c.left, lineTop, left);
            c.lineAt(c.bold, FOOTER_SIZE, style.textColor(), c.left + (c.width() - pw) / 2, lineTop, page);
            c.lineAt(c.regular, FOOTER_SIZE, style.mutedColor(), c.right - rw, lineTop, right);
        }
    }

    /** The text, shortened with an ellipsis if it is wider than {@code width} (the full text is in the body). */
    private String fit(String text, Canvas.Face face, float width) {
        String s = canvas.clean(text, face);
        if (canvas.textWidth(s, face, FOOTER_SIZE) <= width) {
            return s;
        }
        String ellipsis = "…";
        int end = s.length();
        while (end > 1 && canvas.textWidth(s.substring(0, end) + ellipsis, face, FOOTER_SIZE) > width) {
            end--;
        }
        return s.substring(0, end) + ellipsis;
    }

    byte[] save(PdfA.Description description) throws IOException {
        canvas.finish(flate);
        regularFont.finish(doc.getDocument(), flate);
        boldFont.finish(doc.getDocument(), flate);
        PdfA.apply(doc, description);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        doc.save(out, CompressParameters.NO_COMPRESSION);
        return out.toByteArray();
    }

    int pageCount() {
        return canvas.pages().size();
    }

    @Override
    public void close() throws IOException {
        try {
            doc.close();
        } finally {
            flate.close();
        }
    }
}
