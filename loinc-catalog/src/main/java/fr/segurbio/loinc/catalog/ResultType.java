package fr.segurbio.loinc.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The kind of result a local exam gives, matched against the LOINC scale ({@code SCALE_TYP}).
 *
 * <pre>{@code
 * ResultType.parse("numérique"); // Optional[NUMERIC]
 * ResultType.NUMERIC.loincScale(); // "Qn"
 * }</pre>
 */
public enum ResultType {
    /** A number with a unit (LOINC scale {@code Qn}). */
    NUMERIC("Qn"),
    /** An ordered category: negative, +, ++ (LOINC {@code Ord}). */
    ORDINAL("Ord"),
    /** A category without order: an organism, a blood group (LOINC {@code Nom}). */
    NOMINAL("Nom"),
    /** Free text (LOINC {@code Nar}). */
    TEXT("Nar");

    private final String scale;

    ResultType(String scale) {
        this.scale = scale;
    }

    /**
     * The LOINC scale this type corresponds to.
     *
     * @return {@code Qn}, {@code Ord}, {@code Nom} or {@code Nar}
     */
    public String loincScale() {
        return scale;
    }

    /**
     * The code written in files ({@code numeric}, {@code ordinal}, {@code nominal}, {@code text}).
     *
     * @return the lower-case name
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a result type as French and English tools write it (case and accents ignored): {@code numeric},
     * {@code numérique}, {@code quantitatif}, {@code Qn}; {@code ordinal}, {@code semi-quantitatif}, {@code Ord};
     * {@code nominal}, {@code qualitatif}, {@code codé}, {@code Nom}; {@code text}, {@code texte}, {@code Nar}.
     *
     * @param text the text
     * @return the type, or empty when not recognised
     */
    public static Optional<ResultType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return switch (s) {
            case "numeric", "numerique", "quantitatif", "quantitative", "qn", "num", "n" -> Optional.of(NUMERIC);
            case "ordinal", "semi-quantitatif", "semiquantitatif", "ord", "o" -> Optional.of(ORDINAL);
            case "nominal", "qualitatif", "qualitative", "code", "nom", "coded" -> Optional.of(NOMINAL);
            case "text", "texte", "nar", "narratif", "narrative", "t" -> Optional.of(TEXT);
            default -> Optional.empty();
        };
    }
}
