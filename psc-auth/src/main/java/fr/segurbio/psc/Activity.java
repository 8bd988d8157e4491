package fr.segurbio.psc;

import java.util.Optional;

/**
 * One activity of an exercise ({@code SubjectRefPro.exercices[].activities[]}): where and how the professional
 * works, with the structure. Every field is optional, as in the RPPS.
 *
 * <pre>{@code
 * Activity a = Activity.builder()
 *         .sectorCode("SA07").legacyStructureId("3750000000/LAB1").companyName("Laboratoire des Lilas")
 *         .build();
 * }</pre>
 *
 * @param modeCode {@code codeModeExercice} (TRE_R23: L libéral, S salarié, B bénévole)
 * @param sectorCode {@code codeSecteurDactivite} (TRE_R02)
 * @param pharmacistSectionCode {@code codeSectionPharmacien} (TRE_R30)
 * @param roleCode {@code codeRole} (TRE_R21)
 * @param activityKindCode {@code codeGenreActivite} (TRE_R22)
 * @param siret {@code numeroSiretSite}
 * @param siren {@code numeroSirenSite}
 * @param finessSite {@code numeroFinessSite}
 * @param finessLegalEntity {@code numeroFinessetablissementJuridique}
 * @param structureTechnicalId {@code identifiantTechniqueDeLaStructure}
 * @param companyName {@code raisonSocialeSite}
 * @param tradeName {@code enseigneCommercialeSite}
 * @param legacyStructureId {@code ancienIdentifiantDeLaStructure} (the VIHF {@code Identifiant_Structure})
 * @param registrationAuthority {@code autoriteDenregistrement}
 */
public record Activity(Optional<String> modeCode, Optional<String> sectorCode, Optional<String> pharmacistSectionCode,
        Optional<String> roleCode, Optional<String> activityKindCode, Optional<String> siret, Optional<String> siren,
        Optional<String> finessSite, Optional<String> finessLegalEntity, Optional<String> structureTechnicalId,
        Optional<String> companyName, Optional<String> tradeName, Optional<String> legacyStructureId,
        Optional<String> registrationAuthority) {

    /**
     * A structure identifier for display and for choosing the situation: the legacy id, else the technical id,
     * else the SIRET or FINESS.
     *
     * @return the identifier, or {@code "?"}
     */
    public String structureLabel() {
        return legacyStructureId.or(() -> structureTechnicalId).or(() -> siret).or(() -> finessSite).orElse("?");
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Activity}; blank values count as absent. */
    public static final class Builder {
        private final String[] v = new String[14];

        private Builder() {
        }

        private Builder set(int i, String value) {
            v[i] = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /**
         * @param s {@code codeModeExercice}
         * @return this builder
         */
        public Builder modeCode(String s) {
            return set(0, s);
        }

        /**
         * @param s {@code codeSecteurDactivite}
         * @return this builder
         */
        public Builder sectorCode(String s) {
            return set(1, s);
        }

        /**
         * @param s {@code codeSectionPharmacien}
         * @return this builder
         */
        public Builder pharmacistSectionCode(String s) {
            return set(2, s);
        }

        /**
         * @param s {@code codeRole}
         * @return this builder
         */
        public Builder roleCode(String s) {
            return set(3, s);
        }

        /**
         * @param s {@code codeGenreActivite}
         * @return this builder
         */
        public Builder activityKindCode(String s) {
            return set(4, s);
        }

        /**
         * @param s {@code numeroSiretSite}
         * @return this builder
         */
        public Builder siret(String s) {
            return set(5, s);
        }

        /**
         * @param s {@code numeroSirenSite}
         * @return this builder
         */
        public Builder siren(String s) {
            return set(6, s);
        }

        /**
         * @param s {@code numeroFinessSite}
         * @return this builder
         */
        public Builder finessSite(String s) {
            return set(7, s);
        }

        /**
         * @param s {@code numeroFinessetablissementJuridique}
         * @return this builder
         */
        public Builder finessLegalEntity(String s) {
            return set(8, s);
        }

        /**
         * @param s {@code identifiantTechniqueDeLaStructure}
         * @return this builder
         */
        public Builder structureTechnicalId(String s) {
            return set(9, s);
        }

        /**
         * @param s {@code raisonSocialeSite}
         * @return this builder
         */
        public Builder companyName(String s) {
            return set(10, s);
        }

        /**
         * @param s {@code enseigneCommercialeSite}
         * @return this builder
         */
        public Builder tradeName(String s) {
            return set(11, s);
        }

        /**
         * @param s {@code ancienIdentifiantDeLaStructure}
         * @return this builder
         */
        public Builder legacyStructureId(String s) {
            return set(12, s);
        }

        /**
         * @param s {@code autoriteDenregistrement}
         * @return this builder
         */
        public Builder registrationAuthority(String s) {
            return set(13, s);
        }

        /**
         * Builds the activity.
         *
         * @return the activity
         */
        public Activity build() {
            return new Activity(o(0), o(1), o(2), o(3), o(4), o(5), o(6), o(7), o(8), o(9), o(10), o(11), o(12),
                    o(13));
        }

        private Optional<String> o(int i) {
            return Optional.ofNullable(v[i]);
        }
    }
}
