package fr.segurbio.loinc.io;

import java.util.List;
import java.util.Objects;

import fr.segurbio.core.Problem;

/**
 * A line (or FHIR element) an import did not take, with every reason.
 *
 * <pre>{@code
 * for (RejectedLine r : result.rejected()) {
 *     System.out.println(r.line() + ": " + r.reasons().get(0).message(Locale.FRENCH));
 * }
 * }</pre>
 *
 * @param line the line number (1-based; for FHIR the element's index + 1)
 * @param location where it is: {@code "line 12"} or a FHIR path
 * @param raw the line's text, shortened ({@code ""} for FHIR)
 * @param reasons why it was rejected (at least one)
 */
public record RejectedLine(int line, String location, String raw, List<Problem> reasons) {

    /**
     * Checks the fields.
     *
     * @param line the line number
     * @param location where it is
     * @param raw the text
     * @param reasons the reasons
     */
    public RejectedLine {
        Objects.requireNonNull(location, "location");
        raw = raw == null ? "" : raw;
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejected line has a reason");
        }
    }
}
