package fr.segurbio.cda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.cda.internal.json.JsonReportReader;
import fr.segurbio.cda.internal.json.JsonReportWriter;

/**
 * The JSON report format of {@code segur cda build} and {@code segur cda read --json}, described by the JSON
 * Schema {@code fr/segurbio/cda/crbio-report.schema.json} (a resource of this module, see
 * {@link #schema()}). Files named in the JSON (the PDF copy, images, second-line PDFs) are read relative to
 * the JSON file's folder; inline base64 ({@code "data"}) works too.
 *
 * <pre>{@code
 * JsonReport in = CrBioJson.read(Path.of("examples/sample-report.json"));
 * String json = CrBioJson.write(in.report());          // the same format, attachments inline
 * }</pre>
 */
public final class CrBioJson {

    /** The class-path location of the JSON Schema. */
    public static final String SCHEMA_RESOURCE = "/fr/segurbio/cda/crbio-report.schema.json";

    private CrBioJson() {
    }

    /**
     * Reads a JSON report file.
     *
     * @param file the JSON file
     * @return the report
     * @throws CdaException {@code CDA-011} for unreadable JSON, and every problem of the report's content, each
     *         located by its JSON path
     * @throws UncheckedIOException when the file cannot be read
     */
    public static JsonReport read(Path file) {
        Path base = file.toAbsolutePath().getParent();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a JSON report from a stream.
     *
     * @param in the JSON
     * @param baseDirectory the folder that relative file names are resolved against
     * @return the report
     * @throws CdaException with every problem found
     */
    public static JsonReport read(InputStream in, Path baseDirectory) {
        return JsonReportReader.read(in, baseDirectory, ReadContext.Mode.STRICT);
    }

    /**
     * Writes a report in the JSON format (attachments inline as base64), pretty-printed.
     *
     * @param report the report
     * @return the JSON text
     */
    public static String write(CrBioReport report) {
        return JsonReportWriter.write(report, "report", null, null);
    }

    /**
     * Writes a report with its output name, PDF copy and stylesheet.
     *
     * @param report the report read from JSON or from a CDA
     * @return the JSON text
     */
    public static String write(JsonReport report) {
        return JsonReportWriter.write(report.report(), report.name(), report.pdf().orElse(null),
                report.stylesheet().orElse(null));
    }

    /**
     * The JSON Schema of the format.
     *
     * @return the schema text
     */
    public static String schema() {
        try (InputStream in = CrBioJson.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
