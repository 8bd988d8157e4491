package fr.segurbio.ins;

import java.util.Objects;

import fr.segurbio.core.ValidationResult;

/**
 * An INS: a matricule and the OID of its assigning authority. The OID, not the digits, says NIR or NIA.
 *
 * <pre>{@code
 * Ins ins = Ins.of("275126322074974", "1.2.250.1.213.1.4.8");
 * ins.kind();   // InsKind.NIR
 * Ins.of("275126322074974", "1.2.250.1.213.1.4.10", InsEnvironment.PRODUCTION);   // INS-012
 * }</pre>
 *
 * @param matricule the matricule
 * @param authority its assigning authority
 */
public record Ins(Matricule matricule, AssigningAuthority authority) {

    /**
     * Checks the fields.
     *
     * @param matricule the matricule
     * @param authority its assigning authority
     */
    public Ins {
        Objects.requireNonNull(matricule, "matricule");
        Objects.requireNonNull(authority, "authority");
    }

    /**
     * An INS from its matricule and OID, accepting the test and démonstration OIDs (see
     * {@link #of(String, String, InsEnvironment)} to refuse them in production).
     *
     * @param matricule the 15 characters
     * @param oid the OID of the assigning authority
     * @return the INS
     * @throws InsException with every problem of the matricule and the OID
     */
    public static Ins of(String matricule, String oid) {
        return of(matricule, oid, InsEnvironment.TEST);
    }

    /**
     * An INS from its matricule and OID, checked for an environment.
     *
     * @param matricule the 15 characters
     * @param oid the OID of the assigning authority
     * @param environment in production, the test and démonstration OIDs are refused
     * @return the INS
     * @throws InsException with every problem of the matricule and the OID
     */
    public static Ins of(String matricule, String oid, InsEnvironment environment) {
        validate(matricule, oid, environment).orThrow(InsException::new);
        return new Ins(Matricule.parse(matricule), AssigningAuthority.fromOid(oid));
    }

    /**
     * Every problem of a matricule and an OID.
     *
     * @param matricule the 15 characters
     * @param oid the OID
     * @param environment production or test
     * @return the problems of both
     */
    public static ValidationResult validate(String matricule, String oid, InsEnvironment environment) {
        return Matricule.validate(matricule).and(AssigningAuthority.validate(oid, environment));
    }

    /**
     * NIR or NIA, from the OID.
     *
     * @return the kind
     */
    public InsKind kind() {
        return authority.kind();
    }

    /**
     * The OID of the assigning authority.
     *
     * @return the OID
     */
    public String oid() {
        return authority.oid();
    }

    /**
     * Whether this INS may be used in an environment.
     *
     * @param environment production or test
     * @return {@code false} for a test or démonstration OID in production
     */
    public boolean isAcceptedIn(InsEnvironment environment) {
        return environment.accepts(authority);
    }

    /**
     * Masked, for logs.
     *
     * @return the masked matricule and the authority
     */
    @Override
    public String toString() {
        return "Ins[" + matricule.masked() + ", " + authority.label() + "]";
    }
}
