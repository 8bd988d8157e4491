package fr.segurbio.cda;

import java.util.Objects;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A report read from the JSON format of {@code segur cda build}: the output name, the report, the PDF copy
 * when the JSON names one, and the lab's stylesheet when given.
 *
 * <pre>{@code
 * JsonReport in = CrBioJson.read(Path.of("examples/sample-report.json"));
 * WrittenDocument n3 = CrBioWriter.standard().n3(in.report(), in.pdf().orElseThrow());
 * }</pre>
 *
 * @param name the base name of the output files ({@code <name>-N3.xml}, {@code <name>-N1.xml})
 * @param report the report
 * @param pdf the PDF copy given by the JSON, if any
 * @param stylesheet the href of the lab's stylesheet, if any
 */
public record JsonReport(String name, CrBioReport report, Optional<byte[]> pdf, Optional<String> stylesheet) {

    /**
     * Checks the fields.
     *
     * @param name the name
     * @param report the report
     * @param pdf the PDF, if any
     * @param stylesheet the stylesheet, if any
     */
    public JsonReport {
        name = InstanceId.requireText(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) {
            throw new CdaException(CdaError.BAD_VALUE, name, Bilingual.of("un nom de fichier : lettres, chiffres, '.', '_', '-'", "a file base name: letters, digits, '.', '_', '-'"));
        }
        Objects.requireNonNull(report, "report");
        pdf = pdf == null ? Optional.empty() : pdf.map(byte[]::clone);
        stylesheet = stylesheet == null ? Optional.empty() : stylesheet;
    }
}
