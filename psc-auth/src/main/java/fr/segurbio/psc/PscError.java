package fr.segurbio.psc;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Severity;

/**
 * The stable codes of the Pro Santé Connect module ({@code PSC-001}…), with messages in French and English that
 * lab staff and the SGL's administrator can act on.
 *
 * <pre>{@code
 * try {
 *     PscLogin login = psc.completeLogin(pending, callback);
 * } catch (PscException e) {
 *     if (e.code() == PscError.STATE_MISMATCH) { ... }
 *     System.err.println(e.messageFr());
 * }
 * }</pre>
 */
public enum PscError implements ErrorCode {
    /** The client configuration is invalid. */
    INVALID_CONFIGURATION("PSC-001",
            "Configuration Pro Santé Connect invalide : %s",
            "Invalid Pro Santé Connect configuration: %s"),
    /** The discovery document cannot be read. */
    DISCOVERY_FAILED("PSC-002",
            "Impossible de lire la configuration Pro Santé Connect (découverte) à %s : %s",
            "Cannot read the Pro Santé Connect configuration (discovery) at %s: %s"),
    /** The discovery document names another issuer. */
    ISSUER_MISMATCH("PSC-003",
            "La configuration lue désigne l'émetteur « %s » au lieu de « %s » configuré : document refusé",
            "The configuration read names the issuer \"%s\" instead of the configured \"%s\": document refused"),
    /** The key set cannot be read. */
    JWKS_FAILED("PSC-004",
            "Impossible de lire les clés de signature de Pro Santé Connect à %s : %s",
            "Cannot read the Pro Santé Connect signing keys at %s: %s"),
    /** The provider does not offer a required endpoint. */
    ENDPOINT_MISSING("PSC-005",
            "Le fournisseur %s n'annonce pas le point d'accès %s",
            "The provider %s does not announce the %s endpoint"),
    /** The callback's state is not the one sent. */
    STATE_MISMATCH("PSC-010",
            "Le retour de connexion ne correspond à aucune demande en cours (paramètre state inattendu) : connexion"
                    + " refusée, recommencez",
            "The login callback matches no pending request (unexpected state parameter): login refused, start again"),
    /** The provider refused the authorization. */
    AUTHORIZATION_DENIED("PSC-011",
            "Pro Santé Connect a refusé la connexion : %s (%s)",
            "Pro Santé Connect refused the login: %s (%s)"),
    /** The callback is malformed. */
    CALLBACK_INVALID("PSC-012",
            "Retour de connexion invalide : %s",
            "Invalid login callback: %s"),
    /** No callback arrived in time. */
    LOGIN_TIMEOUT("PSC-013",
            "Aucune réponse de connexion reçue dans le délai (%s) : recommencez la connexion",
            "No login response received in time (%s): start the login again"),
    /** The ID token is not a well-formed JWT. */
    ID_TOKEN_MALFORMED("PSC-020",
            "Jeton d'identité (ID token) mal formé : %s",
            "Malformed ID token: %s"),
    /** The ID token is not signed. */
    ID_TOKEN_UNSIGNED("PSC-021",
            "Jeton d'identité non signé (algorithme « none ») : refusé",
            "Unsigned ID token (algorithm \"none\"): refused"),
    /** The ID token's algorithm is not accepted. */
    ID_TOKEN_ALGORITHM_REFUSED("PSC-022",
            "Algorithme de signature du jeton d'identité refusé : %s (acceptés : %s)",
            "ID token signature algorithm refused: %s (accepted: %s)"),
    /** No key of the provider matches the ID token. */
    ID_TOKEN_UNKNOWN_KEY("PSC-023",
            "Le jeton d'identité est signé par une clé inconnue du fournisseur (kid %s), même après relecture des clés",
            "The ID token is signed by a key the provider does not publish (kid %s), even after reading the keys again"),
    /** The ID token's signature is wrong. */
    ID_TOKEN_BAD_SIGNATURE("PSC-024",
            "Signature du jeton d'identité invalide : %s",
            "Invalid ID token signature: %s"),
    /** The ID token comes from another issuer. */
    ID_TOKEN_WRONG_ISSUER("PSC-025",
            "Le jeton d'identité vient de l'émetteur « %s » au lieu de « %s »",
            "The ID token comes from the issuer \"%s\" instead of \"%s\""),
    /** The ID token is meant for another client. */
    ID_TOKEN_WRONG_AUDIENCE("PSC-026",
            "Le jeton d'identité est destiné à %s et non à ce logiciel (%s)",
            "The ID token is meant for %s, not for this software (%s)"),
    /** The ID token has expired. */
    ID_TOKEN_EXPIRED("PSC-027",
            "Le jeton d'identité a expiré le %s (il est %s) : vérifiez l'horloge du poste, puis reconnectez-vous",
            "The ID token expired on %s (it is %s): check the computer's clock, then log in again"),
    /** The ID token's nonce is not the one sent. */
    ID_TOKEN_NONCE_MISMATCH("PSC-028",
            "Le jeton d'identité ne porte pas le nonce de la demande (rejeu possible) : refusé",
            "The ID token does not carry the request's nonce (possible replay): refused"),
    /** The ID token's authentication level is not the one required. */
    ID_TOKEN_ACR_REFUSED("PSC-029",
            "Niveau d'authentification « %s » insuffisant (attendu : %s)",
            "Authentication level \"%s\" not accepted (expected: %s)"),
    /** The ID token is issued in the future. */
    ID_TOKEN_NOT_YET_VALID("PSC-030",
            "Le jeton d'identité est émis dans le futur (%s, il est %s) : vérifiez l'horloge du poste",
            "The ID token is issued in the future (%s, it is %s): check the computer's clock"),
    /** The token endpoint answered with an error. */
    TOKEN_ERROR("PSC-040",
            "Le point d'accès des jetons %s a répondu par l'erreur %s : %s",
            "The token endpoint %s answered with the error %s: %s"),
    /** The refresh token was refused: the session is over. */
    REFRESH_REFUSED("PSC-041",
            "Le renouvellement de la session Pro Santé Connect est refusé (%s : %s) : reconnectez-vous",
            "Renewing the Pro Santé Connect session was refused (%s: %s): log in again"),
    /** The session was ended. */
    SESSION_ENDED("PSC-042",
            "La session Pro Santé Connect est terminée (déconnexion) : reconnectez-vous",
            "The Pro Santé Connect session has ended (logout): log in again"),
    /** The token response is malformed. */
    TOKEN_RESPONSE_INVALID("PSC-043",
            "Réponse du point d'accès des jetons %s invalide : %s",
            "Invalid answer from the token endpoint %s: %s"),
    /** The CIBA request was refused. */
    CIBA_REQUEST_REFUSED("PSC-050",
            "Demande d'authentification CIBA refusée : %s (%s)",
            "CIBA authentication request refused: %s (%s)"),
    /** The practitioner refused the authentication on the e-CPS app. */
    CIBA_DENIED("PSC-051",
            "Le professionnel a refusé la demande d'authentification sur son application e-CPS",
            "The professional refused the authentication request on the e-CPS app"),
    /** The CIBA request expired. */
    CIBA_EXPIRED("PSC-052",
            "La demande d'authentification a expiré sans validation sur l'application e-CPS : recommencez",
            "The authentication request expired without validation on the e-CPS app: start again"),
    /** The CIBA ping is not the provider's. */
    CIBA_PING_INVALID("PSC-053",
            "Notification CIBA refusée : %s",
            "CIBA notification refused: %s"),
    /** The provider does not offer the CIBA mode asked for. */
    CIBA_MODE_NOT_OFFERED("PSC-054",
            "Le fournisseur %s ne propose pas le mode CIBA « %s » (modes proposés : %s)",
            "The provider %s does not offer the CIBA \"%s\" mode (modes offered: %s)"),
    /** The userinfo endpoint failed. */
    USERINFO_FAILED("PSC-060",
            "Lecture des informations du professionnel impossible (userinfo) : %s",
            "Cannot read the professional's information (userinfo): %s"),
    /** The userinfo has no situation d'exercice. */
    NO_SITUATION("PSC-061",
            "Le professionnel %s n'a aucune situation d'exercice dans Pro Santé Connect : accès au DMP et à la"
                    + " messagerie impossible",
            "The professional %s has no situation d'exercice (practice situation) in Pro Santé Connect: no access to"
                    + " the DMP nor the mailbox"),
    /** Several situations: one must be chosen. */
    SITUATION_CHOICE_REQUIRED("PSC-062",
            "Le professionnel a %s situations d'exercice : choisissez celle de cette session",
            "The professional has %s practice situations: choose the one of this session"),
    /** No situation matches the choice. */
    SITUATION_UNKNOWN("PSC-063",
            "Aucune situation d'exercice « %s » pour ce professionnel (situations : %s)",
            "No practice situation \"%s\" for this professional (situations: %s)"),
    /** A userinfo claim is missing or malformed. */
    USERINFO_INVALID("PSC-064",
            "Informations du professionnel invalides : %s",
            "Invalid professional information: %s"),
    /** The situation lacks a field the DMP VIHF needs. */
    SITUATION_INCOMPLETE("PSC-065",
            "La situation d'exercice %s ne porte pas %s, requis pour le VIHF du DMP",
            "The practice situation %s lacks %s, required for the DMP VIHF"),
    /** The token exchange authorization server does not recognise the client certificate. */
    EXCHANGE_CLIENT_REFUSED("PSC-070",
            "Échange de jeton refusé : le serveur ne reconnaît pas ce logiciel ou son certificat (%s : %s)",
            "Token exchange refused: the server does not recognise this software or its certificate (%s: %s)"),
    /** The scope asked for is not allowed. */
    EXCHANGE_SCOPE_REFUSED("PSC-071",
            "Échange de jeton refusé : la portée « %s » n'est pas autorisée pour ce logiciel (%s)",
            "Token exchange refused: the scope \"%s\" is not allowed for this software (%s)"),
    /** Another token exchange failure. */
    EXCHANGE_FAILED("PSC-072",
            "Échange de jeton impossible : %s (%s)",
            "Token exchange failed: %s (%s)"),
    /** Introspection failed. */
    INTROSPECTION_FAILED("PSC-080",
            "Introspection du jeton impossible : %s",
            "Token introspection failed: %s"),
    /** Revocation failed. */
    REVOCATION_FAILED("PSC-081",
            "Révocation du jeton impossible : %s",
            "Token revocation failed: %s"),
    /** The token file cannot be used. */
    TOKEN_FILE_ERROR("PSC-090",
            "Fichier de jetons %s inutilisable : %s",
            "Token file %s cannot be used: %s");

    private final String id;
    private final String fr;
    private final String en;

    PscError(String id, String fr, String en) {
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
