package fr.segurbio.loinc.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.Ucum;

/**
 * The transcoding of a local exam to LOINC: the code, the UCUM unit of the LOINC result, the factor that turns
 * a local value into a value in that unit when the units differ, the status (proposed, validated by a
 * biologist, rejected), a comment, who decided and when. Immutable; a UCUM unit that UCUM rejects cannot be
 * set.
 *
 * <pre>{@code
 * Transcoding t = Transcoding.builder(LoincCode.parse("2345-7"))
 *         .ucumUnit("g/L")
 *         .conversionFactor(new BigDecimal("0.01"))     // local mg/dL → g/L
 *         .status(TranscodingStatus.VALIDATED)
 *         .author("Dr Martin").date(Instant.parse("2026-01-15T09:00:00Z"))
 *         .build();
 * }</pre>
 */
public final class Transcoding {

    private final LoincCode code;
    private final String ucumUnit;
    private final BigDecimal conversionFactor;
    private final TranscodingStatus status;
    private final String comment;
    private final String author;
    private final Instant date;

    private Transcoding(Builder b) {
        this.code = b.code;
        this.ucumUnit = b.ucumUnit;
        this.conversionFactor = b.conversionFactor;
        this.status = b.status;
        this.comment = b.comment;
        this.author = b.author;
        this.date = b.date;
    }

    /**
     * A builder for a transcoding to this code.
     *
     * @param code the LOINC code
     * @return a new builder, status {@link TranscodingStatus#PROPOSED}
     */
    public static Builder builder(LoincCode code) {
        return new Builder(code);
    }

    /**
     * A builder holding this transcoding's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(code);
        b.ucumUnit = ucumUnit;
        b.conversionFactor = conversionFactor;
        b.status = status;
        b.comment = comment;
        b.author = author;
        b.date = date;
        return b;
    }

    /**
     * The LOINC code.
     *
     * @return the code
     */
    public LoincCode code() {
        return code;
    }

    /**
     * The UCUM unit of the LOINC result.
     *
     * @return the unit, or empty for results without unit
     */
    public Optional<String> ucumUnit() {
        return Optional.ofNullable(ucumUnit);
    }

    /**
     * The factor by which a value in the local unit is multiplied to be in the UCUM unit.
     *
     * @return the factor, or empty when the units are the same
     */
    public Optional<BigDecimal> conversionFactor() {
        return Optional.ofNullable(conversionFactor);
    }

    /**
     * The status.
     *
     * @return proposed, validated or rejected
     */
    public TranscodingStatus status() {
        return status;
    }

    /**
     * The comment.
     *
     * @return the comment, {@code ""} when none
     */
    public String comment() {
        return comment;
    }

    /**
     * Who proposed, validated or rejected it.
     *
     * @return the author, {@code ""} when unknown
     */
    public String author() {
        return author;
    }

    /**
     * When the status was set.
     *
     * @return the instant, or empty
     */
    public Optional<Instant> date() {
        return Optional.ofNullable(date);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transcoding t && code.equals(t.code) && Objects.equals(ucumUnit, t.ucumUnit)
                && Objects.equals(conversionFactor, t.conversionFactor) && status == t.status
                && comment.equals(t.comment) && author.equals(t.author) && Objects.equals(date, t.date);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, ucumUnit, conversionFactor, status, comment, author, date);
    }

    @Override
    public String toString() {
        return code + (ucumUnit == null ? "" : " [" + ucumUnit + "]")
                + (conversionFactor == null ? "" : " ×" + conversionFactor.toPlainString()) + " " + status.code();
    }

    /**
     * Builds a {@link Transcoding}; not thread-safe.
     */
    public static final class Builder {
        private final LoincCode code;
        private String ucumUnit;
        private BigDecimal conversionFactor;
        private TranscodingStatus status = TranscodingStatus.PROPOSED;
        private String comment = "";
        private String author = "";
        private Instant date;

        private Builder(LoincCode code) {
            this.code = Objects.requireNonNull(code, "code");
        }

        /**
         * Sets the UCUM unit.
         *
         * @param unit a valid UCUM unit, or {@code null}/blank for none
         * @return this builder
         * @throws LoincException ({@code LOINC-030}) when UCUM rejects the unit
         */
        public Builder ucumUnit(String unit) {
            if (unit == null || unit.isBlank()) {
                this.ucumUnit = null;
                return this;
            }
            ValidationResult r = Ucum.standard().validate(unit);
            if (!r.isValid()) {
                throw new LoincException(ValidationResult.of(r.errors()));
            }
            this.ucumUnit = unit;
            return this;
        }

        /**
         * Sets the conversion factor.
         *
         * @param factor a positive factor, or {@code null} for none
         * @return this builder
         * @throws IllegalArgumentException when the factor is not positive
         */
        public Builder conversionFactor(BigDecimal factor) {
            if (factor != null && factor.signum() <= 0) {
                throw new IllegalArgumentException("a conversion factor is positive: " + factor);
            }
            this.conversionFactor = factor == null ? null : normalize(factor);
            return this;
        }

        private static BigDecimal normalize(BigDecimal f) {
            BigDecimal s = f.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }

        /**
         * Sets the status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(TranscodingStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Sets the comment.
         *
         * @param comment the comment, or {@code null}
         * @return this builder
         */
        public Builder comment(String comment) {
            this.comment = comment == null ? "" : comment;
            return this;
        }

        /**
         * Sets who decided.
         *
         * @param author the author, or {@code null}
         * @return this builder
         */
        public Builder author(String author) {
            this.author = author == null ? "" : author.strip();
            return this;
        }

        /**
         * Sets when.
         *
         * @param date the instant, or {@code null}
         * @return this builder
         */
        public Builder date(Instant date) {
            this.date = date;
            return this;
        }

        /**
         * The transcoding.
         *
         * @return the immutable transcoding
         */
        public Transcoding build() {
            return new Transcoding(this);
        }
    }
}
