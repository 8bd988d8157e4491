package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.internal.Bilingual;

/**
 * A person related to the patient: the patient's guardian ({@code patient/guardian}, legal representative) or an
 * informant ({@code informant/relatedEntity}: emergency contact {@code ECON}, trusted person {@code NOK}…).
 *
 * <pre>{@code
 * RelatedPerson guardian = RelatedPerson.builder()
 *         .name(new PersonName("MME", "Jeanne", "NESSI", null))
 *         .address(Address.of("28 Avenue de Breteuil", "75007", "PARIS"))
 *         .telecom(new Telecom("tel:0147150000", "H")).build();
 * RelatedPerson sister = RelatedPerson.builder().classCode("ECON")
 *         .relationship(Code.of("SIS", "2.16.840.1.113883.5.111", "Soeur"))
 *         .name(new PersonName(null, "Sophie", "NESSI", null)).build();
 * }</pre>
 *
 * @param classCode the {@code relatedEntity/@classCode} of an informant (ECON, NOK, GUARD, CAREGIVER…), {@code null}
 *        for a guardian
 * @param relationship the relationship ({@code code}, e.g. RoleCode {@code 2.16.840.1.113883.5.111}), or {@code null}
 * @param address the address (or its nullFlavor), or {@code null}
 * @param telecoms the telecoms
 * @param name the person's name, or {@code null} when the document gives none
 */
public record RelatedPerson(String classCode, Code relationship, Address address, List<Telecom> telecoms,
        PersonName name) {

    /**
     * Checks the fields.
     *
     * @param classCode the informant's class code, or {@code null}
     * @param relationship the relationship, or {@code null}
     * @param address the address, or {@code null}
     * @param telecoms the telecoms
     * @param name the name, or {@code null}
     */
    public RelatedPerson {
        telecoms = telecoms == null ? List.of() : List.copyOf(telecoms);
        classCode = classCode == null || classCode.isBlank() ? null : classCode;
        if (classCode != null && !classCode.matches("[A-Z_]{2,20}")) {
            throw new CdaException(CdaError.BAD_VALUE, classCode, Bilingual.of(
                    "un classCode HL7 de relatedEntity (ECON, NOK, GUARD, CAREGIVER…)",
                    "an HL7 relatedEntity classCode (ECON, NOK, GUARD, CAREGIVER...)"));
        }
        if (name == null && address == null && telecoms.isEmpty() && relationship == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("nom, adresse, télécom ou lien de la personne",
                    "the person's name, address, telecom or relationship"));
        }
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The name, if any.
     *
     * @return the name
     */
    public Optional<PersonName> optionalName() {
        return Optional.ofNullable(name);
    }

    /** Builds a {@link RelatedPerson}. */
    public static final class Builder {
        private final List<Telecom> telecoms = new ArrayList<>();
        private String classCode;
        private Code relationship;
        private Address address;
        private PersonName name;

        private Builder() {
        }

        /**
         * Sets the informant's class code.
         *
         * @param v ECON, NOK, GUARD…
         * @return this builder
         */
        public Builder classCode(String v) {
            classCode = v;
            return this;
        }

        /**
         * Sets the relationship.
         *
         * @param v the code
         * @return this builder
         */
        public Builder relationship(Code v) {
            relationship = v;
            return this;
        }

        /**
         * Sets the address.
         *
         * @param v the address
         * @return this builder
         */
        public Builder address(Address v) {
            address = v;
            return this;
        }

        /**
         * Adds a telecom.
         *
         * @param v the telecom
         * @return this builder
         */
        public Builder telecom(Telecom v) {
            telecoms.add(Objects.requireNonNull(v, "telecom"));
            return this;
        }

        /**
         * Sets the name.
         *
         * @param v the name
         * @return this builder
         */
        public Builder name(PersonName v) {
            name = v;
            return this;
        }

        /**
         * Builds the person.
         *
         * @return the person
         */
        public RelatedPerson build() {
            return new RelatedPerson(classCode, relationship, address, telecoms, name);
        }
    }
}
