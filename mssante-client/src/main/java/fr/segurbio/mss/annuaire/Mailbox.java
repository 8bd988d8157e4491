package fr.segurbio.mss.annuaire;

import java.util.Objects;
import java.util.Optional;

import fr.segurbio.mss.MailAddress;

/**
 * One MSSanté mailbox of a professional as the Annuaire Santé publishes it.
 *
 * <pre>{@code
 * professional.mailboxes().stream().filter(Mailbox::usableForReports).findFirst();
 * }</pre>
 *
 * @param address the address
 * @param type PER, ORG, APP or CAB
 * @param listeRouge whether the professional asked for it not to be published (never used by the SDK)
 * @param acceptsDocuments whether it accepts dematerialised documents ({@code digitization}), when known
 * @param description the description, if any
 */
public record Mailbox(MailAddress address, MailboxType type, boolean listeRouge, Optional<Boolean> acceptsDocuments,
        Optional<String> description) {

    /**
     * Checks the fields.
     *
     * @param address the address
     * @param type the type
     * @param listeRouge the liste rouge flag
     * @param acceptsDocuments the digitization flag
     * @param description the description
     */
    public Mailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(acceptsDocuments, "acceptsDocuments");
        Objects.requireNonNull(description, "description");
    }

    /**
     * Whether a report may be sent to it: a person's or a practice's mailbox, not on liste rouge, not known to
     * refuse dematerialised documents.
     *
     * @return true when usable
     */
    public boolean usableForReports() {
        return !listeRouge && (type == MailboxType.PER || type == MailboxType.CAB)
                && acceptsDocuments.orElse(Boolean.TRUE);
    }
}
