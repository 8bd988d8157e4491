package fr.segurbio.cda;

import fr.segurbio.cda.internal.Bilingual;

/**
 * An interpretation code of a result (jdv-hl7-v3-ObservationInterpretation-cisis, value set
 * {@code 2.16.840.1.113883.1.11.78}, code system {@code 2.16.840.1.113883.5.83}).
 *
 * <pre>{@code
 * Interpretation.fromCode("H");   // Interpretation.H, "Anormalement haut"
 * }</pre>
 */
public enum Interpretation {
    /** Inférieur à la limite de détection. */
    BELOW_DETECTION("<", "Inférieur à la limite de détection"),
    /** Supérieur à la limite maximale de mesure. */
    ABOVE_RANGE(">", "Supérieur à la limite maximale de mesure"),
    /** Anormal. */
    A("A", "Anormal"),
    /** Très anormal, alerte. */
    AA("AA", "Très anormal, alerte"),
    /** Amélioration. */
    B("B", "Amélioration"),
    /** Porteur d'une forme altérée d'un gène. */
    CAR("CAR", "Porteur d'une forme altérée d'un gène"),
    /** Diminution significative par rapport au résultat antérieur. */
    D("D", "Diminution significative par rapport au résultat antérieur"),
    /** Détecté. */
    DET("DET", "Détecté"),
    /** Équivoque. */
    E("E", "Équivoque"),
    /** Hors seuils. */
    EX("EX", "Hors seuils"),
    /** Attendu. */
    EXP("EXP", "Attendu"),
    /** Anormalement haut. */
    H("H", "Anormalement haut"),
    /** Très anormalement haut, alerte. */
    HH("HH", "Très anormalement haut, alerte"),
    /** Significativement haut. */
    HU("HU", "Significativement haut"),
    /** Hors seuil supérieur. */
    HX("HX", "Hors seuil supérieur"),
    /** Intermédiaire. */
    I("I", "Intermédiaire"),
    /** Preuves insuffisantes. */
    IE("IE", "Preuves insuffisantes"),
    /** Indéterminé. */
    IND("IND", "Indéterminé"),
    /** Anormalement bas. */
    L("L", "Anormalement bas"),
    /** Très anormalement bas, alerte. */
    LL("LL", "Très anormalement bas, alerte"),
    /** Significativement bas. */
    LU("LU", "Significativement bas"),
    /** Hors seuil inférieur. */
    LX("LX", "Hors seuil inférieur"),
    /** Normal. */
    N("N", "Normal"),
    /** Pas de standard défini. */
    NCL("NCL", "Pas de standard défini"),
    /** Non détecté. */
    ND("ND", "Non détecté"),
    /** Négatif. */
    NEG("NEG", "Négatif"),
    /** Non réactif. */
    NR("NR", "Non réactif"),
    /** Non sensible. */
    NS("NS", "Non sensible"),
    /** Positif. */
    POS("POS", "Positif"),
    /** Résistant. */
    R("R", "Résistant"),
    /** Réactif. */
    RR("RR", "Réactif"),
    /** Sensible. */
    S("S", "Sensible"),
    /** Sensible à forte dose. */
    SDD("SDD", "Sensible à forte dose"),
    /** Synergie - résistant. */
    SYN_R("SYN-R", "Synergie - résistant"),
    /** Synergie - sensible. */
    SYN_S("SYN-S", "Synergie - sensible"),
    /** Augmentation significative par rapport au résultat antérieur. */
    U("U", "Augmentation significative par rapport au résultat antérieur"),
    /** Inattendu. */
    UNE("UNE", "Inattendu"),
    /** Dégradation. */
    W("W", "Dégradation"),
    /** Faiblement réactif. */
    WR("WR", "Faiblement réactif");

    private final String code;
    private final String displayName;

    Interpretation(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /**
     * The HL7 code.
     *
     * @return the code, e.g. {@code "H"}
     */
    public String code() {
        return code;
    }

    /**
     * The French display name of the value set.
     *
     * @return the display name
     */
    public String displayName() {
        return displayName;
    }

    /**
     * The interpretation of a code.
     *
     * @param code the HL7 code
     * @return the interpretation
     * @throws CdaException {@code CDA-008} when the code is not in the value set
     */
    public static Interpretation fromCode(String code) {
        for (Interpretation i : values()) {
            if (i.code.equals(code)) {
                return i;
            }
        }
        throw new CdaException(CdaError.BAD_VALUE, String.valueOf(code),
                Bilingual.of("absent de jdv-hl7-v3-ObservationInterpretation-cisis", "not in jdv-hl7-v3-ObservationInterpretation-cisis"));
    }
}
