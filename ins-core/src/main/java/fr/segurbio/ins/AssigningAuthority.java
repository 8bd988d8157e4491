package fr.segurbio.ins;

import java.util.Optional;
import java.util.Set;

import fr.segurbio.core.ValidationResult;

/**
 * The assigning authority of an INS, by OID: {@code 1.2.250.1.213.1.4.8} INS-NIR, {@code .9} INS-NIA,
 * {@code .10} INS-NIR test, {@code .11} INS-NIR démonstration. The INS-C OIDs ({@code .2}, {@code .6},
 * {@code .7}) are recognised and refused: an INS-C is not an INS.
 *
 * <pre>{@code
 * AssigningAuthority a = AssigningAuthority.fromOid("1.2.250.1.213.1.4.9");   // NIA
 * a.kind();                                                                   // InsKind.NIA
 * AssigningAuthority.validate("1.2.250.1.213.1.4.10", InsEnvironment.PRODUCTION).isValid();   // false
 * }</pre>
 */
public enum AssigningAuthority {
    /** INS-NIR, production. */
    NIR("1.2.250.1.213.1.4.8", InsKind.NIR, true, "INS-NIR"),
    /** INS-NIA, production. */
    NIA("1.2.250.1.213.1.4.9", InsKind.NIA, true, "INS-NIA"),
    /** INS-NIR of fictitious test patients. */
    NIR_TEST("1.2.250.1.213.1.4.10", InsKind.NIR, false, "INS-NIR-TEST"),
    /** INS-NIR of demonstration patients. */
    NIR_DEMO("1.2.250.1.213.1.4.11", InsKind.NIR, false, "INS-NIR-DEMO");

    /** The OIDs of the INS-C (production, test, demonstration): recognised, refused. */
    public static final Set<String> INS_C_OIDS = Set.of("1.2.250.1.213.1.4.2", "1.2.250.1.213.1.4.6",
            "1.2.250.1.213.1.4.7");

    private final String oid;
    private final InsKind kind;
    private final boolean production;
    private final String label;

    AssigningAuthority(String oid, InsKind kind, boolean production, String label) {
        this.oid = oid;
        this.kind = kind;
        this.production = production;
        this.label = label;
    }

    /**
     * The OID.
     *
     * @return for example {@code 1.2.250.1.213.1.4.8}
     */
    public String oid() {
        return oid;
    }

    /**
     * NIR or NIA.
     *
     * @return the kind of INS this authority assigns
     */
    public InsKind kind() {
        return kind;
    }

    /**
     * Whether this OID is used for real patients.
     *
     * @return {@code false} for the test and démonstration OIDs
     */
    public boolean isProduction() {
        return production;
    }

    /**
     * The identifier type label (FHIR FR Core / HL7 v2).
     *
     * @return for example {@code INS-NIR-TEST}
     */
    public String label() {
        return label;
    }

    /**
     * The authority of an OID, if it is one of the four INS OIDs.
     *
     * @param oid the OID
     * @return the authority, or empty (unknown OID or INS-C)
     */
    public static Optional<AssigningAuthority> find(String oid) {
        for (AssigningAuthority a : values()) {
            if (a.oid.equals(oid)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /**
     * The authority of an OID.
     *
     * @param oid the OID
     * @return the authority
     * @throws InsException {@code INS-011} for an INS-C OID, {@code INS-010} for any other unknown OID
     */
    public static AssigningAuthority fromOid(String oid) {
        return find(oid).orElseThrow(() -> new InsException(validate(oid, InsEnvironment.TEST)));
    }

    /**
     * Every problem of an OID in an environment.
     *
     * @param oid the OID
     * @param environment production or test
     * @return valid when the OID is an INS OID accepted in that environment
     */
    public static ValidationResult validate(String oid, InsEnvironment environment) {
        Optional<AssigningAuthority> a = find(oid);
        if (a.isEmpty()) {
            return ValidationResult.builder()
                    .add(oid != null && INS_C_OIDS.contains(oid) ? InsError.OID_INS_C : InsError.OID_UNKNOWN, "oid",
                            String.valueOf(oid))
                    .build();
        }
        if (!environment.accepts(a.get())) {
            return ValidationResult.builder().add(InsError.OID_NOT_IN_PRODUCTION, "oid", oid, a.get().label).build();
        }
        return ValidationResult.ok();
    }
}
