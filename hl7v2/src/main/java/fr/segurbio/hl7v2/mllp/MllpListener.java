package fr.segurbio.hl7v2.mllp;

import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.AckCode;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.ErrorCondition;
import fr.segurbio.hl7v2.ack.ErrorDetail;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLLP listener for the inbound flows (the PAM FR identity feed, the ZAMs): TCP or TLS (client certificate
 * required by default), bounded message size, idle timeout, a fixed pool of connection threads. Each frame is
 * parsed (charset from MSH-18) and given to the {@link MessageHandler}; its reply goes back on the same
 * connection. Bytes that do not parse are answered AE with the parser's problems; a handler failure AR; a frame
 * over the size limit AE {@code HL7-004} (the frame is consumed, the connection kept).
 *
 * <pre>{@code
 * try (MllpListener listener = MllpListener.builder(2575)
 *         .sslContext(MutualTls.sslContext(labCertificate, trust))
 *         .handler(MessageHandler.identityFeed(reader, repository::apply))
 *         .build().start()) {
 *     ...
 * }
 * }</pre>
 */
public final class MllpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);

    private final int requestedPort;
    private final InetAddress bindAddress;
    private final SSLContext sslContext;
    private final boolean needClientAuth;
    private final MessageHandler handler;
    private final int maxBytes;
    private final int idleTimeoutMs;
    private final int threads;
    private final Er7Parser parser;
    private final AtomicLong ids = new AtomicLong();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private ServerSocket server;
    private ExecutorService pool;
    private Thread acceptor;

    private MllpListener(Builder b) {
        this.requestedPort = b.port;
        this.bindAddress = b.bindAddress;
        this.sslContext = b.sslContext;
        this.needClientAuth = b.needClientAuth;
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.maxBytes = b.maxBytes;
        this.idleTimeoutMs = (int) b.idleTimeout.toMillis();
        this.threads = b.threads;
        this.parser = Er7Parser.builder().maxBytes(b.maxBytes).build();
    }

    /**
     * A builder.
     *
     * @param port the port, 0 for any free port
     * @return a new builder
     */
    public static Builder builder(int port) {
        return new Builder(port);
    }

    /**
     * Binds and starts accepting connections.
     *
     * @return this listener
     * @throws UncheckedIOException when the port cannot be bound
     */
    public synchronized MllpListener start() {
        if (server != null) {
            return this;
        }
        try {
            ServerSocket s;
            if (sslContext != null) {
                SSLServerSocket tls = (SSLServerSocket) sslContext.getServerSocketFactory().createServerSocket();
                tls.setNeedClientAuth(needClientAuth);
                s = tls;
            } else {
                s = new ServerSocket();
            }
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bindAddress, requestedPort), 50);
            server = s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "mllp-connection");
            t.setDaemon(true);
            return t;
        });
        acceptor = new Thread(this::acceptLoop, "mllp-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server == null ? requestedPort : server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setSoTimeout(idleTimeoutMs);
                s.setTcpNoDelay(true);
                connections.add(s);
                try {
                    pool.execute(() -> serve(s));
                } catch (RejectedExecutionException e) {
                    closeQuietly(s);
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("MLLP accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 65536);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 65536);
            while (!s.isClosed()) {
                byte[] frame;
                try {
                    frame = MllpFraming.read(in, maxBytes);
                } catch (Hl7Exception e) {
                    if (e.code() == Hl7Error.TOO_LARGE) {
                        MllpFraming.write(out, Acknowledgement.reject(e.problems(), nextId(), now()).toBytes());
                        continue;
                    }
                    LOG.warn("MLLP connection from {} closed: {}", s.getRemoteSocketAddress(), e.getMessage());
                    return;
                }
                if (frame == null) {
                    return;
                }
                MllpFraming.write(out, bytes(reply(frame)));
            }
        } catch (SocketTimeoutException e) {
            LOG.debug("MLLP connection idle, closed");
        } catch (SocketException e) {
            LOG.debug("MLLP connection ended: {}", e.getMessage());
        } catch (IOException e) {
            LOG.warn("MLLP connection failed: {}", e.getMessage());
        } finally {
            connections.remove(s);
        }
    }

    private Hl7Message reply(byte[] frame) {
        Hl7Message message;
        try {
            message = parser.parse(frame);
        } catch (Hl7Exception e) {
            return Acknowledgement.reject(e.problems(), nextId(), now());
        }
        try {
            Hl7Message reply = handler.handle(message);
            if (reply == null) {
                throw new IllegalStateException("the handler returned no reply");
            }
            return reply;
        } catch (RuntimeException e) {
            LOG.warn("MLLP handler failed on {}: {}", message, e.toString());
            return Acknowledgement.answer(message, AckCode.AR, List.of(new ErrorDetail("",
                    ErrorCondition.APPLICATION_ERROR.code(), ErrorCondition.APPLICATION_ERROR.label(), "E", "", "",
                    "")), nextId(), now());
        }
    }

    /** The reply in its character set, or in UTF-8 (MSH-18 changed) when a character does not fit in it. */
    private static byte[] bytes(Hl7Message reply) {
        try {
            return reply.toBytes();
        } catch (Hl7Exception e) {
            return reply.toBuilder().set(0, reply.msh().toBuilder().set(18, "UNICODE UTF-8").build())
                    .charset(StandardCharsets.UTF_8).build().toBytes();
        }
    }

    private String nextId() {
        return "L" + ids.incrementAndGet();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(Clock.systemUTC());
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
    }

    /** Stops accepting, closes every connection. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing: nothing more to do
        }
        connections.forEach(MllpListener::closeQuietly);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures a listener. */
    public static final class Builder {

        private final int port;
        private InetAddress bindAddress;
        private SSLContext sslContext;
        private boolean needClientAuth = true;
        private MessageHandler handler;
        private int maxBytes = Er7Parser.DEFAULT_MAX_BYTES;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private int threads = 4;

        private Builder(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
        }

        /**
         * The address to bind (every interface unless set).
         *
         * @param value the address
         * @return this builder
         */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = value;
            return this;
        }

        /**
         * TLS with this context (the lab's certificate, the trusted CAs); plain TCP when not set.
         *
         * @param value the context
         * @return this builder
         */
        public Builder sslContext(SSLContext value) {
            this.sslContext = value;
            return this;
        }

        /**
         * Whether TLS clients must present a certificate (yes unless set).
         *
         * @param value whether client authentication is required
         * @return this builder
         */
        public Builder needClientAuth(boolean value) {
            this.needClientAuth = value;
            return this;
        }

        /**
         * What to do with each message.
         *
         * @param value the handler
         * @return this builder
         */
        public Builder handler(MessageHandler value) {
            this.handler = value;
            return this;
        }

        /**
         * The largest message accepted.
         *
         * @param value bytes
         * @return this builder
         */
        public Builder maxMessageBytes(int value) {
            this.maxBytes = value;
            return this;
        }

        /**
         * How long a connection may stay silent (5 minutes unless set).
         *
         * @param value the timeout
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /**
         * How many connections are served at once (4 unless set).
         *
         * @param value the number of threads
         * @return this builder
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * The listener (not started).
         *
         * @return the listener
         */
        public MllpListener build() {
            return new MllpListener(this);
        }
    }
}
