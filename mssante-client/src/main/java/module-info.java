/**
 * Ségur Bio SDK — MSSanté client: the message (subject convention, {@code X-MSS-*} headers, IHE XDM with the N3
 * and the N1, the PDF beside it), SMTP submission and IMAP with the lab's client certificate or a Pro Santé
 * Connect token (SASL XOAUTH2 / OAUTHBEARER), the returns (MDN, DSN, volet error codes) matched per message and
 * recipient, and the Annuaire Santé lookup of a professional's MSSanté mailboxes.
 */
module fr.segurbio.mss {
    requires transitive fr.segurbio.core;
    requires transitive fr.segurbio.transport;
    requires transitive fr.segurbio.ins;
    requires transitive fr.segurbio.cda;
    requires transitive jakarta.mail;
    requires org.eclipse.angus.mail;
    requires java.security.sasl;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports fr.segurbio.mss;
    exports fr.segurbio.mss.xdm;
    exports fr.segurbio.mss.mail;
    exports fr.segurbio.mss.returns;
    exports fr.segurbio.mss.annuaire;
}
