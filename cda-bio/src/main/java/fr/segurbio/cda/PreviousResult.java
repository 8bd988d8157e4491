package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A previous result of the same analyte ({@code entryRelationship typeCode="REFR"}), comparable with the
 * current one (same method and unit).
 *
 * <p>A document may carry a time that is no calendar date (the ANS 2023.01 electrophoresis example has
 * {@code 20092012081500+0100}, month 20): the reader never corrects it; it keeps it in {@code timeAsWritten}
 * (with {@code time} {@code null}) and the writer writes it back exactly as it was.
 *
 * <pre>{@code
 * PreviousResult before = new PreviousResult(OffsetDateTime.parse("2020-09-12T08:15:00+01:00"),
 *         ResultValue.quantity("8.5", "mmol/L"), null);
 * PreviousResult asWritten = PreviousResult.asWritten("20092012081500+0100", ResultValue.quantity("8.5", "mmol/L"), null);
 * }</pre>
 *
 * @param time when the previous result was obtained, or {@code null} when only {@code timeAsWritten} is known
 * @param value its value
 * @param interpretation its interpretation, or {@code null}
 * @param timeAsWritten the HL7 time exactly as a document wrote it when it is no calendar date, else {@code null}
 */
public record PreviousResult(OffsetDateTime time, ResultValue value, Interpretation interpretation,
        String timeAsWritten) {

    /** An HL7 TS value's shape (digits, optional fraction and offset): what a time kept as written must match. */
    private static final java.util.regex.Pattern HL7_TS =
            java.util.regex.Pattern.compile("\\d{4,14}(\\.\\d{1,9})?([+-]\\d{2,4})?");

    /**
     * Checks the fields.
     *
     * @param time when, or {@code null} with {@code timeAsWritten}
     * @param value the value
     * @param interpretation the interpretation, or {@code null}
     * @param timeAsWritten the time as written, or {@code null}
     */
    public PreviousResult {
        if (time == null && timeAsWritten == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("date du résultat antérieur (effectiveTime)", "previous result effectiveTime"));
        }
        if (time != null && timeAsWritten != null) {
            throw new CdaException(CdaError.BAD_STRUCTURE, Bilingual.of(
                    "un résultat antérieur a soit une date, soit une date telle qu'écrite, pas les deux",
                    "a previous result has either a time or a time as written, not both"));
        }
        if (timeAsWritten != null && !HL7_TS.matcher(timeAsWritten).matches()) {
            throw new CdaException(CdaError.BAD_VALUE, timeAsWritten, Bilingual.of(
                    "une valeur HL7 TS (chiffres, fraction et décalage facultatifs)",
                    "an HL7 TS value (digits, optional fraction and offset)"));
        }
        if (value == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("valeur du résultat antérieur", "previous result value"));
        }
    }

    /**
     * A previous result with a known time.
     *
     * @param time when
     * @param value the value
     * @param interpretation the interpretation, or {@code null}
     */
    public PreviousResult(OffsetDateTime time, ResultValue value, Interpretation interpretation) {
        this(time, value, interpretation, null);
    }

    /**
     * A previous result whose time is kept exactly as a document wrote it (not a calendar date).
     *
     * @param timeAsWritten the HL7 TS value as written
     * @param value the value
     * @param interpretation the interpretation, or {@code null}
     * @return the previous result
     */
    public static PreviousResult asWritten(String timeAsWritten, ResultValue value, Interpretation interpretation) {
        return new PreviousResult(null, value, interpretation, timeAsWritten);
    }

    /**
     * The time to show: ISO when known, else as written.
     *
     * @return the time as text
     */
    public String timeText() {
        return time != null ? time.toString() : timeAsWritten;
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
