package fr.segurbio.testkit.dmp;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * A DMP (Mon espace santé) simulator on the testkit's {@link MutualTlsServer}, which checks what the DMP checks
 * and answers as it does, from the specifications alone (it shares no code with the SDK's DMP client).
 *
 * <pre>{@code
 * TestPki pki = TestPki.create(tempDir);
 * try (DmpSimulator dmp = DmpSimulator.builder(pki)
 *         .xdsSchemas(Path.of("../shared/conformance/xds/wsdl/schema"))
 *         .vihfSchemas(Path.of("../shared/conformance/vihf/xsd"))
 *         .start()) {
 *     URI base = dmp.baseUri();        // https://127.0.0.1:PORT/si-dmp-server/v2/services
 *     dmp.patient("2900175056031");    // an active DMP, no opposition
 *     dmp.patient("1800175056032").dmpState(DmpState.CLOSED);
 *     // the client: TLS with pki.orgAuthCli(), VIHF signed with pki.orgSign(), trusting pki.trustAnchors()
 *     dmp.inject(DmpTransaction.ITI_41, 1, DmpFault.dropAfterCommit());
 *     List<DmpDocument> docs = dmp.documents("2900175056031");
 *     int attempts = dmp.submissionCount("1.2.250.1.999.1.1");
 * }
 * }</pre>
 *
 * <h2>Endpoints and actions</h2>
 * Under {@link #BASE_PATH} ({@code /si-dmp-server/v2/services}), as the DMP's own URLs; each accepts only its
 * actions (anything else: the fault {@code wsa:ActionNotSupported}):
 * <table>
 * <caption>Services</caption>
 * <tr><th>path</th><th>transaction</th><th>Action</th><th>body</th><th>answer</th></tr>
 * <tr><td>{@code /patients}</td><td>TD0.2</td><td>{@code urn:hl7-org:v3:PRPA_IN201307UV02}</td>
 * <td>HL7v3 {@code PRPA_IN201307UV02}, reasonCode {@code TEST_EXST}</td><td>{@code PRPA_IN201308UV02}, see below</td></tr>
 * <tr><td>{@code /repository}</td><td>ITI-41</td><td>{@code urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b}</td>
 * <td>MTOM/XOP only</td><td>MTOM, {@code rs:RegistryResponse}</td></tr>
 * <tr><td>{@code /repository}</td><td>ITI-43</td><td>{@code urn:ihe:iti:2007:RetrieveDocumentSet}</td>
 * <td>SOAP or MTOM</td><td>MTOM, documents as XOP parts</td></tr>
 * <tr><td>{@code /registry}</td><td>ITI-18</td><td>{@code urn:ihe:iti:2007:RegistryStoredQuery}</td>
 * <td>FindDocuments, GetDocuments</td><td>{@code query:AdhocQueryResponse} (LeafClass or ObjectRef)</td></tr>
 * <tr><td>{@code /registry}</td><td>ITI-57</td><td>{@code urn:ihe:iti:2010:UpdateDocumentSet}</td>
 * <td>{@code lcm:SubmitObjectsRequest}</td><td>{@code rs:RegistryResponse}</td></tr>
 * </table>
 *
 * <h2>What is checked, in order</h2>
 * <ol>
 * <li>TLS: a client certificate issued by the trusted CAs (the handshake), then an ORG AUTH_CLI one
 * (digitalSignature + clientAuth), else {@link DmpFaultCode#TLS_CERTIFICATE}. An ORG SIGN certificate used for
 * TLS fails the handshake already (the JDK refuses its key usage for client authentication).</li>
 * <li>The envelope: SOAP 1.2, MTOM where required, WS-Addressing {@code Action} (with {@code mustUnderstand}
 * {@code true}, namespace-qualified or, as in the DMP samples, not),
 * {@code MessageID}, {@code To} naming the service, one body element matching the Action.</li>
 * <li>The VIHF ({@code wsse:Security/saml2:Assertion}): the VIHF schema with its sample-pinned enumerations
 * dropped (see {@code DmpSchemas}); the enveloped XMLDSig signature (exclusive c14n, RSA-SHA256, SHA-256, one
 * Reference to the assertion's ID, no second element with that ID, no second signature); the signer: a
 * certificate of the trusted CAs, valid, nonRepudiation, not clientAuth, of the same organisation (O) as the TLS
 * certificate and not the TLS certificate itself; {@code Issuer} = its DN; IssueInstant not in the future and
 * not older than {@link Builder#vihfMaxAge}; {@code Conditions} NotBefore/NotOnOrAfter when present; every
 * attribute of the table: VIHF_Version, Authentification_Mode ({@code INDIRECTE} or {@code INDIRECTE_RENFORCEE}),
 * Secteur_Activite ({@code SAnn^1.2.250.1.71.4.2.4}), resource-id (INS CX with an OID of the environment),
 * Ressource_URN {@code urn:dmp}, subject-id, Identifiant_Structure, LPS_Nom, LPS_Version,
 * LPS_ID_HOMOLOGATION_DMP, PurposeOfUse {@code normal}, Role (first a profession of TRE_G15 or "en formation",
 * with the savoir-faire of a médecin or the savoir-faire or section of a pharmacien, or a non-professional role
 * such as AUTOMATE; each in JDV_J65 when {@link Builder#roleValueSet} is given); in INDIRECTE_RENFORCEE a
 * professional and an AuthnContextClassRef other than {@code unspecified}. The patient of
 * every request must be the VIHF's.</li>
 * <li>The body against the XDS schemas (after XOP reconstruction for ITI-41).</li>
 * <li>The DMP's rules (registry errors, {@link DmpErrorCode}): the DMP's state and the structure's
 * authorisation ({@code DMPPatientNotFound}, {@code DMPClosed}, {@code DMPAccessDenied}), the opposition to feeding
 * ({@code DMPPatientOpposition}); the metadata in the DMP value sets (classCode J57, typeCode J66, formatCode J60,
 * healthcareFacilityTypeCode J61, practiceSettingCode J62 {@code AMBULATOIRE}/{@code ETABLISSEMENT},
 * confidentialityCode J58, mimeType, languageCode {@code fr-FR}, required slots and identifiers); hash and size
 * when given; the XAdES signature document with its {@code signs} association, a signature that verifies by an
 * ORG SIGN certificate of the structure, and a signed manifest whose digests match each document; every N3 with its N1 in the same submission set and an XFRM N3→N1 ({@code DMPInvalidN1N3});
 * duplicates ({@code XDSDuplicateUniqueIdInRegistry}); RPLC: the target exists, is Approved, same patient,
 * same author structure ({@code DMPAuthorNotAllowed}), and the N1/N3 pair replaced together; ITI-57: Approved ⇄
 * Archived, Approved/Archived → Deleted with the current OriginalStatus, metadata updates (new version, same lid,
 * PreviousVersion = the current one) that only add or remove {@code MASQUE_PS}, {@code INVISIBLE_PATIENT},
 * {@code INVISIBLE_REPRESENTANTS_LEGAUX}, each applied to the N1 and its N3 together.</li>
 * </ol>
 * A document masked to professionals ({@code MASQUE_PS}) is returned (ITI-18/43) to its author structure only;
 * Deleted documents never. Errors are answered as a {@code Failure} RegistryResponse (HTTP 200) with every
 * problem found; the checks before the registry answer a SOAP 1.2 fault (HTTP 500, {@link DmpFaultCode}).
 *
 * <h2>TD0.2 answer</h2>
 * The DMP's response layout is not public; the simulator answers a {@code PRPA_IN201308UV02} with
 * {@code acknowledgement/typeCode AA}, {@code queryAck/queryResponseCode} {@code OK} (a DMP exists) or {@code NF}
 * (none), and, when a DMP exists, {@code subject/registrationEvent/subject1/patient} whose {@code subjectOf/observation}s
 * carry {@code DMP_STATUT} ({@code ACTIF}/{@code FERME}) and {@code AUTORISATION} ({@code VALIDE}, {@code NON_EXISTE},
 * {@code EXPIRE}, {@code INTERDIT}) as {@code value xsi:type="CS" code}, code system {@code 1.2.250.1.213.1.1.4.11},
 * and one {@code BL} observation per opposition code (code system {@code 1.2.250.1.213.4.1.2.3}).
 *
 * <h2>Faults</h2>
 * {@link #inject} / {@link #injectNext} a {@link DmpFault} (delay, HTTP status, SOAP fault, connection dropped
 * after or before commit) on the n-th call of a transaction; {@link #unavailable} answers 503 to everything.
 *
 * <h2>What it does not check, and why</h2>
 * <ul>
 * <li>The XAdES qualifying properties of the signature document (signing time, signing-certificate digest,
 * policy): the DMP's signature policy is not public. The simulator verifies the XMLDSig signature itself (secure
 * validation), its signer (a trusted ORG SIGN certificate of the TLS client's structure, not the TLS one), that
 * SignedInfo covers the {@code ds:Manifest}, and that the manifest references each document as
 * {@code urn:oid:uniqueId} with a matching SHA-1 or SHA-256 digest ({@code DMPInvalidSignatureDocument}
 * otherwise).</li>
 * <li>TD0.2 against an HL7v3 schema (none is in the conformance material): the request is read structurally
 * (interactionId, reasonCode {@code TEST_EXST}, patientIdentifier).</li>
 * <li>Certificate revocation (the test PKI publishes no CRL), the DIRECTE (CPS) mode, the purposes of use other
 * than {@code normal} (bris de glace, centre 15: codes not public), TD0.3/TD0.4 and the TD0.9 Web PS URL
 * (not a web service).</li>
 * <li>The stored queries other than FindDocuments and GetDocuments ({@code XDSUnknownStoredQuery}), and the
 * FindDocuments filters other than class, type, format, practice setting, facility type, confidentiality,
 * creation time and service start time.</li>
 * <li>contentTypeCode (JDV_J59) and the VIHF Identifiant_Structure prefixes are only required, not checked
 * against a list: the specifications leave them open.</li>
 * </ul>
 *
 * <p>Every request and its answer are kept in order ({@link #exchanges()}). Thread-safe.
 */
public final class DmpSimulator implements AutoCloseable {

    /** The path under which the services are, as on the DMP. */
    public static final String BASE_PATH = "/si-dmp-server/v2/services";
    /** The INS OIDs of a test environment: the test OID and the demonstration OID. */
    public static final Set<String> TEST_INS_OIDS = Set.of("1.2.250.1.213.1.4.10", "1.2.250.1.213.1.4.11");
    /** The INS OIDs of production: NIR and NIA. */
    public static final Set<String> PRODUCTION_INS_OIDS = Set.of("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9");
    /** How many exchanges {@link #exchanges()} keeps. */
    public static final int KEPT_EXCHANGES = 1000;

    private final MutualTlsServer server;
    private final DmpService service;
    private final DmpRegistry registry;
    private final Map<DmpTransaction, AtomicInteger> calls = new EnumMap<>(DmpTransaction.class);
    private final Map<DmpTransaction, Map<Integer, DmpFault>> faults = new ConcurrentHashMap<>();
    private final Deque<DmpExchange> exchanges = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean unavailable;
    private final int logBodyLimit;

    private DmpSimulator(Builder b) {
        this.registry = new DmpRegistry();
        this.logBodyLimit = b.logBodyLimit;
        DmpSchemas schemas = new DmpSchemas(Objects.requireNonNull(b.xdsSchemas, "xdsSchemas"),
                Objects.requireNonNull(b.vihfSchemas, "vihfSchemas"));
        VihfVerifier verifier = new VihfVerifier(schemas, new VihfVerifier.Settings(b.clientTrustAnchors, b.clock,
                Set.copyOf(b.versions), b.insOids, b.maxAge, Duration.ofMinutes(5), Set.copyOf(b.modeNames),
                b.roles));
        this.service = new DmpService(schemas, verifier, registry,
                new DmpService.Settings(b.insOids, b.unknownPatientsHaveDmp));
        for (DmpTransaction t : DmpTransaction.values()) {
            calls.put(t, new AtomicInteger());
        }
        MutualTlsServer.Builder sb = MutualTlsServer.builder(b.serverIdentity, b.clientTrustAnchors);
        for (String s : List.of("patients", "repository", "registry")) {
            sb.handle(BASE_PATH + "/" + s, request -> answer(s, request));
        }
        this.server = sb.start();
    }

    /**
     * A builder whose server certificate and trusted client CAs come from the test PKI.
     *
     * @param pki the test PKI
     * @return the builder
     */
    public static Builder builder(TestPki pki) {
        return new Builder(pki.serverIdentity(), pki.trustAnchors());
    }

    /**
     * A builder with an explicit server certificate and the CAs whose client (and VIHF signing) certificates are
     * accepted.
     *
     * @param serverIdentity the server's certificate and key
     * @param clientTrustAnchors the trusted CAs
     * @return the builder
     */
    public static Builder builder(TestIdentity serverIdentity, List<X509Certificate> clientTrustAnchors) {
        return new Builder(serverIdentity, clientTrustAnchors);
    }

    private ServerResponse answer(String serviceName, ServerRequest request) {
        Instant received = Instant.now();
        DmpService.Parsed parsed = null;
        DmpService.Reply reply;
        DmpFault fault = null;
        if (unavailable) {
            reply = new DmpService.Reply(503, "text/html; charset=utf-8",
                    "<html><body>Service en maintenance</body></html>".getBytes(StandardCharsets.UTF_8), "HTTP 503");
        } else if (!"POST".equals(request.method())) {
            reply = new DmpService.Reply(405, "text/plain; charset=utf-8",
                    "POST only".getBytes(StandardCharsets.UTF_8), "HTTP 405");
        } else {
            try {
                parsed = service.parse(serviceName, request);
                int n = calls.get(parsed.transaction()).incrementAndGet();
                Map<Integer, DmpFault> planned = faults.get(parsed.transaction());
                fault = planned == null ? null : planned.remove(n);
            } catch (Rejection r) {
                parsed = null;
                reply = service.reject(null, r);
                return log(received, request, null, reply, null);
            }
            if (fault != null && fault.kind() == DmpFault.Kind.HTTP_STATUS) {
                reply = new DmpService.Reply(fault.httpStatus(), "text/html; charset=utf-8",
                        ("<html><body>Erreur " + fault.httpStatus() + "</body></html>").getBytes(StandardCharsets.UTF_8),
                        "HTTP " + fault.httpStatus());
            } else if (fault != null && fault.kind() == DmpFault.Kind.SOAP_FAULT) {
                reply = DmpService.fault(DmpFaultCode.SIMULATED, fault.reason(), parsed.messageId());
            } else if (fault != null && fault.kind() == DmpFault.Kind.DROP_BEFORE_COMMIT) {
                reply = null;
            } else {
                try {
                    reply = service.process(parsed);
                } catch (RuntimeException e) {
                    // a request the simulator cannot handle is answered, and logged, as the DMP's internal error
                    reply = DmpService.fault(DmpFaultCode.SIMULATED, "erreur interne du simulateur : " + e,
                            parsed.messageId());
                }
            }
        }
        return log(received, request, parsed == null ? null : parsed.transaction(), reply, fault);
    }

    private ServerResponse log(Instant received, ServerRequest request, DmpTransaction tx, DmpService.Reply reply,
            DmpFault fault) {
        boolean drop = fault != null && (fault.kind() == DmpFault.Kind.DROP_AFTER_COMMIT
                || fault.kind() == DmpFault.Kind.DROP_BEFORE_COMMIT);
        String outcome = reply == null ? "" : reply.outcome();
        if (fault != null) {
            outcome = fault.kind() + (outcome.isEmpty() ? "" : " (" + outcome + ")");
        }
        byte[] in = request.body();
        byte[] out = drop ? new byte[0] : reply.body();
        DmpExchange e = new DmpExchange(sequence.incrementAndGet(), received, request.path(), tx,
                request.contentType(), cut(in), in.length, drop ? -1 : reply.status(),
                drop ? null : reply.contentType(), cut(out), out.length, outcome);
        synchronized (exchanges) {
            if (exchanges.size() == KEPT_EXCHANGES) {
                exchanges.removeFirst();
            }
            exchanges.addLast(e);
        }
        if (drop) {
            return ServerResponse.dropConnection();
        }
        // the reply's body is the simulator's own (a retrieved document can weigh tens of megabytes): not copied
        ServerResponse r = ServerResponse.wrap(reply.status(), reply.contentType(), reply.body());
        return fault != null && fault.kind() == DmpFault.Kind.DELAY ? r.afterDelay(fault.delay()) : r;
    }

    private byte[] cut(byte[] body) {
        return body.length <= logBodyLimit ? body : java.util.Arrays.copyOf(body, logBodyLimit);
    }

    /**
     * The base URL to configure in the client: {@code https://127.0.0.1:PORT/si-dmp-server/v2/services}; the
     * service name is appended ({@code /patients}, {@code /repository}, {@code /registry}).
     *
     * @return the base URL
     */
    public URI baseUri() {
        return server.uri(BASE_PATH);
    }

    /**
     * The URL of one service.
     *
     * @param transaction the transaction
     * @return {@code baseUri() + "/" + transaction.service()}
     */
    public URI endpoint(DmpTransaction transaction) {
        return server.uri(BASE_PATH + "/" + transaction.service());
    }

    /**
     * The underlying server (port, raw requests).
     *
     * @return the server
     */
    public MutualTlsServer server() {
        return server;
    }

    /**
     * The test patient with this INS matricule, created with an active DMP, no opposition and a valid
     * authorisation the first time.
     *
     * @param matricule the INS (13 or 15 digits)
     * @return the patient, to set up
     */
    public DmpPatient patient(String matricule) {
        return registry.patient(matricule);
    }

    /**
     * Every stored version of every document of this patient, in the order stored.
     *
     * @param matricule the INS matricule
     * @return snapshots
     */
    public List<DmpDocument> documents(String matricule) {
        return registry.snapshots(matricule);
    }

    /**
     * The current version of the document with this uniqueId.
     *
     * @param uniqueId the document's uniqueId
     * @return the snapshot, if stored
     */
    public java.util.Optional<DmpDocument> document(String uniqueId) {
        DmpRegistry.Entry e = registry.currentByUniqueId(uniqueId);
        synchronized (registry) {
            return java.util.Optional.ofNullable(e == null ? null : e.snapshot());
        }
    }

    /**
     * How many ITI-41 requests carried this uniqueId and reached the registry (accepted or not).
     *
     * @param uniqueId a document uniqueId
     * @return the count
     */
    public int submissionCount(String uniqueId) {
        return registry.submissions(uniqueId);
    }

    /**
     * How many times a document with this uniqueId was stored by ITI-41 (0 or 1, since duplicates are refused).
     *
     * @param uniqueId a document uniqueId
     * @return the count
     */
    public int storedCount(String uniqueId) {
        return registry.accepted(uniqueId);
    }

    /**
     * Injects a fault on the n-th call of a transaction (counted from the start, 1 for the first).
     *
     * @param transaction the transaction
     * @param nthCall the call number
     * @param fault the fault
     */
    public void inject(DmpTransaction transaction, int nthCall, DmpFault fault) {
        if (nthCall < 1) {
            throw new IllegalArgumentException("calls are counted from 1");
        }
        faults.computeIfAbsent(transaction, t -> new ConcurrentHashMap<>()).put(nthCall, fault);
    }

    /**
     * Injects a fault on the next call of a transaction (exactly that call: calling this again before it comes
     * replaces the fault; {@link #injectNextCalls} plans several consecutive ones).
     *
     * @param transaction the transaction
     * @param fault the fault
     */
    public void injectNext(DmpTransaction transaction, DmpFault fault) {
        inject(transaction, calls.get(transaction).get() + 1, fault);
    }

    /**
     * Injects the same fault on each of the next {@code count} calls of a transaction, as a service that stays
     * down for a while (a client's retries all fail).
     *
     * @param transaction the transaction
     * @param count how many consecutive calls
     * @param fault the fault
     */
    public void injectNextCalls(DmpTransaction transaction, int count, DmpFault fault) {
        int next = calls.get(transaction).get() + 1;
        for (int i = 0; i < count; i++) {
            inject(transaction, next + i, fault);
        }
    }

    /** Forgets every planned fault that has not happened yet. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * How many calls of a transaction were identified (whatever their outcome).
     *
     * @param transaction the transaction
     * @return the count
     */
    public int callCount(DmpTransaction transaction) {
        return calls.get(transaction).get();
    }

    /**
     * Makes every request get an HTTP 503 maintenance page, or stops doing so.
     *
     * @param down {@code true} to answer 503
     */
    public void unavailable(boolean down) {
        unavailable = down;
    }

    /**
     * The request log: each request received and its answer, oldest first (the last {@value #KEPT_EXCHANGES}).
     *
     * @return a snapshot
     */
    public List<DmpExchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** Forgets every document and submission count (patients stay). */
    public void clearDocuments() {
        registry.clear();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    /** Configures a simulator. Not thread-safe. */
    public static final class Builder {
        private final TestIdentity serverIdentity;
        private final List<X509Certificate> clientTrustAnchors;
        private Path xdsSchemas;
        private Path vihfSchemas;
        private Set<String> insOids = TEST_INS_OIDS;
        private Clock clock = Clock.systemUTC();
        private Duration maxAge = Duration.ofHours(2);
        private final List<String> versions = new ArrayList<>(List.of("3.0", "4.0"));
        private final List<String> modeNames = new ArrayList<>(List.of("Authentification_Mode"));
        private Set<String> roles = Set.of();
        private boolean unknownPatientsHaveDmp;
        private int logBodyLimit = 1 << 20;

        private Builder(TestIdentity serverIdentity, List<X509Certificate> clientTrustAnchors) {
            this.serverIdentity = Objects.requireNonNull(serverIdentity, "serverIdentity");
            this.clientTrustAnchors = List.copyOf(clientTrustAnchors);
        }

        /**
         * The XDS schema folder (holding {@code IHE/IHEXDSB.xsd} and {@code ebRS30/}), required:
         * {@code conformance/xds/wsdl/schema}.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder xdsSchemas(Path folder) {
            this.xdsSchemas = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * The VIHF schema folder ({@code vihf.xsd}, {@code assertion.xsd}, {@code hl7.xsd}, {@code xmldsig.xsd}),
         * required: {@code conformance/vihf/xsd}. Their enumerations are relaxed in memory.
         *
         * @param folder the folder
         * @return this builder
         */
        public Builder vihfSchemas(Path folder) {
            this.vihfSchemas = Objects.requireNonNull(folder, "folder");
            return this;
        }

        /**
         * Both schema folders from the shared conformance folder ({@code conformance/xds/wsdl/schema} and
         * {@code conformance/vihf/xsd} under it), and the JDV_J65 role value set when it is there
         * ({@code conformance/vihf/resources/JDV_J65-SubjectRole-DMP.xml}).
         *
         * @param sharedFolder the folder holding {@code conformance/}
         * @return this builder
         */
        public Builder conformance(Path sharedFolder) {
            xdsSchemas(sharedFolder.resolve("conformance/xds/wsdl/schema"));
            vihfSchemas(sharedFolder.resolve("conformance/vihf/xsd"));
            Path jdv = sharedFolder.resolve("conformance/vihf/resources/JDV_J65-SubjectRole-DMP.xml");
            if (Files.isRegularFile(jdv)) {
                roleValueSet(jdv);
            }
            return this;
        }

        /**
         * The environment's INS OIDs (default {@link #TEST_INS_OIDS}; {@link #PRODUCTION_INS_OIDS} to play a
         * production DMP that refuses test INS).
         *
         * @param oids the OIDs
         * @return this builder
         */
        public Builder insOids(Set<String> oids) {
            this.insOids = Set.copyOf(oids);
            return this;
        }

        /**
         * The clock the VIHF validity and certificates are checked against (default the system's UTC clock).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * How old a VIHF may be (its IssueInstant) when it arrives (default two hours).
         *
         * @param age the maximum age
         * @return this builder
         */
        public Builder vihfMaxAge(Duration age) {
            this.maxAge = Objects.requireNonNull(age, "age");
            return this;
        }

        /**
         * The accepted {@code VIHF_Version} values (default {@code 3.0} and {@code 4.0}: the samples say 3.0, the
         * IG-PFI table 4.0).
         *
         * @param accepted the versions
         * @return this builder
         */
        public Builder vihfVersions(String... accepted) {
            versions.clear();
            versions.addAll(List.of(accepted));
            return this;
        }

        /**
         * The accepted names of the authentication-mode attribute (default {@code Authentification_Mode}, the IG
         * and DRIMbox spelling; add {@code Authentification_mode} to accept generate-VIHF's).
         *
         * @param names the attribute names
         * @return this builder
         */
        public Builder modeAttributeNames(String... names) {
            modeNames.clear();
            modeNames.addAll(List.of(names));
            return this;
        }

        /**
         * Checks every VIHF Role against a role value set in SVS form (the {@code JDV_J65-SubjectRole-DMP.xml}
         * copy); without it, roles are checked by code system only.
         *
         * @param svsFile the SVS file
         * @return this builder
         * @throws IllegalArgumentException when the file cannot be read
         */
        public Builder roleValueSet(Path svsFile) {
            try {
                Document d = DmpXml.parse(Files.readAllBytes(svsFile));
                Set<String> out = new LinkedHashSet<>();
                var concepts = d.getElementsByTagNameNS("*", "Concept");
                for (int i = 0; i < concepts.getLength(); i++) {
                    Element c = (Element) concepts.item(i);
                    out.add(c.getAttribute("code") + "^" + c.getAttribute("codeSystem"));
                }
                this.roles = Set.copyOf(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SAXException e) {
                throw new IllegalArgumentException("cannot read " + svsFile + ": " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * Whether a patient the test never set up has an active DMP (default {@code false}: no DMP).
         *
         * @param value {@code true} for an active DMP
         * @return this builder
         */
        public Builder unknownPatientsHaveDmp(boolean value) {
            this.unknownPatientsHaveDmp = value;
            return this;
        }

        /**
         * How many bytes of each request and response body the request log keeps (default 1 MiB), so that a
         * long run with large documents stays small; {@link DmpExchange#truncated()} tells when a body was cut.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder logBodyLimit(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("a size is expected: " + bytes);
            }
            this.logBodyLimit = bytes;
            return this;
        }

        /**
         * Starts the simulator.
         *
         * @return the running simulator
         * @throws IllegalArgumentException when a schema folder is missing or its schemas cannot be compiled
         */
        public DmpSimulator start() {
            return new DmpSimulator(this);
        }
    }
}
