package fr.segurbio.dmp;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.dmp.internal.Dom;
import fr.segurbio.dmp.internal.EntryData;
import fr.segurbio.dmp.internal.Metadata;
import fr.segurbio.dmp.internal.Requests;
import fr.segurbio.dmp.internal.Responses;
import fr.segurbio.dmp.internal.RimWriter;
import fr.segurbio.dmp.internal.XadesWriter;
import fr.segurbio.dmp.internal.Xds;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfIssuer;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.Attachment;
import fr.segurbio.transport.CertificateUsage;
import fr.segurbio.transport.RemoteServiceException;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapFaultException;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.SoapResponse;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportException;

/**
 * The DMP client: feeds and manages a patient's DMP over XDS.b with a signed VIHF, on the lab's shared
 * {@link ServiceConnection} (ORG AUTH_CLI certificate, trust store, timeouts, retries, circuit breaker, audit,
 * wire trace, clock), with the DMP's own settings only: environment and endpoint, VIHF settings and the ORG SIGN
 * certificate, the acting user.
 *
 * <ul>
 * <li>{@link #status(Ins)}: TD0.2 test d'existence (state, authorisation, oppositions).</li>
 * <li>{@link #submit(DmpSubmission)}: TD2.1 ITI-41 of the N1 + N3 (XFRM N3 → N1) + the XAdES signature document
 *     in one SubmissionSet, after the identity and consent gates and the value-set checks; a replacement
 *     (the report replaces an earlier version) gets RPLC associations to the replaced entries, found by
 *     ITI-18. Idempotent under faults: after a timeout or a dropped connection the DMP is searched by uniqueId
 *     before anything is sent again, so a retry never creates a second document.</li>
 * <li>{@link #find(FindQuery)}, {@link #getDocuments(Ins, List)}: ITI-18; {@link #retrieve(Ins, String)}: ITI-43.</li>
 * <li>{@link #update(Ins, DocumentPair, DocumentAction)} and its shortcuts ({@link #mask}, {@link #showToPatient}…):
 *     TD3.3 ITI-57 on the N1 and its N3 together, one request, one outcome.</li>
 * <li>{@link #webPsUrl(Ins)}: TD0.9.</li>
 * </ul>
 *
 * <p>Thread-safe; build once and share.
 *
 * <pre>{@code
 * DmpClient dmp = DmpClient.builder()
 *         .connection(connection)                         // ServiceConnection with the ORG AUTH_CLI certificate
 *         .environment(DmpEnvironment.TEST)
 *         .vihf(VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-2024-01")
 *                 .structureId("1750000000").sector("SA25").softwareInstanceId("1.2.250.1.999.1.1").build())
 *         .signingCertificate(orgSign)                   // ORG SIGN, not the TLS certificate
 *         .actor(DmpActor.automate("1750000000/SGL", "SGL-LABO, automate, laboratoire"))
 *         .build();
 * SubmissionResult r = dmp.submit(submission);
 * dmp.showToPatient(ins, r.pair());                     // end of the "annonce"
 * }</pre>
 */
public final class DmpClient {

    /** The DMP repository's uniqueId (DRIMbox; returned in queries). */
    public static final String DEFAULT_REPOSITORY = "1.2.250.1.213.4.1.1.1.2";
    /** The default SubmissionSet contentTypeCode (J59 unverified for a lab: {@code 07} external consultation). */
    public static final Code DEFAULT_CONTENT_TYPE = Code.of("07", "1.2.250.1.213.2.2", "Consultation externe");
    /** The service name in audit events. */
    public static final String SERVICE = "DMP";

    private static final Logger LOG = LoggerFactory.getLogger(DmpClient.class);

    private final ServiceConnection connection;
    private final DmpEnvironment environment;
    private final URI baseUrl;
    private final SoapClient registry;
    private final SoapClient repository;
    private final SoapClient patients;
    private final VihfIssuer vihf;
    private final DmpActor actor;
    private final Code contentType;
    private final String sourceId;
    private final String structureId;
    private final String structureName;
    private final String repositoryUniqueId;
    private final boolean checkStatus;
    private final Clock clock;
    private final RetryPolicy submitRetry;

    private DmpClient(Builder b, DmpActor actor) {
        this.connection = b.connection;
        this.environment = b.environment;
        this.baseUrl = b.baseUrl;
        this.registry = b.registry;
        this.repository = b.repository;
        this.patients = b.patients;
        this.vihf = b.vihf;
        this.actor = actor;
        this.contentType = b.contentType;
        this.sourceId = b.sourceId;
        this.structureId = b.structureId;
        this.structureName = b.structureName;
        this.repositoryUniqueId = b.repositoryUniqueId;
        this.checkStatus = b.checkStatus;
        this.clock = b.clock;
        this.submitRetry = b.connection.retryPolicy();
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
     * The same client acting for another user (a practitioner authenticated by Pro Santé Connect, for
     * example); everything else is shared.
     *
     * @param other the actor
     * @return a client for that actor
     */
    public DmpClient as(DmpActor other) {
        Builder b = new Builder();
        b.connection = connection;
        b.environment = environment;
        b.baseUrl = baseUrl;
        b.registry = registry;
        b.repository = repository;
        b.patients = patients;
        b.vihf = vihf;
        b.contentType = contentType;
        b.sourceId = sourceId;
        b.structureId = structureId;
        b.structureName = structureName;
        b.repositoryUniqueId = repositoryUniqueId;
        b.checkStatus = checkStatus;
        b.clock = clock;
        return new DmpClient(b, Objects.requireNonNull(other, "actor"));
    }

    /** @return the environment */
    public DmpEnvironment environment() {
        return environment;
    }

    /** @return the base URL the service names are appended to */
    public URI baseUrl() {
        return baseUrl;
    }

    /** @return the acting user */
    public DmpActor actor() {
        return actor;
    }

    // ------------------------------------------------------------------ gates

    /**
     * Checks that an INS may be sent to this DMP: its OID belongs to the environment.
     *
     * @param ins the INS
     * @throws DmpException {@code DMP-011}
     */
    public void checkIns(Ins ins) {
        Objects.requireNonNull(ins, "ins");
        if (!accepts(ins)) {
            throw new DmpException(DmpError.INS_WRONG_ENVIRONMENT, ins.oid(), environment.name());
        }
    }

    /**
     * Whether this environment's DMP takes the INS: production OIDs ({@code .8}, {@code .9}) in production only,
     * test and démonstration OIDs ({@code .10}, {@code .11}) in a test environment only.
     *
     * @param ins the INS
     * @return {@code true} when the OID belongs to the environment
     */
    public boolean accepts(Ins ins) {
        return ins.authority().isProduction() == (environment == DmpEnvironment.PRODUCTION);
    }

    // ------------------------------------------------------------------ TD0.2

    /**
     * TD0.2: whether the patient has a DMP, its state and the structure's authorisation.
     *
     * @param ins the patient's INS
     * @return the status
     * @throws DmpException {@code DMP-011} wrong OID for the environment, {@code DMP-03x} the DMP's errors
     */
    public DmpStatus status(Ins ins) {
        checkIns(ins);
        Element body = Requests.td02(ins, sourceId, vihf.settings().softwareName(),
                environment == DmpEnvironment.PRODUCTION, clock.instant());
        SoapResponse r = call(patients, "TD0.2", Xds.ACTION_TD02, ins, body, List.of(), true);
        return Responses.td02(r.payload());
    }

    // ------------------------------------------------------------------ ITI-41

    /**
     * Checks a submission without sending anything: the INS's environment, the patient's consent, and every
     * metadata item of the N3 and the N1 against the DMP value sets.
     *
     * @param s the submission
     * @return every problem
     */
    public ValidationResult check(DmpSubmission s) {
        ValidationResult.Builder r = ValidationResult.builder();
        if (!accepts(s.ins())) {
            r.add(DmpError.INS_WRONG_ENVIRONMENT, "patient.ins", s.ins().oid(), environment.name());
        }
        if (!s.consent().informed()) {
            r.add(DmpError.PATIENT_NOT_INFORMED, "consent.informed");
        }
        if (s.consent().opposedToFeeding()) {
            r.add(DmpError.PATIENT_OPPOSED, "consent.opposedToFeeding");
        }
        r.addAll(Metadata.check(s.n3().metadata(), "n3"));
        r.addAll(Metadata.check(s.n1().metadata(), "n1"));
        if (!XdsMetadata.FORMAT_N3.code().equals(s.n3().metadata().formatCode().code())) {
            r.add(DmpError.BAD_DOCUMENT, "n3.formatCode", "the N3 must have the CR-BIO format code");
        }
        if (!s.n1().metadata().formatCode().code().startsWith("urn:ihe:iti:xds-sd:")) {
            r.add(DmpError.BAD_DOCUMENT, "n1.formatCode", "the N1 must have an XDS-SD format code");
        }
        return r.build();
    }

    /**
     * TD2.1: sends the N1, the N3 and the XAdES signature document in one submission (XFRM N3 → N1), or the new
     * version of both with RPLC when the report replaces an earlier one. Before sending: the INS and consent
     * gates, the DMP value sets, TD0.2 (the DMP must be open), and for a replacement the replaced entries must
     * exist and have been authored by this structure. After a timeout or a dropped connection, the DMP is
     * searched by uniqueId before the submission is sent again.
     *
     * @param s the submission
     * @return what the DMP holds
     * @throws DmpException with every problem when nothing was sent; {@code DMP-03x} when the DMP refused it
     */
    public SubmissionResult submit(DmpSubmission s) {
        Objects.requireNonNull(s, "submission");
        ValidationResult checked = check(s);
        if (!checked.isValid()) {
            throw new DmpException(checked);
        }
        Ins ins = s.ins();
        if (checkStatus) {
            DmpStatus status = status(ins);
            ValidationResult gate = ConsentGate.checkFeeding(status, s.consent());
            if (!gate.isValid()) {
                throw new DmpException(gate);
            }
        }
        Map<String, String> replacedIds = new LinkedHashMap<>();
        String n3Id = RimWriter.newId();
        String n1Id = RimWriter.newId();
        if (s.replacedN3().isPresent()) {
            List<String> replaced = List.of(s.replacedN3().get(), s.replacedN1().orElseThrow());
            Map<String, DmpDocument> found = byUniqueId(getDocuments(ins, replaced));
            for (String uid : replaced) {
                DmpDocument d = found.get(uid);
                if (d == null) {
                    throw new DmpException(DmpError.DOCUMENT_NOT_FOUND, uid);
                }
                requireAuthor(d);
                if (d.status() != DocumentStatus.APPROVED) {
                    throw new DmpException(DmpError.BAD_STATE, "replace", uid, "status " + d.status());
                }
            }
            replacedIds.put(n3Id, found.get(s.replacedN3().get()).entryUuid());
            replacedIds.put(n1Id, found.get(s.replacedN1().get()).entryUuid());
        }
        // the VIHF is signed on another core while this one hashes the documents and signs the XAdES document:
        // the two RSA signatures are most of what a submission costs the client
        FutureTask<Element> header = vihfAhead(ins);
        try {
            return submit(s, ins, replacedIds, n3Id, n1Id, header);
        } finally {
            header.cancel(false);
        }
    }

    private SubmissionResult submit(DmpSubmission s, Ins ins, Map<String, String> replacedIds, String n3Id,
            String n1Id, FutureTask<Element> header) {
        String n3Uid = s.n3().metadata().uniqueId();
        String ssUid = Requests.derivedOid("submission-set|" + n3Uid);
        String sigUid = Requests.derivedOid("signature|" + n3Uid);
        String sigId = RimWriter.newId();
        Instant now = clock.instant();
        EntryData n3 = Metadata.entry(s.n3().metadata(), n3Id, s.restrictions(), s.n3().document().length,
                sha1(s.n3().document()));
        EntryData n1 = Metadata.entry(s.n1().metadata(), n1Id, s.restrictions(), s.n1().document().length,
                sha1(s.n1().document()));
        Map<String, byte[]> signed = XadesWriter.orderedDocuments();
        signed.put(n3Uid, s.n3().document());
        signed.put(s.n1().metadata().uniqueId(), s.n1().document());
        byte[] signature = XadesWriter.write(vihf.certificate(), ssUid, signed, sigId, now);
        EntryData sig = Metadata.signatureEntry(s.n3().metadata(), sigId, sigUid, now, signature.length,
                sha1(signature));
        EntryData.Author author = Metadata.authors(s.n3().metadata()).get(0);
        Requests.Built built = Requests.provideAndRegister(
                List.of(new Requests.Doc(n3, s.n3().document()), new Requests.Doc(n1, s.n1().document()),
                        new Requests.Doc(sig, signature)),
                RimWriter.newId(), ssUid, sourceId, n3.patientId(), now, author, contentType,
                new String[] {n3Id, n1Id}, sigId, replacedIds);
        DocumentPair pair = new DocumentPair(s.n1().metadata().uniqueId(), n3Uid);
        return sendSubmission(ins, built, pair, ssUid, sigUid, !replacedIds.isEmpty(), header);
    }

    /**
     * The patient's VIHF, issued on the common fork-join pool when the machine has a second core; whoever needs it
     * first and finds it not started issues it on its own thread ({@link #issued}), so a busy pool never delays it.
     */
    private FutureTask<Element> vihfAhead(Ins ins) {
        FutureTask<Element> task = new FutureTask<>(() -> vihf.issue(ins, actor));
        if (Runtime.getRuntime().availableProcessors() > 1) {
            ForkJoinPool.commonPool().execute(task);
        }
        return task;
    }

    /** The VIHF {@link #vihfAhead} issues: run here if no other thread started it, its exception as it was thrown. */
    private Element issued(FutureTask<Element> task, Ins ins) {
        task.run();
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return vihf.issue(ins, actor);
        } catch (CancellationException e) {
            return vihf.issue(ins, actor);
        }
    }

    /**
     * Replaces a report already in the DMP: the same as {@link #submit} for a submission whose report replaces
     * an earlier version, refused otherwise.
     *
     * @param s the new version
     * @return what the DMP holds
     * @throws DmpException {@code DMP-024} when the report replaces nothing
     */
    public SubmissionResult replace(DmpSubmission s) {
        if (s.replacedN3().isEmpty()) {
            throw new DmpException(DmpError.BAD_REPLACEMENT,
                    "the report does not replace an earlier version (CrBioReport.Builder.replaces)");
        }
        if (s.n3().metadata().version() < 2) {
            throw new DmpException(DmpError.BAD_REPLACEMENT, "a replacement has version 2 or more");
        }
        return submit(s);
    }

    private SubmissionResult sendSubmission(Ins ins, Requests.Built built, DocumentPair pair, String ssUid,
            String sigUid, boolean replacement, FutureTask<Element> firstHeader) {
        int max = Math.max(1, submitRetry.maxAttempts());
        RuntimeException last = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            try {
                // the first attempt's VIHF was issued alongside the XAdES signature; each retry gets a new one
                Element header = attempt == 1 ? issued(firstHeader, ins) : vihf.issue(ins, actor);
                SoapResponse r = call(repository, "ITI-41", Xds.ACTION_ITI41, header, built.body(),
                        built.attachments(), false);
                Responses.requireSuccess(r.payload(), "ITI-41");
                return new SubmissionResult(ssUid, pair, sigUid, replacement, attempt, false);
            } catch (DmpException e) {
                boolean duplicate = e.problems().stream().anyMatch(p -> p.code() == DmpError.DUPLICATE_UNIQUE_ID);
                boolean uncertain = e.code() == DmpError.UNAVAILABLE || e.code() == DmpError.RESPONSE_MALFORMED
                        || e.getCause() instanceof TransportException t && RetryPolicy.isTransient(t);
                if (!duplicate && !uncertain) {
                    throw e;
                }
                last = e;
                LOG.info("DMP ITI-41 attempt {} without a clear answer ({}): looking for the documents", attempt,
                        e.code().id());
                Optional<Boolean> there = lookFor(ins, pair);
                if (there.isPresent() && there.get()) {
                    return new SubmissionResult(ssUid, pair, sigUid, replacement, attempt, true);
                }
                if (duplicate) {
                    throw e;
                }
                if (there.isEmpty() && attempt == max) {
                    throw new DmpException(List.of(Problem.of(DmpError.OUTCOME_UNKNOWN, "", ssUid,
                            e.getMessage())), e.registryErrors(), e);
                }
                if (attempt < max) {
                    sleep(submitRetry.backoff(attempt));
                }
            }
        }
        throw new DmpException(List.of(Problem.of(DmpError.UNAVAILABLE, "",
                "ITI-41 failed after " + max + " attempt(s)")), List.of(), last);
    }

    /** Whether both documents are in the DMP: empty when it cannot be told. */
    private Optional<Boolean> lookFor(Ins ins, DocumentPair pair) {
        try {
            Map<String, DmpDocument> found = byUniqueId(getDocuments(ins, List.of(pair.n3(), pair.n1())));
            if (found.containsKey(pair.n3()) && found.containsKey(pair.n1())) {
                return Optional.of(true);
            }
            if (found.containsKey(pair.n3()) != found.containsKey(pair.n1())) {
                throw new DmpException(DmpError.PARTIAL_UPDATE,
                        "only one of the N1 and the N3 is in the DMP after a fault: " + found.keySet());
            }
            return Optional.of(false);
        } catch (DmpException e) {
            if (e.code() == DmpError.PARTIAL_UPDATE) {
                throw e;
            }
            LOG.info("DMP: looking for {} failed ({})", pair, e.code().id());
            return Optional.empty();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DmpException(e, DmpError.UNAVAILABLE, "interrupted");
        }
    }

    // ------------------------------------------------------------------ ITI-18

    /**
     * ITI-18 FindDocuments.
     *
     * @param q the query
     * @return the document entries
     */
    public List<DmpDocument> find(FindQuery q) {
        checkIns(q.patient());
        Map<String, List<String>> slots = new LinkedHashMap<>();
        slots.put("$XDSDocumentEntryPatientId", List.of(Requests.quote(Requests.cx(q.patient()))));
        slots.put("$XDSDocumentEntryStatus", List.of(Requests.list(q.statuses().stream()
                .sorted().map(DocumentStatus::urn).toList())));
        codes(slots, "$XDSDocumentEntryClassCode", q.classCodes());
        codes(slots, "$XDSDocumentEntryTypeCode", q.typeCodes());
        codes(slots, "$XDSDocumentEntryFormatCode", q.formatCodes());
        return query(q.patient(), Xds.FIND_DOCUMENTS, slots).stream().map(Responses.Found::document).toList();
    }

    private static void codes(Map<String, List<String>> slots, String name, List<Code> codes) {
        if (!codes.isEmpty()) {
            slots.put(name, List.of(Requests.list(codes.stream().map(c -> c.code() + "^^" + c.codeSystem()).toList())));
        }
    }

    /**
     * ITI-18 GetDocuments by uniqueId (any status).
     *
     * @param ins the patient
     * @param uniqueIds the uniqueIds
     * @return the entries found (those not found are absent)
     */
    public List<DmpDocument> getDocuments(Ins ins, List<String> uniqueIds) {
        return found(ins, uniqueIds).stream().map(Responses.Found::document).toList();
    }

    private List<Responses.Found> found(Ins ins, List<String> uniqueIds) {
        checkIns(ins);
        Map<String, List<String>> slots = new LinkedHashMap<>();
        slots.put("$XDSDocumentEntryUniqueId", List.of(Requests.list(uniqueIds)));
        return query(ins, Xds.GET_DOCUMENTS, slots);
    }

    private List<Responses.Found> query(Ins ins, String queryId, Map<String, List<String>> slots) {
        SoapResponse r = call(registry, "ITI-18", Xds.ACTION_ITI18, ins, Requests.storedQuery(queryId, slots),
                List.of(), true);
        return Responses.documents(r.payload());
    }

    private static Map<String, DmpDocument> byUniqueId(List<DmpDocument> docs) {
        Map<String, DmpDocument> m = new LinkedHashMap<>();
        for (DmpDocument d : docs) {
            DmpDocument prev = m.get(d.uniqueId());
            if (prev == null || d.version() > prev.version()) {
                m.put(d.uniqueId(), d);
            }
        }
        return m;
    }

    // ------------------------------------------------------------------ ITI-43

    /**
     * ITI-43: retrieves one document, held in memory up to the connection's response size limit.
     *
     * @param ins the patient
     * @param uniqueId the document
     * @return the document
     * @throws DmpException {@code DMP-026} not found, {@code DMP-036} too large
     */
    public RetrievedDocument retrieve(Ins ins, String uniqueId) {
        checkIns(ins);
        SoapResponse r;
        try {
            r = call(repository, "ITI-43", Xds.ACTION_ITI43, ins,
                    Requests.retrieve(repositoryUniqueId, List.of(uniqueId)), List.of(), true);
        } catch (DmpException e) {
            if (e.getCause() instanceof TransportException t
                    && "TRANSPORT-016".equals(t.code().id())) {
                throw new DmpException(e, DmpError.TOO_LARGE, connection.maxResponseBytes());
            }
            throw e;
        }
        Element payload = r.payload();
        List<Element> docs = Dom.descendants(payload, Xds.XDSB, "DocumentResponse");
        for (Element d : docs) {
            Element uid = Dom.child(d, Xds.XDSB, "DocumentUniqueId");
            if (uid != null && uniqueId.equals(uid.getTextContent().trim())) {
                Element content = Dom.child(d, Xds.XDSB, "Document");
                Element mime = Dom.child(d, Xds.XDSB, "mimeType");
                Element repo = Dom.child(d, Xds.XDSB, "RepositoryUniqueId");
                if (content == null) {
                    throw new DmpException(DmpError.RESPONSE_MALFORMED, "ITI-43: DocumentResponse without Document");
                }
                byte[] bytes;
                try {
                    bytes = r.binaryContent(content);
                } catch (TransportException e) {
                    throw new DmpException(e, DmpError.RESPONSE_MALFORMED, "ITI-43: " + e.getMessage());
                }
                return new RetrievedDocument(uniqueId, repo == null ? repositoryUniqueId : repo.getTextContent().trim(),
                        mime == null ? "text/xml" : mime.getTextContent().trim(), bytes);
            }
        }
        List<RegistryError> errors = Responses.errors(payload);
        if (!errors.isEmpty()) {
            throw Responses.failure(errors, "ITI-43", payload.getAttribute("status"));
        }
        throw new DmpException(DmpError.DOCUMENT_NOT_FOUND, uniqueId);
    }

    /**
     * ITI-43 streamed: the document is copied to {@code out} as it arrives, never held whole in memory (the SOAP
     * part of the MTOM answer is read into memory, bounded by the connection's response size limit; the document
     * part is copied in 16 KiB steps). Up to {@code maxBytes} are accepted; the whole exchange is bounded by the
     * connection's total timeout. The call is audited, and traced (the document itself is not copied into the
     * trace: its size is). With a stand-in connection (tests), the answer is read whole first.
     *
     * @param ins the patient
     * @param uniqueId the document
     * @param out where to write it (not closed)
     * @param maxBytes the largest document accepted
     * @return what was written
     * @throws DmpException {@code DMP-026} not found, {@code DMP-036} larger than {@code maxBytes},
     *         {@code DMP-033} no answer
     */
    public StreamedDocument retrieveTo(Ins ins, String uniqueId, java.io.OutputStream out, long maxBytes) {
        checkIns(ins);
        Objects.requireNonNull(out, "out");
        if (connection.isStandIn() || connection.sslContext().isEmpty()) {
            RetrievedDocument d = retrieve(ins, uniqueId);
            if (d.content().length > maxBytes) {
                throw new DmpException(DmpError.TOO_LARGE, maxBytes);
            }
            try {
                out.write(d.content());
            } catch (java.io.IOException e) {
                throw new DmpException(e, DmpError.UNAVAILABLE, "cannot write the document: " + e.getMessage());
            }
            return new StreamedDocument(d.uniqueId(), d.repositoryUniqueId(), d.mimeType(), d.content().length);
        }
        SoapRequest request = SoapRequest.builder().operation("ITI-43").action(Xds.ACTION_ITI43)
                .header(vihf.issue(ins, actor)).body(Requests.retrieve(repositoryUniqueId, List.of(uniqueId)))
                .build();
        return fr.segurbio.dmp.internal.StreamingRetrieve.run(connection, repository, request, uniqueId,
                repositoryUniqueId, out, maxBytes, DmpWireTrace.redacting(connection.wireTrace()));
    }

    // ------------------------------------------------------------------ ITI-57

    /**
     * TD3.3: applies an action to the N1 and its N3 together, in one ITI-57 request. Both must exist and have
     * been authored by this structure. When both are already in the asked state, nothing is sent.
     *
     * <p>Safe under faults: after a timeout or a connection dropped, the documents are looked up again and the
     * request sent again only for what is not yet done.
     *
     * @param ins the patient
     * @param pair the documents
     * @param action the action
     * @return the outcome
     * @throws DmpException {@code DMP-026} a document is missing, {@code DMP-025} not authored here,
     *         {@code DMP-027} the action does not apply to the current state
     */
    public UpdateOutcome update(Ins ins, DocumentPair pair, DocumentAction action) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(action, "action");
        int max = Math.max(1, submitRetry.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            Requests.Update u = prepare(ins, pair, action);
            if (u == null) {
                return new UpdateOutcome(action, pair, attempt > 1);
            }
            try {
                SoapResponse r = call(registry, "ITI-57", Xds.ACTION_ITI57, ins, u.root(), List.of(), false);
                Responses.requireSuccess(r.payload(), "ITI-57 " + action);
                return new UpdateOutcome(action, pair, true);
            } catch (DmpException e) {
                boolean uncertain = e.code() == DmpError.UNAVAILABLE || e.code() == DmpError.RESPONSE_MALFORMED;
                if (!uncertain || attempt >= max) {
                    throw e;
                }
                // the DMP may have applied it: the next prepare() looks before sending again
                LOG.info("DMP ITI-57 {} attempt {} without a clear answer ({}): looking again", action, attempt,
                        e.code().id());
                sleep(submitRetry.backoff(attempt));
            }
        }
    }

    /** The ITI-57 request for the current state, or {@code null} when both are already as asked. */
    private Requests.Update prepare(Ins ins, DocumentPair pair, DocumentAction action) {
        List<Responses.Found> found = found(ins, List.of(pair.n1(), pair.n3()));
        Responses.Found n1 = ItiUpdates.latest(found, pair.n1());
        Responses.Found n3 = ItiUpdates.latest(found, pair.n3());
        if (action == DocumentAction.DELETE && n1 != null && n3 != null && ItiUpdates.isGone(n1) && ItiUpdates.isGone(n3)) {
            return null;
        }
        if (n1 == null) {
            throw new DmpException(DmpError.DOCUMENT_NOT_FOUND, pair.n1());
        }
        if (n3 == null) {
            throw new DmpException(DmpError.DOCUMENT_NOT_FOUND, pair.n3());
        }
        if (!n1.document().patientId().equals(n3.document().patientId())) {
            throw new DmpException(DmpError.PAIR_MISMATCH, "the N1 and the N3 are not about the same patient");
        }
        requireAuthor(n1.document());
        requireAuthor(n3.document());
        if (ItiUpdates.done(n1, action) && ItiUpdates.done(n3, action)) {
            return null;
        }
        Requests.Update u = Requests.update(Requests.derivedOid("update|" + java.util.UUID.randomUUID()), sourceId,
                Requests.cx(ins), clock.instant(), ownAuthor(), contentType);
        boolean changed = false;
        for (Responses.Found f : List.of(n1, n3)) {
            if (!ItiUpdates.done(f, action)) {
                changed |= ItiUpdates.apply(u, f, action);
            }
        }
        return changed ? u : null;
    }

    private void requireAuthor(DmpDocument d) {
        if (!d.authorStructureIds().contains(structureId)) {
            throw new DmpException(DmpError.NOT_AUTHOR, d.uniqueId(), structureId);
        }
    }

    private EntryData.Author ownAuthor() {
        if (structureName == null) {
            return null;
        }
        return new EntryData.Author(null, structureName + "^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^" + structureId,
                null, null);
    }

    /**
     * Masks the report to professionals.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome mask(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.MASK);
    }

    /**
     * Unmasks the report.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome unmask(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.UNMASK);
    }

    /**
     * Makes the report invisible to the patient.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome hideFromPatient(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.HIDE_FROM_PATIENT);
    }

    /**
     * Makes the report visible to the patient (ends the "annonce" mode with one call).
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome showToPatient(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.SHOW_TO_PATIENT);
    }

    /**
     * Makes the report invisible to the legal representatives.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome hideFromGuardians(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.HIDE_FROM_GUARDIANS);
    }

    /**
     * Archives the report.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome archive(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.ARCHIVE);
    }

    /**
     * Deletes the report.
     *
     * @param ins the patient
     * @param pair the N1 and its N3
     * @return the outcome
     */
    public UpdateOutcome delete(Ins ins, DocumentPair pair) {
        return update(ins, pair, DocumentAction.DELETE);
    }

    // ------------------------------------------------------------------ TD0.9

    /**
     * TD0.9: the Web PS DMP address that opens the patient's DMP in the browser, for the certificate (CPS) access
     * and for the Pro Santé Connect access ({@code https://wps-psc.dmp.monespacesante.fr}). The public material
     * gives the hosts, the PSC client ({@code cnam-webps-dmp}) and the pages, but <b>not</b> the query parameters
     * that put a patient in context, nor how the VIHF or PSC token is handed over (DMPi §TD0.9, not public): this
     * method therefore returns the host's entry page for the environment, and the patient's context is chosen
     * in the Web PS after login. It never invents parameters.
     *
     * @param ins the patient (checked against the environment)
     * @return the Web PS DMP addresses
     */
    public WebPsUrl webPsUrl(Ins ins) {
        return WebPsUrl.of(environment, ins);
    }

    // ------------------------------------------------------------------ calls

    private SoapResponse call(SoapClient client, String transaction, String action, Ins ins, Element body,
            List<Attachment> attachments, boolean idempotent) {
        return call(client, transaction, action, vihf.issue(ins, actor), body, attachments, idempotent);
    }

    private SoapResponse call(SoapClient client, String transaction, String action, Element vihfHeader,
            Element body, List<Attachment> attachments, boolean idempotent) {
        SoapRequest.Builder rb = SoapRequest.builder().operation(transaction).action(action)
                .header(vihfHeader).body(body).idempotent(idempotent);
        for (Attachment a : attachments) {
            rb.attachment(a);
        }
        if (Xds.ACTION_ITI41.equals(action) || Xds.ACTION_ITI43.equals(action)) {
            rb.mtom(true);
        }
        try {
            return client.call(rb.build());
        } catch (SoapFaultException f) {
            List<RegistryError> errors = f.detail().map(Responses::errors).orElse(List.of());
            List<Problem> problems = new ArrayList<>();
            problems.add(Problem.of(DmpError.REMOTE_FAULT, transaction, f.reason() + (f.subcodes().isEmpty() ? ""
                    : " " + f.subcodes())));
            problems.addAll(f.problems());
            throw new DmpException(problems, errors, f);
        } catch (RemoteServiceException e) {
            List<Problem> problems = new ArrayList<>();
            problems.add(Problem.of(DmpError.UNAVAILABLE, transaction, "HTTP " + e.status()));
            problems.addAll(e.problems());
            throw new DmpException(problems, List.of(), e);
        } catch (TransportException e) {
            List<Problem> problems = new ArrayList<>();
            problems.add(Problem.of(DmpError.UNAVAILABLE, transaction, e.getMessage()));
            problems.addAll(e.problems());
            throw new DmpException(problems, List.of(), e);
        }
    }

    static String sha1(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link DmpClient}: the service connection plus the DMP's own settings. Not thread-safe. */
    public static final class Builder {
        private ServiceConnection connection;
        private DmpEnvironment environment;
        private URI baseUrl;
        private VihfSettings vihfSettings;
        private SoftwareCertificate signing;
        private DmpActor actorSetting;
        private Code contentType = DEFAULT_CONTENT_TYPE;
        private String sourceId;
        private String structureId;
        private String structureName;
        private String repositoryUniqueId = DEFAULT_REPOSITORY;
        private boolean checkStatus = true;
        private Clock clock;
        private SoapClient registry;
        private SoapClient repository;
        private SoapClient patients;
        private VihfIssuer vihf;

        private Builder() {
        }

        /**
         * The shared service connection (ORG AUTH_CLI certificate, trust, timeouts, retries, audit, trace).
         *
         * @param connection the connection
         * @return this builder
         */
        public Builder connection(ServiceConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /**
         * The environment (its INS OIDs and default base URL).
         *
         * @param environment the environment
         * @return this builder
         */
        public Builder environment(DmpEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The base URL (default: the environment's), for a formation environment or the simulator.
         *
         * @param baseUrl the base URL; {@code registry}, {@code repository}, {@code patients} are appended
         * @return this builder
         */
        public Builder endpoint(URI baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /**
         * The VIHF settings.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder vihf(VihfSettings settings) {
            this.vihfSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * The ORG SIGN certificate that signs the VIHF and the XAdES document.
         *
         * @param certificate the certificate
         * @return this builder
         */
        public Builder signingCertificate(SoftwareCertificate certificate) {
            this.signing = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /**
         * The default acting user.
         *
         * @param actor the actor
         * @return this builder
         */
        public Builder actor(DmpActor actor) {
            this.actorSetting = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /**
         * The SubmissionSet contentTypeCode (JDV_J59; default {@link DmpClient#DEFAULT_CONTENT_TYPE}).
         *
         * @param code the code
         * @return this builder
         */
        public Builder contentTypeCode(Code code) {
            this.contentType = Objects.requireNonNull(code, "code");
            return this;
        }

        /**
         * The SubmissionSet sourceId (default: the VIHF's {@code LPS_ID}).
         *
         * @param oid the OID
         * @return this builder
         */
        public Builder sourceId(String oid) {
            this.sourceId = Objects.requireNonNull(oid, "oid");
            return this;
        }

        /**
         * The structure's identifier in the documents' authorInstitution (default: the VIHF's
         * {@code Identifiant_Structure}), used to check that a document was authored here before replacing,
         * masking or deleting it; and its name for the ITI-57 SubmissionSet author.
         *
         * @param id the identifier
         * @param name the structure's name, or {@code null}
         * @return this builder
         */
        public Builder structure(String id, String name) {
            this.structureId = Objects.requireNonNull(id, "id");
            this.structureName = name;
            return this;
        }

        /**
         * The repository uniqueId for ITI-43 (default {@link DmpClient#DEFAULT_REPOSITORY}).
         *
         * @param oid the OID
         * @return this builder
         */
        public Builder repositoryUniqueId(String oid) {
            this.repositoryUniqueId = Objects.requireNonNull(oid, "oid");
            return this;
        }

        /**
         * Whether {@link DmpClient#submit} calls TD0.2 first (default {@code true}).
         *
         * @param on whether to check
         * @return this builder
         */
        public Builder checkStatusBeforeSubmit(boolean on) {
            this.checkStatus = on;
            return this;
        }

        /**
         * Builds the client, checking the certificates: the connection's must be a TLS client (AUTH_CLI)
         * certificate, the signing one an ORG SIGN certificate, and they must differ.
         *
         * @return the client
         * @throws DmpException {@code DMP-001} missing settings, {@code DMP-002}…{@code DMP-005} certificates
         */
        public DmpClient build() {
            List<String> missing = new ArrayList<>();
            if (connection == null) {
                missing.add("connection");
            }
            if (environment == null) {
                missing.add("environment");
            }
            if (vihfSettings == null) {
                missing.add("vihf settings");
            }
            if (signing == null) {
                missing.add("signing certificate (ORG SIGN)");
            }
            if (actorSetting == null) {
                missing.add("actor");
            }
            if (!missing.isEmpty()) {
                throw new DmpException(DmpError.INVALID_CONFIGURATION, "missing " + String.join(", ", missing));
            }
            clock = connection.clock();
            Instant now = clock.instant();
            SoftwareCertificate tls = connection.certificate().orElseThrow(() -> new DmpException(
                    DmpError.INVALID_CONFIGURATION, "the connection has no client certificate (ORG AUTH_CLI)"));
            if (tls.certificate().equals(signing.certificate())) {
                throw new DmpException(DmpError.SAME_CERTIFICATE, tls.subject());
            }
            ValidationResult t = tls.check(now, CertificateUsage.TLS_CLIENT);
            if (!t.isValid()) {
                boolean usage = t.errors().stream().anyMatch(p -> "TRANSPORT-006".equals(p.code().id()));
                if (usage) {
                    throw new DmpException(DmpError.TLS_CERTIFICATE_IS_SIGN, tls.subject());
                }
                throw new DmpException(List.of(Problem.of(DmpError.CERTIFICATE_UNUSABLE, "connection.certificate",
                        "ORG AUTH_CLI", t.errors().get(0).message())), List.of(), null);
            }
            vihf = VihfIssuer.of(vihfSettings, signing).withClock(clock);
            if (sourceId == null) {
                sourceId = vihfSettings.softwareInstanceId().orElseThrow(() -> new DmpException(
                        DmpError.INVALID_CONFIGURATION, "sourceId (or the VIHF's LPS_ID) is required"));
            }
            if (structureId == null) {
                structureId = vihfSettings.structureId();
            }
            if (baseUrl == null) {
                baseUrl = environment.baseUrl();
            }
            String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
            registry = soapClient(URI.create(base + "registry"));
            repository = soapClient(URI.create(base + "repository"));
            patients = soapClient(URI.create(base + "patients"));
            return new DmpClient(this, actorSetting);
        }

        private SoapClient soapClient(URI endpoint) {
            return connection.soapClientBuilder(endpoint).service(SERVICE)
                    .wireTrace(DmpWireTrace.redacting(connection.wireTrace())).build();
        }
    }
}
