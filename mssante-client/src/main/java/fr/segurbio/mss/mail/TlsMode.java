package fr.segurbio.mss.mail;

/**
 * How a connection to the operator starts TLS. There is no clear-text mode.
 *
 * <pre>{@code
 * Endpoint smtp = new Endpoint("smtp.operateur.mssante.fr", 465, TlsMode.IMPLICIT);
 * }</pre>
 */
public enum TlsMode {
    /** TLS from the first byte (SMTPS 465, IMAPS 993). */
    IMPLICIT,
    /** STARTTLS, required: a server that refuses or does not offer it is left (587, 143). */
    STARTTLS
}
