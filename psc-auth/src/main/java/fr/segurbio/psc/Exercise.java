package fr.segurbio.psc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One exercise of the professional ({@code SubjectRefPro.exercices[]}): a profession with its savoir-faire and
 * the names of exercise, and the activities (structures) where it is practised.
 *
 * <pre>{@code
 * Exercise e = Exercise.builder("21")
 *         .familyName("BIOLOGISTE").givenName("Anne")
 *         .savoirFaire("S", "SM99")
 *         .activity(activity)
 *         .build();
 * }</pre>
 *
 * @param professionCode {@code codeProfession} (TRE_G15: 10 médecin, 21 pharmacien…)
 * @param professionCategoryCode {@code codeCategorieProfessionnelle}
 * @param civilityCode {@code codeCiviliteDexercice}
 * @param familyName {@code nomDexercice}
 * @param givenName {@code prenomDexercice}
 * @param savoirFaireTypeCode {@code codeTypeSavoirFaire}
 * @param savoirFaireCode {@code codeSavoirFaire}
 * @param activities the activities
 */
public record Exercise(String professionCode, Optional<String> professionCategoryCode, Optional<String> civilityCode,
        Optional<String> familyName, Optional<String> givenName, Optional<String> savoirFaireTypeCode,
        Optional<String> savoirFaireCode, List<Activity> activities) {

    /**
     * Checks the fields.
     *
     * @param professionCode the profession
     * @param professionCategoryCode the category
     * @param civilityCode the civility
     * @param familyName the family name
     * @param givenName the given name
     * @param savoirFaireTypeCode the savoir-faire type
     * @param savoirFaireCode the savoir-faire
     * @param activities the activities
     */
    public Exercise {
        Objects.requireNonNull(professionCode, "professionCode");
        if (professionCode.isBlank()) {
            throw new PscException(PscError.USERINFO_INVALID, "codeProfession is blank");
        }
        activities = List.copyOf(activities);
    }

    /**
     * A builder.
     *
     * @param professionCode the profession code
     * @return the builder
     */
    public static Builder builder(String professionCode) {
        return new Builder(professionCode);
    }

    /** Builds an {@link Exercise}. */
    public static final class Builder {
        private final String professionCode;
        private String category;
        private String civility;
        private String familyName;
        private String givenName;
        private String sfType;
        private String sfCode;
        private final java.util.ArrayList<Activity> activities = new java.util.ArrayList<>();

        private Builder(String professionCode) {
            this.professionCode = professionCode;
        }

        /**
         * @param s {@code codeCategorieProfessionnelle}
         * @return this builder
         */
        public Builder professionCategoryCode(String s) {
            category = blank(s);
            return this;
        }

        /**
         * @param s {@code codeCiviliteDexercice}
         * @return this builder
         */
        public Builder civilityCode(String s) {
            civility = blank(s);
            return this;
        }

        /**
         * @param s {@code nomDexercice}
         * @return this builder
         */
        public Builder familyName(String s) {
            familyName = blank(s);
            return this;
        }

        /**
         * @param s {@code prenomDexercice}
         * @return this builder
         */
        public Builder givenName(String s) {
            givenName = blank(s);
            return this;
        }

        /**
         * The savoir-faire.
         *
         * @param typeCode {@code codeTypeSavoirFaire}
         * @param code {@code codeSavoirFaire}
         * @return this builder
         */
        public Builder savoirFaire(String typeCode, String code) {
            sfType = blank(typeCode);
            sfCode = blank(code);
            return this;
        }

        /**
         * @param a an activity
         * @return this builder
         */
        public Builder activity(Activity a) {
            activities.add(Objects.requireNonNull(a, "activity"));
            return this;
        }

        /**
         * Builds the exercise.
         *
         * @return the exercise
         */
        public Exercise build() {
            return new Exercise(professionCode, Optional.ofNullable(category), Optional.ofNullable(civility),
                    Optional.ofNullable(familyName), Optional.ofNullable(givenName), Optional.ofNullable(sfType),
                    Optional.ofNullable(sfCode), activities);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }
}
