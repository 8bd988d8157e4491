package fr.segurbio.loinc.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.CatalogueDiff;

/**
 * The import report: the catalogue imported (every valid line; for a rejected line whose exam exists in the
 * current catalogue, the current exam is kept), every rejected line with its number and reasons, the changes
 * against the current catalogue (added, modified, removed), warnings, and what was detected (encoding,
 * delimiter).
 *
 * <pre>{@code
 * ImportResult r = CatalogueCsv.read(Path.of("catalogue.csv"), CsvOptions.defaults(), current);
 * r.catalogue();                 // what to keep
 * r.rejected();                  // every refused line, with its number and reasons
 * r.diff().added(); r.diff().modified(); r.diff().removed();
 * }</pre>
 *
 * @param catalogue the resulting catalogue
 * @param rejected the rejected lines, in order
 * @param warnings problems that did not reject a line (kept exams, file-level notes)
 * @param diff the changes against the current catalogue
 * @param recordsRead how many data records (lines or elements) were read, rejected ones included
 * @param encoding the encoding used ({@code "UTF-8"}, {@code "windows-1252"}…), {@code ""} for JSON
 * @param delimiter the delimiter used, {@code ""} for JSON
 */
public record ImportResult(Catalogue catalogue, List<RejectedLine> rejected, List<Problem> warnings,
        CatalogueDiff diff, int recordsRead, String encoding, String delimiter) {

    /**
     * Checks the fields.
     *
     * @param catalogue the resulting catalogue
     * @param rejected the rejected lines
     * @param warnings the warnings
     * @param diff the changes
     * @param recordsRead how many records were read
     * @param encoding the encoding
     * @param delimiter the delimiter
     */
    public ImportResult {
        Objects.requireNonNull(catalogue, "catalogue");
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(diff, "diff");
        encoding = encoding == null ? "" : encoding;
        delimiter = delimiter == null ? "" : delimiter;
    }

    /**
     * Whether every record was imported.
     *
     * @return {@code true} when no line was rejected and no file-level error occurred
     */
    public boolean isComplete() {
        return rejected.isEmpty() && warnings.stream().noneMatch(Problem::isError);
    }

    /**
     * Every problem of the report: the reasons of each rejected line (located by line), then the warnings.
     *
     * @return the problems
     */
    public ValidationResult problems() {
        List<Problem> all = new ArrayList<>();
        for (RejectedLine r : rejected) {
            for (Problem p : r.reasons()) {
                all.add(p.under(r.location()));
            }
        }
        all.addAll(warnings);
        return ValidationResult.of(all);
    }
}
