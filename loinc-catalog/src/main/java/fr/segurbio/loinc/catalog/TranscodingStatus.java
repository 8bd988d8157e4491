package fr.segurbio.loinc.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a transcoding stands: proposed (by a provider or a tool), validated by a biologist, or rejected.
 *
 * <pre>{@code
 * TranscodingStatus.parse("validé"); // Optional[VALIDATED]
 * }</pre>
 */
public enum TranscodingStatus {
    /** Proposed, awaiting a biologist's decision. */
    PROPOSED,
    /** Validated by a biologist. */
    VALIDATED,
    /** Rejected by a biologist. */
    REJECTED;

    /**
     * The code written in files ({@code proposed}, {@code validated}, {@code rejected}).
     *
     * @return the lower-case name
     */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a status as French and English tools write it (case and accents ignored).
     *
     * @param text {@code proposed}/{@code proposé}/{@code à valider}, {@code validated}/{@code validé},
     *        {@code rejected}/{@code rejeté}/{@code refusé}
     * @return the status, or empty when not recognised
     */
    public static Optional<TranscodingStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return switch (s) {
            case "proposed", "propose", "proposition", "a valider", "draft", "p" -> Optional.of(PROPOSED);
            case "validated", "valide", "validee", "accepte", "active", "v" -> Optional.of(VALIDATED);
            case "rejected", "rejete", "rejetee", "refuse", "refusee", "r" -> Optional.of(REJECTED);
            default -> Optional.empty();
        };
    }
}
