package fr.segurbio.mss.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

/**
 * The mutual-TLS socket factory with Nagle's algorithm off on every socket it makes ({@code TCP_NODELAY}).
 *
 * <p>SMTP and IMAP are request/answer protocols whose clients write a command in several small writes (the end of a
 * message's {@code DATA} is a short {@code CRLF.CRLF} after the body): with Nagle on, the last small write waits for
 * the acknowledgement of the previous one, which the server delays (up to 40 ms on Linux), once per command. Jakarta
 * Mail has no setting for it, so the factory it is given sets it.
 */
final class NoDelaySocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;

    NoDelaySocketFactory(SSLSocketFactory delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    /** STARTTLS: TLS layered over the plain socket Jakarta Mail opened; the option is the underlying socket's. */
    @Override
    public Socket createSocket(Socket plain, String host, int port, boolean autoClose) throws IOException {
        noDelay(plain);
        return noDelay(delegate.createSocket(plain, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
