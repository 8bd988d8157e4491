package fr.segurbio.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The shared HTTP client of the SDK: Apache HttpClient 5 with a connection pool, TLS 1.2+/1.3 with mutual
 * authentication and hostname verification always on, connect, response and total timeouts, an optional proxy.
 * Build one per client certificate and share it; thread-safe. Redirects and HttpClient's own retries are off
 * (see {@link RetryPolicy}). Clients usually get it through a {@link ServiceConnection}, which builds it once
 * with the lab's certificate and settings; it is the network's {@link HttpExchange}.
 *
 * <pre>{@code
 * HttpTransport http = HttpTransport.builder()
 *         .clientCertificate(SoftwareCertificate.pkcs12(p12, password).requireUsage(CertificateUsage.TLS_CLIENT).load())
 *         .trustStore(TrustStore.fromPem(igcSanteCaPem))
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .responseTimeout(Duration.ofSeconds(20))
 *         .totalTimeout(Duration.ofSeconds(30))
 *         .proxy(URI.create("http://proxy.lab.local:3128"))
 *         .build();
 * HttpResult r = http.post(uri, "application/json", body, Map.of(), 1 << 20);
 * }</pre>
 */
public final class HttpTransport implements HttpExchange, AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "segur-transport-timeout");
        t.setDaemon(true);
        return t;
    });

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final Duration totalTimeout;
    private final String principal;
    private final SSLContext sslContext;
    private final boolean proxied;

    private HttpTransport(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.totalTimeout = b.totalTimeout;
        this.principal = b.certificate == null ? null : b.certificate.commonName();
        SSLContext ctx = b.sslContext;
        if (ctx == null) {
            if (b.trustStore != null) {
                ctx = b.certificate != null ? MutualTls.sslContext(b.certificate, b.trustStore)
                        : MutualTls.sslContext(b.trustStore);
            } else if (b.certificate != null) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION,
                        "a client certificate needs a trust store (the IGC-Santé CAs)");
            } else {
                try {
                    ctx = SSLContext.getDefault();
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        this.sslContext = ctx;
        this.proxied = b.proxy != null;
        DefaultClientTlsStrategy tls = new DefaultClientTlsStrategy(ctx, MutualTls.PROTOCOLS.toArray(String[]::new),
                null, SSLBufferMode.STATIC, HostnameVerificationPolicy.BOTH, new DefaultHostnameVerifier());
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(tls)
                .setMaxConnTotal(b.maxConnections)
                .setMaxConnPerRoute(b.maxConnectionsPerRoute)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .build())
                .build();
        HttpClientBuilder hb = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableConnectionState()
                .setUserAgent(b.userAgent);
        if (b.proxy != null) {
            HttpHost proxy = new HttpHost(b.proxy.getScheme() == null ? "http" : b.proxy.getScheme(),
                    b.proxy.getHost(), b.proxy.getPort() < 0 ? 3128 : b.proxy.getPort());
            hb.setProxy(proxy);
            if (b.proxyUser != null) {
                BasicCredentialsProvider creds = new BasicCredentialsProvider();
                creds.setCredentials(new AuthScope(proxy), new UsernamePasswordCredentials(b.proxyUser,
                        b.proxyPassword));
                hb.setDefaultCredentialsProvider(creds);
            }
        }
        this.client = hb.build();
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The total timeout of a call: connection, request and whole response.
     *
     * @return the total timeout
     */
    public Duration totalTimeout() {
        return totalTimeout;
    }

    /**
     * The CN of the client certificate, when there is one (for audit events).
     *
     * @return the CN, or {@code null}
     */
    public String principal() {
        return principal;
    }

    /**
     * Sends a POST and reads the whole answer.
     *
     * @param uri the address
     * @param contentType the request's Content-Type (with its parameters)
     * @param body the request body
     * @param headers more request headers
     * @param maxResponseBytes the largest body accepted
     * @return the answer, whatever its status
     * @throws TransportException TLS, connection, timeout, size or I/O failure
     */
    public HttpResult post(URI uri, String contentType, byte[] body, Map<String, String> headers,
            long maxResponseBytes) {
        HttpPost post = new HttpPost(uri);
        post.setEntity(new ByteArrayEntity(body, null));
        post.setHeader("Content-Type", contentType);
        headers.forEach(post::addHeader);
        return execute(post, uri, maxResponseBytes);
    }

    /**
     * Sends a GET and reads the whole answer.
     *
     * @param uri the address
     * @param headers request headers
     * @param maxResponseBytes the largest body accepted
     * @return the answer, whatever its status
     * @throws TransportException TLS, connection, timeout, size or I/O failure
     */
    public HttpResult get(URI uri, Map<String, String> headers, long maxResponseBytes) {
        HttpGet get = new HttpGet(uri);
        headers.forEach(get::addHeader);
        return execute(get, uri, maxResponseBytes);
    }

    /**
     * Sends any request and reads the whole answer.
     *
     * @param call the request
     * @return the answer, whatever its status
     * @throws TransportException TLS, connection, timeout, size or I/O failure
     */
    @Override
    public HttpResult exchange(HttpCall call) {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        call.headers().forEach(request::addHeader);
        if (call.body().length > 0 || "POST".equals(call.method()) || "PUT".equals(call.method())) {
            request.setEntity(new ByteArrayEntity(call.body(), null));
        }
        return execute(request, call.uri(), call.maxResponseBytes());
    }

    /**
     * The TLS context of the connections (mutual TLS when there is a client certificate).
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    private HttpResult execute(HttpUriRequestBase request, URI uri, long max) {
        String where = uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            expired.set(true);
            request.cancel();
        }, totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Header h : response.getHeaders()) {
                headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
            }
            byte[] body = new byte[0];
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                if (entity.getContentLength() > max) {
                    throw new TransportException(TransportError.RESPONSE_TOO_LARGE, where, max);
                }
                try (InputStream in = entity.getContent()) {
                    body = readBounded(in, max, where);
                }
            }
            return new HttpResult(response.getCode(), headers, body);
        } catch (TransportException e) {
            request.cancel();
            throw e;
        } catch (IOException e) {
            if (expired.get()) {
                throw new TransportException(e, TransportError.TIMEOUT, where, "total " + human(totalTimeout));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new TransportException(e, TransportError.INTERRUPTED, where);
            }
            TransportException t = translate(e, where);
            if ((t.code() == TransportError.IO_ERROR || cutDuringHandshake(e)) && refusesOurCertificate(uri)) {
                throw new TransportException(e, TransportError.CLIENT_CERTIFICATE_REFUSED, where,
                        "the server closed the connection once it had our certificate (" + e.getMessage() + ")");
            }
            throw t;
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * With TLS 1.3 a server refuses a client certificate only after the client's handshake ends, so the client
     * sees a broken connection rather than an alert. This probe opens one more connection, completes the
     * handshake and waits briefly: a server that accepted the certificate waits for the request, one that refused
     * it sends an alert or closes the connection.
     */
    private boolean refusesOurCertificate(URI uri) {
        if (principal == null || proxied || !"https".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) sslContext.getSocketFactory().createSocket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout(2000);
            javax.net.ssl.SSLParameters params = socket.getSSLParameters();
            params.setProtocols(MutualTls.PROTOCOLS.toArray(String[]::new));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(params);
            socket.startHandshake();
            // a server that accepted us waits for the request: only a refusal ends the connection here
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        } catch (SSLException e) {
            if (e.getCause() instanceof java.net.SocketException || e.getCause() instanceof java.io.EOFException) {
                // the server ended the handshake once it had our certificate (TLS 1.2: its alert and close can
                // overtake our CertificateVerify, so the client sees a cut connection instead of the alert)
                return true;
            }
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return m.contains("bad_certificate") || m.contains("certificate_unknown") || m.contains("unknown_ca")
                    || m.contains("certificate_required") || m.contains("access_denied")
                    || m.contains("certificate_expired") || m.contains("certificate_revoked");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] readBounded(InputStream in, long max, String where) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (total > max) {
                throw new TransportException(TransportError.RESPONSE_TOO_LARGE, where, max);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A TLS handshake the server ended without an alert we could read: with TLS 1.2 its alert and close can
     * overtake our certificate flight, so the client sees an end of stream or a broken pipe, not the alert.
     */
    private static boolean cutDuringHandshake(IOException e) {
        return e instanceof SSLException
                && (e.getCause() instanceof java.io.EOFException || e.getCause() instanceof java.net.SocketException);
    }

    private TransportException translate(IOException e, String where) {
        if (e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException) {
            String which = e instanceof ConnectTimeoutException || String.valueOf(e.getMessage()).contains("connect")
                    ? "connect " + human(connectTimeout) : "response " + human(responseTimeout);
            return new TransportException(e, TransportError.TIMEOUT, where, which);
        }
        if (e instanceof SSLPeerUnverifiedException && String.valueOf(e.getMessage()).contains("match")) {
            return new TransportException(e, TransportError.HOSTNAME_MISMATCH, where, e.getMessage());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return new TransportException(e, TransportError.SERVER_NOT_TRUSTED, where, t.getMessage());
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("No subject alternative")) {
                return new TransportException(e, TransportError.HOSTNAME_MISMATCH, where, t.getMessage());
            }
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("bad_certificate") || m.contains("certificate_unknown") || m.contains("unknown_ca")
                || m.contains("certificate_required") || m.contains("access_denied")
                || m.contains("certificate_expired") || m.contains("certificate_revoked")) {
            return new TransportException(e, TransportError.CLIENT_CERTIFICATE_REFUSED, where, e.getMessage());
        }
        if (e instanceof SSLException) {
            return new TransportException(e, TransportError.TLS_FAILED, where, e.getMessage());
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException) {
            return new TransportException(e, TransportError.CONNECTION_FAILED, where, e.getMessage());
        }
        if (e instanceof InterruptedIOException) {
            return new TransportException(e, TransportError.TIMEOUT, where, "response " + human(responseTimeout));
        }
        return new TransportException(e, TransportError.IO_ERROR, where, e.toString());
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new TransportException(e, TransportError.IO_ERROR, "connection pool", e.getMessage());
        }
    }

    /** Configures an {@link HttpTransport}. Not thread-safe. */
    public static final class Builder {
        private SoftwareCertificate certificate;
        private TrustStore trustStore;
        private SSLContext sslContext;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(30);
        private Duration totalTimeout = Duration.ofSeconds(60);
        private int maxConnections = 20;
        private int maxConnectionsPerRoute = 10;
        private URI proxy;
        private String proxyUser;
        private char[] proxyPassword;
        private String userAgent = "segur-bio-sdk";

        private Builder() {
        }

        /**
         * The software certificate presented to servers (mutual TLS).
         *
         * @param certificate the certificate, loaded and checked
         * @return this builder
         */
        public Builder clientCertificate(SoftwareCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * The CAs the servers' certificates must come from (the IGC-Santé chain). Without it and without
         * {@link #sslContext}, the JDK's default trust store is used.
         *
         * @param trustStore the trust store
         * @return this builder
         */
        public Builder trustStore(TrustStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /**
         * A ready-made TLS context, instead of {@link #clientCertificate} and {@link #trustStore} (hostname
         * verification and TLS 1.2+ still apply).
         *
         * @param sslContext the context
         * @return this builder
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * How long to wait for a connection, and for a free connection of the pool (default 10 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for data from the server (default 30 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder responseTimeout(Duration timeout) {
            this.responseTimeout = positive(timeout, "responseTimeout");
            return this;
        }

        /**
         * The bound of a whole call, answer read included (default 60 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout, "totalTimeout");
            return this;
        }

        /**
         * The pool's size (default 20 connections, 10 per host).
         *
         * @param total the total number of connections
         * @param perRoute the number of connections per host
         * @return this builder
         */
        public Builder maxConnections(int total, int perRoute) {
            if (total < 1 || perRoute < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "pool size must be positive");
            }
            this.maxConnections = total;
            this.maxConnectionsPerRoute = perRoute;
            return this;
        }

        /**
         * An HTTP proxy ({@code http://host:port}).
         *
         * @param proxy the proxy address
         * @return this builder
         */
        public Builder proxy(URI proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Basic credentials for the proxy.
         *
         * @param user the user
         * @param password the password
         * @return this builder
         */
        public Builder proxyCredentials(String user, char[] password) {
            this.proxyUser = Objects.requireNonNull(user, "user");
            this.proxyPassword = Objects.requireNonNull(password, "password").clone();
            return this;
        }

        /**
         * The User-Agent header (default {@code segur-bio-sdk}).
         *
         * @param userAgent the value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * Builds the transport (creates the pool).
         *
         * @return the transport
         */
        public HttpTransport build() {
            return new HttpTransport(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, name + " must be positive");
            }
            return d;
        }
    }
}
