package fr.segurbio.hl7v2.pam;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The patient's DMP situation as the hospital's identity repository sends it in ZFA (PAM FR 2.11): the DMP status
 * (ZFA-1), the opposition to feeding the DMP (ZFA-9) and the consent to consulting it (ZFA-11), with their dates.
 *
 * <pre>{@code
 * DmpConsent c = feed.update().orElseThrow().consent().orElseThrow();
 * c.mayFeedDmp();       // ACTIF and INO: the lab may publish the report to the DMP
 * }</pre>
 *
 * @param status ZFA-1
 * @param statusDate ZFA-2
 * @param feeding ZFA-9
 * @param feedingDate ZFA-10
 * @param consultation ZFA-11
 * @param consultationDate ZFA-12
 */
public record DmpConsent(Optional<DmpStatus> status, Optional<LocalDateTime> statusDate, Optional<Feeding> feeding,
        Optional<LocalDateTime> feedingDate, Optional<Consultation> consultation,
        Optional<LocalDateTime> consultationDate) {

    /** ZFA-1: the patient's DMP. */
    public enum DmpStatus {
        /** {@code ACTIF}: the DMP exists and is open. */
        ACTIF,
        /** {@code FERME}: the DMP is closed. */
        FERME,
        /** {@code INEXISTANT}: the patient has no DMP. */
        INEXISTANT
    }

    /** ZFA-9: the patient was told the care team feeds the DMP and may object. */
    public enum Feeding {
        /** {@code INO}: informed, not opposed. */
        INFORMED_NOT_OPPOSED("INO"),
        /** {@code IO}: informed, opposed. */
        INFORMED_OPPOSED("IO"),
        /** {@code NA}: not asked. */
        NOT_ASKED("NA");

        private final String code;

        Feeding(String code) {
            this.code = code;
        }

        /**
         * The ZFA-9 code.
         *
         * @return {@code INO}, {@code IO} or {@code NA}
         */
        public String code() {
            return code;
        }
    }

    /** ZFA-11: the patient's consent to consulting the DMP. */
    public enum Consultation {
        /** {@code IC}: consent given. */
        CONSENT("IC"),
        /** {@code INC}: consent refused. */
        NO_CONSENT("INC"),
        /** {@code NA}: not asked. */
        NOT_ASKED("NA");

        private final String code;

        Consultation(String code) {
            this.code = code;
        }

        /**
         * The ZFA-11 code.
         *
         * @return {@code IC}, {@code INC} or {@code NA}
         */
        public String code() {
            return code;
        }
    }

    /**
     * Whether the lab may publish to the DMP: the DMP is {@code ACTIF} and the patient, informed, did not object.
     *
     * @return {@code true} when feeding is allowed
     */
    public boolean mayFeedDmp() {
        return status.orElse(null) == DmpStatus.ACTIF && feeding.orElse(null) == Feeding.INFORMED_NOT_OPPOSED;
    }

    /**
     * Whether a professional may consult the DMP: the DMP is {@code ACTIF} and the patient consented.
     *
     * @return {@code true} when consultation is allowed
     */
    public boolean mayConsultDmp() {
        return status.orElse(null) == DmpStatus.ACTIF && consultation.orElse(null) == Consultation.CONSENT;
    }
}
