package fr.segurbio.cda;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.cda.internal.Bilingual;

/**
 * The patient of a report ({@code recordTarget}): the INS (from {@code ins-core}, with its OID) when the
 * identity is qualified, always the local identifier (IPP), the identity traits, address and telecoms.
 *
 * <p>When the identity is not qualified, the INS must not be shared: the document is still produced, with the
 * local identifier only, and {@link CrBioReport#notices()} says so ({@code CDA-004}). A qualified INS requires
 * the traits the structuration minimale asks for: birth name, birth given names and first birth given name,
 * birth date, gender and birth place (INSEE code).
 *
 * <pre>{@code
 * Patient p = Patient.builder()
 *         .ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
 *         .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
 *         .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
 *         .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
 *         .address(Address.of("28 avenue de Breteuil", "75007", "PARIS"))
 *         .telecom(Telecom.phone("0144534551", "H"))
 *         .build();
 * }</pre>
 */
public final class Patient {

    private final Ins ins;
    private final boolean insQualified;
    private final InstanceId localId;
    private final String birthFamilyName;
    private final String birthGivenNames;
    private final String firstBirthGivenName;
    private final String usedFamilyName;
    private final String usedGivenName;
    private final Gender gender;
    private final LocalDate birthDate;
    private final BirthPlace birthPlace;
    private final String birthCity;
    private final Address address;
    private final List<Telecom> telecoms;
    private final List<RelatedPerson> guardians;

    private Patient(Builder b) {
        this.ins = b.ins;
        this.insQualified = b.insQualified;
        this.localId = b.localId;
        this.birthFamilyName = b.birthFamilyName;
        this.birthGivenNames = b.birthGivenNames;
        this.firstBirthGivenName = b.firstBirthGivenName;
        this.usedFamilyName = b.usedFamilyName;
        this.usedGivenName = b.usedGivenName;
        this.gender = b.gender;
        this.birthDate = b.birthDate;
        this.birthPlace = b.birthPlace;
        this.birthCity = b.birthCity;
        this.address = b.address != null && b.address.isUnknown() ? null : b.address; // UNK: no address
        this.telecoms = List.copyOf(b.telecoms);
        this.guardians = List.copyOf(b.guardians);
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
     * The INS as given, qualified or not.
     *
     * @return the INS
     */
    public Optional<Ins> ins() {
        return Optional.ofNullable(ins);
    }

    /**
     * Whether the identity is qualified (the INS may be shared and is written in the document).
     *
     * @return {@code true} for a qualified identity with an INS
     */
    public boolean isInsQualified() {
        return ins != null && insQualified;
    }

    /**
     * The INS the document carries: present only when the identity is qualified.
     *
     * @return the shareable INS
     */
    public Optional<Ins> shareableIns() {
        return isInsQualified() ? Optional.of(ins) : Optional.empty();
    }

    /**
     * The local identifier (IPP) under the OID of the lab or facility.
     *
     * @return the local identifier
     */
    public InstanceId localId() {
        return localId;
    }

    /**
     * The birth family name (nom de naissance).
     *
     * @return the name
     */
    public String birthFamilyName() {
        return birthFamilyName;
    }

    /**
     * Every birth given name, space separated, if known.
     *
     * @return the given names
     */
    public Optional<String> birthGivenNames() {
        return Optional.ofNullable(birthGivenNames);
    }

    /**
     * The first birth given name, if known.
     *
     * @return the first given name
     */
    public Optional<String> firstBirthGivenName() {
        return Optional.ofNullable(firstBirthGivenName);
    }

    /**
     * The used family name (nom utilisé), if different or given.
     *
     * @return the used name
     */
    public Optional<String> usedFamilyName() {
        return Optional.ofNullable(usedFamilyName);
    }

    /**
     * The used given name (prénom utilisé), if given.
     *
     * @return the used given name
     */
    public Optional<String> usedGivenName() {
        return Optional.ofNullable(usedGivenName);
    }

    /**
     * The administrative gender.
     *
     * @return the gender
     */
    public Gender gender() {
        return gender;
    }

    /**
     * The birth date, if known.
     *
     * @return the birth date
     */
    public Optional<LocalDate> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /**
     * The birth place (INSEE code of the commune, or 99 and the country), if known.
     *
     * @return the birth place
     */
    public Optional<BirthPlace> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    /**
     * The name of the birth commune, if given.
     *
     * @return the city
     */
    public Optional<String> birthCity() {
        return Optional.ofNullable(birthCity);
    }

    /**
     * The address, if known ({@code nullFlavor="UNK"} otherwise).
     *
     * @return the address
     */
    public Optional<Address> address() {
        return Optional.ofNullable(address);
    }

    /**
     * The telecoms (an empty list is written {@code nullFlavor="UNK"}).
     *
     * @return the telecoms
     */
    public List<Telecom> telecoms() {
        return telecoms;
    }

    /**
     * A builder holding every field of this patient.
     *
     * <pre>{@code
     * Patient withGuardian = patient.toBuilder().guardian(guardian).build();
     * }</pre>
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = builder().localId(localId).birthFamilyName(birthFamilyName).birthGivenNames(birthGivenNames)
                .firstBirthGivenName(firstBirthGivenName).usedFamilyName(usedFamilyName).usedGivenName(usedGivenName)
                .gender(gender).birthDate(birthDate).birthPlace(birthPlace).birthCity(birthCity).address(address);
        if (ins != null) {
            b.ins(ins, insQualified);
        }
        telecoms.forEach(b::telecom);
        guardians.forEach(b::guardian);
        return b;
    }

    /**
     * The patient's guardians ({@code patient/guardian}: legal representatives), in document order.
     *
     * @return the guardians
     */
    public List<RelatedPerson> guardians() {
        return guardians;
    }

    /**
     * The name as printed: used names if any, else birth names.
     *
     * @return e.g. {@code "PAT-TROIS DOMINIQUE"}
     */
    public String displayName() {
        String family = usedFamilyName != null ? usedFamilyName : birthFamilyName;
        String given = usedGivenName != null ? usedGivenName : firstBirthGivenName;
        return given == null ? family : family + " " + given;
    }

    /** Builds a {@link Patient}; the local identifier, birth family name and gender are always required. */
    public static final class Builder {
        private Ins ins;
        private boolean insQualified;
        private InstanceId localId;
        private String birthFamilyName;
        private String birthGivenNames;
        private String firstBirthGivenName;
        private String usedFamilyName;
        private String usedGivenName;
        private Gender gender;
        private LocalDate birthDate;
        private BirthPlace birthPlace;
        private String birthCity;
        private Address address;
        private final List<Telecom> telecoms = new ArrayList<>();
        private final List<RelatedPerson> guardians = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the INS and whether the identity is qualified (RNIV status "identité qualifiée").
         *
         * @param ins the INS
         * @param qualified {@code true} when the identity is qualified and the INS may be shared
         * @return this builder
         */
        public Builder ins(Ins ins, boolean qualified) {
            this.ins = ins;
            this.insQualified = qualified;
            return this;
        }

        /**
         * Takes the INS, its qualification ({@link PatientIdentity#canBeShared()}), the identity traits and, when
         * the identity has one, the local identifier from an {@code ins-core} identity.
         *
         * <pre>{@code
         * Patient p = Patient.builder().identity(identity).address(address).build();
         * }</pre>
         *
         * @param identity the patient's identity
         * @return this builder
         */
        public Builder identity(PatientIdentity identity) {
            IdentityTraits t = identity.traits();
            this.ins = identity.ins().orElse(null);
            this.insQualified = identity.canBeShared();
            identity.localIdentifier().ifPresent(l -> this.localId = InstanceId.of(l.assigningAuthorityOid(), l.value()));
            this.birthFamilyName = t.birthName();
            this.birthGivenNames = t.birthFirstNamesText();
            this.firstBirthGivenName = t.firstFirstName();
            this.usedFamilyName = t.usedName().orElse(null);
            this.usedGivenName = t.usedFirstName().orElse(null);
            this.gender = Gender.fromCode(t.sex().code());
            this.birthDate = t.birthDate().date();
            this.birthPlace = t.birthPlace().orElse(null);
            return this;
        }

        /**
         * Sets the local identifier (IPP).
         *
         * @param localId the identifier under the lab's OID
         * @return this builder
         */
        public Builder localId(InstanceId localId) {
            this.localId = localId;
            return this;
        }

        /**
         * Sets the birth family name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder birthFamilyName(String name) {
            this.birthFamilyName = Address.blankToNull(name);
            return this;
        }

        /**
         * Sets every birth given name, space separated.
         *
         * @param names the names
         * @return this builder
         */
        public Builder birthGivenNames(String names) {
            this.birthGivenNames = Address.blankToNull(names);
            return this;
        }

        /**
         * Sets the first birth given name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder firstBirthGivenName(String name) {
            this.firstBirthGivenName = Address.blankToNull(name);
            return this;
        }

        /**
         * Sets the used family name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder usedFamilyName(String name) {
            this.usedFamilyName = Address.blankToNull(name);
            return this;
        }

        /**
         * Sets the used given name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder usedGivenName(String name) {
            this.usedGivenName = Address.blankToNull(name);
            return this;
        }

        /**
         * Sets the gender.
         *
         * @param gender the gender
         * @return this builder
         */
        public Builder gender(Gender gender) {
            this.gender = gender;
            return this;
        }

        /**
         * Sets the birth date.
         *
         * @param date the date
         * @return this builder
         */
        public Builder birthDate(LocalDate date) {
            this.birthDate = date;
            return this;
        }

        /**
         * Sets the birth place.
         *
         * @param place the INSEE code of the birth place
         * @return this builder
         */
        public Builder birthPlace(BirthPlace place) {
            this.birthPlace = place;
            return this;
        }

        /**
         * Sets the name of the birth commune.
         *
         * @param city the city
         * @return this builder
         */
        public Builder birthCity(String city) {
            this.birthCity = Address.blankToNull(city);
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
            this.telecoms.add(Objects.requireNonNull(telecom, "telecom"));
            return this;
        }

        /**
         * Adds a guardian (legal representative, {@code patient/guardian}).
         *
         * @param guardian the guardian
         * @return this builder
         */
        public Builder guardian(RelatedPerson guardian) {
            this.guardians.add(Objects.requireNonNull(guardian, "guardian"));
            return this;
        }

        /**
         * Builds the patient.
         *
         * @return the patient
         * @throws CdaException with every problem: {@code CDA-001} for a missing field, {@code CDA-009} for a
         *         qualified INS without its traits
         */
        public Patient build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (localId == null) {
                r.add(CdaError.MISSING, "localId", Bilingual.of("identifiant local du patient (IPP)", "patient local identifier (IPP)"));
            }
            if (birthFamilyName == null) {
                r.add(CdaError.MISSING, "birthFamilyName", Bilingual.of("nom de naissance du patient", "patient birth family name"));
            }
            if (gender == null) {
                r.add(CdaError.MISSING, "gender", Bilingual.of("sexe du patient", "patient gender"));
            }
            if (address != null && address.isUnknown() && !"UNK".equals(address.nullFlavor())) {
                r.add(CdaError.BAD_VALUE, "address", address.nullFlavor(), Bilingual.of(
                        "une adresse connue, ou aucune (écrite nullFlavor UNK) : règle Entete_CR-BIO des volets "
                                + "BIO-CR-BIO (recordTarget/patientRole/addr)",
                        "a known address, or none (written nullFlavor UNK): Entete_CR-BIO rule of the BIO-CR-BIO "
                                + "volets (recordTarget/patientRole/addr)"));
            }
            if (ins != null && insQualified) {
                List<String> missing = new ArrayList<>();
                if (birthGivenNames == null) {
                    missing.add("birthGivenNames");
                }
                if (firstBirthGivenName == null) {
                    missing.add("firstBirthGivenName");
                }
                if (birthDate == null) {
                    missing.add("birthDate");
                }
                if (birthPlace == null) {
                    missing.add("birthPlace");
                }
                if (gender == Gender.U) {
                    missing.add("gender (F/M)");
                }
                if (!missing.isEmpty()) {
                    r.add(CdaError.INS_TRAITS_MISSING, "ins", String.join(", ", missing));
                }
            }
            r.build().orThrow(CdaException::new);
            return new Patient(this);
        }
    }
}
