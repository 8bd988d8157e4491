package fr.segurbio.mss.annuaire;

/**
 * The type of an MSSanté mailbox (TRE_R257-TypeBAL, JDV_J139).
 *
 * <pre>{@code
 * if (mailbox.type() == MailboxType.PER) { ... }
 * }</pre>
 */
public enum MailboxType {
    /** A person's mailbox (personnelle). */
    PER,
    /** An organisation's mailbox (organisationnelle). */
    ORG,
    /** An application's mailbox (applicative). */
    APP,
    /** A practice's mailbox (cabinet). */
    CAB
}
