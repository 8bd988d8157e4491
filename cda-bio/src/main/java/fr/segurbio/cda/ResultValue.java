package fr.segurbio.cda;

import java.math.BigDecimal;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * The value of a result, one of the CDA data types a CR-BIO uses: {@link Quantity} (PQ with a UCUM unit),
 * {@link QuantityRange} (IVL_PQ, e.g. a MIC "{@code < 0.128}"), {@link Coded} (CD or CO), {@link Text} (ST),
 * {@link Ratio} (RTO, e.g. a titre 1/64), {@link Bool} (BL), {@link Int} (INT) and {@link Real} (REAL).
 *
 * <pre>{@code
 * ResultValue tsh = ResultValue.quantity("1.950", "m[IU]/L");
 * ResultValue mic = ResultValue.below("0.128", "ug/mL", false);
 * ResultValue colour = ResultValue.text("jaune citrin");
 * }</pre>
 */
public sealed interface ResultValue {

    /**
     * The value as printed in the narrative.
     *
     * @return a readable form, e.g. {@code "1.950 m[IU]/L"}
     */
    String display();

    /**
     * A physical quantity.
     *
     * @param value the number, keeping its precision ({@code "1.950"})
     * @param unit the UCUM unit
     * @return the value
     * @throws CdaException {@code CDA-005} when UCUM rejects the unit
     */
    static Quantity quantity(String value, String unit) {
        return new Quantity(new BigDecimal(value), unit);
    }

    /**
     * An upper-bounded range ({@code < value} or {@code <= value}).
     *
     * @param value the bound
     * @param unit the UCUM unit
     * @param inclusive whether the bound is included
     * @return the value
     */
    static QuantityRange below(String value, String unit, boolean inclusive) {
        return new QuantityRange(null, quantity(value, unit), true, inclusive);
    }

    /**
     * A lower-bounded range ({@code > value} or {@code >= value}).
     *
     * @param value the bound
     * @param unit the UCUM unit
     * @param inclusive whether the bound is included
     * @return the value
     */
    static QuantityRange above(String value, String unit, boolean inclusive) {
        return new QuantityRange(quantity(value, unit), null, inclusive, true);
    }

    /**
     * A free-text value (ST).
     *
     * @param text the text
     * @return the value
     */
    static Text text(String text) {
        return new Text(text);
    }

    /**
     * A PQ value: a number and a UCUM unit ({@code "1"} for a unitless quantity).
     *
     * @param value the number
     * @param unit the UCUM unit
     */
    record Quantity(BigDecimal value, String unit) implements ResultValue {
        /**
         * Checks the value and the unit against UCUM.
         *
         * @param value the number
         * @param unit the UCUM unit
         */
        public Quantity {
            if (value == null) {
                throw new CdaException(CdaError.MISSING, "value/@value");
            }
            if (unit == null || unit.isEmpty()) {
                unit = "1";
            }
            Bilingual problem = Terminology.unitProblem(unit);
            if (problem != null) {
                throw new CdaException(CdaError.BAD_UNIT, unit, problem);
            }
        }

        @Override
        public String display() {
            return "1".equals(unit) ? value.toPlainString() : value.toPlainString() + " " + unit;
        }
    }

    /**
     * An IVL_PQ value: at least one bound.
     *
     * @param low the low bound, or {@code null}
     * @param high the high bound, or {@code null}
     * @param lowInclusive whether the low bound is included
     * @param highInclusive whether the high bound is included
     */
    record QuantityRange(Quantity low, Quantity high, boolean lowInclusive, boolean highInclusive)
            implements ResultValue {
        /**
         * Checks that one bound at least is given.
         *
         * @param low the low bound, or {@code null}
         * @param high the high bound, or {@code null}
         * @param lowInclusive whether the low bound is included
         * @param highInclusive whether the high bound is included
         */
        public QuantityRange {
            if (low == null && high == null) {
                throw new CdaException(CdaError.MISSING, Bilingual.of("value/low ou value/high", "value/low or value/high"));
            }
        }

        /**
         * The low bound.
         *
         * @return the bound
         */
        public Optional<Quantity> optionalLow() {
            return Optional.ofNullable(low);
        }

        /**
         * The high bound.
         *
         * @return the bound
         */
        public Optional<Quantity> optionalHigh() {
            return Optional.ofNullable(high);
        }

        @Override
        public String display() {
            if (low == null) {
                return (highInclusive ? "≤ " : "< ") + high.display();
            }
            if (high == null) {
                return (lowInclusive ? "≥ " : "> ") + low.display();
            }
            return low.display() + " – " + high.display();
        }
    }

    /**
     * A coded value (CD, or CO when ordinal): a code, or only a text (the examples' {@code originalText}).
     *
     * @param code the code, or {@code null} for a text-only value
     * @param text the text shown in the narrative, or {@code null} to show the code's display name
     * @param ordinal {@code true} for CO (ordinal), {@code false} for CD
     */
    record Coded(Code code, String text, boolean ordinal) implements ResultValue {
        /**
         * Checks that a code or a text is given.
         *
         * @param code the code, or {@code null}
         * @param text the text, or {@code null}
         * @param ordinal CO rather than CD
         */
        public Coded {
            text = Address.blankToNull(text);
            if (code == null && text == null) {
                throw new CdaException(CdaError.MISSING, Bilingual.of("value/@code ou son texte", "value/@code or its text"));
            }
        }

        /**
         * The code, if any.
         *
         * @return the code
         */
        public Optional<Code> optionalCode() {
            return Optional.ofNullable(code);
        }

        @Override
        public String display() {
            return text != null ? text : code.label();
        }
    }

    /**
     * A string value (ST).
     *
     * @param text the text
     */
    record Text(String text) implements ResultValue {
        /**
         * Checks the text.
         *
         * @param text the text
         */
        public Text {
            text = InstanceId.requireText(text, "value (ST)");
        }

        @Override
        public String display() {
            return text;
        }
    }

    /**
     * A ratio (RTO) of two numbers, e.g. a titre {@code 1/64}.
     *
     * @param numerator the numerator
     * @param denominator the denominator
     */
    record Ratio(BigDecimal numerator, BigDecimal denominator) implements ResultValue {
        /**
         * Checks both terms.
         *
         * @param numerator the numerator
         * @param denominator the denominator
         */
        public Ratio {
            if (numerator == null || denominator == null) {
                throw new CdaException(CdaError.MISSING, numerator == null ? "numerator" : "denominator");
            }
            if (denominator.signum() == 0) {
                throw new CdaException(CdaError.BAD_VALUE, "0", Bilingual.of("le dénominateur d'un rapport ne peut pas être nul", "a ratio's denominator cannot be zero"));
            }
        }

        @Override
        public String display() {
            return numerator.toPlainString() + "/" + denominator.toPlainString();
        }
    }

    /**
     * A boolean value (BL).
     *
     * @param value the value
     */
    record Bool(boolean value) implements ResultValue {
        @Override
        public String display() {
            return value ? "Oui" : "Non";
        }
    }

    /**
     * An integer value (INT).
     *
     * @param value the value
     */
    record Int(long value) implements ResultValue {
        @Override
        public String display() {
            return Long.toString(value);
        }
    }

    /**
     * A unitless real value (REAL), e.g. an INR.
     *
     * @param value the value
     */
    record Real(BigDecimal value) implements ResultValue {
        /**
         * Checks the value.
         *
         * @param value the value
         */
        public Real {
            if (value == null) {
                throw new CdaException(CdaError.MISSING, "value/@value");
            }
        }

        @Override
        public String display() {
            return value.toPlainString();
        }
    }
}
