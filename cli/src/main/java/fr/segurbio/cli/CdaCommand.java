package fr.segurbio.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.html.CrBioStylesheet;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.pdf.LabStyle;
import fr.segurbio.cda.pdf.PdfRenderOptions;
import fr.segurbio.cda.pdf.PdfRendering;
import fr.segurbio.cda.xds.Cx;
import fr.segurbio.cda.xds.IntendedRecipient;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda ...}: the lab report (CR-BIO) as CDA R2 N3 and N1.
 *
 * <pre>{@code
 * segur cda build examples/sample-report.json --out out
 * }</pre>
 */
@Command(name = "cda", mixinStandardHelpOptions = true,
        description = "CR-BIO lab reports: build CDA R2 N3 and N1 from the JSON report format.",
        subcommands = {
            HelpCommand.class,
            CdaRenderCommand.class,
            CdaValidateCommand.class,
            CdaReadCommand.class,
            CdaMergeCommand.class,
            CdaCommand.Build.class
            // other cda subcommands (read, validate, merge, render) are listed here
        })
public final class CdaCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code segur cda build REPORT.json --out DIR [--pdf FILE] [--logo FILE] [--stylesheet HREF] [--json]}: writes
     * {@code DIR/<name>-N3.xml}, {@code DIR/<name>-N1.xml}, {@code DIR/<name>.pdf} and, when the document names the
     * SDK's stylesheet ({@code crbio.xsl}), that stylesheet beside them; the PDF copy is the
     * {@code --pdf} file, else the one the JSON names, else the PDF/A-1b the SDK renders from the report.
     */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Write DIR/<name>-N3.xml, DIR/<name>-N1.xml and DIR/<name>.pdf from a JSON report",
                "(format: cda-bio's crbio-report.schema.json). Exit: 0 written, 1 invalid report, 3 I/O error."})
    public static final class Build implements Callable<Integer> {

        /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
        private static final class Json {
            static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        }

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPORT.json", description = "the report in the JSON format")
        private Path reportFile;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the output folder (created)")
        private Path outDir;

        @Option(names = "--pdf", paramLabel = "FILE", description = "the PDF copy of the report (overrides the JSON's)")
        private Path pdfFile;

        @Option(names = "--logo", paramLabel = "FILE",
                description = "the lab's logo on the PDF the SDK renders when neither --pdf nor the JSON gives one")
        private Path logo;

        @Option(names = "--stylesheet", paramLabel = "HREF",
                description = "the lab's stylesheet for the xml-stylesheet instruction (overrides the JSON's)")
        private String stylesheet;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                JsonReport in = CrBioJson.read(reportFile);
                // The PDF copy: --pdf FILE, else the JSON's "pdf", else rendered by the SDK (PDF/A-1b with the INS
                // Datamatrix); the same bytes go to DIR/<name>.pdf, into the N3 "Copie du document" and the N1.
                byte[] pdf = pdfFile != null ? Files.readAllBytes(pdfFile) : in.pdf().orElse(null);
                String pdfSource = pdfFile != null ? "--pdf" : pdf != null ? "json" : "rendered";
                List<Problem> pdfWarnings = List.of();
                if (pdf == null) {
                    PdfRendering rendering = CrBioPdfRenderer.create(PdfRenderOptions.builder()
                            .labStyle(LabStyle.builder().logo(logo).build()).build()).renderWithWarnings(in.report());
                    pdf = rendering.pdf();
                    pdfWarnings = rendering.warnings();
                }
                String href = stylesheet != null ? stylesheet : in.stylesheet().orElse(null);
                CrBioWriter writer = CrBioWriter.builder().stylesheet(href).build();
                Files.createDirectories(outDir);
                // The SDK's own stylesheet, named by the document: publish it beside the N3 so that the N3 shows
                // itself in a browser as it is.
                Path xslOut = CrBioStylesheet.FILE_NAME.equals(href) ? CrBioStylesheet.create().publish(outDir) : null;
                Path n3File = outDir.resolve(in.name() + "-N3.xml");
                Path n1File = outDir.resolve(in.name() + "-N1.xml");
                Path pdfOut = outDir.resolve(in.name() + ".pdf");
                Files.write(pdfOut, pdf);
                XdsMetadata n3;
                XdsMetadata n1;
                try (OutputStream o = Files.newOutputStream(n3File)) {
                    n3 = writer.writeN3(in.report(), pdf, o);
                }
                try (OutputStream o = Files.newOutputStream(n1File)) {
                    n1 = writer.writeN1(in.report(), pdf, o);
                }
                if (json) {
                    ObjectNode root = Json.MAPPER.createObjectNode();
                    root.put("name", in.name());
                    root.set("n3", describe(n3File, n3));
                    root.set("n1", describe(n1File, n1));
                    ObjectNode pdfNode = root.putObject("pdf");
                    pdfNode.put("file", pdfOut.toString());
                    pdfNode.put("size", pdf.length);
                    pdfNode.put("source", pdfSource);
                    if (xslOut != null) {
                        root.put("stylesheet", xslOut.toString());
                    }
                    ArrayNode notices = root.putArray("notices");
                    for (Problem p : in.report().notices().problems()) {
                        notices.add(problem(p));
                    }
                    for (Problem p : pdfWarnings) {
                        notices.add(problem(p));
                    }
                    out.println(Json.MAPPER.writeValueAsString(root));
                } else {
                    out.printf(Locale.ROOT, "N3: %s (%d bytes, %d results)%n", n3File, n3.size(),
                            in.report().observationCount());
                    out.printf(Locale.ROOT, "N1: %s (%d bytes)%n", n1File, n1.size());
                    out.printf(Locale.ROOT, "PDF: %s (%d bytes, %s)%n", pdfOut, pdf.length,
                            "rendered".equals(pdfSource) ? "PDF/A-1b rendered by the SDK" : "from " + pdfSource);
                    if (xslOut != null) {
                        out.printf(Locale.ROOT, "XSL: %s (the N3 shows itself in a browser)%n", xslOut);
                    }
                    for (Problem p : in.report().notices().problems()) {
                        out.println(p.severity().jsonName() + " " + p.code().id() + ": " + p.messageFr());
                    }
                    for (Problem p : pdfWarnings) {
                        out.println(p.severity().jsonName() + " " + p.code().id() + ": " + p.messageFr());
                    }
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                if (json) {
                    ObjectNode root = Json.MAPPER.createObjectNode();
                    root.put("valid", false);
                    ArrayNode problems = root.putArray("problems");
                    e.problems().forEach(p -> problems.add(problem(p)));
                    try {
                        out.println(Json.MAPPER.writeValueAsString(root));
                    } catch (IOException io) {
                        throw new UncheckedIOException(io);
                    }
                } else {
                    for (Problem p : e.problems()) {
                        err.println(p.code().id() + (p.path().isEmpty() ? "" : " [" + p.path() + "]") + ": "
                                + p.messageFr() + " / " + p.messageEn());
                    }
                }
                return ExitCode.INVALID;
            } catch (IOException | UncheckedIOException e) {
                err.println("segur: " + e.getMessage());
                return ExitCode.IO_ERROR;
            }
        }

        private static ObjectNode problem(Problem p) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("code", p.code().id());
            n.put("severity", p.severity().jsonName());
            n.put("path", p.path());
            n.put("messageFr", p.messageFr());
            n.put("messageEn", p.messageEn());
            return n;
        }

        private static ObjectNode describe(Path file, XdsMetadata m) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("file", file.toString());
            ObjectNode x = n.putObject("xds");
            x.put("kind", m.kind().name());
            x.put("uniqueId", m.uniqueId());
            x.put("setId", m.setId());
            x.put("version", m.version());
            x.set("typeCode", code(m.typeCode()));
            x.set("classCode", code(m.classCode()));
            x.set("formatCode", code(m.formatCode()));
            x.put("mimeType", m.mimeType());
            x.put("title", m.title());
            x.put("creationTime", m.creationTime().toString());
            x.put("serviceStartTime", m.serviceStartTime().toString());
            x.put("serviceStopTime", m.serviceStopTime().toString());
            x.set("confidentialityCode", code(m.confidentialityCode()));
            x.put("languageCode", m.languageCode());
            Optional<Cx> pid = m.patientId();
            if (pid.isPresent()) {
                x.put("patientId", pid.get().format());
            }
            x.put("sourcePatientId", m.sourcePatientId().format());
            ArrayNode info = x.putArray("sourcePatientInfo");
            m.sourcePatientInfo().lines().forEach(info::add);
            ArrayNode authors = x.putArray("authors");
            for (XdsMetadata.Author a : m.authors()) {
                ObjectNode an = authors.addObject();
                an.put("person", a.person().format());
                a.institution().ifPresent(i -> an.put("institution", i.format()));
                a.specialtyValue().ifPresent(s -> an.put("specialty", s));
            }
            m.legalAuthenticator().ifPresent(l -> x.put("legalAuthenticator", l.format()));
            ArrayNode recipients = x.putArray("intendedRecipients");
            m.intendedRecipients().stream().map(IntendedRecipient::format).forEach(recipients::add);
            x.set("practiceSettingCode", code(m.practiceSettingCode()));
            x.set("healthcareFacilityTypeCode", code(m.healthcareFacilityTypeCode()));
            ArrayNode events = x.putArray("eventCodes");
            m.eventCodes().forEach(c -> events.add(code(c)));
            m.replacedUniqueId().ifPresent(r -> x.put("replacedUniqueId", r));
            x.put("size", m.size());
            x.put("hash", m.hash());
            return n;
        }

        private static ObjectNode code(Code c) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("code", c.code());
            n.put("codeSystem", c.codeSystem());
            if (c.displayName() != null) {
                n.put("displayName", c.displayName());
            }
            return n;
        }
    }
}
