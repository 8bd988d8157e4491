package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Patient;
import fr.segurbio.core.Problem;

/**
 * Renders a CR-BIO as a PDF/A-1b report, directly from the model with PDFBox: the copy that goes to the
 * patient and the prescriber, into the N3 "Copie du document" section and into the N1.
 *
 * <pre>{@code
 * CrBioPdfRenderer renderer = CrBioPdfRenderer.create(PdfRenderOptions.builder()
 *         .labStyle(LabStyle.builder().logo(Path.of("logo.png")).build())
 *         .build());
 * byte[] pdf = renderer.render(report);               // PDF/A-1b, INS Datamatrix when qualified
 * PdfRendering r = renderer.renderWithWarnings(report); // the same, with what was worth reporting
 * }</pre>
 *
 * <p>Create one renderer per lab style and share it: it is thread-safe, and its fonts and logo are read once.
 * Every font is embedded as a subset; the document has XMP metadata ({@code pdfaid:part=1},
 * {@code conformance=B}), an sRGB output intent, a title and a language, no transparency and no encryption.
 * On every page: the patient's name, "n / N" and the document id. Characters the font cannot draw are replaced
 * by a visible "\uFFFD" and reported ({@code CDA-701}), never dropped.
 */
public final class CrBioPdfRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(CrBioPdfRenderer.class);

    private final PdfRenderOptions options;
    private final FontSet fonts;
    private final Logo logo;
    private final List<Problem> setupWarnings;

    private CrBioPdfRenderer(PdfRenderOptions options, FontSet fonts, Logo logo, List<Problem> setupWarnings) {
        this.options = options;
        this.fonts = fonts;
        this.logo = logo;
        this.setupWarnings = List.copyOf(setupWarnings);
    }

    /**
     * A renderer with the given options. Reads the fonts and the logo now. A logo that cannot be read is not
     * fatal: every rendering then carries the warning {@code CDA-702}.
     *
     * @param options the rendering options
     * @return the renderer
     * @throws CdaException {@code CDA-704} when a configured font cannot be read or embedded
     */
    public static CrBioPdfRenderer create(PdfRenderOptions options) {
        Objects.requireNonNull(options, "options");
        LabStyle style = options.labStyle();
        FontSet fonts;
        try {
            fonts = FontSet.load(style);
        } catch (IOException | RuntimeException e) {
            String which = style.regularFont().map(Object::toString).orElse("DejaVu Sans")
                    + " / " + style.boldFont().map(Object::toString).orElse("DejaVu Sans Bold");
            throw new CdaException(Problem.of(PdfRenderError.BAD_FONT, "labStyle.fonts", which, e.getMessage()), e);
        }
        List<Problem> warnings = new ArrayList<>();
        Logo logo = null;
        if (style.logo().isPresent()) {
            try {
                logo = Logo.read(style.logo().get());
            } catch (IOException | RuntimeException e) {
                Problem p = Problem.of(PdfRenderError.LOGO_UNREADABLE, "labStyle.logo", e.getMessage());
                LOG.warn("{}: {}", p.code().id(), p.message());
                warnings.add(p);
            }
        }
        return new CrBioPdfRenderer(options, fonts, logo, warnings);
    }

    /**
     * A renderer with the default options (default style, no logo).
     *
     * @return the renderer
     */
    public static CrBioPdfRenderer create() {
        return create(PdfRenderOptions.defaults());
    }

    /**
     * The options this renderer was created with.
     *
     * @return the options
     */
    public PdfRenderOptions options() {
        return options;
    }

    /**
     * Renders the report as PDF/A-1b.
     *
     * @param report the report
     * @return the PDF file
     * @throws CdaException {@code CDA-705} if PDFBox fails
     */
    public byte[] render(CrBioReport report) {
        return renderWithWarnings(report).pdf();
    }

    /**
     * Renders the report as PDF/A-1b and says what is worth knowing: replaced characters
     * ({@code CDA-701}), an unreadable logo ({@code CDA-702}), no Datamatrix for a non-qualified
     * identity ({@code CDA-703}).
     *
     * @param report the report
     * @return the PDF, its page count and the warnings
     * @throws CdaException {@code CDA-705} if PDFBox fails
     */
    public PdfRendering renderWithWarnings(CrBioReport report) {
        Objects.requireNonNull(report, "report");
        LabStyle style = options.labStyle();
        List<Problem> warnings = new ArrayList<>(setupWarnings);
        Patient patient = report.patient();
        PatientDatamatrix.Outcome datamatrix = PatientDatamatrix.of(patient);
        boolean[][] code = datamatrix.modules();
        if (code == null) {
            warnings.add(datamatrix.whyNot());
        }
        String documentId = report.id().toString();
        try (RenderSession session = new RenderSession(fonts, style.footerText().orElse(null))) {
            PDImageXObject image = logo == null ? null : logo.embed(session.canvas.document());
            new ReportLayout(session.canvas, style, report, image, code, options.datamatrixModuleMillimetres())
                    .layout();
            session.footers(patient.displayName(), documentId, style);
            String lab = meta(ReportLayout.lab(report).name());
            String title = meta(CrBioReport.TITLE + " — " + patient.displayName() + " — "
                    + Formats.date(report.effectiveTime()));
            byte[] pdf = session.save(new PdfA.Description(title, lab, meta("CR-BIO " + documentId),
                    options.language(), meta(options.creator()), ZonedDateTime.now(options.clock()), documentId));
            if (!session.sanitizer.replaced().isEmpty()) {
                Problem p = Problem.of(PdfRenderError.CHARACTERS_REPLACED, "",
                        TextSanitizer.describe(session.sanitizer.replaced()));
                LOG.warn("{}: {}", p.code().id(), p.message());
                warnings.add(p);
            }
            return new PdfRendering(pdf, session.pageCount(), warnings);
        } catch (IOException | UncheckedIOException e) {
            throw new CdaException(Problem.of(PdfRenderError.RENDER_FAILED, "", e.getMessage()), e);
        }
    }

    /** Metadata text: no control characters, so that the document information and the XMP agree. */
    private static String meta(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] < 0x20 || chars[i] == 0x7F) {
                chars[i] = ' ';
            }
        }
        return new String(chars).strip();
    }
}
