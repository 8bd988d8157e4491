package fr.segurbio.mss.mail;

import java.util.Locale;
import java.util.Objects;

import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;

/**
 * A server of the operator: host, port, TLS mode.
 *
 * <pre>{@code
 * Endpoint imap = new Endpoint("imap.operateur.mssante.fr", 993, TlsMode.IMPLICIT);
 * }</pre>
 *
 * @param host the host name (lower case)
 * @param port the port
 * @param tls how TLS starts
 */
public record Endpoint(String host, int port, TlsMode tls) {

    /**
     * Checks the fields.
     *
     * @param host the host
     * @param port the port
     * @param tls the TLS mode
     */
    public Endpoint {
        Objects.requireNonNull(tls, "tls");
        if (host == null || !host.matches("[A-Za-z0-9.-]{1,253}")) {
            throw new MssException(MssError.BAD_OPERATOR_CONFIG, "host " + host);
        }
        if (port < 1 || port > 65535) {
            throw new MssException(MssError.BAD_OPERATOR_CONFIG, "port " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (" + tls + ")";
    }
}
