package fr.segurbio.dispatch.journal;

import java.util.Objects;

/**
 * What identifies one sending: a report version, a channel and a recipient. The journal holds one entry per
 * key, so planning the same key twice never creates a second sending.
 *
 * <pre>{@code
 * SendingKey k = new SendingKey("CR-2026-0042", 2, Channel.MSSANTE_PROFESSIONAL, "dr.martin@hopital.mssante.fr");
 * }</pre>
 *
 * @param reportId the report's identifier in the SGL (its set id)
 * @param reportVersion the report's version, from 1
 * @param channel the channel
 * @param recipient the recipient: an MSSanté address, or the patient's INS for the DMP
 */
public record SendingKey(String reportId, int reportVersion, Channel channel, String recipient) {

    /**
     * Checks the fields.
     *
     * @param reportId the report's identifier
     * @param reportVersion the version, from 1
     * @param channel the channel
     * @param recipient the recipient
     */
    public SendingKey {
        reportId = text(reportId, "reportId", 200);
        if (reportVersion < 1) {
            throw new IllegalArgumentException("reportVersion must be 1 or more: " + reportVersion);
        }
        Objects.requireNonNull(channel, "channel");
        recipient = text(recipient, "recipient", 320);
    }

    private static String text(String v, String name, int max) {
        Objects.requireNonNull(v, name);
        if (v.isBlank() || v.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
        }
        return v;
    }

    @Override
    public String toString() {
        return reportId + " v" + reportVersion + " " + channel;
    }
}
