package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A previous result of the same analyte ({@code entryRelationship typeCode="REFR"}), comparable with the
 * current one (same method and unit).
 *
 * <pre>{@code
 * PreviousResult before = new PreviousResult(OffsetDateTime.parse("2020-09-12T08:15:00+01:00"),
 *         ResultValue.quantity("8.5", "mmol/L"), null);
 * }</pre>
 *
 * @param time when the previous result was obtained
 * @param value its value
 * @param interpretation its interpretation, or {@code null}
 */
public record PreviousResult(OffsetDateTime time, ResultValue value, Interpretation interpretation) {

    /**
     * Checks the fields.
     *
     * @param time when
     * @param value the value
     * @param interpretation the interpretation, or {@code null}
     */
    public PreviousResult {
        if (time == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("date du résultat antérieur (effectiveTime)", "previous result effectiveTime"));
        }
        if (value == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("valeur du résultat antérieur", "previous result value"));
        }
    }

    /**
     * The interpretation, if any.
     *
     * @return the interpretation
     */
    public Optional<Interpretation> optionalInterpretation() {
        return Optional.ofNullable(interpretation);
    }
}
