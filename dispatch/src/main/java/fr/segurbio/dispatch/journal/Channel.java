package fr.segurbio.dispatch.journal;

/**
 * Where a report is sent.
 *
 * <pre>{@code
 * SendingKey k = new SendingKey("CR-2026-0042", 1, Channel.DMP, "279035121518989");
 * }</pre>
 */
public enum Channel {
    /** The patient's DMP (N1 + N3, XDS.b). */
    DMP,
    /** A professional's MSSanté mailbox (prescriber, copy recipient). */
    MSSANTE_PROFESSIONAL,
    /** The patient's mailbox in Mon espace santé ({@code <INS>@patient.mssante.fr}). */
    MSSANTE_PATIENT,
    /**
     * The end of an "annonce" hold on the DMP: the N1 and N3, submitted invisible to the patient, are made
     * visible (ITI-57 on both).
     */
    DMP_RELEASE
}
