package fr.segurbio.hl7v2;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the {@code hl7v2} module: ER7 syntax ({@code HL7-0xx}), PAM FR identity feed
 * ({@code HL7-1xx}), reports to the DPI/PFI ({@code HL7-2xx}), acknowledgements ({@code HL7-3xx}) and transport
 * ({@code HL7-4xx}).
 *
 * <pre>{@code
 * IdentityFeed feed = PamFrReader.forEnvironment(InsEnvironment.PRODUCTION).read(message);
 * feed.problems().has(Hl7Error.INS_OID_ENVIRONMENT);   // an INS of the test environment in production
 * }</pre>
 */
public enum Hl7Error implements ErrorCode {

    // --- ER7 syntax -----------------------------------------------------------------------------------
    /** Nothing to parse. */
    EMPTY("HL7-001", "Message HL7 vide", "Empty HL7 message"),
    /** The message does not start with MSH. */
    NO_MSH("HL7-002", "Le message doit commencer par le segment MSH, pas par « %s »",
            "The message must start with the MSH segment, not with \"%s\""),
    /** MSH-1 or MSH-2 is not a legal set of delimiters. */
    SEPARATORS("HL7-003", "Séparateurs invalides dans MSH-1/MSH-2 « %s » : %s",
            "Invalid delimiters in MSH-1/MSH-2 \"%s\": %s"),
    /** The message is larger than the configured limit. */
    TOO_LARGE("HL7-004", "Message de plus de %s octets refusé", "Message larger than %s bytes refused"),
    /** MSH-18 names a character set the SDK does not know. */
    CHARSET_UNKNOWN("HL7-005", "Jeu de caractères MSH-18 « %s » inconnu (UNICODE UTF-8, 8859/15 ou 8859/1 attendu)",
            "Unknown MSH-18 character set \"%s\" (UNICODE UTF-8, 8859/15 or 8859/1 expected)"),
    /** The bytes are not valid in the character set MSH-18 announces. */
    CHARSET_MISMATCH("HL7-006", "MSH-18 annonce %s mais les octets ne sont pas du %s valide (octet %s)",
            "MSH-18 says %s but the bytes are not valid %s (byte %s)"),
    /** MSH-18 announces a single-byte set while the bytes look like UTF-8, or is absent with non-ASCII bytes. */
    CHARSET_SUSPICIOUS("HL7-007", Severity.WARNING, "MSH-18 « %s » mais les octets ressemblent à de l'UTF-8 (%s)",
            "MSH-18 \"%s\" but the bytes look like UTF-8 (%s)"),
    /** Segments end with LF (or CR LF) instead of CR. */
    LINE_FEEDS("HL7-008", Severity.INFO, "Segments terminés par LF au lieu de CR (toléré en lecture)",
            "Segments end with LF instead of CR (tolerated on input)"),
    /** A segment name is not three upper-case letters or digits. */
    SEGMENT_NAME("HL7-009", "Segment %s : nom « %s » invalide (3 caractères A-Z 0-9)",
            "Segment %s: invalid name \"%s\" (3 characters A-Z 0-9)"),
    /** MSH lacks a field every message needs. */
    MSH_FIELD("HL7-010", "MSH-%s (%s) est obligatoire et vide : message tronqué ou mal formé",
            "MSH-%s (%s) is required and empty: truncated or malformed message"),
    /** A required segment is missing: a truncated message, or a wrong structure. */
    SEGMENT_MISSING("HL7-011", "Segment %s obligatoire absent dans %s (message tronqué ?)",
            "Required segment %s missing in %s (truncated message?)"),
    /** An escape sequence is not one HL7 defines. */
    ESCAPE("HL7-012", Severity.WARNING, "Séquence d'échappement « %s » inconnue, gardée telle quelle",
            "Unknown escape sequence \"%s\", kept as it is"),
    /** A segment is not where the message structure allows it. */
    SEGMENT_ORDER("HL7-013", "Segment %s (n° %s) hors de sa place dans la structure %s",
            "Segment %s (number %s) is out of place in structure %s"),
    /** A Z-segment the profile does not define. */
    UNKNOWN_Z_SEGMENT("HL7-014", Severity.WARNING, "Segment %s inconnu du profil %s, ignoré",
            "Segment %s is unknown to profile %s, ignored"),
    /** A message type this reader does not handle. */
    UNSUPPORTED_MESSAGE("HL7-015", "Type de message %s non pris en charge ici (%s attendu)",
            "Message type %s is not handled here (%s expected)"),
    /** A required field is empty. */
    FIELD_REQUIRED("HL7-016", "%s est obligatoire (%s)", "%s is required (%s)"),
    /** A character the message's character set cannot represent. */
    CHARSET_UNMAPPABLE("HL7-018", "Le caractère « %s » (U+%04X) n'existe pas dans %s : message non encodé",
            "Character \"%s\" (U+%04X) does not exist in %s: message not encoded"),
    /** A field does not have the form its type requires. */
    FIELD_FORMAT("HL7-017", "%s « %s » invalide : %s", "%s \"%s\" is invalid: %s"),

    // --- PAM FR identity feed -------------------------------------------------------------------------
    /** The INS of PID-3 fails the matricule checks (key, format). */
    INS_MATRICULE("HL7-101", "INS de PID-3 « %s » invalide : %s", "PID-3 INS \"%s\" is invalid: %s"),
    /** The INS OID is not accepted in the configured environment. */
    INS_OID_ENVIRONMENT("HL7-102", "INS de PID-3 avec l'OID %s (%s) refusé dans l'environnement %s",
            "PID-3 INS with OID %s (%s) is refused in the %s environment"),
    /** An identifier typed INS whose OID is not an INS assigning authority. */
    INS_OID_UNKNOWN("HL7-103", "Identifiant PID-3 de type INS avec l'OID « %s » : %s",
            "PID-3 identifier typed INS with OID \"%s\": %s"),
    /** PID-32 says retrieved or qualified but PID-3 has no INS. */
    STATUS_WITHOUT_INS("HL7-104", "PID-32 « %s » (identité %s) sans INS dans PID-3",
            "PID-32 \"%s\" (%s identity) without an INS in PID-3"),
    /** PID-32 holds a code outside HL7 table 0445 (PAM FR). */
    STATUS_UNKNOWN("HL7-105", "Code de fiabilité PID-32 « %s » inconnu", "Unknown PID-32 reliability code \"%s\""),
    /** PID-32 is empty. */
    STATUS_MISSING("HL7-106", "PID-32 (statut de l'identité) est obligatoire en PAM FR 2.11 : identité enregistrée provisoire",
            "PID-32 (identity status) is required by PAM FR 2.11: identity recorded as provisional"),
    /** PID-32 VALI with an INS obtained from INSi: the message codes a qualified identity as validated. */
    VALIDATED_WITH_INSI("HL7-107", Severity.WARNING,
            "PID-32 VALI avec un INS obtenu de l'INSi (ZFD-5 %s) : PAM FR 2.11 code l'identité qualifiée QUAL ; "
                    + "identité enregistrée validée, son INS ne peut pas être partagé",
            "PID-32 VALI with an INS obtained from INSi (ZFD-5 %s): PAM FR 2.11 codes a qualified identity QUAL; "
                    + "identity recorded as validated, its INS may not be shared"),
    /** The identity document type (ZFD-7) a validated or qualified status needs is missing or unknown. */
    DOCUMENT_TYPE("HL7-108", Severity.WARNING,
            "PID-32 %s suppose un justificatif d'identité à haut niveau de confiance, ZFD-7 « %s » : identité enregistrée %s",
            "PID-32 %s implies a high-trust identity document, ZFD-7 \"%s\": identity recorded as %s"),
    /** A trait of PID-5/7/8/11 fails the INS trait rules. */
    TRAIT("HL7-109", "Trait d'identité %s : %s", "Identity trait %s: %s"),
    /** PID-5 has no legal (birth) name. */
    NO_BIRTH_NAME("HL7-110", "PID-5 ne contient pas de nom de naissance (XPN-7 = L)",
            "PID-5 holds no birth name (XPN-7 = L)"),
    /** An ADT^A40 without MRG. */
    MERGE_WITHOUT_MRG("HL7-112", "ADT^%s sans segment MRG : l'identité fusionnée est inconnue",
            "ADT^%s without an MRG segment: the merged identity is unknown"),
    /** MRG-1 is empty. */
    MRG_EMPTY("HL7-113", "MRG-1 (identifiants de l'identité fusionnée) est vide",
            "MRG-1 (identifiers of the merged identity) is empty"),
    /** An ADT event the identity feed does not handle. */
    EVENT_UNSUPPORTED("HL7-114", "Événement ADT^%s non traité par le flux d'identités",
            "ADT^%s is not handled by the identity feed"),
    /** A ZFA code outside the PAM FR table. */
    CONSENT_CODE("HL7-115", "ZFA-%s « %s » inconnu (%s attendu)", "ZFA-%s \"%s\" is unknown (%s expected)"),
    /** A ZBE action outside INSERT/UPDATE/CANCEL. */
    MOVEMENT_ACTION("HL7-116", "ZBE-4 « %s » inconnu (INSERT, UPDATE ou CANCEL attendu)",
            "ZBE-4 \"%s\" is unknown (INSERT, UPDATE or CANCEL expected)"),
    /** An INS on an identity whose status does not involve INSi. */
    INS_NOT_VERIFIED("HL7-117", Severity.WARNING,
            "INS reçu avec le statut %s : il n'a pas été vérifié par l'INSi et ne peut pas être partagé",
            "INS received with status %s: it was not verified with INSi and may not be shared"),
    /** No local identifier (PI) in PID-3. */
    NO_LOCAL_ID("HL7-118", Severity.WARNING, "PID-3 ne contient pas d'IPP (identifiant de type PI)",
            "PID-3 holds no local patient id (type PI)"),
    /** A link/unlink event without its two PID. */
    LINK_NEEDS_TWO("HL7-120", "ADT^%s : deux segments PID attendus, %s trouvé(s)",
            "ADT^%s: two PID segments expected, %s found"),
    /** Several INS in PID-3. */
    INS_SEVERAL("HL7-122", "PID-3 contient %s INS différents", "PID-3 holds %s different INS"),
    /** MSH-12 is not the PAM FR version. */
    NOT_PAM_FR("HL7-123", Severity.WARNING, "MSH-12 « %s » : 2.5^FRA^2.11 attendu pour PAM FR 2.11",
            "MSH-12 \"%s\": 2.5^FRA^2.11 expected for PAM FR 2.11"),
    /** A ZBE segment whose fields are shifted. */
    MOVEMENT_SHIFTED("HL7-124", Severity.WARNING,
            "ZBE-4 vide et ZBE-5 « %s » : champs décalés d'un rang, lus à partir de ZBE-5",
            "ZBE-4 empty and ZBE-5 \"%s\": fields shifted by one, read from ZBE-5"),

    // --- reports out ----------------------------------------------------------------------------------
    /** The MetaDMPMSS flags are not one of the MSSanté matrix rows. */
    FLAGS_MATRIX("HL7-201", "Combinaison d'indicateurs refusée par les règles MSSanté du volet : %s",
            "Flag combination refused by the volet's MSSanté rules: %s"),
    /** DESTDMP = Y without a sender PRT. */
    SENDER_REQUIRED("HL7-202", "DESTDMP = Y exige un PRT émetteur (SB) avec la structure (PRT-8.10)",
            "DESTDMP = Y requires a sender PRT (SB) with its organisation (PRT-8.10)"),
    /** DESTMSSANTEPS = Y without a professional recipient. */
    RECIPIENT_REQUIRED("HL7-203", "DESTMSSANTEPS = Y exige au moins un destinataire MSSanté (PRT RCT) professionnel",
            "DESTMSSANTEPS = Y requires at least one professional MSSanté recipient (PRT RCT)"),
    /** DESTMSSANTEPAT = Y without a patient recipient. */
    PATIENT_RECIPIENT_REQUIRED("HL7-204", "DESTMSSANTEPAT = Y exige le destinataire patient (PRT RCT avec l'INS)",
            "DESTMSSANTEPAT = Y requires the patient recipient (PRT RCT with the INS)"),
    /** No document bytes. */
    DOCUMENT_EMPTY("HL7-205", "Le document CDA à transmettre est vide", "The CDA document to send is empty"),
    /** Publishing to the DMP needs a qualified INS. */
    NOT_QUALIFIED("HL7-206", "DESTDMP = Y exige une identité qualifiée (statut %s)",
            "DESTDMP = Y requires a qualified identity (status %s)"),
    /** A replacement or deletion without the replaced document id. */
    PARENT_REQUIRED("HL7-207", "Un %s MDM exige l'identifiant du document parent (TXA-13)",
            "An MDM %s requires the parent document id (TXA-13)"),
    /** OBX-5.5 of an ED is not base64. */
    ED_NOT_BASE64("HL7-208", "OBX-%s : la donnée ED n'est pas du base64 (%s)", "OBX-%s: the ED data is not base64 (%s)"),
    /** Base64 without its padding. */
    ED_UNPADDED("HL7-209", Severity.WARNING, "OBX-%s : base64 sans remplissage « = » final (%s caractères)",
            "OBX-%s: base64 without its final \"=\" padding (%s characters)"),
    /** OBX-11, ORC-1 and the event disagree. */
    ACTION_INCOHERENT("HL7-210", "OBX-11 « %s », ORC-1 « %s » et l'événement %s ne décrivent pas la même action",
            "OBX-11 \"%s\", ORC-1 \"%s\" and event %s do not describe the same action"),
    /** No document OBX. */
    DOCUMENT_OBX_MISSING("HL7-211", "Aucun OBX de type ED portant le document CDA",
            "No ED OBX carrying the CDA document"),
    /** A MetaDMPMSS flag is missing or out of order. */
    META_ORDER("HL7-212", "Indicateur MetaDMPMSS %s : %s", "MetaDMPMSS flag %s: %s"),
    /** A MetaDMPMSS flag is not Y or N. */
    META_VALUE("HL7-213", "Indicateur MetaDMPMSS %s = « %s » : Y ou N attendu", "MetaDMPMSS flag %s = \"%s\": Y or N expected"),
    /** PID-3 does not match the CDA recordTarget ids. */
    PATIENT_ID_MISMATCH("HL7-214", "PID-3 ne porte pas l'identifiant %s du patient du document CDA",
            "PID-3 does not carry the CDA patient id %s"),
    /** The embedded document is not a CR-BIO N3 the SDK can read. */
    DOCUMENT_UNREADABLE("HL7-215", "Document CDA illisible : %s", "Unreadable CDA document: %s"),

    // --- acknowledgements -----------------------------------------------------------------------------
    /** An ACK without MSA. */
    ACK_NO_MSA("HL7-301", "Acquittement sans segment MSA", "Acknowledgement without an MSA segment"),
    /** MSA-1 is not an acknowledgement code. */
    ACK_CODE("HL7-302", "MSA-1 « %s » : AA, AE, AR, CA, CE ou CR attendu", "MSA-1 \"%s\": AA, AE, AR, CA, CE or CR expected"),
    /** An acknowledgement for a message that was not sent. */
    ACK_UNMATCHED("HL7-303", Severity.WARNING, "Acquittement du message %s, qui n'a pas été envoyé (ou déjà acquitté)",
            "Acknowledgement of message %s, which was not sent (or already acknowledged)"),
    /** A ZAM without its first OBX. */
    ZAM_MALFORMED("HL7-304", "ZAM^%s mal formé : %s", "Malformed ZAM^%s: %s"),

    // --- transport ------------------------------------------------------------------------------------
    /** The connection cannot be opened. */
    CONNECT("HL7-401", "Connexion MLLP à %s impossible : %s", "Cannot open the MLLP connection to %s: %s"),
    /** No answer in time. */
    TIMEOUT("HL7-402", "Pas de réponse de %s en %s ms", "No answer from %s within %s ms"),
    /** The peer closed the connection. */
    CLOSED("HL7-403", "Connexion MLLP fermée par %s avant la fin du message", "MLLP connection closed by %s before the end of the message"),
    /** Bytes outside an MLLP frame. */
    FRAMING("HL7-404", "Trame MLLP invalide : %s", "Invalid MLLP frame: %s"),
    /** The answer is not the acknowledgement of the message sent. */
    ACK_MISMATCH("HL7-407", "La réponse acquitte le message %s, pas le message envoyé %s",
            "The answer acknowledges message %s, not the sent message %s"),
    /** A file of the files-on-disk exchange cannot be read or written. */
    FILE_IO("HL7-408", "Échange par fichiers : %s impossible sur %s (%s)", "File exchange: cannot %s %s (%s)"),
    /** The TLS handshake failed. */
    TLS("HL7-406", "Négociation TLS avec %s échouée : %s", "TLS handshake with %s failed: %s");

    private final String id;
    private final Severity severity;
    private final String fr;
    private final String en;

    Hl7Error(String id, String fr, String en) {
        this(id, Severity.ERROR, fr, en);
    }

    Hl7Error(String id, Severity severity, String fr, String en) {
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
