package fr.segurbio.ins.insi;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.LunarDate;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitNormalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A search with identity traits ({@code rechercherInsAvecTraitsIdentite}, body {@code RECSANSVITALE}): birth
 * name, the birth first name(s) to send (INSi practice: one per call, the first one first), sex, birth date and,
 * optionally, the birth place. Every text must already be in INS form (see
 * {@link fr.segurbio.ins.TraitNormalizer#normalize}); a search that INSi would refuse cannot be built.
 *
 * <pre>{@code
 * TraitsSearch search = TraitsSearch.builder()
 *         .birthName("ECETINSI").firstName("PIERRE-ALAIN").sex(Sex.M)
 *         .birthDate(LocalDate.of(2009, 7, 14))
 *         .build();
 * }</pre>
 *
 * @param birthName the birth name
 * @param firstNames the first names sent, one {@code Prenom} element each
 * @param sex the sex
 * @param birthDate the birth date, {@code AAAA-MM-JJ}
 * @param birthPlace the INSEE COG code of the birth place, or {@code null}
 */
public record TraitsSearch(String birthName, List<String> firstNames, Sex sex, LunarDate birthDate,
        BirthPlace birthPlace) {

    /**
     * Checks every trait; reports every problem at once.
     *
     * @param birthName the birth name
     * @param firstNames the first names sent
     * @param sex the sex
     * @param birthDate the birth date
     * @param birthPlace the birth place or {@code null}
     * @throws InsException listing every problem
     */
    public TraitsSearch {
        firstNames = firstNames == null ? List.of() : List.copyOf(firstNames);
        ValidationResult.Builder b = ValidationResult.builder();
        b.addAll(TraitNormalizer.validate(Trait.BIRTH_NAME, birthName));
        if (firstNames.isEmpty()) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "firstNames", "au moins un prénom de naissance / at least"
                    + " one birth first name"));
        }
        for (int i = 0; i < firstNames.size(); i++) {
            String fn = firstNames.get(i);
            Trait t = fn != null && fn.contains(" ") ? Trait.BIRTH_FIRST_NAMES : Trait.FIRST_FIRST_NAME;
            b.addAll(TraitNormalizer.validate(t, fn).under("firstNames[" + i + "]"));
        }
        if (sex == null) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "sex", "sexe absent / no sex"));
        }
        if (birthDate == null) {
            b.add(Problem.of(InsiError.SEARCH_INVALID, "birthDate", "date de naissance absente / no birth date"));
        }
        ValidationResult r = b.build();
        if (!r.isValid()) {
            throw new InsException(r);
        }
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The birth place.
     *
     * @return the birth place, if sent
     */
    public Optional<BirthPlace> place() {
        return Optional.ofNullable(birthPlace);
    }

    /**
     * The same search with other first names (the INS search strategy: on {@code 01}, try each other first
     * name, then the whole list).
     *
     * @param names the first names to send instead
     * @return the new search
     */
    public TraitsSearch withFirstNames(List<String> names) {
        return new TraitsSearch(birthName, names, sex, birthDate, birthPlace);
    }

    /**
     * The same search with a birth place (the INS search strategy on {@code 02}).
     *
     * @param place the birth place
     * @return the new search
     */
    public TraitsSearch withBirthPlace(BirthPlace place) {
        return new TraitsSearch(birthName, firstNames, sex, birthDate, place);
    }

    /**
     * A description without any trait in clear, for logs and audit: {@code traits(E*******, 1 prénom, M, 2009)}.
     *
     * @return the masked description
     */
    public String masked() {
        return "traits(" + birthName.charAt(0) + "*".repeat(Math.max(0, birthName.length() - 1)) + ", "
                + firstNames.size() + " prénom(s), " + sex.code() + ", " + birthDate.year() + ")";
    }

    /**
     * Builds a {@link TraitsSearch}.
     */
    public static final class Builder {
        private String birthName;
        private final List<String> firstNames = new ArrayList<>();
        private Sex sex;
        private LunarDate birthDate;
        private BirthPlace birthPlace;

        private Builder() {
        }

        /**
         * The birth name, in INS form.
         *
         * @param v the birth name
         * @return this builder
         */
        public Builder birthName(String v) {
            birthName = v;
            return this;
        }

        /**
         * Adds a birth first name to send.
         *
         * @param v the first name, in INS form
         * @return this builder
         */
        public Builder firstName(String v) {
            firstNames.add(v);
            return this;
        }

        /**
         * The sex.
         *
         * @param v the sex
         * @return this builder
         */
        public Builder sex(Sex v) {
            sex = v;
            return this;
        }

        /**
         * The birth date.
         *
         * @param v the date
         * @return this builder
         */
        public Builder birthDate(LocalDate v) {
            Objects.requireNonNull(v, "birthDate");
            birthDate = LunarDate.parse(v.toString());
            return this;
        }

        /**
         * The birth date as INSi writes it, {@code AAAA-MM-JJ} (day or month {@code 00} allowed).
         *
         * @param v the date
         * @return this builder
         * @throws InsException when the text is not {@code AAAA-MM-JJ}
         */
        public Builder birthDate(String v) {
            birthDate = LunarDate.parse(v);
            return this;
        }

        /**
         * The birth place.
         *
         * @param cog the INSEE COG code ({@code 99xxx} abroad), or {@code null}
         * @return this builder
         * @throws InsException when the code is not a COG code
         */
        public Builder birthPlace(String cog) {
            birthPlace = cog == null ? null : BirthPlace.of(cog);
            return this;
        }

        /**
         * The search.
         *
         * @return the search
         * @throws InsException listing every problem
         */
        public TraitsSearch build() {
            return new TraitsSearch(birthName, firstNames, sex, birthDate, birthPlace);
        }
    }
}
