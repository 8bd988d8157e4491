package fr.segurbio.dmp;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the lab recorded about the patient's information and wishes — kept by the lab software, since the DMP
 * receives no "informed" flag (IG PDSM, TD0.2/TD2.1): whether the patient was informed that the report feeds the
 * DMP, whether the patient opposed it, and whether the patient consented to the lab consulting the DMP.
 *
 * <pre>{@code
 * PatientConsent consent = PatientConsent.informedNotOpposed(Instant.now());
 * PatientConsent opposed = PatientConsent.opposed(Instant.now());
 * }</pre>
 *
 * @param informed the patient was informed that the DMP is fed
 * @param opposedToFeeding the patient opposed feeding the DMP (for a legitimate reason)
 * @param consultationConsent the patient consented to the lab consulting the DMP
 * @param recordedAt when the lab recorded these facts, if known
 */
public record PatientConsent(boolean informed, boolean opposedToFeeding, boolean consultationConsent,
        Optional<Instant> recordedAt) {

    /**
     * Checks the fields.
     *
     * @param informed informed
     * @param opposedToFeeding opposed to feeding
     * @param consultationConsent consent to consultation
     * @param recordedAt when recorded
     */
    public PatientConsent {
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /**
     * Informed, not opposed, no consent to consultation.
     *
     * @param at when recorded
     * @return the consent
     */
    public static PatientConsent informedNotOpposed(Instant at) {
        return new PatientConsent(true, false, false, Optional.ofNullable(at));
    }

    /**
     * Informed and opposed.
     *
     * @param at when recorded
     * @return the consent
     */
    public static PatientConsent opposed(Instant at) {
        return new PatientConsent(true, true, false, Optional.ofNullable(at));
    }

    /**
     * The same with consent to consultation.
     *
     * @return a new value
     */
    public PatientConsent withConsultationConsent() {
        return new PatientConsent(informed, opposedToFeeding, true, recordedAt);
    }
}
