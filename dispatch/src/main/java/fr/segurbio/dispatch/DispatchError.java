package fr.segurbio.dispatch;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the dispatch module ({@code DISPATCH-NNN}), with French and English messages.
 *
 * <pre>{@code
 * try (Journal journal = Journal.embedded(Path.of("/var/lib/sgl/segur"))) { ... }
 * catch (DispatchException e) {
 *     e.code().id();   // "DISPATCH-002" when another process holds the journal
 * }
 * }</pre>
 */
public enum DispatchError implements ErrorCode {
    /** The journal file cannot be read as a journal. */
    JOURNAL_CORRUPT("DISPATCH-001", Severity.ERROR,
            "Journal des envois illisible ou endommagé (%s) : %s. Rien n'est envoyé tant qu'il n'est pas réparé ou"
                    + " restauré.",
            "The sending journal is unreadable or damaged (%s): %s. Nothing is sent until it is repaired or"
                    + " restored."),
    /** Another process holds the embedded journal. */
    JOURNAL_LOCKED("DISPATCH-002", Severity.ERROR,
            "Journal des envois verrouillé par un autre processus (%s) : un seul SGL peut utiliser un journal"
                    + " embarqué ; utilisez PostgreSQL pour plusieurs nœuds",
            "The sending journal is locked by another process (%s): one SGL only can use an embedded journal;"
                    + " use PostgreSQL for several nodes"),
    /** The journal cannot be opened (folder, database unreachable, credentials). */
    JOURNAL_UNAVAILABLE("DISPATCH-003", Severity.ERROR,
            "Journal des envois inaccessible (%s) : %s",
            "The sending journal is unavailable (%s): %s"),
    /** A write to the journal failed (full disk, connection lost): nothing unrecorded is sent. */
    JOURNAL_WRITE_FAILED("DISPATCH-004", Severity.ERROR,
            "Écriture dans le journal des envois impossible (%s) : %s. L'envoi n'a pas lieu.",
            "Writing to the sending journal failed (%s): %s. The sending does not take place."),
    /** The journal's schema is newer than this SDK. */
    JOURNAL_TOO_NEW("DISPATCH-005", Severity.ERROR,
            "Le journal des envois est au schéma %d, plus récent que celui de ce SDK (%d) : mettez le SDK à jour",
            "The sending journal has schema %d, newer than this SDK's (%d): upgrade the SDK"),
    /** The node lost its lease on an entry (it took too long, another node took it over). */
    LEASE_LOST("DISPATCH-006", Severity.ERROR,
            "L'envoi %s n'est plus attribué au nœud %s (délai dépassé, repris par un autre nœud)",
            "Sending %s is no longer held by node %s (lease expired, taken over by another node)"),
    /** A sending that is not in the journal. */
    UNKNOWN_SENDING("DISPATCH-007", Severity.ERROR,
            "Envoi inconnu du journal : %s", "Sending not in the journal: %s"),
    /** No sender is configured for a channel. */
    NO_SENDER("DISPATCH-008", Severity.ERROR,
            "Aucun émetteur configuré pour le canal %s", "No sender configured for channel %s"),
    /** The documents of a sending are not in the journal. */
    NO_DOCUMENTS("DISPATCH-009", Severity.ERROR,
            "Documents de l'envoi %s absents du journal", "The documents of sending %s are not in the journal"),
    /** A sender failed unexpectedly (a bug or an unforeseen remote answer): retried. */
    SENDER_CRASHED("DISPATCH-010", Severity.ERROR,
            "Erreur inattendue de l'émetteur : %s", "Unexpected sender error: %s"),
    /** The stored N3 / N1 cannot be read back (not a CR-BIO, damaged): sent nowhere. */
    UNREADABLE_DOCUMENTS("DISPATCH-011", Severity.ERROR,
            "Documents de l'envoi illisibles (N3 / N1) : %s", "The sending's documents (N3 / N1) are unreadable: %s"),
    /** The stored N3 carries no qualified INS while the channel needs one. */
    NO_QUALIFIED_INS("DISPATCH-012", Severity.ERROR,
            "Le N3 ne porte pas d'INS qualifiée : envoi au DMP ou au patient impossible",
            "The N3 carries no qualified INS: it cannot go to the DMP or to the patient"),
    /** The DMP holds only one of the N1 and the N3 of a sending. */
    DMP_PARTIAL("DISPATCH-013", Severity.ERROR,
            "Le DMP ne contient qu'un des deux documents N1 / N3 : %s", "The DMP holds only one of the N1 / N3: %s"),
    /** A DMP release whose submission failed for good: there is nothing on the DMP to show to the patient. */
    SUBMISSION_FAILED("DISPATCH-014", Severity.ERROR,
            "La soumission au DMP de cette version a échoué définitivement (%s) : aucun document à rendre visible"
                    + " au patient",
            "The DMP submission of this version failed for good (%s): no document to make visible to the patient");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    DispatchError(String id, Severity severity, String fr, String en) {
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
