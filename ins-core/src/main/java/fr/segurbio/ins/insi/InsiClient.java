package fr.segurbio.ins.insi;

import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.AuditListener;
import fr.segurbio.transport.CertificateUsage;
import fr.segurbio.transport.CircuitBreaker;
import fr.segurbio.transport.HttpTransport;
import fr.segurbio.transport.RemoteServiceException;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapFaultException;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.SoapResponse;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireTraceSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The INSi teleservice client (CNAM "ServiceIdentiteCertifiee"): search an INS with identity traits
 * ({@code rechercherInsAvecTraitsIdentite}) or with carte Vitale data ({@code rechercherInsAvecCarteVitale}),
 * over SOAP 1.2 with the {@code ContexteBAM} and {@code ContexteLPS} headers and WS-Addressing, with mutual TLS
 * and the organisation certificate ({@code INSI-AUTO} or {@code INSI-MANU}, checked when the client is built).
 *
 * <p>{@code 00}, {@code 01} and {@code 02} are results, not exceptions ({@link InsiResult}). A timeout, a
 * network failure, an HTTP error page or a {@code Receiver} fault is retried with exponential backoff, and after
 * the last attempt becomes {@link InsiResult.Unavailable}; after repeated failures a circuit breaker answers
 * {@code Unavailable} at once for a while. A {@code Sender} fault (unknown IDAM, insufficient rights) is an
 * {@link InsiFaultException}; a TLS refusal (untrusted server, certificate refused) a
 * {@link TransportException}. Each call emits one audit event, without any trait in clear.
 *
 * <pre>{@code
 * InsiClient insi = InsiClient.builder()
 *         .endpoint(InsiClient.TEST_ENDPOINT)
 *         .certificate(Path.of("/etc/lab/insi-auto.p12"), password)
 *         .trustStore(TrustStore.fromPem(Path.of("/etc/lab/igc-sante.pem")))
 *         .software("LABO-SGL", "4.2.0", UUID.fromString(installationId))
 *         .idam("LSN17NF23FW0")
 *         .build();                                     // once, shared by every thread
 * InsiResult r = insi.search(TraitsSearch.builder().birthName("ADRUN").firstName("ZOE").sex(Sex.F)
 *         .birthDate(LocalDate.of(1975, 12, 31)).build());
 * if (r instanceof InsiResult.Found found) {
 *     Ins ins = found.identity().active();
 * }
 * }</pre>
 */
public final class InsiClient implements AutoCloseable {

    /** The qualification (test) endpoint for the organisation certificate (mutual TLS). */
    public static final URI TEST_ENDPOINT = URI.create("https://qualiflps-services-ps-tlsm.ameli.fr:443/lps");
    /** The production endpoint for the organisation certificate (mutual TLS). */
    public static final URI PRODUCTION_ENDPOINT = URI.create("https://services-ps-tlsm.ameli.fr/lps");
    /** The only certificate CNs INSi accepts. */
    public static final Set<String> ACCEPTED_COMMON_NAMES = Set.of("INSI-AUTO", "INSI-MANU");

    static final String OPERATION_TRAITS = "rechercherInsAvecTraitsIdentite";
    static final String OPERATION_VITALE = "rechercherInsAvecCarteVitale";
    static final String ACTION_PREFIX = "urn:ServiceIdentiteCertifiee:1.0.0:";
    static final String SERVICE = "INSi";
    static final long MAX_RESPONSE_BYTES = 1L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(InsiClient.class);

    private final HttpTransport http;
    private final SoapClient soap;
    private final URI endpoint;
    private final String principal;
    private final InsEnvironment environment;
    private final InsiRequestWriter.Software software;
    private final int maxAttempts;
    private final CircuitBreaker breaker;
    private final AuditListener audit;
    private final CndaTestMode cnda;
    private final Clock clock;

    private InsiClient(Builder b, InsiRequestWriter.Software software) {
        this.endpoint = b.endpoint;
        this.principal = b.certificate.commonName();
        this.environment = b.environment;
        this.software = software;
        this.maxAttempts = b.maxAttempts;
        this.breaker = CircuitBreaker.builder().failureThreshold(b.breakerThreshold).openFor(b.breakerOpenFor)
                .clock(b.clock).build();
        this.audit = b.audit;
        this.cnda = b.cnda;
        this.clock = b.clock;
        this.http = HttpTransport.builder()
                .clientCertificate(b.certificate)
                .trustStore(b.trustStore)
                .connectTimeout(b.connectTimeout)
                .responseTimeout(b.responseTimeout)
                .totalTimeout(b.connectTimeout.plus(b.responseTimeout))
                .build();
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(b.maxAttempts)
                .initialBackoff(b.backoff)
                .multiplier(2.0)
                .maxBackoff(b.backoff.multipliedBy(8))
                .retryOn(InsiClient::retryable)
                .build();
        this.soap = SoapClient.builder()
                .transport(http)
                .endpoint(b.endpoint)
                .service(SERVICE)
                .maxResponseBytes(MAX_RESPONSE_BYTES)
                .retryPolicy(retry)
                .auditListener(b.audit)
                .wireTrace(b.wireTrace)
                .build();
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
     * Searches an INS with identity traits ({@code RECSANSVITALE}).
     *
     * @param search the traits
     * @return {@code 00}, {@code 01}, {@code 02} or unavailable
     * @throws InsiFaultException when INSi refuses the request ({@code Sender} fault)
     * @throws InsiException when the answer cannot be read
     * @throws TransportException when TLS is refused (server not trusted, certificate refused)
     */
    public InsiResult search(TraitsSearch search) {
        Objects.requireNonNull(search, "search");
        Path file = cnda == null ? null : cnda.responseFor(search).orElse(null);
        return call(OPERATION_TRAITS, null, InsiRequestWriter.traits(search), file);
    }

    /**
     * Searches with the INS guide's strategy: the first birth first name, without the birth place; on {@code 01}
     * each other first name in turn, then the whole list as one {@code Prenom}; on {@code 02} every first name,
     * then the birth place. Stops at the first {@code 00} or unavailable answer; returns the last answer.
     *
     * <pre>{@code
     * InsiResult r = insi.searchWithStrategy(TraitsSearch.builder().birthName("ECETINSI")
     *         .firstName("PIERRE-ALAIN").sex(Sex.M).birthDate("2009-07-14").birthPlace("63220").build(),
     *         List.of("PIERRE-ALAIN", "MURIEL", "FLORIANT"));
     * }</pre>
     *
     * @param search the traits; its first names are replaced by {@code allFirstNames}, its birth place is kept
     *        for a {@code 02}
     * @param allFirstNames every birth first name, in order
     * @return the last answer
     * @throws InsiFaultException when INSi refuses the request ({@code Sender} fault)
     * @throws InsiException when {@code allFirstNames} is empty or an answer cannot be read
     */
    public InsiResult searchWithStrategy(TraitsSearch search, List<String> allFirstNames) {
        if (allFirstNames == null || allFirstNames.isEmpty()) {
            throw new InsiException(InsiError.SEARCH_INVALID, "au moins un prénom / at least one first name");
        }
        TraitsSearch base = new TraitsSearch(search.birthName(), List.of(allFirstNames.get(0)), search.sex(),
                search.birthDate(), null);
        InsiResult r = search(base);
        if (r instanceof InsiResult.NotFound) {
            for (int i = 1; i < allFirstNames.size() && r instanceof InsiResult.NotFound; i++) {
                r = search(base.withFirstNames(List.of(allFirstNames.get(i))));
            }
            if (r instanceof InsiResult.NotFound && allFirstNames.size() > 1) {
                r = search(base.withFirstNames(List.of(String.join(" ", allFirstNames))));
            }
        }
        if (r instanceof InsiResult.Several && allFirstNames.size() > 1) {
            r = search(base.withFirstNames(allFirstNames));
        }
        if (r instanceof InsiResult.Several && search.birthPlace() != null) {
            r = search(base.withFirstNames(allFirstNames).withBirthPlace(search.birthPlace()));
        }
        return r;
    }

    /**
     * Searches an INS with carte Vitale data ({@code RECVITALE}).
     *
     * @param search the carte Vitale data
     * @return {@code 00}, {@code 01}, {@code 02} or unavailable
     * @throws InsiFaultException when INSi refuses the request ({@code Sender} fault)
     * @throws InsiException when the answer cannot be read
     * @throws TransportException when TLS is refused (server not trusted, certificate refused)
     */
    public InsiResult search(VitaleSearch search) {
        Objects.requireNonNull(search, "search");
        Path file = cnda == null ? null : cnda.responseFor(search).orElse(null);
        return call(OPERATION_VITALE, search, InsiRequestWriter.vitale(search), file);
    }

    private InsiResult call(String operation, VitaleSearch vitale, String body, Path cndaFile) {
        Instant start = clock.instant();
        if (cndaFile != null) {
            return answerFromFile(operation, cndaFile, start);
        }
        String messageId = "uuid:" + UUID.randomUUID();
        if (!breaker.allow()) {
            InsiResult r = new InsiResult.Unavailable(InsiResult.Reason.CIRCUIT_OPEN,
                    "appels suspendus après des échecs répétés / calls suspended after repeated failures", null,
                    new InsiCall(operation, messageId, 0, Duration.ZERO, null));
            emit(operation, endpoint, start, AuditEvent.Outcome.TRANSPORT_ERROR, "CIRCUIT_OPEN", messageId, 0);
            return r;
        }
        SoapRequest request = SoapRequest.builder()
                .operation(operation)
                .action(ACTION_PREFIX + operation)
                .messageId(messageId)
                .header(element(InsiRequestWriter.contexteBam(UUID.randomUUID().toString(), start,
                        software.emitter(), vitale)))
                .header(element(InsiRequestWriter.contexteLps(UUID.randomUUID().toString(), start, software)))
                .body(body)
                .idempotent(true)
                .build();
        InsiResult.Reason reason;
        String message;
        InsiFault lastFault = null;
        try {
            SoapResponse response = soap.call(request);
            Element result = InsiResponseReader.findResult(response.body());
            if (result == null) {
                breaker.recordFailure();
                throw new InsiException(InsiError.RESPONSE_UNREADABLE, "RESULTAT absent");
            }
            InsiCall call = new InsiCall(operation, messageId, response.attempts(),
                    Duration.between(start, clock.instant()), null);
            InsiResult r = toResult(InsiResponseReader.read(result, environment), call);
            breaker.recordSuccess();
            return r;
        } catch (SoapFaultException e) {
            InsiFault fault = fault(e);
            if (!fault.isReceiver()) {
                breaker.recordSuccess();
                throw new InsiFaultException(fault, e);
            }
            lastFault = fault;
            reason = InsiResult.Reason.SERVICE_FAULT;
            message = String.join("/", fault.codes()) + " " + fault.text();
        } catch (RemoteServiceException e) {
            reason = InsiResult.Reason.NETWORK;
            message = "HTTP " + e.status();
        } catch (TransportException e) {
            if (!RetryPolicy.isTransient(e)) {
                throw e;
            }
            reason = e.code() == TransportError.TIMEOUT ? InsiResult.Reason.TIMEOUT : InsiResult.Reason.NETWORK;
            message = e.problems().get(0).messageFr();
        }
        breaker.recordFailure();
        return new InsiResult.Unavailable(reason, message, lastFault,
                new InsiCall(operation, messageId, maxAttempts, Duration.between(start, clock.instant()), null));
    }

    private static boolean retryable(RuntimeException e) {
        if (e instanceof SoapFaultException f) {
            return "Receiver".equals(f.faultCode().getLocalPart());
        }
        if (e instanceof RemoteServiceException r) {
            return r.status() >= 500;
        }
        return RetryPolicy.isTransient(e);
    }

    private static Element element(String xml) {
        return SecureXml.parse(xml).getDocumentElement();
    }

    private void emit(String operation, URI where, Instant start, AuditEvent.Outcome outcome, String errorCode,
            String correlationId, int attempts) {
        try {
            audit.onCall(new AuditEvent(SERVICE, operation, where, principal, start,
                    Duration.between(start, clock.instant()), outcome, errorCode, correlationId, attempts));
        } catch (RuntimeException e) {
            LOG.warn("audit listener failed: {}", e.toString());
        }
    }

    private InsiResult answerFromFile(String operation, Path file, Instant start) {
        String correlationId = "uuid:" + UUID.randomUUID();
        Document doc;
        try {
            doc = SecureXml.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InsiCall call = new InsiCall(operation, null, 0, Duration.between(start, clock.instant()),
                file.getFileName().toString());
        Element fault = findFault(doc);
        if (fault != null) {
            InsiFault f = faultOf(fault);
            if (f.isReceiver()) {
                InsiResult r = new InsiResult.Unavailable(InsiResult.Reason.SERVICE_FAULT,
                        String.join("/", f.codes()) + " " + f.text(), f, call);
                emit(operation, file.toUri(), start, AuditEvent.Outcome.FAULT, String.join("/", f.codes()),
                        correlationId, 0);
                return r;
            }
            emit(operation, file.toUri(), start, AuditEvent.Outcome.FAULT, String.join("/", f.codes()),
                    correlationId, 0);
            throw new InsiFaultException(f, null);
        }
        Element result = InsiResponseReader.findResult(doc);
        if (result == null) {
            throw new InsiException(InsiError.RESPONSE_UNREADABLE, file.getFileName() + " : RESULTAT absent");
        }
        InsiResult r = toResult(InsiResponseReader.read(result, environment), call);
        emit(operation, file.toUri(), start, AuditEvent.Outcome.SUCCESS, null, correlationId, 0);
        return r;
    }

    private static InsiResult toResult(InsiResponseReader.Parsed p, InsiCall call) {
        return switch (p.code()) {
            case "00" -> new InsiResult.Found(p.identity(), p.label(), p.warnings(), call);
            case "01" -> new InsiResult.NotFound(p.label(), call);
            default -> new InsiResult.Several(p.label(), call);
        };
    }

    static InsiFault fault(SoapFaultException e) {
        String subcode = e.subcodes().isEmpty() ? null : e.subcodes().get(0).getLocalPart();
        Element erreur = e.detail().map(d -> firstElement(d, "Erreur")).orElse(null);
        return new InsiFault(e.faultCode().getLocalPart(), subcode,
                erreur == null ? null : emptyToNull(erreur.getAttribute("code")),
                erreur == null ? null : emptyToNull(erreur.getAttribute("severite")), e.reason(),
                erreur == null ? null : erreur.getTextContent().trim());
    }

    private static Element findFault(Node n) {
        return firstElement(n, "Fault");
    }

    /** A fault read from a CNDA response file. */
    private static InsiFault faultOf(Element fault) {
        Element code = firstElement(fault, "Code");
        Element value = code == null ? null : firstElement(code, "Value");
        Element sub = code == null ? null : firstElement(code, "Subcode");
        Element subValue = sub == null ? null : firstElement(sub, "Value");
        Element reason = firstElement(fault, "Text");
        Element erreur = firstElement(fault, "Erreur");
        return new InsiFault(localPart(value), localPart(subValue),
                erreur == null ? null : emptyToNull(erreur.getAttribute("code")),
                erreur == null ? null : emptyToNull(erreur.getAttribute("severite")),
                reason == null ? "" : reason.getTextContent().trim(),
                erreur == null ? null : erreur.getTextContent().trim());
    }

    private static String localPart(Element e) {
        if (e == null) {
            return "Receiver";
        }
        String t = e.getTextContent().trim();
        int colon = t.indexOf(':');
        return colon < 0 ? t : t.substring(colon + 1);
    }

    private static Element firstElement(Node root, String local) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (local.equals(e.getLocalName())) {
                    return e;
                }
                Element deeper = firstElement(e, local);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * The state of the circuit breaker, for a supervision screen.
     *
     * @return {@code CLOSED} (calls go out), {@code OPEN} (calls are answered unavailable at once) or
     *         {@code HALF_OPEN} (the next call is a trial)
     */
    public String circuitState() {
        return breaker.state().name();
    }

    /** Releases the HTTP connections. */
    @Override
    public void close() {
        http.close();
    }

    static String organizationalUnit(String subject) {
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if ("OU".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /**
     * Configures an {@link InsiClient}. Required: the endpoint, the certificate, the trust store, the software
     * (name, version, installation id) and its IDAM.
     */
    public static final class Builder {
        private URI endpoint;
        private SoftwareCertificate certificate;
        private TrustStore trustStore;
        private InsEnvironment environment;
        private String idam;
        private String softwareName;
        private String softwareVersion;
        private UUID instance;
        private String emitter;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration backoff = Duration.ofMillis(200);
        private int breakerThreshold = 5;
        private Duration breakerOpenFor = Duration.ofSeconds(30);
        private CndaTestMode cnda;
        private Clock clock = Clock.systemUTC();
        private AuditListener audit = AuditListener.NONE;
        private WireTraceSink wireTrace = WireTraceSink.NONE;

        private Builder() {
        }

        /**
         * The endpoint ({@link #TEST_ENDPOINT}, {@link #PRODUCTION_ENDPOINT}, or a simulator's).
         *
         * @param uri the endpoint
         * @return this builder
         */
        public Builder endpoint(URI uri) {
            endpoint = Objects.requireNonNull(uri, "uri");
            return this;
        }

        /**
         * The organisation certificate from a PKCS#12 file; its CN must be {@code INSI-AUTO} or
         * {@code INSI-MANU}, which is checked here, before any call.
         *
         * @param pkcs12 the file
         * @param password its password
         * @return this builder
         * @throws InsiException {@code INS-100} when the CN is not accepted by INSi
         * @throws TransportException when the file cannot be used (password, no key, expired…)
         */
        public Builder certificate(Path pkcs12, char[] password) {
            return certificate(SoftwareCertificate.pkcs12(pkcs12, password).requireUsage(CertificateUsage.TLS_CLIENT)
                    .load());
        }

        /**
         * The organisation certificate; its CN must be {@code INSI-AUTO} or {@code INSI-MANU}.
         *
         * @param cert the certificate
         * @return this builder
         * @throws InsiException {@code INS-100} when the CN is not accepted by INSi
         */
        public Builder certificate(SoftwareCertificate cert) {
            Objects.requireNonNull(cert, "cert");
            if (!ACCEPTED_COMMON_NAMES.contains(cert.commonName())) {
                throw new InsiException(InsiError.CERTIFICATE_COMMON_NAME, cert.subject());
            }
            certificate = cert;
            return this;
        }

        /**
         * The CAs trusted for the server's certificate (the IGC-Santé chain).
         *
         * @param trust the trust store
         * @return this builder
         */
        public Builder trustStore(TrustStore trust) {
            trustStore = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /**
         * Test or production: in production the test and démonstration OIDs are refused in answers. Default:
         * production for {@link #PRODUCTION_ENDPOINT}, test otherwise.
         *
         * @param env the environment
         * @return this builder
         */
        public Builder environment(InsEnvironment env) {
            environment = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * The software's CNDA authorisation number ({@code IDAM}, sent with {@code R="4"}).
         *
         * @param v the IDAM
         * @return this builder
         */
        public Builder idam(String v) {
            idam = v;
            return this;
        }

        /**
         * The software sent in {@code ContexteLPS}: name and version ({@code Nom} = {@code urn:lps:NAME:VERSION})
         * and the installation's id ({@code Instance}, a UUID that must not change for an installation).
         *
         * @param name the software name
         * @param version its version
         * @param installation the installation id
         * @return this builder
         */
        public Builder software(String name, String version, UUID installation) {
            softwareName = name;
            softwareVersion = version;
            instance = installation;
            return this;
        }

        /**
         * The {@code Emetteur} of both contexts (default: the certificate subject's OU, the structure id).
         *
         * @param v the emitter
         * @return this builder
         */
        public Builder emitter(String v) {
            emitter = v;
            return this;
        }

        /**
         * Timeouts: connection, and waiting for the answer of one attempt (defaults 5 s and 10 s).
         *
         * @param connect the connect timeout
         * @param response the response timeout
         * @return this builder
         */
        public Builder timeouts(Duration connect, Duration response) {
            connectTimeout = Objects.requireNonNull(connect, "connect");
            responseTimeout = Objects.requireNonNull(response, "response");
            return this;
        }

        /**
         * Retries: attempts in all (default 3) and the first backoff (default 200 ms, doubled each time).
         *
         * @param attempts 1 for no retry, at most 10
         * @param firstBackoff the first wait
         * @return this builder
         */
        public Builder retries(int attempts, Duration firstBackoff) {
            if (attempts < 1 || attempts > 10) {
                throw new InsiException(InsiError.CONFIGURATION, "attempts must be 1 to 10");
            }
            maxAttempts = attempts;
            backoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
            return this;
        }

        /**
         * The circuit breaker: opened after {@code failures} unavailable results in a row (default 5), for
         * {@code openFor} (default 30 s).
         *
         * @param failures the threshold
         * @param openFor how long calls are suspended
         * @return this builder
         */
        public Builder circuitBreaker(int failures, Duration openFor) {
            if (failures < 1) {
                throw new InsiException(InsiError.CONFIGURATION, "circuit breaker threshold < 1");
            }
            breakerThreshold = failures;
            breakerOpenFor = Objects.requireNonNull(openFor, "openFor");
            return this;
        }

        /**
         * Answers the CNDA conformity-book cases from the official test files instead of the network.
         *
         * @param mode the test mode
         * @return this builder
         */
        public Builder cndaTestMode(CndaTestMode mode) {
            cnda = mode;
            return this;
        }

        /**
         * Receives one audit event per call (the RGPD log); never any identity trait.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder auditListener(AuditListener listener) {
            audit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives every exchange in full, for the CNDA proofs (opt-in; it holds identity traits).
         *
         * @param sink the sink, for example {@code WireTraceSink.toDirectory(dir)}
         * @return this builder
         */
        public Builder wireTrace(WireTraceSink sink) {
            wireTrace = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * The clock (tests).
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) {
            clock = Objects.requireNonNull(c, "c");
            return this;
        }

        /**
         * Builds the client: creates the TLS context and the connection pool once.
         *
         * @return the client, thread-safe
         * @throws InsiException listing every missing setting
         */
        public InsiClient build() {
            StringBuilder missing = new StringBuilder();
            if (endpoint == null) {
                missing.append(" endpoint");
            }
            if (certificate == null) {
                missing.append(" certificate");
            }
            if (trustStore == null) {
                missing.append(" trustStore");
            }
            if (idam == null || idam.isBlank()) {
                missing.append(" idam");
            }
            if (softwareName == null || softwareVersion == null || instance == null) {
                missing.append(" software");
            }
            if (missing.length() > 0) {
                throw new InsiException(InsiError.CONFIGURATION, "manquant / missing:" + missing);
            }
            if (environment == null) {
                environment = PRODUCTION_ENDPOINT.equals(endpoint) ? InsEnvironment.PRODUCTION : InsEnvironment.TEST;
            }
            String em = emitter != null ? emitter : organizationalUnit(certificate.subject());
            if (em == null || em.isBlank()) {
                throw new InsiException(InsiError.CONFIGURATION, "émetteur absent (pas d'OU dans le certificat) /"
                        + " no emitter (no OU in the certificate)");
            }
            InsiRequestWriter.Software sw = new InsiRequestWriter.Software(em, idam,
                    softwareName.toLowerCase(Locale.ROOT), softwareVersion, instance);
            return new InsiClient(this, sw);
        }
    }
}
