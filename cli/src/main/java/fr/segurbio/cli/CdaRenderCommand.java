package fr.segurbio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.html.CrBioStylesheet;
import fr.segurbio.cda.html.HtmlRenderError;
import fr.segurbio.cda.html.HtmlStyle;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.pdf.LabStyle;
import fr.segurbio.cda.pdf.PdfRenderOptions;
import fr.segurbio.cda.pdf.PdfRendering;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda render FILE.xml --out FILE.html|FILE.pdf}: presents a CR-BIO (CDA N3 or N1) as an HTML page
 * with the SDK's self-presenting stylesheet (run by Saxon-HE), in the lab's colours and with its logo, and
 * optionally writes the stylesheet with that look baked in, to publish beside the documents; or, for a
 * {@code .pdf}, reads the N3 back into the model and renders the SDK's PDF/A-1b with the INS Datamatrix.
 *
 * <pre>{@code
 * segur cda render cr-N3.xml --out cr.html --primary-color '#00594F' --logo logo.png --write-xsl site/
 * }</pre>
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Present a CR-BIO CDA document as an HTML page (the SDK's stylesheet, run by Saxon-HE),",
            "or, with --out FILE.pdf, as the SDK's PDF/A-1b of the N3 read back (with the INS Datamatrix).",
            "Exit: 0 written, 1 the document is refused (not XML, DOCTYPE, not a CDA), 2 usage error, 3 I/O error."})
public final class CdaRenderCommand implements Callable<Integer> {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xml", description = "the CDA document (N3 or N1)")
    private Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE.html|FILE.pdf",
            description = "the HTML page or the PDF/A-1b to write")
    private Path output;

    @Option(names = "--logo", paramLabel = "FILE", description = "the lab's logo (PNG, JPEG or GIF), embedded in the page")
    private Path logo;

    @Option(names = "--logo-url", paramLabel = "URL",
            description = "the lab's logo by address (https:, or a path relative to the document) instead of --logo")
    private String logoUrl;

    @Option(names = "--primary-color", paramLabel = "#RRGGBB", description = "colour of titles and table headers")
    private String primaryColor;

    @Option(names = "--accent-color", paramLabel = "#RRGGBB", description = "colour of light backgrounds")
    private String accentColor;

    @Option(names = "--abnormal-color", paramLabel = "#RRGGBB", description = "colour of abnormal values")
    private String abnormalColor;

    @Option(names = "--footer", paramLabel = "TEXT", description = "the lab's line at the bottom of the page")
    private String footer;

    @Option(names = "--decimal-point", description = "show numbers with a decimal point, as coded (default: comma)")
    private boolean decimalPoint;

    @Option(names = "--write-xsl", paramLabel = "DIR",
            description = "also write DIR/" + CrBioStylesheet.FILE_NAME + " with this look, to publish beside the documents")
    private Path xslDir;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pdf")) {
            return renderPdf(out, err);
        }
        if (!name.endsWith(".html") && !name.endsWith(".htm")) {
            err.println("segur: --out must name a .html or a .pdf file");
            return ExitCode.USAGE;
        }
        if (logo != null && logoUrl != null) {
            err.println("segur: give --logo or --logo-url, not both");
            return ExitCode.USAGE;
        }
        HtmlStyle style;
        try {
            style = style();
        } catch (SegurException e) {
            if (logo != null && e.code() == HtmlRenderError.LOGO_UNREADABLE) {
                return refused(e, out, err, ExitCode.IO_ERROR);
            }
            return refused(e, out, err, ExitCode.USAGE);
        }
        try {
            CrBioStylesheet sheet = CrBioStylesheet.create(style);
            sheet.render(input, output);
            Path xsl = xslDir == null ? null : sheet.publish(xslDir);
            long size = Files.size(output);
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("input", input.toString());
                root.put("output", output.toString());
                root.put("format", "html");
                root.put("bytes", size);
                if (xsl != null) {
                    root.put("stylesheet", xsl.toString());
                }
                out.println(Json.MAPPER.writeValueAsString(root));
            } else {
                out.printf(Locale.ROOT, "HTML: %s (%d bytes)%n", output, size);
                if (xsl != null) {
                    out.printf(Locale.ROOT, "Stylesheet: %s (name it in the documents' xml-stylesheet instruction: "
                            + "href=\"%s\")%n", xsl, CrBioStylesheet.FILE_NAME);
                }
            }
            return ExitCode.OK;
        } catch (SegurException e) {
            return refused(e, out, err, ExitCode.INVALID);
        } catch (NoSuchFileException e) {
            err.println("segur: no such file: " + e.getFile());
            return ExitCode.IO_ERROR;
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof NoSuchFileException n) {
                err.println("segur: no such file: " + n.getFile());
            } else {
                err.println("segur: " + cause.getMessage());
            }
            return ExitCode.IO_ERROR;
        }
    }

    /**
     * The PDF route: the document read back into the model ({@link CrBioReader}, N3 only) and rendered as the
     * SDK's PDF/A-1b with the INS Datamatrix ({@link CrBioPdfRenderer}), in the lab's colours and with its logo.
     */
    private int renderPdf(PrintWriter out, PrintWriter err) {
        if (logoUrl != null || xslDir != null || decimalPoint) {
            err.println("segur: --logo-url, --write-xsl and --decimal-point are for the HTML page, not the PDF");
            return ExitCode.USAGE;
        }
        try {
            LabStyle.Builder look = LabStyle.builder().logo(logo);
            if (primaryColor != null) {
                look.primaryColor(primaryColor);
            }
            if (accentColor != null) {
                look.lightColor(accentColor);
            }
            if (abnormalColor != null) {
                look.abnormalColor(abnormalColor);
            }
            if (footer != null) {
                look.footerText(footer);
            }
            PdfRenderOptions options;
            try {
                options = PdfRenderOptions.builder().labStyle(look.build()).build();
            } catch (SegurException | IllegalArgumentException e) {
                err.println("segur: " + e.getMessage());
                return ExitCode.USAGE;
            }
            ReadDocument document = CrBioReader.create().read(input);
            PdfRendering rendering = CrBioPdfRenderer.create(options).renderWithWarnings(document.report());
            Files.write(output, rendering.pdf());
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.put("input", input.toString());
                root.put("output", output.toString());
                root.put("format", "pdf");
                root.put("bytes", rendering.pdf().length);
                root.put("pages", rendering.pageCount());
                ArrayNode warnings = root.putArray("warnings");
                for (Problem p : rendering.warnings()) {
                    ObjectNode w = warnings.addObject();
                    w.put("code", p.code().id());
                    w.put("message", p.message());
                    w.put("messageFr", p.messageFr());
                }
                out.println(Json.MAPPER.writeValueAsString(root));
            } else {
                out.printf(Locale.ROOT, "PDF: %s (%d bytes, %d pages, PDF/A-1b)%n", output, rendering.pdf().length,
                        rendering.pageCount());
                for (Problem p : rendering.warnings()) {
                    out.println(p.severity().jsonName() + " " + p.code().id() + ": " + p.messageFr());
                }
            }
            return ExitCode.OK;
        } catch (SegurException e) {
            return refused(e, out, err, ExitCode.INVALID);
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println("segur: " + (cause instanceof NoSuchFileException n ? "no such file: " + n.getFile()
                    : cause.getMessage()));
            return ExitCode.IO_ERROR;
        }
    }

    private HtmlStyle style() {
        HtmlStyle.Builder b = HtmlStyle.builder();
        if (primaryColor != null) {
            b.primaryColor(primaryColor);
        }
        if (accentColor != null) {
            b.accentColor(accentColor);
        }
        if (abnormalColor != null) {
            b.abnormalColor(abnormalColor);
        }
        if (logo != null) {
            b.logo(logo);
        }
        if (logoUrl != null) {
            b.logoUrl(logoUrl);
        }
        if (footer != null) {
            b.footerText(footer);
        }
        if (decimalPoint) {
            b.decimalSeparator('.');
        }
        return b.build();
    }

    private int refused(SegurException e, PrintWriter out, PrintWriter err, int exit) {
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("rendered", false);
            ArrayNode problems = root.putArray("problems");
            for (Problem p : e.problems()) {
                ObjectNode n = problems.addObject();
                n.put("code", p.code().id());
                n.put("severity", p.severity().jsonName());
                n.put("path", p.path());
                n.put("messageFr", p.messageFr());
                n.put("messageEn", p.messageEn());
            }
            try {
                out.println(Json.MAPPER.writeValueAsString(root));
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        } else {
            for (Problem p : e.problems()) {
                err.println(p.code().id() + ": " + p.messageFr() + " / " + p.messageEn());
            }
        }
        return exit;
    }
}
