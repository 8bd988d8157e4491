package fr.segurbio.ins.insi;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the INSi client ({@code INS-100} … {@code INS-107}); the INS model's own codes are in
 * {@link fr.segurbio.ins.InsError}.
 *
 * <pre>{@code
 * try {
 *     InsiClient.builder().connection(connection)...build();   // connection: ServiceConnection
 * } catch (InsiException e) {
 *     e.code();   // InsiError.CERTIFICATE_COMMON_NAME: CN is not INSI-AUTO / INSI-MANU
 * }
 * }</pre>
 */
public enum InsiError implements ErrorCode {

    /** The organisation certificate's CN is not one INSi accepts. */
    CERTIFICATE_COMMON_NAME("INS-100",
            "Le certificat « %s » ne peut pas appeler l'INSi : son CN doit être INSI-AUTO ou INSI-MANU (l'INSi"
                    + " répondrait DESIR_560, droits insuffisants)",
            "Certificate \"%s\" cannot call INSi: its CN must be INSI-AUTO or INSI-MANU (INSi would answer"
                    + " DESIR_560, insufficient rights)"),
    /** A setting of the client is missing or wrong. */
    CONFIGURATION("INS-101", "Configuration du client INSi invalide : %s", "Invalid INSi client configuration: %s"),
    /** A search lacks a trait or holds one that INSi refuses. */
    SEARCH_INVALID("INS-102", "Recherche INSi impossible : %s", "INSi search impossible: %s"),
    /** INSi answered with a SOAP fault. */
    FAULT("INS-103", "L'INSi a refusé la demande (%s) : %s", "INSi refused the request (%s): %s"),
    /** INSi could not be reached or answered that it is unavailable. */
    UNAVAILABLE("INS-104", Severity.WARNING,
            "Le téléservice INSi est indisponible (%s) : poursuivre avec une identité provisoire",
            "The INSi teleservice is unavailable (%s): go on with a provisional identity"),
    /** The answer cannot be read. */
    RESPONSE_UNREADABLE("INS-105", "Réponse INSi illisible : %s", "Unreadable INSi answer: %s"),
    /** The answer's CodeCR is none of 00, 01, 02. */
    UNKNOWN_RESULT_CODE("INS-106", "Code retour INSi %s inconnu (%s)", "Unknown INSi result code %s (%s)"),
    /** Something received was kept as it was but looks wrong (dates, a trait in an unexpected form). */
    RESPONSE_ANOMALY("INS-107", Severity.WARNING, "Réponse INSi, %s : %s", "INSi answer, %s: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    InsiError(String id, String fr, String en) {
        this(id, Severity.ERROR, fr, en);
    }

    InsiError(String id, Severity severity, String fr, String en) {
        this.id = id;
        this.severity = severity;
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public String frenchTemplate() {
        return fr;
    }

    @Override
    public String englishTemplate() {
        return en;
    }
}
