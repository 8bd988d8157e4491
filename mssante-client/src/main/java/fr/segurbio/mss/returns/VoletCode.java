package fr.segurbio.mss.returns;

import java.util.Map;
import java.util.Optional;

/**
 * The error codes an MDN carries in its {@code Disposition} ({@code processed/Error: 902^Identifiant de patient
 * inconnu^messageErrorCondition}) and its subject ({@code [KO Intégration système !][902]}): the volet's own
 * codes 900–904 and the HL7 v2 table 0357 (messageErrorCondition) it reuses. Unknown codes are kept with the
 * label the sender gave.
 *
 * <pre>{@code
 * VoletCode.label(902);   // Optional["Identifiant patient inconnu"]
 * VoletCode.isVoletSpecific(902);   // true
 * }</pre>
 */
public final class VoletCode {

    private static final Map<Integer, String> LABELS = Map.ofEntries(
            Map.entry(0, "Message accepté"),
            Map.entry(100, "Erreur de séquence de segment"),
            Map.entry(101, "Champ obligatoire absent"),
            Map.entry(102, "Erreur de type de donnée"),
            Map.entry(103, "Valeur absente de la table"),
            Map.entry(104, "Valeur trop longue"),
            Map.entry(200, "Type de message non supporté"),
            Map.entry(201, "Code d'événement non supporté"),
            Map.entry(202, "Identifiant de traitement non supporté"),
            Map.entry(203, "Version non supportée"),
            Map.entry(204, "Identifiant de clé inconnu"),
            Map.entry(205, "Identifiant de clé en double"),
            Map.entry(206, "Enregistrement verrouillé par l'application"),
            Map.entry(207, "Erreur interne de l'application"),
            Map.entry(900, "Version du document incorrecte (remplacement/suppression)"),
            Map.entry(901, "Auteur non autorisé à remplacer/supprimer"),
            Map.entry(902, "Identifiant patient inconnu"),
            Map.entry(903, "INS non présent dans le document"),
            Map.entry(904, "INS ne correspond pas exactement"));

    /** HL7 0357 "Required field missing": the receiver's code for an N3 that came without its N1. */
    public static final int REQUIRED_FIELD_MISSING = 101;
    /** HL7 0357 "Application internal error". */
    public static final int APPLICATION_ERROR = 207;
    /** Volet 902 "Identifiant patient inconnu". */
    public static final int UNKNOWN_PATIENT = 902;

    private VoletCode() {
    }

    /**
     * The French label of a known code.
     *
     * @param code the code
     * @return the label
     */
    public static Optional<String> label(int code) {
        return Optional.ofNullable(LABELS.get(code));
    }

    /**
     * Whether the code is one of the volet's own (900–904).
     *
     * @param code the code
     * @return true for 900 to 904
     */
    public static boolean isVoletSpecific(int code) {
        return code >= 900 && code <= 904;
    }

    /**
     * Whether the code is known (volet or HL7 0357).
     *
     * @param code the code
     * @return true when known
     */
    public static boolean isKnown(int code) {
        return LABELS.containsKey(code);
    }
}
