package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A health professional (biologist, prescriber, nurse…) with the organization he or she works for.
 *
 * <pre>{@code
 * HealthProfessional biologist = HealthProfessional.builder()
 *         .id(InstanceId.idNatPs("801234534765"))
 *         .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
 *         .name(new PersonName("M", "Marcel", "CAMPARINI", "DR"))
 *         .address(Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"))
 *         .telecom(Telecom.phone("0174589607", "WP"))
 *         .organization(lab)
 *         .build();
 * }</pre>
 */
public final class HealthProfessional {

    private final InstanceId id;
    private final Code profession;
    private final PersonName name;
    private final Address address;
    private final List<Telecom> telecoms;
    private final Organization organization;

    private HealthProfessional(Builder b) {
        this.id = b.id;
        this.profession = b.profession;
        this.name = b.name;
        this.address = b.address;
        this.telecoms = List.copyOf(b.telecoms);
        this.organization = b.organization;
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
     * The national identifier (idNat_PS).
     *
     * @return the identifier
     */
    public InstanceId id() {
        return id;
    }

    /**
     * The profession and specialty (JDV_J01), if given.
     *
     * @return the code
     */
    public Optional<Code> profession() {
        return Optional.ofNullable(profession);
    }

    /**
     * The name.
     *
     * @return the name
     */
    public PersonName name() {
        return name;
    }

    /**
     * The professional address, if known.
     *
     * @return the address
     */
    public Optional<Address> address() {
        return Optional.ofNullable(address);
    }

    /**
     * The telecoms.
     *
     * @return the telecoms (possibly empty)
     */
    public List<Telecom> telecoms() {
        return telecoms;
    }

    /**
     * The organization, if given.
     *
     * @return the organization
     */
    public Optional<Organization> organization() {
        return Optional.ofNullable(organization);
    }

    /** Builds a {@link HealthProfessional}; {@code id} and {@code name} are required. */
    public static final class Builder {
        private InstanceId id;
        private Code profession;
        private PersonName name;
        private Address address;
        private final List<Telecom> telecoms = new ArrayList<>();
        private Organization organization;

        private Builder() {
        }

        /**
         * Sets the national identifier.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder id(InstanceId id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the profession / specialty.
         *
         * @param profession the code (JDV_J01)
         * @return this builder
         */
        public Builder profession(Code profession) {
            this.profession = profession;
            return this;
        }

        /**
         * Sets the name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(PersonName name) {
            this.name = name;
            return this;
        }

        /**
         * Sets the address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder address(Address address) {
            this.address = address;
            return this;
        }

        /**
         * Adds a telecom.
         *
         * @param telecom the telecom
         * @return this builder
         */
        public Builder telecom(Telecom telecom) {
            this.telecoms.add(java.util.Objects.requireNonNull(telecom, "telecom"));
            return this;
        }

        /**
         * Sets the organization.
         *
         * @param organization the organization
         * @return this builder
         */
        public Builder organization(Organization organization) {
            this.organization = organization;
            return this;
        }

        /**
         * Builds the professional.
         *
         * @return the professional
         * @throws CdaException {@code CDA-001} when the identifier or the name is missing
         */
        public HealthProfessional build() {
            fr.segurbio.core.ValidationResult.Builder r = fr.segurbio.core.ValidationResult.builder();
            if (id == null) {
                r.add(CdaError.MISSING, "id", "id");
            }
            if (name == null) {
                r.add(CdaError.MISSING, "name", "name");
            }
            r.build().orThrow(CdaException::new);
            return new HealthProfessional(this);
        }
    }
}
