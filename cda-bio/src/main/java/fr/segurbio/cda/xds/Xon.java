package fr.segurbio.cda.xds;

import java.util.Objects;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Organization;

/**
 * An HL7 v2 extended composite name and identification number for organizations (XON), the form of the XDS
 * {@code authorInstitution} and of the organization in an {@code intendedRecipient}: XON-1 name, XON-6
 * assigning authority, XON-7 identifier type code, XON-10 organization identifier. Other components are not
 * modelled: {@link #parse(String)} refuses them rather than lose them.
 *
 * <pre>{@code
 * Xon lab = Xon.builder().name("Laboratoire des charmes").assigningAuthority(Hd.iso(CodeSystems.ID_NAT_STRUCT))
 *         .identifierTypeCode(Xon.IDNST).organizationIdentifier("11204598760").build();
 * lab.format();   // "Laboratoire des charmes^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^11204598760"
 * }</pre>
 *
 * @param name XON-1, the organization's name
 * @param assigningAuthority XON-6, or {@code null}
 * @param identifierTypeCode XON-7 (table 0203: {@link #IDNST}, {@link #FINEG}…), or {@code null}
 * @param organizationIdentifier XON-10, or {@code null}
 */
public record Xon(String name, Hd assigningAuthority, String identifierTypeCode, String organizationIdentifier) {

    /** Identifier type of the national structure identifier (idNat_Struct). */
    public static final String IDNST = "IDNST";
    /** Identifier type of a FINESS géographique. */
    public static final String FINEG = "FINEG";
    /** Identifier type of a FINESS juridique. */
    public static final String FINEJ = "FINEJ";

    private static final int COMPONENTS = 10;

    /**
     * Checks the organization.
     *
     * @param name the name
     * @param assigningAuthority the authority of the identifier
     * @param identifierTypeCode the identifier type
     * @param organizationIdentifier the identifier
     * @throws CdaException {@code CDA-703} when the name is empty, or an authority without an identifier
     */
    public Xon {
        name = Components.blankToNull(name);
        identifierTypeCode = Components.blankToNull(identifierTypeCode);
        organizationIdentifier = Components.blankToNull(organizationIdentifier);
        if (name == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "XON-1", "XON");
        }
        if (assigningAuthority != null && organizationIdentifier == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "XON-10", "XON");
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
     * An organization in the DMP's form: its name, the idNat_Struct under {@code 1.2.250.1.71.4.2.2} typed
     * {@code IDNST} (any other root untyped), the identifier in XON-10.
     *
     * @param organization the organization
     * @return the XON
     */
    public static Xon of(Organization organization) {
        Objects.requireNonNull(organization, "organization");
        InstanceId id = organization.id();
        if (id.extension() == null) {
            return new Xon(organization.name(), null, null, id.root());
        }
        return new Xon(organization.name(), Hd.iso(id.root()),
                CodeSystems.ID_NAT_STRUCT.equals(id.root()) ? IDNST : null, id.extension());
    }

    /**
     * The HL7 v2 form.
     *
     * @return the XON, escaped, trailing empty components dropped
     */
    public String format() {
        return Components.join(Hl7Escape.COMPONENT, Hl7Escape.escape(name), "", "", "", "",
                assigningAuthority == null ? "" : assigningAuthority.format(), Hl7Escape.escape(identifierTypeCode), "",
                "", Hl7Escape.escape(organizationIdentifier));
    }

    /**
     * Reads an XON.
     *
     * @param value the HL7 v2 form
     * @return the organization
     * @throws CdaException {@code CDA-70x} when it is malformed or carries a component not modelled
     */
    public static Xon parse(String value) {
        String[] c = Components.split("XON", value, COMPONENTS, 1, 6, 7, 10);
        return new Xon(Components.text("XON-1", c[0], value), Hd.component("XON-6", c[5]),
                Components.text("XON-7", c[6], value), Components.text("XON-10", c[9], value));
    }

    @Override
    public String toString() {
        return format();
    }

    /** Builds an {@link Xon}. */
    public static final class Builder {
        private String name;
        private Hd assigningAuthority;
        private String identifierTypeCode;
        private String organizationIdentifier;

        private Builder() {
        }

        /**
         * XON-1.
         *
         * @param name the organization's name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * XON-6.
         *
         * @param assigningAuthority the authority of the identifier
         * @return this builder
         */
        public Builder assigningAuthority(Hd assigningAuthority) {
            this.assigningAuthority = assigningAuthority;
            return this;
        }

        /**
         * XON-7.
         *
         * @param identifierTypeCode the identifier type ({@link #IDNST}, {@link #FINEG}…)
         * @return this builder
         */
        public Builder identifierTypeCode(String identifierTypeCode) {
            this.identifierTypeCode = identifierTypeCode;
            return this;
        }

        /**
         * XON-10.
         *
         * @param organizationIdentifier the identifier
         * @return this builder
         */
        public Builder organizationIdentifier(String organizationIdentifier) {
            this.organizationIdentifier = organizationIdentifier;
            return this;
        }

        /**
         * Builds the organization.
         *
         * @return the XON
         * @throws CdaException {@code CDA-703} when the name is empty
         */
        public Xon build() {
            return new Xon(name, assigningAuthority, identifierTypeCode, organizationIdentifier);
        }
    }
}
