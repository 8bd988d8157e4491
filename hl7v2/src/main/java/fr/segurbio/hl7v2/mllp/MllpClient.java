package fr.segurbio.hl7v2.mllp;

import fr.segurbio.core.Problem;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.SentMessages;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.AuditListener;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.WireExchange;
import fr.segurbio.transport.WireTraceSink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * An MLLP client towards the PFI/DPI: one persistent connection (TCP, or TLS with the lab's certificate),
 * original-mode acknowledgement read synchronously on the same connection and matched by MSA-2, bounded reply
 * size, connect and response timeouts, and one reconnection when the connection was dropped (the message is
 * then sent again with the same MSH-10, so that the receiver can recognise it). Thread-safe: exchanges are
 * serialised on the connection.
 *
 * <p>TLS, timeouts, size limit, audit and wire trace come from transport's {@link ServiceConnection}, the same
 * value the SOAP and REST clients take, so no transport setting is repeated. The server's certificate must name
 * the host connected to (HTTPS endpoint identification).
 *
 * <pre>{@code
 * try (MllpClient pfi = MllpClient.builder("pfi.chu.local", 6661).connection(connection).build()) {
 *     Acknowledgement ack = pfi.send(oru);
 *     if (!ack.code().isAccepted()) { ... }
 * }
 * }</pre>
 */
public final class MllpClient implements AutoCloseable {

    private final String host;
    private final int port;
    private final SSLContext sslContext;
    private final int connectTimeoutMs;
    private final int responseTimeoutMs;
    private final int maxBytes;
    private final int reconnects;
    private final AuditListener audit;
    private final WireTraceSink wireTrace;
    private final String principal;
    private final Clock clock;
    private final Er7Parser parser;
    private final URI endpoint;
    private final SentMessages sent;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private MllpClient(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.sslContext = b.sslContext;
        this.connectTimeoutMs = (int) b.connectTimeout.toMillis();
        this.responseTimeoutMs = (int) b.responseTimeout.toMillis();
        this.maxBytes = b.maxBytes;
        this.reconnects = b.reconnects;
        this.audit = b.audit;
        this.wireTrace = b.wireTrace;
        this.principal = b.principal;
        this.clock = b.clock;
        this.parser = Er7Parser.builder().maxBytes(b.maxBytes).build();
        this.endpoint = URI.create((sslContext == null ? "mllp://" : "mllps://") + host + ":" + port);
        this.sent = b.sent;
    }

    /**
     * A builder.
     *
     * @param host the PFI's host
     * @param port the PFI's MLLP port
     * @return a new builder
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * The endpoint, {@code mllp://host:port} or {@code mllps://host:port}.
     *
     * @return the endpoint
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Sends a message and reads its ACK.
     *
     * @param message the message
     * @return the acknowledgement (AE and AR are results, not exceptions)
     * @throws Hl7Exception {@code HL7-401} cannot connect, {@code HL7-402} timeout, {@code HL7-403} connection
     *         lost (after the reconnection), {@code HL7-404} framing, {@code HL7-406} TLS, {@code HL7-407} the
     *         reply acknowledges another message, or the reply's own parsing problems
     */
    public Acknowledgement send(Hl7Message message) {
        if (sent != null) {
            sent.register(message);
        }
        Hl7Message reply = exchange(message);
        Acknowledgement ack = Acknowledgement.read(reply);
        if (!ack.acknowledgedControlId().equals(message.controlId())) {
            throw new Hl7Exception(Hl7Error.ACK_MISMATCH, ack.acknowledgedControlId(), message.controlId());
        }
        if (sent != null) {
            sent.acknowledged(ack);
        }
        return ack;
    }

    /**
     * Sends a message and returns the reply as it came.
     *
     * @param message the message
     * @return the reply
     * @throws Hl7Exception as {@link #send(Hl7Message)}, without the ACK checks
     */
    public synchronized Hl7Message exchange(Hl7Message message) {
        byte[] request = message.toBytes();
        String operation = message.messageType() + "^" + message.triggerEvent();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            byte[] reply = null;
            try {
                ensureConnected();
                MllpFraming.write(out, request);
                reply = MllpFraming.read(in, maxBytes);
                if (reply == null) {
                    throw new Hl7Exception(Hl7Error.CLOSED, endpoint);
                }
                Hl7Message parsed = parser.parse(reply);
                trace(message.controlId(), operation, attempt, start, request, reply, null);
                auditEvent(operation, start, t0, AuditEvent.Outcome.SUCCESS, null, message.controlId(), attempt);
                return parsed;
            } catch (SocketTimeoutException e) {
                closeQuietly();
                fail(operation, start, t0, message, attempt, request, reply,
                        new Hl7Exception(Problem.of(Hl7Error.TIMEOUT, "", endpoint, responseTimeoutMs), e));
            } catch (SSLException e) {
                closeQuietly();
                fail(operation, start, t0, message, attempt, request, reply,
                        new Hl7Exception(Problem.of(Hl7Error.TLS, "", endpoint, e.getMessage()), e));
            } catch (IOException | Hl7Exception e) {
                closeQuietly();
                boolean dropped = e instanceof IOException
                        || (e instanceof Hl7Exception h && h.code() == Hl7Error.CLOSED);
                if (dropped && attempt <= reconnects) {
                    continue;
                }
                Hl7Exception failure = e instanceof Hl7Exception h ? h
                        : new Hl7Exception(Problem.of(Hl7Error.CLOSED, "", endpoint), e);
                fail(operation, start, t0, message, attempt, request, reply, failure);
            }
        }
    }

    private void fail(String operation, Instant start, long t0, Hl7Message message, int attempt, byte[] request,
            byte[] reply, Hl7Exception failure) {
        trace(message.controlId(), operation, attempt, start, request, reply, failure.getMessage());
        auditEvent(operation, start, t0, AuditEvent.Outcome.TRANSPORT_ERROR, failure.code().id(),
                message.controlId(), attempt);
        throw failure;
    }

    private void trace(String id, String operation, int attempt, Instant sent, byte[] request, byte[] reply,
            String failure) {
        wireTrace.exchange(new WireExchange(id, "HL7v2", operation, endpoint, attempt, sent, "x-application/hl7-v2+er7",
                request, reply == null ? 0 : 200, Map.of(), reply == null ? new byte[0] : reply, failure));
    }

    private void auditEvent(String operation, Instant start, long t0, AuditEvent.Outcome outcome, String code,
            String id, int attempts) {
        audit.onCall(new AuditEvent("HL7v2", operation, endpoint, principal, start,
                Duration.ofNanos(System.nanoTime() - t0), outcome, code, id, attempts));
    }

    private void ensureConnected() throws IOException {
        if (socket != null && !socket.isClosed()) {
            return;
        }
        Socket s;
        try {
            if (sslContext != null) {
                Socket raw = new Socket();
                raw.connect(new InetSocketAddress(host, port), connectTimeoutMs);
                SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(raw, host, port, true);
                tls.setSoTimeout(responseTimeoutMs);
                tls.setUseClientMode(true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(params);
                tls.startHandshake();
                s = tls;
            } else {
                s = new Socket();
                s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            }
        } catch (SSLException e) {
            throw e;
        } catch (IOException e) {
            throw new Hl7Exception(Problem.of(Hl7Error.CONNECT, "", endpoint, e.getMessage()), e);
        }
        s.setSoTimeout(responseTimeoutMs);
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 65536);
        out = new BufferedOutputStream(s.getOutputStream(), 65536);
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing more to do
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Closes the connection. */
    @Override
    public synchronized void close() {
        closeQuietly();
    }

    /** Configures a client. */
    public static final class Builder {

        private final String host;
        private final int port;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private int maxBytes = Er7Parser.DEFAULT_MAX_BYTES;
        private int reconnects = 1;
        private AuditListener audit = AuditListener.NONE;
        private WireTraceSink wireTrace = WireTraceSink.NONE;
        private String principal = "";
        private Clock clock = Clock.systemUTC();
        private SentMessages sent;

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
        }

        /**
         * Takes TLS (the lab's certificate and trusted CAs), connect and response timeouts, size limit, audit,
         * wire trace and clock from the lab's service connection.
         *
         * @param connection the connection settings
         * @return this builder
         */
        public Builder connection(ServiceConnection connection) {
            connection.sslContext().ifPresent(c -> this.sslContext = c);
            this.connectTimeout = connection.connectTimeout();
            this.responseTimeout = connection.responseTimeout();
            this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, connection.maxResponseBytes());
            this.audit = connection.auditListener();
            this.wireTrace = connection.wireTrace();
            this.principal = connection.principal();
            this.clock = connection.clock();
            return this;
        }

        /**
         * TLS with this context (client certificate and trust); plain TCP when not set.
         *
         * @param value the context, or {@code null} for plain TCP
         * @return this builder
         */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        /**
         * The connect timeout (10 s unless set).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /**
         * How long to wait for the reply (30 s unless set).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = value;
            return this;
        }

        /**
         * The largest reply accepted.
         *
         * @param value bytes
         * @return this builder
         */
        public Builder maxMessageBytes(int value) {
            this.maxBytes = value;
            return this;
        }

        /**
         * How many times a dropped connection is re-opened for one message (1 unless set; 0 for none).
         *
         * @param value the number of reconnections
         * @return this builder
         */
        public Builder reconnects(int value) {
            this.reconnects = value;
            return this;
        }

        /**
         * The audit listener (one event per message sent).
         *
         * @param value the listener
         * @return this builder
         */
        public Builder auditListener(AuditListener value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * The wire trace (the bytes sent and received).
         *
         * @param value the sink
         * @return this builder
         */
        public Builder wireTrace(WireTraceSink value) {
            this.wireTrace = Objects.requireNonNull(value, "wireTrace");
            return this;
        }

        /**
         * Where each message sent is registered with its ACK, so that the ZAMs arriving later on the listener
         * ({@link MessageHandler#businessAcks}) find it.
         *
         * @param value the registry, or {@code null} for none
         * @return this builder
         */
        public Builder sentMessages(SentMessages value) {
            this.sent = value;
            return this;
        }

        /**
         * The client.
         *
         * @return the client (connects on the first message)
         */
        public MllpClient build() {
            return new MllpClient(this);
        }
    }
}
