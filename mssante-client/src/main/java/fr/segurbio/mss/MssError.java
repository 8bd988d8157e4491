package fr.segurbio.mss;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the mssante-client module ({@code MSS-001}…), with French and English messages that a
 * lab's staff or administrator can act on.
 *
 * <pre>{@code
 * try {
 *     XdmPackage xdm = XdmReader.create().read(zipBytes);
 * } catch (MssException e) {
 *     if (e.code() == MssError.XDM_HASH_MISMATCH) { ... }
 *     System.err.println(e.messageFr());
 * }
 * }</pre>
 */
public enum MssError implements ErrorCode {
    // XDM (0xx)
    /** The archive is not a readable zip. */
    XDM_CORRUPT("MSS-001", Severity.ERROR, "Archive IHE_XDM.ZIP illisible ou corrompue : %s",
            "The IHE_XDM.ZIP archive is unreadable or corrupt: %s"),
    /** The archive is larger than allowed. */
    XDM_TOO_LARGE("MSS-002", Severity.ERROR,
            "Archive IHE_XDM.ZIP trop volumineuse (bombe zip ?) : %s dépasse la limite de %s",
            "The IHE_XDM.ZIP archive is too large (zip bomb?): %s exceeds the limit of %s"),
    /** A zip entry's name leaves the archive or is not a relative path. */
    XDM_PATH_TRAVERSAL("MSS-003", Severity.ERROR,
            "Chemin interdit dans l'archive IHE_XDM.ZIP : « %s » (traversée de répertoire)",
            "Forbidden path in the IHE_XDM.ZIP archive: \"%s\" (path traversal)"),
    /** Two entries have the same name. */
    XDM_DUPLICATE_ENTRY("MSS-004", Severity.ERROR, "Entrée en double dans l'archive IHE_XDM.ZIP : « %s »",
            "Duplicate entry in the IHE_XDM.ZIP archive: \"%s\""),
    /** A required file of the XDM layout is missing. */
    XDM_MISSING_FILE("MSS-005", Severity.ERROR, "Fichier absent de l'archive IHE_XDM.ZIP : %s",
            "File missing from the IHE_XDM.ZIP archive: %s"),
    /** METADATA.XML is not valid ebRS 3.0 or lacks a required item. */
    XDM_BAD_METADATA("MSS-006", Severity.ERROR, "METADATA.XML invalide : %s", "Invalid METADATA.XML: %s"),
    /** A document's SHA-1 differs from its metadata. */
    XDM_HASH_MISMATCH("MSS-007", Severity.ERROR,
            "Empreinte SHA-1 du document %s incorrecte : %s dans METADATA.XML, %s calculée",
            "Wrong SHA-1 hash of document %s: %s in METADATA.XML, %s computed"),
    /** A document's size differs from its metadata. */
    XDM_SIZE_MISMATCH("MSS-008", Severity.ERROR,
            "Taille du document %s incorrecte : %s octets dans METADATA.XML, %s octets reçus",
            "Wrong size of document %s: %s bytes in METADATA.XML, %s bytes received"),
    /** A structured CDA (N3) came without its N1 (XFRM). */
    XDM_N3_WITHOUT_N1("MSS-009", Severity.ERROR,
            "Le CDA structuré (N3) %s est transmis sans son CDA N1 (association XFRM) : intégration refusée",
            "The structured CDA (N3) %s came without its CDA N1 (XFRM association): integration refused"),
    /** A file name is not an 8.3 ISO-9660 name. */
    XDM_BAD_FILE_NAME("MSS-010", Severity.ERROR, "Nom de fichier XDM « %s » invalide : %s",
            "Invalid XDM file name \"%s\": %s"),
    /** An XDM package cannot be written. */
    XDM_WRITE_FAILED("MSS-011", Severity.ERROR, "Échec d'écriture de l'archive IHE_XDM.ZIP : %s",
            "Failed to write the IHE_XDM.ZIP archive: %s"),

    // Message (1xx)
    /** The patient's identity is not qualified: no MSSanté address for the patient. */
    PATIENT_NOT_QUALIFIED("MSS-101", Severity.ERROR,
            "Envoi au patient refusé : son identité n'est pas qualifiée (INS non qualifiée), l'adresse"
                    + " <INS>@patient.mssante.fr ne peut pas être utilisée",
            "Sending to the patient refused: the identity is not qualified (INS not qualified), the address"
                    + " <INS>@patient.mssante.fr cannot be used"),
    /** The patient opposed the sending. */
    PATIENT_OPPOSED("MSS-102", Severity.ERROR,
            "Envoi au patient refusé : le patient s'est opposé à l'envoi par sa messagerie Mon espace santé",
            "Sending to the patient refused: the patient opposed sending through the Mon espace santé messaging"),
    /** An address is malformed or outside the MSSanté space. */
    BAD_ADDRESS("MSS-103", Severity.ERROR, "Adresse de messagerie « %s » invalide : %s",
            "Invalid mailbox address \"%s\": %s"),
    /** A required part of the message is missing. */
    MESSAGE_INCOMPLETE("MSS-104", Severity.ERROR, "Message MSSanté incomplet : %s", "Incomplete MSSanté message: %s"),
    /** The MIME message cannot be built or read. */
    MIME_FAILED("MSS-105", Severity.ERROR, "Message MIME impossible à construire ou à lire : %s",
            "The MIME message cannot be built or read: %s"),
    /** The recipient's mailbox is on liste rouge. */
    RECIPIENT_LISTE_ROUGE("MSS-106", Severity.ERROR,
            "Le destinataire %s est en liste rouge dans l'Annuaire Santé : son adresse n'est pas publiée",
            "The recipient %s is on liste rouge in the Annuaire Santé: the address is not published"),
    /** The professional has no usable MSSanté mailbox. */
    RECIPIENT_WITHOUT_MAILBOX("MSS-107", Severity.ERROR,
            "Le professionnel %s n'a aucune boîte aux lettres MSSanté utilisable (%s)",
            "The professional %s has no usable MSSanté mailbox (%s)"),
    /** The correspondent's identity does not match the Annuaire. */
    IDENTITY_MISMATCH("MSS-108", Severity.ERROR,
            "Identité du correspondant incohérente avec l'Annuaire Santé pour le RPPS %s : %s",
            "The correspondent's identity does not match the Annuaire Santé for RPPS %s: %s"),

    // Transport (2xx)
    /** Operator settings are invalid or outside the configured MSSanté domains. */
    BAD_OPERATOR_CONFIG("MSS-201", Severity.ERROR, "Configuration de l'opérateur MSSanté invalide : %s",
            "Invalid MSSanté operator configuration: %s"),
    /** The server refused STARTTLS or does not offer it. */
    STARTTLS_REFUSED("MSS-202", Severity.ERROR,
            "Le serveur %s refuse ou ne propose pas STARTTLS : connexion abandonnée (jamais en clair)",
            "The server %s refuses or does not offer STARTTLS: connection abandoned (never in clear text)"),
    /** The TLS handshake failed (client certificate refused, server not trusted). */
    TLS_FAILED("MSS-203", Severity.ERROR, "Échec TLS avec le serveur %s : %s", "TLS failure with the server %s: %s"),
    /** The SASL authentication (PSC token) was refused. */
    AUTH_REFUSED("MSS-204", Severity.ERROR,
            "Authentification refusée par le serveur %s (%s) : jeton Pro Santé Connect invalide ou expiré ?",
            "Authentication refused by the server %s (%s): Pro Santé Connect token invalid or expired?"),
    /** The connection failed or timed out. */
    CONNECTION_FAILED("MSS-205", Severity.ERROR, "Connexion au serveur %s impossible : %s",
            "Cannot connect to the server %s: %s"),
    /** The server refused every recipient or the message. */
    SUBMISSION_REFUSED("MSS-206", Severity.ERROR, "Message refusé par le serveur %s : %s",
            "Message refused by the server %s: %s"),
    /** A recipient was refused by the server. */
    RECIPIENT_REFUSED("MSS-207", Severity.WARNING, "Destinataire %s refusé par le serveur : %s",
            "Recipient %s refused by the server: %s"),
    /** IMAP read failed. */
    MAILBOX_READ_FAILED("MSS-208", Severity.ERROR, "Lecture de la boîte aux lettres %s impossible : %s",
            "Cannot read the mailbox %s: %s"),
    /** The AutoConfig XML is unreadable. */
    BAD_AUTOCONFIG("MSS-209", Severity.ERROR, "Fichier AutoConfig de l'opérateur illisible : %s",
            "Unreadable operator AutoConfig file: %s"),

    // Returns (3xx)
    /** An MDN is malformed. */
    BAD_MDN("MSS-301", Severity.ERROR, "Accusé (MDN, RFC 8098) mal formé : %s", "Malformed MDN (RFC 8098): %s"),
    /** A DSN is malformed. */
    BAD_DSN("MSS-302", Severity.ERROR, "Avis de non-remise (DSN, RFC 3464) mal formé : %s",
            "Malformed delivery status notification (DSN, RFC 3464): %s"),
    /** A return cannot be matched to a sent message. */
    UNMATCHED_RETURN("MSS-303", Severity.WARNING,
            "Retour sans message envoyé correspondant (Message-ID %s)",
            "Return without a matching sent message (Message-ID %s)"),
    /** The tracking journal cannot be read or written. */
    JOURNAL_FAILED("MSS-304", Severity.ERROR, "Journal des envois illisible ou impossible à écrire : %s",
            "The sending journal cannot be read or written: %s"),

    // Annuaire (4xx)
    /** The Annuaire Santé answered an error. */
    ANNUAIRE_FAILED("MSS-401", Severity.ERROR, "Erreur de l'Annuaire Santé (%s) : %s",
            "Annuaire Santé error (%s): %s"),
    /** The Annuaire Santé rate limit stayed exceeded. */
    ANNUAIRE_RATE_LIMITED("MSS-402", Severity.ERROR,
            "Limite de requêtes de l'Annuaire Santé atteinte (HTTP 429) après %s tentatives",
            "Annuaire Santé rate limit reached (HTTP 429) after %s attempts"),
    /** The API key was refused. */
    ANNUAIRE_KEY_REFUSED("MSS-403", Severity.ERROR,
            "Clé d'API de l'Annuaire Santé (ESANTE-API-KEY) refusée (HTTP %s)",
            "Annuaire Santé API key (ESANTE-API-KEY) refused (HTTP %s)"),
    /** The response or the flat file is malformed. */
    ANNUAIRE_BAD_DATA("MSS-404", Severity.ERROR, "Données de l'Annuaire Santé illisibles : %s",
            "Unreadable Annuaire Santé data: %s"),
    /** An RPPS is malformed. */
    BAD_RPPS("MSS-405", Severity.ERROR, "Numéro RPPS « %s » invalide (11 chiffres attendus)",
            "Invalid RPPS number \"%s\" (11 digits expected)"),
    /** No professional has this RPPS. */
    RPPS_UNKNOWN("MSS-406", Severity.ERROR, "Aucun professionnel de santé n'a le RPPS %s dans l'Annuaire Santé",
            "No health professional has RPPS %s in the Annuaire Santé");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    MssError(String id, Severity severity, String fr, String en) {
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
