package fr.segurbio.ins.insi;

import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.transport.CircuitBreaker;
import fr.segurbio.transport.RemoteServiceException;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapFaultException;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.SoapResponse;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.w3c.dom.Element;

/**
 * The INSi teleservice client (CNAM "ServiceIdentiteCertifiee"): search an INS with identity traits
 * ({@code rechercherInsAvecTraitsIdentite}) or with carte Vitale data ({@code rechercherInsAvecCarteVitale}),
 * over SOAP 1.2 with the {@code ContexteBAM} and {@code ContexteLPS} headers and WS-Addressing, with mutual TLS
 * and the organisation certificate ({@code INSI-AUTO} or {@code INSI-MANU}, checked when the client is built).
 *
 * <p>The network side — certificate, trust store, timeouts, retries, circuit breaker, audit, wire trace, clock —
 * is the {@link ServiceConnection} it is given, shared with the lab's other clients (DMP, MSSanté, Pro Santé
 * Connect); this builder only takes what is INSi's own: endpoint, environment, IDAM, software, emitter, CNDA
 * test mode.
 *
 * <p>{@code 00}, {@code 01} and {@code 02} are results, not exceptions ({@link InsiResult}). A timeout, a
 * network failure, an HTTP error page or a {@code Receiver} fault is retried by the connection's retry policy
 * (INSi adds {@code Receiver} faults and HTTP 5xx to what it retries), and after the last attempt becomes
 * {@link InsiResult.Unavailable}; after repeated failures the connection's circuit breaker answers
 * {@code Unavailable} at once for a while. A {@code Sender} fault (unknown IDAM, insufficient rights) is an
 * {@link InsiFaultException}; a TLS refusal (untrusted server, certificate refused) a
 * {@link TransportException}. Each call emits one audit event, without any trait in clear.
 *
 * <pre>{@code
 * ServiceConnection connection = ServiceConnection.builder()     // once for the lab, closed at shutdown
 *         .certificate(Path.of("/etc/lab/insi-auto.p12"), password)
 *         .trustStore(TrustStore.fromPem(Path.of("/etc/lab/igc-sante.pem")))
 *         .connectTimeout(Duration.ofSeconds(5))
 *         .responseTimeout(Duration.ofSeconds(10))
 *         .build();
 * InsiClient insi = InsiClient.builder()
 *         .connection(connection)
 *         .endpoint(InsiClient.TEST_ENDPOINT)
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
public final class InsiClient {

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

    private final ServiceConnection connection;
    private final SoapClient soap;
    private final URI endpoint;
    private final RetryPolicy retry;
    private final InsEnvironment environment;
    private final InsiRequestWriter.Software software;
    private final CndaTestMode cnda;
    private final Clock clock;

    private InsiClient(Builder b, InsiRequestWriter.Software software) {
        this.connection = b.connection;
        this.endpoint = b.endpoint;
        this.environment = b.environment;
        this.software = software;
        this.cnda = b.cnda;
        this.clock = connection.clock();
        this.retry = connection.retryPolicy().withRetryOn(InsiClient::retryable);
        this.soap = soapClient(connection, connection.newCircuitBreaker());
    }

    private SoapClient soapClient(ServiceConnection over, CircuitBreaker breaker) {
        return over.soapClientBuilder(endpoint)
                .service(SERVICE)
                .maxResponseBytes(Math.min(MAX_RESPONSE_BYTES, over.maxResponseBytes()))
                .retryPolicy(retry)
                .circuitBreaker(breaker)
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
     * The connection this client calls through.
     *
     * @return the connection
     */
    public ServiceConnection connection() {
        return connection;
    }

    /**
     * The endpoint called.
     *
     * @return the address
     */
    public URI endpoint() {
        return endpoint;
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
        return call(OPERATION_TRAITS, null, InsiRequestWriter.traits(search),
                cnda == null ? Optional.empty() : cnda.responseFor(search));
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
        return call(OPERATION_VITALE, search, InsiRequestWriter.vitale(search),
                cnda == null ? Optional.empty() : cnda.responseFor(search));
    }

    private InsiResult call(String operation, VitaleSearch vitale, String body,
            Optional<CndaTestMode.Answer> cndaAnswer) {
        Instant start = clock.instant();
        String messageId = "uuid:" + UUID.randomUUID();
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
        // a CNDA case is answered by its official file through a stand-in exchange: the rest is the production path
        SoapClient client = cndaAnswer.map(a -> soapClient(connection.withStandIn(a.exchange()),
                CircuitBreaker.disabled())).orElse(soap);
        String cndaFile = cndaAnswer.map(CndaTestMode.Answer::fileName).orElse(null);
        InsiResult.Reason reason;
        String message;
        InsiFault lastFault = null;
        int attempts = retry.maxAttempts();
        try {
            SoapResponse response = client.call(request);
            InsiCall call = new InsiCall(operation, messageId, response.attempts(),
                    Duration.between(start, clock.instant()), cndaFile);
            return toResult(InsiResponseReader.readBody(response.body(), environment), call);
        } catch (SoapFaultException e) {
            InsiFault fault = InsiResponseReader.fault(e);
            if (!fault.isReceiver()) {
                throw new InsiFaultException(fault, e);
            }
            lastFault = fault;
            reason = InsiResult.Reason.SERVICE_FAULT;
            message = String.join("/", fault.codes()) + " " + fault.text();
        } catch (RemoteServiceException e) {
            reason = InsiResult.Reason.NETWORK;
            message = "HTTP " + e.status();
            attempts = retryable(e) ? attempts : 1;
        } catch (TransportException e) {
            if (e.code() == TransportError.CIRCUIT_OPEN) {
                return new InsiResult.Unavailable(InsiResult.Reason.CIRCUIT_OPEN,
                        "appels suspendus après des échecs répétés / calls suspended after repeated failures", null,
                        new InsiCall(operation, messageId, 0, Duration.between(start, clock.instant()), cndaFile));
            }
            if (e.code() == TransportError.MTOM_MALFORMED) {
                // an answer announced as multipart that cannot be read as one is not a SOAP answer, like malformed
                // XML (RemoteServiceException NOT_SOAP above): the service is unusable for this call, not retried
                reason = InsiResult.Reason.NETWORK;
                message = e.problems().get(0).messageFr();
                attempts = 1;
            } else if (!RetryPolicy.isTransient(e)) {
                throw e;
            } else {
                reason = e.code() == TransportError.TIMEOUT ? InsiResult.Reason.TIMEOUT : InsiResult.Reason.NETWORK;
                message = e.problems().get(0).messageFr();
            }
        }
        return new InsiResult.Unavailable(reason, message, lastFault,
                new InsiCall(operation, messageId, attempts, Duration.between(start, clock.instant()), cndaFile));
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

    private static InsiResult toResult(InsiResponseReader.Parsed p, InsiCall call) {
        return switch (p.code()) {
            case "00" -> new InsiResult.Found(p.identity(), p.label(), p.warnings(), call);
            case "01" -> new InsiResult.NotFound(p.label(), call);
            default -> new InsiResult.Several(p.label(), call);
        };
    }

    /**
     * The state of the circuit breaker, for a supervision screen.
     *
     * @return {@code CLOSED} (calls go out), {@code OPEN} (calls are answered unavailable at once) or
     *         {@code HALF_OPEN} (the next call is a trial)
     */
    public String circuitState() {
        return soap.circuitBreaker().state().name();
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
     * Configures an {@link InsiClient}. Required: the connection (with an {@code INSI-AUTO} or {@code INSI-MANU}
     * certificate), the endpoint, the software (name, version, installation id) and its IDAM.
     */
    public static final class Builder {
        private ServiceConnection connection;
        private URI endpoint;
        private InsEnvironment environment;
        private String idam;
        private String softwareName;
        private String softwareVersion;
        private UUID instance;
        private String emitter;
        private CndaTestMode cnda;

        private Builder() {
        }

        /**
         * The connection to call through: the lab's certificate, trust store, timeouts, retries, circuit
         * breaker, audit, wire trace. Its certificate's CN must be {@code INSI-AUTO} or {@code INSI-MANU}, which
         * is checked here, before any call.
         *
         * @param connection the connection, shared with the lab's other clients; the caller closes it
         * @return this builder
         * @throws InsiException {@code INS-100} when the certificate's CN is not accepted by INSi
         */
        public Builder connection(ServiceConnection connection) {
            Objects.requireNonNull(connection, "connection");
            Optional<SoftwareCertificate> cert = connection.certificate();
            if (cert.isPresent() && !ACCEPTED_COMMON_NAMES.contains(cert.get().commonName())) {
                throw new InsiException(InsiError.CERTIFICATE_COMMON_NAME, cert.get().subject());
            }
            this.connection = connection;
            return this;
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
         * Builds the client (the connection already holds the TLS context and the connection pool).
         *
         * @return the client, thread-safe
         * @throws InsiException listing every missing setting
         */
        public InsiClient build() {
            StringBuilder missing = new StringBuilder();
            if (endpoint == null) {
                missing.append(" endpoint");
            }
            if (connection == null) {
                missing.append(" connection (certificate, trust store)");
            } else if (connection.certificate().isEmpty()) {
                missing.append(" certificate (in the connection)");
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
            String em = emitter != null ? emitter : organizationalUnit(connection.certificate().orElseThrow().subject());
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
