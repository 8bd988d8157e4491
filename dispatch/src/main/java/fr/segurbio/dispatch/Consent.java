package fr.segurbio.dispatch;

/**
 * What the patient decided about sharing this report, as the SGL recorded it.
 *
 * <pre>{@code
 * Consent c = Consent.NONE;                                   // informed, no opposition
 * Consent annonce = new Consent(false, false, true);          // results to be announced first
 * }</pre>
 *
 * @param dmpOpposition the patient opposed feeding the DMP (for this report or for good)
 * @param patientMessagingOpposition the patient opposed receiving it in Mon espace santé's messaging
 * @param annonceHold the report must be announced to the patient in a consultation first ("annonce"): the DMP
 *        documents are submitted invisible to the patient and the patient's message waits for
 *        {@link Dispatcher#release}
 */
public record Consent(boolean dmpOpposition, boolean patientMessagingOpposition, boolean annonceHold) {

    /** No opposition, no hold. */
    public static final Consent NONE = new Consent(false, false, false);
}
