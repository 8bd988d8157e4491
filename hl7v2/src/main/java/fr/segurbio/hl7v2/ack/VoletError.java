package fr.segurbio.hl7v2.ack;

import java.util.Optional;

/**
 * The application errors the volet defines for the receiving side (ERR-5 when ERR-3 is {@code 207}, table 0533,
 * indicative and extensible).
 *
 * <pre>{@code
 * VoletError.of("902");     // Optional[UNKNOWN_PATIENT]
 * }</pre>
 */
public enum VoletError {
    /** 900: wrong document version on replace or delete. */
    WRONG_VERSION("900", "Version de document incorrecte"),
    /** 901: the author may not replace or delete (author or same organisation only). */
    AUTHOR_NOT_ALLOWED("901", "Auteur non autorisé à remplacer ou supprimer"),
    /** 902: unknown patient id. */
    UNKNOWN_PATIENT("902", "Identifiant de patient inconnu"),
    /** 903: INS absent from the CDA. */
    INS_ABSENT("903", "INS absent du document CDA"),
    /** 904: INS or traits do not match the receiver's. */
    INS_MISMATCH("904", "INS ou traits différents de ceux du destinataire"),
    /** 905: INS incomplete (traits missing). */
    INS_INCOMPLETE("905", "INS incomplet"),
    /** 906: other. */
    OTHER("906", "Autre erreur");

    /** The coding system name of ERR-5.3 in the volet. */
    public static final String SYSTEM = "applicationErrorCode";

    private final String code;
    private final String label;

    VoletError(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /**
     * ERR-5.1.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * ERR-5.2.
     *
     * @return the French label
     */
    public String label() {
        return label;
    }

    /**
     * The error with a code.
     *
     * @param code ERR-5.1 (trimmed)
     * @return the error, empty for another code
     */
    public static Optional<VoletError> of(String code) {
        for (VoletError v : values()) {
            if (v.code.equals(code.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
