package fr.segurbio.core.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A health professional authenticated by Pro Santé Connect (e-CPS or CPS card), in the situation d'exercice
 * chosen for the session: the value that psc-auth produces and that dmp-client (the VIHF of the reinforced
 * indirect mode, "AIR") and mssante-client (personal mailboxes) consume, so that those modules never depend on
 * one another.
 *
 * <pre>{@code
 * AuthenticatedPractitioner p = AuthenticatedPractitioner.builder()
 *         .nationalId("810002909371")            // SubjectNameID: 8 + RPPS
 *         .familyName("BIOLOGISTE").givenName("Anne")
 *         .professionCode("21")                   // codeProfession (pharmacien)
 *         .specialtyCode("SM99")                  // codeSavoirFaire, when the profession has one
 *         .sectorCode("SA07")                     // codeSecteurDactivite
 *         .structureId("3750000000/LAB1")         // ancienIdentifiantDeLaStructure
 *         .structureName("Laboratoire des Lilas")
 *         .authenticationLevel("APPPRIP3^1.2.250.1.213.1.5.1.1.1")
 *         .authenticatedAt(Instant.now())
 *         .build();
 * }</pre>
 *
 * @param nationalId the national identifier of the professional (idNat_PS, {@code 8} + RPPS)
 * @param familyName the family name of exercise ({@code nomDexercice})
 * @param givenName the given name of exercise ({@code prenomDexercice})
 * @param professionCode the profession code (TRE_G15, OID {@code 1.2.250.1.71.1.2.7})
 * @param specialtyCode the savoir-faire code (TRE_R38, OID {@code 1.2.250.1.71.4.2.5}), if any
 * @param sectorCode the activity sector code (TRE_R02, OID {@code 1.2.250.1.71.4.2.4}) of the situation
 * @param structureId the structure's identifier in the situation ({@code ancienIdentifiantDeLaStructure})
 * @param structureName the structure's name ({@code raisonSocialeSite}), if known
 * @param authenticationLevel the PSC authentication level ({@code Palier_Authentification}), if known
 * @param authenticatedAt when PSC authenticated the professional
 */
public record AuthenticatedPractitioner(String nationalId, String familyName, String givenName,
        String professionCode, Optional<String> specialtyCode, String sectorCode, String structureId,
        Optional<String> structureName, Optional<String> authenticationLevel, Instant authenticatedAt) {

    /**
     * Checks that every required field is present and not blank.
     *
     * @param nationalId the national identifier
     * @param familyName the family name
     * @param givenName the given name
     * @param professionCode the profession code
     * @param specialtyCode the savoir-faire code
     * @param sectorCode the activity sector code
     * @param structureId the structure identifier
     * @param structureName the structure name
     * @param authenticationLevel the authentication level
     * @param authenticatedAt the authentication instant
     */
    public AuthenticatedPractitioner {
        nationalId = required(nationalId, "nationalId");
        familyName = required(familyName, "familyName");
        givenName = required(givenName, "givenName");
        professionCode = required(professionCode, "professionCode");
        specialtyCode = Objects.requireNonNull(specialtyCode, "specialtyCode").filter(s -> !s.isBlank());
        sectorCode = required(sectorCode, "sectorCode");
        structureId = required(structureId, "structureId");
        structureName = Objects.requireNonNull(structureName, "structureName").filter(s -> !s.isBlank());
        authenticationLevel = Objects.requireNonNull(authenticationLevel, "authenticationLevel")
                .filter(s -> !s.isBlank());
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    }

    private static String required(String v, String name) {
        Objects.requireNonNull(v, name);
        if (v.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return v.strip();
    }

    /**
     * The professional's RPPS number: the national identifier without its leading type digit {@code 8}.
     *
     * @return the RPPS, or empty when the national identifier is not an RPPS-based one
     */
    public Optional<String> rpps() {
        return nationalId.length() == 12 && nationalId.charAt(0) == '8'
                ? Optional.of(nationalId.substring(1)) : Optional.empty();
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AuthenticatedPractitioner}; {@link #build()} checks the required fields. */
    public static final class Builder {
        private String nationalId;
        private String familyName;
        private String givenName;
        private String professionCode;
        private String specialtyCode;
        private String sectorCode;
        private String structureId;
        private String structureName;
        private String authenticationLevel;
        private Instant authenticatedAt;

        private Builder() {
        }

        /**
         * @param v the national identifier (idNat_PS)
         * @return this builder
         */
        public Builder nationalId(String v) {
            nationalId = v;
            return this;
        }

        /**
         * @param v the family name of exercise
         * @return this builder
         */
        public Builder familyName(String v) {
            familyName = v;
            return this;
        }

        /**
         * @param v the given name of exercise
         * @return this builder
         */
        public Builder givenName(String v) {
            givenName = v;
            return this;
        }

        /**
         * @param v the profession code (TRE_G15)
         * @return this builder
         */
        public Builder professionCode(String v) {
            professionCode = v;
            return this;
        }

        /**
         * @param v the savoir-faire code, or {@code null}
         * @return this builder
         */
        public Builder specialtyCode(String v) {
            specialtyCode = v;
            return this;
        }

        /**
         * @param v the activity sector code (TRE_R02)
         * @return this builder
         */
        public Builder sectorCode(String v) {
            sectorCode = v;
            return this;
        }

        /**
         * @param v the structure identifier
         * @return this builder
         */
        public Builder structureId(String v) {
            structureId = v;
            return this;
        }

        /**
         * @param v the structure name, or {@code null}
         * @return this builder
         */
        public Builder structureName(String v) {
            structureName = v;
            return this;
        }

        /**
         * @param v the PSC authentication level, or {@code null}
         * @return this builder
         */
        public Builder authenticationLevel(String v) {
            authenticationLevel = v;
            return this;
        }

        /**
         * @param v when PSC authenticated the professional
         * @return this builder
         */
        public Builder authenticatedAt(Instant v) {
            authenticatedAt = v;
            return this;
        }

        /**
         * Builds the value.
         *
         * @return the practitioner
         * @throws NullPointerException or IllegalArgumentException when a required field is missing or blank
         */
        public AuthenticatedPractitioner build() {
            return new AuthenticatedPractitioner(nationalId, familyName, givenName, professionCode,
                    Optional.ofNullable(specialtyCode), sectorCode, structureId, Optional.ofNullable(structureName),
                    Optional.ofNullable(authenticationLevel), authenticatedAt);
        }
    }
}
