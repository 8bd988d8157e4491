package fr.segurbio.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A small HTTPS server on {@code 127.0.0.1} (a free port) that requires a client certificate issued by the
 * given trust anchors (TLS 1.2 or 1.3), and hands each request, with the client certificate, to the handler
 * registered for its path. Used by the transport tests and by the INSi and DMP simulators.
 *
 * <pre>{@code
 * try (MutualTlsServer server = MutualTlsServer.start(pki.serverIdentity(), pki.trustAnchors(),
 *         request -> ServerResponse.soapBody("<r:ok xmlns:r='urn:test'>" + request.clientCommonName() + "</r:ok>"))) {
 *     URI endpoint = server.uri("/insi");
 *     ...
 * }
 *
 * MutualTlsServer server = MutualTlsServer.builder(pki.serverIdentity(), pki.trustAnchors())
 *         .handle("/insi", insiHandler)
 *         .handle("/dmp", dmpHandler)
 *         .start();
 * }</pre>
 *
 * <p>A request whose path matches no handler gets a 404; a handler that throws gets a 500 with the exception's
 * message as text. The last {@value #KEPT_REQUESTS} requests received are kept ({@link #requests()}).
 */
public final class MutualTlsServer implements AutoCloseable {

    /**
     * Answers one request. Called on a server thread; may block (a delayed response is easier:
     * {@link ServerResponse#afterDelay}).
     */
    @FunctionalInterface
    public interface Handler {
        /**
         * Answers a request.
         *
         * @param request the request, with the authenticated client certificate
         * @return the response
         * @throws Exception any failure, answered as a 500
         */
        ServerResponse handle(ServerRequest request) throws Exception;
    }

    /** How many of the last requests {@link #requests()} keeps, so that a long-running simulator stays small. */
    public static final int KEPT_REQUESTS = 1000;

    static {
        // The JDK's HTTP server writes a response's headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm and the client's delayed ACK add about 40 ms to every answer. The JDK reads this property
        // once, when its server classes load (before the first server is created); an explicit setting is kept.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpsServer server;
    private final ExecutorService executor;
    private final Map<String, Handler> handlers;
    private final Deque<ServerRequest> requests = new ArrayDeque<>();
    private final AtomicLong requestCount = new AtomicLong();

    private MutualTlsServer(SSLContext context, Map<String, Handler> handlers, String[] protocols)
            throws IOException {
        this.handlers = Map.copyOf(handlers);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mutual-tls-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                p.setProtocols(protocols);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a server answering every path with one handler.
     *
     * @param identity the server's certificate and key (see {@link TestPki#serverIdentity()})
     * @param clientTrustAnchors the CAs whose client certificates are accepted
     * @param handler the handler
     * @return the running server
     */
    public static MutualTlsServer start(TestIdentity identity, Collection<X509Certificate> clientTrustAnchors,
            Handler handler) {
        return builder(identity, clientTrustAnchors).handle("/", handler).start();
    }

    /**
     * A builder to register handlers per path.
     *
     * @param identity the server's certificate and key
     * @param clientTrustAnchors the CAs whose client certificates are accepted
     * @return the builder
     */
    public static Builder builder(TestIdentity identity, Collection<X509Certificate> clientTrustAnchors) {
        return new Builder(identity, clientTrustAnchors);
    }

    /**
     * The server's base address, {@code https://127.0.0.1:PORT/}.
     *
     * @return the address
     */
    public URI uri() {
        return uri("/");
    }

    /**
     * The address of a path on this server.
     *
     * @param path the path, such as {@code /insi}
     * @return the address
     */
    public URI uri(String path) {
        return URI.create("https://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path));
    }

    /**
     * The port.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The requests received so far, first first: all of them, or the last {@value #KEPT_REQUESTS}.
     *
     * @return a snapshot of the requests
     */
    public List<ServerRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * How many requests were received since the server started (kept or not).
     *
     * @return the number of requests
     */
    public long requestCount() {
        return requestCount.get();
    }

    /** Stops the server at once; requests under way are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Handler handler = find(path);
            List<X509Certificate> chain = new ArrayList<>();
            try {
                for (Certificate c : ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
            } catch (SSLPeerUnverifiedException e) {
                send(exchange, ServerResponse.of(403, "text/plain; charset=utf-8",
                        "client certificate required".getBytes(StandardCharsets.UTF_8)));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = readBody(in, exchange.getRequestHeaders().getFirst("Content-Length"));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            ServerRequest request = new ServerRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), headers, body, chain);
            requestCount.incrementAndGet();
            synchronized (requests) {
                if (requests.size() == KEPT_REQUESTS) {
                    requests.removeFirst();
                }
                requests.addLast(request);
            }
            ServerResponse response;
            if (handler == null) {
                response = ServerResponse.of(404, "text/plain; charset=utf-8",
                        ("no handler for " + path).getBytes(StandardCharsets.UTF_8));
            } else {
                try {
                    response = Objects.requireNonNull(handler.handle(request), "the handler answered null");
                } catch (Exception e) {
                    response = ServerResponse.of(500, "text/plain; charset=utf-8",
                            String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!response.delay().isZero()) {
                try {
                    Thread.sleep(response.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (response.dropsConnection()) {
                // closing the exchange before any header is sent closes the connection
                return;
            }
            send(exchange, response);
        }
    }

    /** Above this Content-Length the body is read as it comes rather than into an array of the announced size. */
    private static final int PREALLOCATED_BODY = 64 * 1024 * 1024;

    /**
     * The request's body: straight into an array of its Content-Length when it announces one (a submission
     * carries hundreds of kilobytes: no chunk list copied into a final array), else read to its end.
     */
    static byte[] readBody(InputStream in, String contentLength) throws IOException {
        long length = -1;
        if (contentLength != null) {
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
        }
        if (length < 0 || length > PREALLOCATED_BODY) {
            return in.readAllBytes();
        }
        byte[] body = new byte[(int) length];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
            return java.util.Arrays.copyOf(body, read);
        }
        byte[] more = in.readAllBytes();
        if (more.length == 0) {
            return body;
        }
        byte[] all = java.util.Arrays.copyOf(body, body.length + more.length);
        System.arraycopy(more, 0, all, body.length, more.length);
        return all;
    }

    private Handler find(String path) {
        Handler exact = handlers.get(path);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String p : handlers.keySet()) {
            String prefix = p.endsWith("/") ? p : p + "/";
            if (path.startsWith(prefix) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        return best == null ? null : handlers.get(best);
    }

    private static void send(HttpExchange exchange, ServerResponse response) throws IOException {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = response.bodyArray();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Registers handlers, then starts the server. */
    public static final class Builder {
        private final TestIdentity identity;
        private final List<X509Certificate> anchors;
        private final Map<String, Handler> handlers = new LinkedHashMap<>();
        private String[] protocols = {"TLSv1.3", "TLSv1.2"};

        private Builder(TestIdentity identity, Collection<X509Certificate> anchors) {
            this.identity = Objects.requireNonNull(identity, "identity");
            this.anchors = List.copyOf(anchors);
        }

        /**
         * Registers the handler of a path and everything under it ({@code /dmp} also gets {@code /dmp/x}).
         *
         * @param path the path, {@code /} for every path
         * @param handler the handler
         * @return this builder
         */
        public Builder handle(String path, Handler handler) {
            handlers.put(path.startsWith("/") ? path : "/" + path, Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /**
         * The TLS protocols offered (default TLS 1.3 and 1.2); {@code "TLSv1.2"} alone shows how a client
         * behaves with a server that refuses its certificate during the handshake.
         *
         * @param protocols the protocol names
         * @return this builder
         */
        public Builder protocols(String... protocols) {
            if (protocols.length == 0) {
                throw new IllegalArgumentException("at least one protocol");
            }
            this.protocols = protocols.clone();
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         */
        public MutualTlsServer start() {
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity.keyStore(), identity.password());
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate c : anchors) {
                    trust.setCertificateEntry("anchor-" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(trust);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return new MutualTlsServer(ctx, handlers, protocols.clone());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot start the test server", e);
            }
        }
    }
}
