package fr.segurbio.ins;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.internal.Messages;

/**
 * The identity traits of a patient: the strict traits (birth name, list of birth first names, first birth first
 * name, sex, birth date, birth place) and the local complementary ones (used name, used first name). Every text
 * is in INS form (see {@link TraitNormalizer}); an object that exists is valid. {@link #toString()} masks the
 * traits: they are health data.
 *
 * <pre>{@code
 * IdentityTraits traits = IdentityTraits.builder()
 *         .birthName("ADRUN")
 *         .birthFirstNames("ZOE")
 *         .sex(Sex.F)
 *         .birthDate(LocalDate.of(1975, 12, 31))
 *         .birthPlace("63220")
 *         .build();
 * traits.firstFirstName();   // "ZOE"
 * }</pre>
 */
public final class IdentityTraits {

    private final String birthName;
    private final List<String> birthFirstNames;
    private final String firstFirstName;
    private final String usedName;
    private final String usedFirstName;
    private final Sex sex;
    private final BirthDate birthDate;
    private final BirthPlace birthPlace;

    private IdentityTraits(Builder b, List<String> firstNames, String firstFirstName, BirthPlace place) {
        this.birthName = b.birthName;
        this.birthFirstNames = List.copyOf(firstNames);
        this.firstFirstName = firstFirstName;
        this.usedName = b.usedName;
        this.usedFirstName = b.usedFirstName;
        this.sex = b.sex;
        this.birthDate = b.birthDate;
        this.birthPlace = place;
    }

    /**
     * A builder; {@link Builder#build()} checks every trait and reports every problem at once.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these traits, to change some of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.birthName = birthName;
        b.birthFirstNames = birthFirstNames;
        b.firstFirstName = firstFirstName;
        b.usedName = usedName;
        b.usedFirstName = usedFirstName;
        b.sex = sex;
        b.birthDate = birthDate;
        b.birthPlace = birthPlace == null ? null : birthPlace.code();
        return b;
    }

    /**
     * Nom de naissance.
     *
     * @return the birth name
     */
    public String birthName() {
        return birthName;
    }

    /**
     * Liste des prénoms de naissance, in order.
     *
     * @return at least one first name
     */
    public List<String> birthFirstNames() {
        return birthFirstNames;
    }

    /**
     * The birth first names joined by spaces, as INSi's {@code ListePrenom} and the Datamatrix's S3.
     *
     * @return for example {@code "PIERRE-ALAIN MURIEL FLORIANT"}
     */
    public String birthFirstNamesText() {
        return String.join(" ", birthFirstNames);
    }

    /**
     * Premier prénom de naissance: the first birth first name, unless set to the first few ones.
     *
     * @return the first first name
     */
    public String firstFirstName() {
        return firstFirstName;
    }

    /**
     * Nom utilisé, a local trait.
     *
     * @return the used name, if recorded
     */
    public Optional<String> usedName() {
        return Optional.ofNullable(usedName);
    }

    /**
     * Prénom utilisé, a local trait.
     *
     * @return the used first name, if recorded
     */
    public Optional<String> usedFirstName() {
        return Optional.ofNullable(usedFirstName);
    }

    /**
     * Sexe.
     *
     * @return M or F
     */
    public Sex sex() {
        return sex;
    }

    /**
     * Date de naissance.
     *
     * @return the birth date and its fictive flag
     */
    public BirthDate birthDate() {
        return birthDate;
    }

    /**
     * Lieu de naissance (COG code).
     *
     * @return the birth place, if known
     */
    public Optional<BirthPlace> birthPlace() {
        return Optional.ofNullable(birthPlace);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityTraits t && birthName.equals(t.birthName)
                && birthFirstNames.equals(t.birthFirstNames) && firstFirstName.equals(t.firstFirstName)
                && Objects.equals(usedName, t.usedName) && Objects.equals(usedFirstName, t.usedFirstName)
                && sex == t.sex && birthDate.equals(t.birthDate) && Objects.equals(birthPlace, t.birthPlace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(birthName, birthFirstNames, firstFirstName, usedName, usedFirstName, sex, birthDate,
                birthPlace);
    }

    /**
     * Masked, for logs: initials, sex and year of birth only.
     *
     * @return for example {@code IdentityTraits[A*** Z***, F, 1975]}
     */
    @Override
    public String toString() {
        return "IdentityTraits[" + birthName.charAt(0) + "*** " + firstFirstName.charAt(0) + "***, " + sex + ", "
                + birthDate.date().getYear() + "]";
    }

    /** Collects traits; {@link #build()} checks them all. Not thread-safe. */
    public static final class Builder {
        private String birthName;
        private List<String> birthFirstNames = List.of();
        private String firstFirstName;
        private String usedName;
        private String usedFirstName;
        private Sex sex;
        private BirthDate birthDate;
        private String birthPlace;

        private Builder() {
        }

        /**
         * Nom de naissance, in INS form.
         *
         * @param value the birth name
         * @return this builder
         */
        public Builder birthName(String value) {
            this.birthName = value;
            return this;
        }

        /**
         * Liste des prénoms de naissance, in INS form.
         *
         * @param values the first names in order
         * @return this builder
         */
        public Builder birthFirstNames(List<String> values) {
            this.birthFirstNames = values == null ? List.of() : new ArrayList<>(values);
            return this;
        }

        /**
         * Liste des prénoms de naissance as INSi sends it, space-separated.
         *
         * @param spaceSeparated for example {@code "PIERRE-ALAIN MURIEL"}
         * @return this builder
         */
        public Builder birthFirstNames(String spaceSeparated) {
            this.birthFirstNames = spaceSeparated == null || spaceSeparated.isEmpty() ? List.of()
                    : new ArrayList<>(Arrays.asList(spaceSeparated.split(" ", -1)));
            return this;
        }

        /**
         * Premier prénom de naissance, when it is not simply the first of the list (it must then be the first few
         * first names of the list joined by spaces).
         *
         * @param value the first first name, or {@code null} for the first of the list
         * @return this builder
         */
        public Builder firstFirstName(String value) {
            this.firstFirstName = value;
            return this;
        }

        /**
         * Nom utilisé, in INS form.
         *
         * @param value the used name, or {@code null}
         * @return this builder
         */
        public Builder usedName(String value) {
            this.usedName = value;
            return this;
        }

        /**
         * Prénom utilisé, in INS form.
         *
         * @param value the used first name, or {@code null}
         * @return this builder
         */
        public Builder usedFirstName(String value) {
            this.usedFirstName = value;
            return this;
        }

        /**
         * Sexe.
         *
         * @param value M or F
         * @return this builder
         */
        public Builder sex(Sex value) {
            this.sex = value;
            return this;
        }

        /**
         * Date de naissance.
         *
         * @param value the birth date
         * @return this builder
         */
        public Builder birthDate(BirthDate value) {
            this.birthDate = value;
            return this;
        }

        /**
         * An exact date de naissance.
         *
         * @param value the date
         * @return this builder
         * @throws InsException when the date is in the future
         */
        public Builder birthDate(LocalDate value) {
            this.birthDate = value == null ? null : BirthDate.of(value);
            return this;
        }

        /**
         * Lieu de naissance.
         *
         * @param cog the 5-character COG code, or {@code null} when unknown
         * @return this builder
         */
        public Builder birthPlace(String cog) {
            this.birthPlace = cog;
            return this;
        }

        /**
         * Lieu de naissance.
         *
         * @param place the birth place, or {@code null} when unknown
         * @return this builder
         */
        public Builder birthPlace(BirthPlace place) {
            this.birthPlace = place == null ? null : place.code();
            return this;
        }

        /**
         * Every problem of the traits collected so far.
         *
         * @return the problems; valid when {@link #build()} would succeed
         */
        public ValidationResult validate() {
            ValidationResult.Builder b = ValidationResult.builder();
            b.addAll(TraitNormalizer.validate(Trait.BIRTH_NAME, birthName));
            if (birthFirstNames.isEmpty()) {
                b.add(Messages.problem(InsError.TRAIT_EMPTY, Trait.BIRTH_FIRST_NAMES.path(), Trait.BIRTH_FIRST_NAMES));
            } else {
                b.addAll(TraitNormalizer.validate(Trait.BIRTH_FIRST_NAMES, String.join(" ", birthFirstNames)));
                if (firstFirstName != null) {
                    ValidationResult f = TraitNormalizer.validate(Trait.FIRST_FIRST_NAME, firstFirstName);
                    b.addAll(f);
                    if (f.isValid() && !startsTheList(firstFirstName)) {
                        b.add(InsError.FIRST_FIRST_NAME, Trait.FIRST_FIRST_NAME.path(), firstFirstName,
                                String.join(" ", birthFirstNames));
                    }
                }
            }
            if (usedName != null) {
                b.addAll(TraitNormalizer.validate(Trait.USED_NAME, usedName));
            }
            if (usedFirstName != null) {
                b.addAll(TraitNormalizer.validate(Trait.USED_FIRST_NAME, usedFirstName));
            }
            if (sex == null) {
                b.add(Messages.problem(InsError.TRAIT_EMPTY, Trait.SEX.path(), Trait.SEX));
            }
            if (birthDate == null) {
                b.add(Messages.problem(InsError.TRAIT_EMPTY, Trait.BIRTH_DATE.path(), Trait.BIRTH_DATE));
            }
            if (birthPlace != null) {
                b.addAll(BirthPlace.validate(birthPlace));
            }
            return b.build();
        }

        private boolean startsTheList(String first) {
            String joined = "";
            for (String name : birthFirstNames) {
                joined = joined.isEmpty() ? name : joined + " " + name;
                if (joined.equals(first)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The traits.
         *
         * @return the immutable traits
         * @throws InsException with every problem when a trait is missing or not in INS form
         */
        public IdentityTraits build() {
            validate().orThrow(InsException::new);
            String first = firstFirstName == null ? birthFirstNames.get(0) : firstFirstName;
            return new IdentityTraits(this, birthFirstNames, first,
                    birthPlace == null ? null : BirthPlace.of(birthPlace));
        }
    }
}
