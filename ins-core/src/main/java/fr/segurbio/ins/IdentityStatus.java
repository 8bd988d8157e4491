package fr.segurbio.ins;

import java.util.Set;

/**
 * The four RNIV trust statuses of an identity, derived from two facts — the identity was retrieved (or
 * verified) with the INSi teleservice; its traits were checked on a high-trust identity document — and the
 * attributes: a {@link IdentityAttribute#DOUTEUSE doubtful} or {@link IdentityAttribute#FICTIVE fictitious}
 * identity stays {@link #PROVISOIRE}.
 *
 * <table>
 * <caption>RNIV matrix</caption>
 * <tr><th></th><th>not checked on a document</th><th>checked on a high-trust document</th></tr>
 * <tr><td>not retrieved via INSi</td><td>PROVISOIRE</td><td>VALIDEE</td></tr>
 * <tr><td>retrieved via INSi</td><td>RECUPEREE</td><td>QUALIFIEE</td></tr>
 * </table>
 *
 * <pre>{@code
 * IdentityStatus.derive(true, true, Set.of());                         // QUALIFIEE
 * IdentityStatus.derive(true, true, Set.of(IdentityAttribute.DOUTEUSE));   // PROVISOIRE
 * }</pre>
 */
public enum IdentityStatus {
    /** Identité provisoire. */
    PROVISOIRE("PROV"),
    /** Identité récupérée: retrieved via INSi, not checked on a document. */
    RECUPEREE("RECUP"),
    /** Identité validée: checked on a high-trust document, not retrieved via INSi. */
    VALIDEE("VALI"),
    /** Identité qualifiée: both. Only a qualified INS may be shared. */
    QUALIFIEE("QUAL");

    private final String code;

    IdentityStatus(String code) {
        this.code = code;
    }

    /**
     * The code of the FHIR FR Core code system {@code fr-core-cs-identity-status}.
     *
     * @return {@code PROV}, {@code RECUP}, {@code VALI} or {@code QUAL}
     */
    public String code() {
        return code;
    }

    /**
     * The status of an identity.
     *
     * @param retrievedFromInsi the identity was returned (or verified) by INSi
     * @param checkedOnHighTrustDocument the traits were checked on a high-trust identity document
     * @param attributes the identity's attributes
     * @return the status; {@link #PROVISOIRE} whenever the identity is doubtful or fictitious
     */
    public static IdentityStatus derive(boolean retrievedFromInsi, boolean checkedOnHighTrustDocument,
            Set<IdentityAttribute> attributes) {
        if (attributes.contains(IdentityAttribute.DOUTEUSE) || attributes.contains(IdentityAttribute.FICTIVE)) {
            return PROVISOIRE;
        }
        if (retrievedFromInsi) {
            return checkedOnHighTrustDocument ? QUALIFIEE : RECUPEREE;
        }
        return checkedOnHighTrustDocument ? VALIDEE : PROVISOIRE;
    }
}
