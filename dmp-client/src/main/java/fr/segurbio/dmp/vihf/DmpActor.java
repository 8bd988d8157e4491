package fr.segurbio.dmp.vihf;

import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.auth.AuthenticatedPractitioner;

/**
 * Who acts on the DMP, as the VIHF declares it: an automate of the structure (batch feeding, "0 clic"), a
 * professional the structure declares (indirect mode), or a practitioner Pro Santé Connect authenticated
 * (reinforced indirect mode, "AIR").
 *
 * <pre>{@code
 * DmpActor batch = DmpActor.automate("1750000000/SGL", "SGL Labo, automate, laboratoire");
 * DmpActor biologist = DmpActor.professional("810002909371", "BIOLOGISTE", "Anne", "21", "SM03");
 * DmpActor air = DmpActor.authenticated(practitionerFromPsc);
 * }</pre>
 */
public sealed interface DmpActor {

    /**
     * The access mode this actor implies.
     *
     * @return the mode
     */
    AccessMode mode();

    /**
     * The VIHF {@code Subject/NameID}.
     *
     * @return the identifier
     */
    String nameId();

    /**
     * The VIHF {@code subject-id} attribute.
     *
     * @return the display of the subject
     */
    String subjectId();

    /**
     * An automate: role {@code AUTOMATE}, indirect mode.
     *
     * @param nameId the identifier of the person or treatment responsible (such as {@code 1750000000/SGL}: structure / treatment)
     * @param subjectId "software name, model, service"
     * @return the actor
     */
    static DmpActor automate(String nameId, String subjectId) {
        return new Automate(nameId, subjectId);
    }

    /**
     * A professional declared by the structure, indirect mode.
     *
     * @param nationalId the national identifier (idNat_PS, {@code 8} + RPPS)
     * @param familyName the family name
     * @param givenName the given name
     * @param professionCode the profession (TRE_G15: {@code 10} médecin, {@code 21} pharmacien)
     * @param specialtyCode the savoir-faire (TRE_R38, such as {@code SM03} biologie médicale), or {@code null}
     * @return the actor
     */
    static DmpActor professional(String nationalId, String familyName, String givenName, String professionCode,
            String specialtyCode) {
        return new Professional(nationalId, familyName, givenName, professionCode, Optional.ofNullable(specialtyCode));
    }

    /**
     * A practitioner authenticated by Pro Santé Connect: reinforced indirect mode; the VIHF's sector and structure
     * come from the practitioner's situation d'exercice.
     *
     * @param practitioner the practitioner
     * @return the actor
     */
    static DmpActor authenticated(AuthenticatedPractitioner practitioner) {
        return new Practitioner(practitioner);
    }

    /**
     * An automate of the structure.
     *
     * @param nameId the NameID
     * @param subjectId the subject-id
     */
    record Automate(String nameId, String subjectId) implements DmpActor {
        /**
         * Checks the fields.
         *
         * @param nameId the NameID
         * @param subjectId the subject-id
         */
        public Automate {
            nameId = Checks.required(nameId, "nameId");
            subjectId = Checks.required(subjectId, "subjectId");
        }

        @Override
        public AccessMode mode() {
            return AccessMode.INDIRECTE;
        }
    }

    /**
     * A professional declared by the structure.
     *
     * @param nationalId the national identifier
     * @param familyName the family name
     * @param givenName the given name
     * @param professionCode the profession code
     * @param specialtyCode the savoir-faire code
     */
    record Professional(String nationalId, String familyName, String givenName, String professionCode,
            Optional<String> specialtyCode) implements DmpActor {
        /**
         * Checks the fields.
         *
         * @param nationalId the national identifier
         * @param familyName the family name
         * @param givenName the given name
         * @param professionCode the profession code
         * @param specialtyCode the savoir-faire code
         */
        public Professional {
            nationalId = Checks.required(nationalId, "nationalId");
            familyName = Checks.required(familyName, "familyName");
            givenName = Checks.required(givenName, "givenName");
            professionCode = Checks.required(professionCode, "professionCode");
            specialtyCode = Objects.requireNonNull(specialtyCode, "specialtyCode").filter(s -> !s.isBlank());
        }

        @Override
        public AccessMode mode() {
            return AccessMode.INDIRECTE;
        }

        @Override
        public String nameId() {
            return nationalId;
        }

        @Override
        public String subjectId() {
            return givenName + " " + familyName;
        }
    }

    /**
     * A practitioner authenticated by Pro Santé Connect.
     *
     * @param practitioner the practitioner
     */
    record Practitioner(AuthenticatedPractitioner practitioner) implements DmpActor {
        /**
         * Checks the field.
         *
         * @param practitioner the practitioner
         */
        public Practitioner {
            Objects.requireNonNull(practitioner, "practitioner");
        }

        @Override
        public AccessMode mode() {
            return AccessMode.INDIRECTE_RENFORCEE;
        }

        @Override
        public String nameId() {
            return practitioner.nationalId();
        }

        @Override
        public String subjectId() {
            return practitioner.givenName() + " " + practitioner.familyName();
        }
    }
}
