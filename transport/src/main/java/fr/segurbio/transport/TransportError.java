package fr.segurbio.transport;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the transport module ({@code TRANSPORT-001}…), with messages in French and English that
 * a lab's administrator can act on.
 *
 * <pre>{@code
 * try {
 *     SoftwareCertificate.pkcs12(path, password).load();
 * } catch (TransportException e) {
 *     if (e.code() == TransportError.CERTIFICATE_EXPIRED) { ... }
 *     System.err.println(e.messageFr());
 * }
 * }</pre>
 */
public enum TransportError implements ErrorCode {
    /** The certificate file cannot be read or is not PKCS#12. */
    KEYSTORE_UNREADABLE("TRANSPORT-001",
            "Le fichier de certificat logiciel %s est illisible ou n'est pas au format PKCS#12 (.p12) : %s",
            "The software certificate file %s cannot be read or is not PKCS#12 (.p12): %s"),
    /** Wrong PKCS#12 password. */
    WRONG_PASSWORD("TRANSPORT-002",
            "Mot de passe incorrect pour le certificat logiciel %s : vérifiez le mot de passe fourni avec le certificat",
            "Wrong password for the software certificate %s: check the password delivered with the certificate"),
    /** The keystore holds no private key. */
    NO_PRIVATE_KEY("TRANSPORT-003",
            "Le fichier %s ne contient aucune clé privée : c'est un certificat public seul, pas un certificat logiciel"
                    + " d'organisation utilisable (fichier .p12 complet attendu)",
            "The file %s holds no private key: it is a bare public certificate, not a usable organisation software"
                    + " certificate (a complete .p12 file is expected)"),
    /** The certificate has expired. */
    CERTIFICATE_EXPIRED("TRANSPORT-004",
            "Le certificat « %s » a expiré le %s (valide du %s au %s) : commandez un nouveau certificat auprès de l'ANS"
                    + " (IGC-Santé)",
            "The certificate \"%s\" expired on %s (valid from %s to %s): order a new certificate from ANS (IGC-Santé)"),
    /** The certificate is not valid yet. */
    CERTIFICATE_NOT_YET_VALID("TRANSPORT-005",
            "Le certificat « %s » n'est valide qu'à partir du %s (valide du %s au %s) : vérifiez l'horloge du poste",
            "The certificate \"%s\" is valid only from %s (valid from %s to %s): check the computer's clock"),
    /** The certificate does not allow the required usage. */
    WRONG_KEY_USAGE("TRANSPORT-006",
            "Le certificat « %s » ne permet pas l'usage %s (usages du certificat : %s) : ce n'est pas le bon certificat"
                    + " (un certificat d'authentification ORG AUTH_CLI est attendu pour TLS, ORG SIGN pour signer)",
            "The certificate \"%s\" does not allow %s (its usages: %s): this is not the right certificate (an ORG"
                    + " AUTH_CLI authentication certificate is expected for TLS, ORG SIGN for signing)"),
    /** The certificate's CN is not one the service accepts. */
    WRONG_COMMON_NAME("TRANSPORT-007",
            "Le certificat a le nom commun (CN) « %s » ; le service attend : %s",
            "The certificate's common name (CN) is \"%s\"; the service expects: %s"),
    /** The trust store cannot be read. */
    TRUST_STORE_UNREADABLE("TRANSPORT-008",
            "Le magasin des autorités de confiance %s est illisible : %s",
            "The trust store %s cannot be read: %s"),
    /** The trust store holds no certificate. */
    TRUST_STORE_EMPTY("TRANSPORT-009",
            "Le magasin des autorités de confiance %s ne contient aucun certificat",
            "The trust store %s holds no certificate"),
    /** The server's certificate is not trusted. */
    SERVER_NOT_TRUSTED("TRANSPORT-010",
            "Le certificat du serveur %s n'est pas reconnu : il n'est pas émis par une autorité de confiance configurée"
                    + " (chaîne IGC-Santé) : %s",
            "The certificate of the server %s is not trusted: it is not issued by a configured trust anchor"
                    + " (IGC-Santé chain): %s"),
    /** The server refused the client certificate. */
    CLIENT_CERTIFICATE_REFUSED("TRANSPORT-011",
            "Le serveur %s a refusé notre certificat client (non reconnu, révoqué ou non autorisé) : %s",
            "The server %s refused our client certificate (unknown, revoked or not allowed): %s"),
    /** The server's certificate does not name the host. */
    HOSTNAME_MISMATCH("TRANSPORT-012",
            "Le certificat du serveur ne correspond pas à l'adresse appelée %s : %s",
            "The server's certificate does not match the address called %s: %s"),
    /** Another TLS failure. */
    TLS_FAILED("TRANSPORT-013",
            "Échec de la négociation TLS avec %s : %s",
            "TLS negotiation with %s failed: %s"),
    /** The connection could not be made. */
    CONNECTION_FAILED("TRANSPORT-014",
            "Connexion impossible à %s : %s",
            "Cannot connect to %s: %s"),
    /** No answer within the configured time. */
    TIMEOUT("TRANSPORT-015",
            "Pas de réponse de %s dans le délai configuré (%s)",
            "No answer from %s within the configured time (%s)"),
    /** The response exceeds the size limit. */
    RESPONSE_TOO_LARGE("TRANSPORT-016",
            "La réponse de %s dépasse la taille maximale autorisée (%s octets)",
            "The response from %s exceeds the maximum size allowed (%s bytes)"),
    /** The service answered with an HTTP error and no SOAP message. */
    HTTP_ERROR("TRANSPORT-017",
            "Le service %s a répondu HTTP %s sans message SOAP : %s",
            "The service %s answered HTTP %s with no SOAP message: %s"),
    /** The answer is not a SOAP 1.2 message. */
    NOT_SOAP("TRANSPORT-018",
            "La réponse de %s n'est pas un message SOAP 1.2 (type %s) : %s",
            "The response from %s is not a SOAP 1.2 message (type %s): %s"),
    /** The service answered with a SOAP fault. */
    SOAP_FAULT("TRANSPORT-019",
            "Le service %s a renvoyé une erreur SOAP %s : %s",
            "The service %s returned SOAP fault %s: %s"),
    /** Malformed XML. */
    XML_MALFORMED("TRANSPORT-020",
            "XML mal formé : %s",
            "Malformed XML: %s"),
    /** XML with a DTD or entity declarations, refused. */
    XML_DTD_FORBIDDEN("TRANSPORT-021",
            "XML refusé : les DTD et déclarations d'entités sont interdites (protection XXE) : %s",
            "XML refused: DTDs and entity declarations are forbidden (XXE protection): %s"),
    /** XML beyond the size limits. */
    XML_TOO_LARGE("TRANSPORT-022",
            "XML refusé : il dépasse les limites de taille (%s)",
            "XML refused: it exceeds the size limits (%s)"),
    /** The document could not be signed. */
    SIGNATURE_FAILED("TRANSPORT-023",
            "Impossible de signer le document XML : %s",
            "Cannot sign the XML document: %s"),
    /** The XML signature is invalid. */
    SIGNATURE_INVALID("TRANSPORT-024",
            "Signature XML invalide : %s",
            "Invalid XML signature: %s"),
    /** The MTOM/XOP message is malformed. */
    MTOM_MALFORMED("TRANSPORT-025",
            "Message MTOM/XOP mal formé : %s",
            "Malformed MTOM/XOP message: %s"),
    /** The configuration is invalid. */
    INVALID_CONFIGURATION("TRANSPORT-026",
            "Configuration invalide : %s",
            "Invalid configuration: %s"),
    /** An input/output error. */
    IO_ERROR("TRANSPORT-027",
            "Erreur d'entrée/sortie avec %s : %s",
            "Input/output error with %s: %s"),
    /** The call was interrupted. */
    INTERRUPTED("TRANSPORT-028",
            "Appel à %s interrompu",
            "Call to %s interrupted"),
    /** The circuit breaker is open: the service failed repeatedly, calls are suspended for a while. */
    CIRCUIT_OPEN("TRANSPORT-029",
            "Appels à %s suspendus encore %s après des échecs répétés",
            "Calls to %s suspended for another %s after repeated failures");

    private final String id;
    private final String fr;
    private final String en;

    TransportError(String id, String fr, String en) {
        this.id = id;
        this.fr = fr;
        this.en = en;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
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
