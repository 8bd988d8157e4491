package fr.segurbio.mss.annuaire;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;

/**
 * A health professional found by RPPS, with the MSSanté mailboxes published for them; and the checks the lab makes
 * before sending: is it the person the report names, and which mailbox may receive the report.
 *
 * <pre>{@code
 * Professional p = annuaire.lookup("10003456789");
 * p.verifyIdentity("DUPONT", "Jean-Marie");          // MSS-108 when the Annuaire names someone else
 * MailAddress to = p.reportMailbox().address();       // MSS-106 liste rouge, MSS-107 no usable mailbox
 * }</pre>
 *
 * @param rpps the 11-digit RPPS
 * @param familyName the family name (exercise name)
 * @param givenName the given name, if known
 * @param mailboxes the published mailboxes, the person's own first
 */
public record Professional(String rpps, String familyName, Optional<String> givenName, List<Mailbox> mailboxes) {

    /**
     * Checks the fields.
     *
     * @param rpps the RPPS
     * @param familyName the family name
     * @param givenName the given name
     * @param mailboxes the mailboxes
     */
    public Professional {
        requireRpps(rpps);
        Objects.requireNonNull(familyName, "familyName");
        Objects.requireNonNull(givenName, "givenName");
        mailboxes = List.copyOf(mailboxes);
    }

    /**
     * Checks an RPPS number.
     *
     * @param rpps the number
     * @return the number
     * @throws MssException {@code MSS-405} when it is not 11 digits
     */
    public static String requireRpps(String rpps) {
        if (rpps == null || !rpps.matches("\\d{11}")) {
            throw new MssException(MssError.BAD_RPPS, rpps);
        }
        return rpps;
    }

    /**
     * Checks that the Annuaire names the person the lab knows under this RPPS (names compared without case,
     * accents, hyphens or spaces).
     *
     * @param family the family name the lab has
     * @param given the given name the lab has, or {@code null} to compare the family name only
     * @throws MssException {@code MSS-108} when they differ
     */
    public void verifyIdentity(String family, String given) {
        List<String> problems = new ArrayList<>();
        if (!fold(family).equals(fold(familyName))) {
            problems.add("family name \"" + family + "\" vs \"" + familyName + "\"");
        }
        if (given != null && givenName.isPresent() && !fold(given).equals(fold(givenName.get()))) {
            problems.add("given name \"" + given + "\" vs \"" + givenName.get() + "\"");
        }
        if (!problems.isEmpty()) {
            throw new MssException(MssError.IDENTITY_MISMATCH, rpps, String.join(", ", problems));
        }
    }

    /**
     * The mailbox to send a report to: the first usable one ({@link Mailbox#usableForReports()}).
     *
     * @return the mailbox
     * @throws MssException {@code MSS-106} when every candidate is on liste rouge, {@code MSS-107} when there is
     *         no usable mailbox
     */
    public Mailbox reportMailbox() {
        for (Mailbox m : mailboxes) {
            if (m.usableForReports()) {
                return m;
            }
        }
        if (!mailboxes.isEmpty() && mailboxes.stream().allMatch(Mailbox::listeRouge)) {
            throw new MssException(MssError.RECIPIENT_LISTE_ROUGE, rpps);
        }
        throw new MssException(MssError.RECIPIENT_WITHOUT_MAILBOX, rpps,
                mailboxes.isEmpty() ? "none published" : mailboxes.size() + " published, none PER/CAB accepting documents");
    }

    static String fold(String s) {
        return Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
    }
}
