package fr.segurbio.cda;

import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A reference range ({@code referenceRange/observationRange}, interpretation {@code N}): a low and/or high
 * bound, and an optional text for what the range applies to.
 *
 * <pre>{@code
 * ReferenceRange r = ReferenceRange.between("0.270", "4.200", "m[IU]/L");
 * }</pre>
 *
 * @param low the low bound, or {@code null}
 * @param high the high bound, or {@code null}
 * @param text a text shown with the range ("adulte", "femme"…), or {@code null}
 */
public record ReferenceRange(ResultValue.Quantity low, ResultValue.Quantity high, String text) {

    /**
     * Checks that a bound at least is given.
     *
     * @param low the low bound, or {@code null}
     * @param high the high bound, or {@code null}
     * @param text a text, or {@code null}
     */
    public ReferenceRange {
        if (low == null && high == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("borne basse ou haute de l'intervalle de référence", "referenceRange low or high"));
        }
        text = Address.blankToNull(text);
    }

    /**
     * A range with both bounds in the same unit.
     *
     * @param low the low bound
     * @param high the high bound
     * @param unit the UCUM unit
     * @return the range
     */
    public static ReferenceRange between(String low, String high, String unit) {
        return new ReferenceRange(ResultValue.quantity(low, unit), ResultValue.quantity(high, unit), null);
    }

    /**
     * The low bound.
     *
     * @return the bound
     */
    public Optional<ResultValue.Quantity> optionalLow() {
        return Optional.ofNullable(low);
    }

    /**
     * The high bound.
     *
     * @return the bound
     */
    public Optional<ResultValue.Quantity> optionalHigh() {
        return Optional.ofNullable(high);
    }

    /**
     * The range as printed: {@code "0.270 – 4.200"}, {@code "< 5"} or {@code "> 1"}.
     *
     * @return the display form
     */
    public String display() {
        String s;
        if (low != null && high != null) {
            s = low.value().toPlainString() + " – " + high.value().toPlainString();
        } else if (low != null) {
            s = "> " + low.value().toPlainString();
        } else {
            s = "< " + high.value().toPlainString();
        }
        return text == null ? s : s + " (" + text + ")";
    }
}
