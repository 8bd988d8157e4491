package fr.segurbio.cda.xds;

import java.util.Objects;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;

/**
 * An HL7 v2 extended composite id and name for persons (XCN), the form of the XDS {@code authorPerson},
 * {@code legalAuthenticator} and of the person in an {@code intendedRecipient}: XCN-1 id, XCN-2 family name,
 * XCN-3 given name, XCN-9 assigning authority, XCN-10 name type code, XCN-13 identifier type code. Other
 * components are not modelled: {@link #parse(String)} refuses them rather than lose them.
 *
 * <pre>{@code
 * Xcn author = Xcn.builder().id("801234534765").familyName("CAMPARINI").givenName("Marcel")
 *         .assigningAuthority(Hd.iso(CodeSystems.ID_NAT_PS)).nameTypeCode(Xcn.DISPLAY_NAME)
 *         .identifierTypeCode(Xcn.IDNPS).build();
 * author.format();   // "801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
 * }</pre>
 *
 * @param id XCN-1, or {@code null}
 * @param familyName XCN-2 (the surname), or {@code null}
 * @param givenName XCN-3, or {@code null}
 * @param assigningAuthority XCN-9, or {@code null}
 * @param nameTypeCode XCN-10 (HL7 table 0200: {@link #DISPLAY_NAME}…), or {@code null}
 * @param identifierTypeCode XCN-13 (table 0203: {@link #IDNPS}…), or {@code null}
 */
public record Xcn(String id, String familyName, String givenName, Hd assigningAuthority, String nameTypeCode,
        String identifierTypeCode) {

    /** Identifier type of the national health professional identifier (idNat_PS). */
    public static final String IDNPS = "IDNPS";
    /** Identifier type of an RPPS number. */
    public static final String RPPS = "RPPS";
    /** Name type of a display name, the one the DMP's authorPerson carries. */
    public static final String DISPLAY_NAME = "D";
    /** Name type of a legal name. */
    public static final String LEGAL_NAME = "L";

    private static final int COMPONENTS = 23;

    /**
     * Checks the person.
     *
     * @param id the id
     * @param familyName the family name
     * @param givenName the given name
     * @param assigningAuthority the authority of the id
     * @param nameTypeCode the name type
     * @param identifierTypeCode the identifier type
     * @throws CdaException {@code CDA-703} when neither the id nor the family name is given, or an authority
     *         without an id
     */
    public Xcn {
        id = Components.blankToNull(id);
        familyName = Components.blankToNull(familyName);
        givenName = Components.blankToNull(givenName);
        nameTypeCode = Components.blankToNull(nameTypeCode);
        identifierTypeCode = Components.blankToNull(identifierTypeCode);
        if (id == null && familyName == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "XCN-1", "XCN");
        }
        if (assigningAuthority != null && id == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "XCN-1", "XCN");
        }
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A health professional in the DMP's form: the idNat_PS under {@code 1.2.250.1.71.4.2.1} typed
     * {@code IDNPS} (any other root untyped; an identifier without extension as a bare id), the family and given
     * names, name type {@code D}.
     *
     * @param professional the professional
     * @return the XCN
     */
    public static Xcn of(HealthProfessional professional) {
        Objects.requireNonNull(professional, "professional");
        InstanceId id = professional.id();
        if (id.extension() == null) {
            return new Xcn(id.root(), professional.name().family(), professional.name().given(), null, DISPLAY_NAME,
                    null);
        }
        return new Xcn(id.extension(), professional.name().family(), professional.name().given(), Hd.iso(id.root()),
                DISPLAY_NAME, CodeSystems.ID_NAT_PS.equals(id.root()) ? IDNPS : null);
    }

    /**
     * The HL7 v2 form.
     *
     * @return the XCN, escaped, trailing empty components dropped
     */
    public String format() {
        return Components.join(Hl7Escape.COMPONENT, Hl7Escape.escape(id), Hl7Escape.escape(familyName),
                Hl7Escape.escape(givenName), "", "", "", "", "",
                assigningAuthority == null ? "" : assigningAuthority.format(), Hl7Escape.escape(nameTypeCode), "", "",
                Hl7Escape.escape(identifierTypeCode));
    }

    /**
     * Reads an XCN.
     *
     * @param value the HL7 v2 form
     * @return the person
     * @throws CdaException {@code CDA-70x} when it is malformed or carries a component not modelled
     */
    public static Xcn parse(String value) {
        String[] c = Components.split("XCN", value, COMPONENTS, 1, 2, 3, 9, 10, 13);
        return new Xcn(Components.text("XCN-1", c[0], value), Components.text("XCN-2", c[1], value),
                Components.text("XCN-3", c[2], value), Hd.component("XCN-9", c[8]),
                Components.text("XCN-10", c[9], value), Components.text("XCN-13", c[12], value));
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds an {@link Xcn}. */
    public static final class Builder {
        private String id;
        private String familyName;
        private String givenName;
        private Hd assigningAuthority;
        private String nameTypeCode;
        private String identifierTypeCode;

        private Builder() {
        }

        /**
         * XCN-1.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * XCN-2.
         *
         * @param familyName the family name
         * @return this builder
         */
        public Builder familyName(String familyName) {
            this.familyName = familyName;
            return this;
        }

        /**
         * XCN-3.
         *
         * @param givenName the given name
         * @return this builder
         */
        public Builder givenName(String givenName) {
            this.givenName = givenName;
            return this;
        }

        /**
         * XCN-9.
         *
         * @param assigningAuthority the authority of the identifier
         * @return this builder
         */
        public Builder assigningAuthority(Hd assigningAuthority) {
            this.assigningAuthority = assigningAuthority;
            return this;
        }

        /**
         * XCN-10.
         *
         * @param nameTypeCode the name type ({@link #DISPLAY_NAME}, {@link #LEGAL_NAME}…)
         * @return this builder
         */
        public Builder nameTypeCode(String nameTypeCode) {
            this.nameTypeCode = nameTypeCode;
            return this;
        }

        /**
         * XCN-13.
         *
         * @param identifierTypeCode the identifier type ({@link #IDNPS}, {@link #RPPS}…)
         * @return this builder
         */
        public Builder identifierTypeCode(String identifierTypeCode) {
            this.identifierTypeCode = identifierTypeCode;
            return this;
        }

        /**
         * Builds the person.
         *
         * @return the XCN
         * @throws CdaException {@code CDA-703} when neither the id nor the family name is given
         */
        public Xcn build() {
            return new Xcn(id, familyName, givenName, assigningAuthority, nameTypeCode, identifierTypeCode);
        }
    }
}
