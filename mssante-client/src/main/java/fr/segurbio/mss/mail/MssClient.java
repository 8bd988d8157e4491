package fr.segurbio.mss.mail;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.AuditListener;
import fr.segurbio.transport.MutualTls;
import fr.segurbio.transport.ServiceConnection;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The MSSanté client of one mailbox at one operator: submits {@link MssMessage}s by SMTP and opens the mailbox
 * by IMAP to read the returns. TLS is always on (implicit or required STARTTLS, the server's name checked against
 * its certificate, trust limited to the configured IGC-Santé CAs); the lab's software certificate is the TLS
 * client certificate; the mailbox is authenticated by that certificate or by a Pro Santé Connect token (SASL
 * XOAUTH2 or OAUTHBEARER). Thread-safe; every connection gets a fresh token.
 *
 * <pre>{@code
 * MssClient client = MssClient.builder()
 *         .operator(OperatorSettings.fromAutoConfig(Path.of("config-v1.1.xml"), Set.of("mssante.fr")))
 *         .mailbox("labo.charmes@labo.mssante.fr")
 *         .connection(serviceConnection)          // the lab's certificate, IGC-Santé trust, timeouts, audit
 *         .authentication(Authentication.clientCertificate())
 *         .build();
 * SubmissionResult result = client.send(message);
 * try (Submission smtp = client.openSubmission()) {   // one TLS connection for many messages
 *     for (MssMessage m : batch) { smtp.send(m); }
 * }
 * }</pre>
 */
public final class MssClient {

    /** The service name in audit events. */
    public static final String SERVICE = "MSSanté";

    private final OperatorSettings operator;
    private final MailAddress mailbox;
    private final Authentication authentication;
    private final SSLContext ssl;
    private final String principal;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final AuditListener audit;

    private MssClient(Builder b) {
        this.operator = b.operator;
        this.mailbox = b.mailbox;
        this.authentication = b.authentication;
        this.ssl = b.ssl;
        this.principal = b.principal;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
        this.audit = b.audit;
        if (authentication instanceof Authentication.Token t && t.mechanism() == SaslMechanism.OAUTHBEARER) {
            OAuthBearerSasl.register();
        }
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The mailbox this client sends from and reads.
     *
     * @return the address
     */
    public MailAddress mailbox() {
        return mailbox;
    }

    /**
     * The operator's servers.
     *
     * @return the settings
     */
    public OperatorSettings operator() {
        return operator;
    }

    /**
     * Submits one message on its own connection.
     *
     * @param message the message (its sender must be this client's mailbox)
     * @return the outcome per recipient (partial delivery is a result, not an exception)
     * @throws MssException TLS ({@code MSS-203}), STARTTLS ({@code MSS-202}), authentication ({@code MSS-204}),
     *         connection ({@code MSS-205}) or a refusal of the whole message ({@code MSS-206})
     */
    public SubmissionResult send(MssMessage message) {
        try (Submission s = openSubmission()) {
            return s.send(message);
        }
    }

    /**
     * Opens one SMTP connection (TLS and authentication done) to submit several messages.
     *
     * @return the open submission connection
     */
    public Submission openSubmission() {
        Session session = session("smtp", operator.smtp());
        Endpoint e = operator.smtp();
        return audited("connectSmtp", e, () -> {
            try {
                Transport t = session.getTransport("smtp");
                if (authentication instanceof Authentication.Token tok) {
                    t.connect(e.host(), e.port(), mailbox.address(), token(tok));
                } else {
                    t.connect(e.host(), e.port(), null, null);
                }
                return new Submission(t, session);
            } catch (MessagingException ex) {
                throw translate(e, ex);
            }
        });
    }

    /**
     * Opens the mailbox over IMAP (TLS and authentication done); the caller closes the store.
     *
     * @return the connected store
     */
    public Store openStore() {
        Endpoint e = operator.imap();
        Session session = session("imap", e);
        return audited("connectImap", e, () -> {
            try {
                Store store = session.getStore("imap");
                String password = authentication instanceof Authentication.Token tok ? token(tok) : "";
                store.connect(e.host(), e.port(), mailbox.address(), password);
                return store;
            } catch (MessagingException ex) {
                throw translate(e, ex);
            }
        });
    }

    private static String token(Authentication.Token t) {
        String token = t.tokens().accessToken();
        if (token == null || token.isBlank()) {
            throw new MssException(MssError.AUTH_REFUSED, "-", "no access token");
        }
        return token;
    }

    private <T> T audited(String operation, Endpoint e, java.util.function.Supplier<T> call) {
        return audit.around(SERVICE, operation, URI.create((operation.endsWith("Smtp") ? "smtp" : "imap") + "://"
                + e.host() + ":" + e.port()), principal, UUID.randomUUID().toString(), call);
    }

    Session session(String protocol, Endpoint e) {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.put(k + "host", e.host());
        p.put(k + "port", Integer.toString(e.port()));
        p.put(k + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.put(k + "timeout", Long.toString(readTimeout.toMillis()));
        p.put(k + "ssl.socketFactory", new NoDelaySocketFactory(ssl.getSocketFactory()));
        p.put(k + "ssl.checkserveridentity", "true");
        p.put(k + "ssl.protocols", String.join(" ", MutualTls.PROTOCOLS));
        if (e.tls() == TlsMode.IMPLICIT) {
            p.put(k + "ssl.enable", "true");
        } else {
            p.put(k + "starttls.enable", "true");
            p.put(k + "starttls.required", "true");
        }
        if (protocol.equals("smtp")) {
            p.put(k + "from", mailbox.address());
            p.put(k + "sendpartial", "true");
            p.put(k + "reportsuccess", "false");
        }
        if (authentication instanceof Authentication.Token t) {
            p.put(k + "auth", "true");
            if (t.mechanism() == SaslMechanism.XOAUTH2) {
                p.put(k + "auth.mechanisms", "XOAUTH2");
                p.put(k + "auth.xoauth2.disable", "false");
            } else {
                p.put(k + "sasl.enable", "true");
                p.put(k + "sasl.mechanisms", OAuthBearerSasl.MECHANISM);
                p.put(k + "auth.mechanisms", "");
            }
        } else if (protocol.equals("imap")) {
            // the application mailbox: the TLS client certificate, named by SASL EXTERNAL
            p.put(k + "sasl.enable", "true");
            p.put(k + "sasl.mechanisms", "EXTERNAL");
            p.put(k + "sasl.authorizationid", mailbox.address());
            p.put(k + "auth.mechanisms", "");
        } else {
            p.put(k + "auth", "false");
        }
        return Session.getInstance(p);
    }

    MssException translate(Endpoint e, MessagingException ex) {
        String where = e.host() + ":" + e.port();
        String m = String.valueOf(ex.getMessage());
        boolean ssl = false;
        for (Throwable c = ex; c != null && !ssl; c = c.getCause() != c ? c.getCause() : null) {
            ssl = c instanceof SSLException
                    || c instanceof MessagingException me && me.getNextException() instanceof SSLException;
        }
        String upper = m.toUpperCase(java.util.Locale.ROOT);
        if (!ssl && e.tls() == TlsMode.STARTTLS && (upper.contains("STARTTLS") || upper.contains("TLS NOT"))) {
            // the server answered STARTTLS with an error, or does not offer it: never go on in clear text
            return new MssException(ex, MssError.STARTTLS_REFUSED, where);
        }
        if (ex instanceof AuthenticationFailedException) {
            return new MssException(ex, MssError.AUTH_REFUSED, where, m);
        }
        for (Throwable c = ex; c != null; c = c.getCause() != c ? c.getCause() : null) {
            if (c instanceof SSLException) {
                return new MssException(ex, MssError.TLS_FAILED, where, c.getMessage());
            }
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof SocketTimeoutException) {
                return new MssException(ex, MssError.CONNECTION_FAILED, where, c.getMessage());
            }
            if (c instanceof EOFException || c instanceof SocketException) {
                // the server cut the connection right after the handshake: it refused the client certificate
                return new MssException(ex, MssError.TLS_FAILED, where,
                        "connection closed by the server after the TLS handshake (client certificate refused?): "
                                + c.getMessage());
            }
            if (c instanceof MessagingException me && me.getNextException() != null && c.getCause() == null) {
                c = me.getNextException();
                if (c instanceof SSLException) {
                    return new MssException(ex, MssError.TLS_FAILED, where, c.getMessage());
                }
            }
        }
        if (m.contains("EOF") || m.contains("closed")) {
            return new MssException(ex, MssError.TLS_FAILED, where, m);
        }
        return new MssException(ex, MssError.CONNECTION_FAILED, where, m);
    }

    /** One open SMTP connection; not thread-safe; close it. */
    public final class Submission implements AutoCloseable {
        private final Transport transport;
        private final Session session;

        Submission(Transport transport, Session session) {
            this.transport = transport;
            this.session = session;
        }

        /**
         * Submits a message on this connection.
         *
         * @param message the message; its sender must be the client's mailbox
         * @return the outcome per recipient
         */
        public SubmissionResult send(MssMessage message) {
            if (!message.from().equals(mailbox)) {
                throw new MssException(MssError.BAD_ADDRESS, message.from().address(),
                        "the sender is not the client's mailbox " + mailbox);
            }
            Endpoint e = operator.smtp();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            MimeMessage mime = message.toMimeMessage(session);
            Address[] to = message.recipients().stream().map(a -> {
                try {
                    return new InternetAddress(a.address());
                } catch (MessagingException ex) {
                    throw new MssException(ex, MssError.BAD_ADDRESS, a.address(), ex.getMessage());
                }
            }).toArray(Address[]::new);
            Map<MailAddress, SubmissionResult.Outcome> outcomes = new LinkedHashMap<>();
            message.recipients().forEach(a -> outcomes.put(a, new SubmissionResult.Outcome(true, 250, "OK")));
            AuditEvent.Outcome auditOutcome = AuditEvent.Outcome.SUCCESS;
            String code = null;
            try {
                transport.sendMessage(mime, to);
            } catch (SendFailedException sfe) {
                recordFailures(sfe, outcomes);
                if (outcomes.values().stream().noneMatch(SubmissionResult.Outcome::accepted)) {
                    auditOutcome = AuditEvent.Outcome.REMOTE_ERROR;
                    code = MssError.RECIPIENT_REFUSED.id();
                }
            } catch (MessagingException ex) {
                MssException translated = translate(e, ex);
                audit(start, t0, AuditEvent.Outcome.TRANSPORT_ERROR, translated.code().id(), message.messageId());
                throw translated;
            }
            audit(start, t0, auditOutcome, code, message.messageId());
            return new SubmissionResult(message.messageId(), outcomes);
        }

        private void audit(Instant start, long t0, AuditEvent.Outcome outcome, String code, String id) {
            Endpoint e = operator.smtp();
            try {
                audit.onCall(new AuditEvent(SERVICE, "submit", URI.create("smtp://" + e.host() + ":" + e.port()),
                        principal, start, Duration.ofNanos(System.nanoTime() - t0), outcome, code, id, 1));
            } catch (RuntimeException ignored) {
                // the audit never breaks the call
            }
        }

        private void recordFailures(SendFailedException sfe, Map<MailAddress, SubmissionResult.Outcome> outcomes) {
            Map<String, SubmissionResult.Outcome> byAddress = new LinkedHashMap<>();
            for (Exception n = sfe; n != null; n = n instanceof MessagingException me ? me.getNextException() : null) {
                if (n instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException af) {
                    byAddress.put(af.getAddress().getAddress().toLowerCase(java.util.Locale.ROOT),
                            new SubmissionResult.Outcome(false, af.getReturnCode(), reply(af.getMessage())));
                }
            }
            int wholeCode = sfe instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException sf ? sf.getReturnCode() : 0;
            for (Address[] group : new Address[][] {sfe.getInvalidAddresses(), sfe.getValidUnsentAddresses()}) {
                if (group == null) {
                    continue;
                }
                for (Address a : group) {
                    String addr = ((InternetAddress) a).getAddress().toLowerCase(java.util.Locale.ROOT);
                    SubmissionResult.Outcome o = byAddress.getOrDefault(addr,
                            new SubmissionResult.Outcome(false, wholeCode, reply(sfe.getMessage())));
                    outcomes.put(MailAddress.of(addr), o);
                }
            }
        }

        /**
         * Whether the connection is still usable: the server answered a {@code NOOP} (one round trip). A connection
         * kept open between messages is checked so before it is used again; one found closed is closed here too.
         *
         * @return true when the server answered
         */
        public boolean isOpen() {
            return transport.isConnected();
        }

        private String reply(String message) {
            return message == null ? "" : message.strip();
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
        }
    }

    /** Builds an {@link MssClient}. */
    public static final class Builder {
        private OperatorSettings operator;
        private MailAddress mailbox;
        private Authentication authentication = Authentication.clientCertificate();
        private SSLContext ssl;
        private String principal;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private AuditListener audit = AuditListener.NONE;

        private Builder() {
        }

        /**
         * The operator's servers.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder operator(OperatorSettings value) {
            this.operator = Objects.requireNonNull(value, "operator");
            return this;
        }

        /**
         * The mailbox sent from and read.
         *
         * @param address the address
         * @return this builder
         */
        public Builder mailbox(String address) {
            this.mailbox = MailAddress.of(address);
            return this;
        }

        /**
         * How the mailbox is authenticated; the client certificate by default.
         *
         * @param value the authentication
         * @return this builder
         */
        public Builder authentication(Authentication value) {
            this.authentication = Objects.requireNonNull(value, "authentication");
            return this;
        }

        /**
         * The lab's service connection (transport module): its TLS context (software certificate and trusted
         * IGC-Santé CAs), its connect and response timeouts and its audit listener are used for SMTP and IMAP.
         *
         * @param value the connection
         * @return this builder
         * @throws MssException {@code MSS-201} when the connection has no TLS context (a stand-in without trust store)
         */
        public Builder connection(ServiceConnection value) {
            Objects.requireNonNull(value, "connection");
            this.ssl = value.sslContext().orElseThrow(() -> new MssException(MssError.BAD_OPERATOR_CONFIG,
                    "the service connection has no TLS context (trust store)"));
            this.principal = value.principal();
            this.connectTimeout = value.connectTimeout();
            this.readTimeout = value.responseTimeout();
            this.audit = value.auditListener();
            return this;
        }

        /** A TLS context made by hand: the tests use it to present what a misconfigured client would. */
        Builder sslContext(SSLContext context, String principalName) {
            this.ssl = Objects.requireNonNull(context, "context");
            this.principal = principalName;
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the client
         */
        public MssClient build() {
            StringBuilder missing = new StringBuilder();
            if (operator == null) {
                missing.append("operator ");
            }
            if (mailbox == null) {
                missing.append("mailbox ");
            }
            if (ssl == null) {
                missing.append("connection ");
            }
            if (missing.length() > 0) {
                throw new MssException(MssError.BAD_OPERATOR_CONFIG, "missing: " + missing.toString().trim());
            }
            return new MssClient(this);
        }
    }
}
