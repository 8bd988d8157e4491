package fr.segurbio.mss.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.segurbio.mss.MailAddress;

/**
 * What the submission server answered for each recipient of one message: accepted, or refused with its SMTP
 * reply (a {@code 4xx} is temporary, a {@code 5xx} final). Partial delivery is normal: the message went to the
 * accepted recipients.
 *
 * <pre>{@code
 * SubmissionResult r = client.send(message);
 * r.refused().forEach((address, outcome) -> log.warn("{}: {}", address, outcome.reply()));
 * }</pre>
 *
 * @param messageId the message's Message-ID
 * @param recipients every recipient with its outcome, in the message's order
 */
public record SubmissionResult(String messageId, Map<MailAddress, Outcome> recipients) {

    /**
     * Copies the map, keeping its order.
     *
     * @param messageId the Message-ID
     * @param recipients the outcomes
     */
    public SubmissionResult {
        recipients = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recipients));
    }

    /**
     * Whether every recipient was accepted.
     *
     * @return true when nothing was refused
     */
    public boolean allAccepted() {
        return recipients.values().stream().allMatch(Outcome::accepted);
    }

    /**
     * The accepted recipients.
     *
     * @return the addresses
     */
    public List<MailAddress> accepted() {
        return recipients.entrySet().stream().filter(e -> e.getValue().accepted()).map(Map.Entry::getKey).toList();
    }

    /**
     * The refused recipients and why.
     *
     * @return address to outcome
     */
    public Map<MailAddress, Outcome> refused() {
        Map<MailAddress, Outcome> out = new LinkedHashMap<>();
        recipients.forEach((k, v) -> {
            if (!v.accepted()) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * One recipient's outcome.
     *
     * @param accepted whether the server took the message for this recipient
     * @param replyCode the SMTP reply code ({@code 250}, {@code 452}, {@code 550}…), 0 when not known
     * @param reply the server's reply text
     */
    public record Outcome(boolean accepted, int replyCode, String reply) {

        /**
         * Whether the refusal is temporary (a {@code 4xx}: try again later).
         *
         * @return true for a 4xx
         */
        public boolean temporary() {
            return !accepted && replyCode >= 400 && replyCode < 500;
        }
    }
}
