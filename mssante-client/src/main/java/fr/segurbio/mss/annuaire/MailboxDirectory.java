package fr.segurbio.mss.annuaire;

/**
 * Where professionals' MSSanté mailboxes are looked up: the Annuaire Santé API or an offline extraction.
 *
 * <pre>{@code
 * MailboxDirectory directory = online ? annuaireClient : BalExtract.load(file);
 * Professional p = directory.lookup("10003456789");
 * }</pre>
 */
public interface MailboxDirectory {

    /**
     * Finds a professional by RPPS.
     *
     * @param rpps the 11-digit RPPS
     * @return the professional and their mailboxes
     * @throws fr.segurbio.mss.MssException {@code MSS-405} bad RPPS, {@code MSS-406} unknown, {@code MSS-40x}
     *         the directory failed
     */
    Professional lookup(String rpps);
}
