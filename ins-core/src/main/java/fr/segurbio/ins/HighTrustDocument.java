package fr.segurbio.ins;

import java.util.Optional;

/**
 * The high-trust identity documents on which an identity can be validated (FHIR FR Core value set
 * {@code fr-core-vs-mode-validation-identity-ins}); the type checked is recorded with the identity.
 *
 * <pre>{@code
 * HighTrustDocument.fromCode("CN");   // Optional[CARTE_NATIONALE_IDENTITE]
 * }</pre>
 */
public enum HighTrustDocument {
    /** Passeport. */
    PASSEPORT("PA"),
    /** Carte nationale d'identité. */
    CARTE_NATIONALE_IDENTITE("CN"),
    /** Extrait d'acte de naissance (RNIV special cases: minors…). */
    EXTRAIT_ACTE_NAISSANCE("AN"),
    /** Livret de famille (RNIV special cases: minors…). */
    LIVRET_FAMILLE("LE");

    private final String code;

    HighTrustDocument(String code) {
        this.code = code;
    }

    /**
     * The FHIR FR Core code.
     *
     * @return {@code PA}, {@code CN}, {@code AN} or {@code LE}
     */
    public String code() {
        return code;
    }

    /**
     * The document of a code or a name.
     *
     * @param codeOrName {@code "CN"} or {@code "CARTE_NATIONALE_IDENTITE"}
     * @return the document, or empty
     */
    public static Optional<HighTrustDocument> fromCode(String codeOrName) {
        for (HighTrustDocument d : values()) {
            if (d.code.equals(codeOrName) || d.name().equals(codeOrName)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
