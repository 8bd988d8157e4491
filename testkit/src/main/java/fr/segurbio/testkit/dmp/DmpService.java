package fr.segurbio.testkit.dmp;

import fr.segurbio.testkit.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What the DMP simulator does with one request, independent of the server it runs on: identifies the
 * transaction (endpoint, WS-Addressing, body), checks the TLS certificate, the VIHF, the schema, then applies the
 * DMP's rules to its registry and answers. Thread-safe.
 */
final class DmpService {

    static final String REPOSITORY_UNIQUE_ID = "1.2.250.1.213.4.1.1.1.2";
    static final String DMP_DEVICE_OID = "1.2.250.1.213.4.1.1.1";
    static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    static final String PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
    static final String SEVERITY_ERROR = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
    static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    static final String NS_DETAIL = "urn:segurbio:testkit:dmp";

    private static final java.util.regex.Pattern UNIQUE_ID =
            java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)*(\\^[A-Za-z0-9._-]{1,64})?");
    private static final java.util.regex.Pattern SECTOR = java.util.regex.Pattern.compile("SA\\d{2}");
    private static final Set<String> PRACTICE_SETTINGS = Set.of("AMBULATOIRE", "ETABLISSEMENT");
    private static final DateTimeFormatter HL7_TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    /** An HTTP answer and the outcome the request log records. */
    record Reply(int status, String contentType, byte[] body, String outcome) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request identified: its transaction and parsed envelope. */
    record Parsed(DmpTransaction transaction, Document envelope, Element header, Element payload, String messageId,
            ServerRequest request) {
    }

    /** The simulator's settings the service needs. */
    record Settings(Set<String> insOids, boolean unknownPatientsHaveDmp) {
    }

    private final DmpSchemas schemas;
    private final VihfVerifier verifier;
    private final DmpRegistry registry;
    private final Settings settings;

    DmpService(DmpSchemas schemas, VihfVerifier verifier, DmpRegistry registry, Settings settings) {
        this.schemas = schemas;
        this.verifier = verifier;
        this.registry = registry;
        this.settings = settings;
    }

    // ------------------------------------------------------------------------------------------ identification

    Parsed parse(String service, ServerRequest request) throws Rejection {
        String ct = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        boolean mtom = ct.startsWith("multipart/related");
        byte[] root;
        try {
            if (mtom) {
                String type = param(request.contentType(), "type");
                if (!"application/xop+xml".equalsIgnoreCase(type)) {
                    throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "multipart/related sans type="
                            + "\"application/xop+xml\" : une requête MTOM/XOP est attendue");
                }
                String start = param(request.contentType(), "start");
                Optional<ServerRequest.Part> part = start == null ? request.parts().stream().findFirst()
                        : request.part(start);
                if (part.isEmpty()) {
                    throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "partie racine MTOM " + start + " absente");
                }
                String partType = part.get().contentType() == null ? "" : part.get().contentType();
                if (!partType.toLowerCase(Locale.ROOT).startsWith("application/xop+xml")
                        || !partType.contains("application/soap+xml")) {
                    throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "partie racine de type " + partType
                            + " : application/xop+xml; type=\"application/soap+xml\" attendu");
                }
                root = part.get().content();
            } else if (ct.startsWith("application/soap+xml")) {
                root = request.body();
            } else {
                throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "Content-Type " + request.contentType()
                        + " : SOAP 1.2 (application/soap+xml) ou MTOM (multipart/related) attendu");
            }
        } catch (IllegalArgumentException e) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "corps multipart illisible : " + e.getMessage());
        }
        Document doc;
        try {
            doc = DmpXml.parse(root);
        } catch (SAXException e) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "XML mal formé : " + e.getMessage());
        }
        Element env = doc.getDocumentElement();
        if (!DmpXml.NS_SOAP12.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "une enveloppe SOAP 1.2 (" + DmpXml.NS_SOAP12
                    + ") est attendue");
        }
        Element header = DmpXml.child(env, DmpXml.NS_SOAP12, "Header");
        Element body = DmpXml.child(env, DmpXml.NS_SOAP12, "Body");
        if (header == null || body == null) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "soap:Header et soap:Body sont attendus");
        }
        Element actionElement = DmpXml.child(header, DmpXml.NS_WSA, "Action");
        String messageId = DmpXml.text(header, DmpXml.NS_WSA, "MessageID");
        String to = DmpXml.text(header, DmpXml.NS_WSA, "To");
        if (actionElement == null || messageId == null || messageId.isEmpty() || to == null) {
            throw Rejection.fault(DmpFaultCode.ADDRESSING_HEADER, "en-têtes WS-Addressing Action, MessageID et To"
                    + " attendus");
        }
        // SOAP 1.2 wants soap:mustUnderstand; the DMP samples (dmp.md §3, DRIMbox) write it unqualified
        String mu = actionElement.hasAttributeNS(DmpXml.NS_SOAP12, "mustUnderstand")
                ? actionElement.getAttributeNS(DmpXml.NS_SOAP12, "mustUnderstand")
                : actionElement.getAttribute("mustUnderstand");
        if (!"true".equals(mu) && !"1".equals(mu)) {
            throw Rejection.fault(DmpFaultCode.ADDRESSING_HEADER, "wsa:Action doit porter soap:mustUnderstand=\"true\"");
        }
        String action = actionElement.getTextContent().trim();
        DmpTransaction tx = DmpTransaction.byAction(action);
        if (tx == null || !tx.service().equals(service)) {
            throw Rejection.fault(DmpFaultCode.ACTION_NOT_SUPPORTED, "l'action " + action
                    + " n'est pas servie par l'endpoint " + service);
        }
        if (!to.endsWith("/" + service)) {
            throw Rejection.fault(DmpFaultCode.ADDRESSING_HEADER, "wsa:To " + to + " ne désigne pas le service "
                    + service);
        }
        List<Element> payload = DmpXml.elements(body);
        if (payload.size() != 1) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "le corps SOAP doit contenir un seul élément");
        }
        Element p = payload.get(0);
        String[] expected = switch (tx) {
            case TD0_2 -> new String[] {DmpXml.NS_HL7, "PRPA_IN201307UV02"};
            case ITI_41 -> new String[] {DmpXml.NS_XDSB, "ProvideAndRegisterDocumentSetRequest"};
            case ITI_18 -> new String[] {DmpXml.NS_QUERY, "AdhocQueryRequest"};
            case ITI_43 -> new String[] {DmpXml.NS_XDSB, "RetrieveDocumentSetRequest"};
            case ITI_57 -> new String[] {DmpXml.NS_LCM, "SubmitObjectsRequest"};
        };
        if (!expected[0].equals(p.getNamespaceURI()) || !expected[1].equals(p.getLocalName())) {
            throw Rejection.fault(DmpFaultCode.ACTION_NOT_SUPPORTED, "l'action " + action + " attend {" + expected[0]
                    + "}" + expected[1] + ", le corps contient {" + p.getNamespaceURI() + "}" + p.getLocalName());
        }
        if (tx == DmpTransaction.ITI_41 && !mtom) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "ITI-41 : le DMP attend une requête MTOM/XOP"
                    + " (multipart/related; type=\"application/xop+xml\")");
        }
        return new Parsed(tx, doc, header, p, messageId, request);
    }

    private static String param(String contentType, String name) {
        for (String piece : contentType.split(";")) {
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = piece.substring(eq + 1).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ processing

    Reply process(Parsed p) {
        try {
            X509Certificate tls = p.request().clientCertificate();
            checkTlsCertificate(tls);
            Element security = DmpXml.child(p.header(), DmpXml.NS_WSSE, "Security");
            if (security == null) {
                throw Rejection.fault(DmpFaultCode.VIHF_MISSING, "en-tête wsse:Security (VIHF) absent");
            }
            VihfVerifier.Vihf vihf = verifier.verify(security, tls);
            return switch (p.transaction()) {
                case TD0_2 -> existence(p, vihf);
                case ITI_41 -> provideAndRegister(p, vihf);
                case ITI_18 -> query(p, vihf);
                case ITI_43 -> retrieve(p, vihf);
                case ITI_57 -> update(p, vihf);
            };
        } catch (Rejection r) {
            return reject(p, r);
        }
    }

    private static void checkTlsCertificate(X509Certificate tls) throws Rejection {
        if (tls == null) {
            throw Rejection.fault(DmpFaultCode.TLS_CERTIFICATE, "certificat client TLS absent");
        }
        boolean[] ku = tls.getKeyUsage();
        List<String> eku;
        try {
            eku = tls.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            eku = null;
        }
        if (ku == null || !ku[0] || eku == null || !eku.contains("1.3.6.1.5.5.7.3.2")) {
            throw Rejection.fault(DmpFaultCode.TLS_CERTIFICATE, "le certificat TLS n'est pas un certificat"
                    + " d'authentification ORG AUTH_CLI (digitalSignature et clientAuth attendus)");
        }
    }

    Reply reject(Parsed p, Rejection r) {
        String relates = p == null ? null : p.messageId();
        if (r.isFault()) {
            return fault(r.fault(), r.getMessage(), relates);
        }
        DmpTransaction tx = p.transaction();
        String errors = registryErrors(r.errors());
        String outcome = r.errors().get(0).code().code();
        return switch (tx) {
            case ITI_41 -> mtom(tx, relates, registryResponse(FAILURE, errors), Map.of(), outcome);
            case ITI_57 -> soap(tx, relates, registryResponse(FAILURE, errors), outcome);
            case ITI_18 -> soap(tx, relates, "<query:AdhocQueryResponse xmlns:query=\"" + DmpXml.NS_QUERY
                    + "\" xmlns:rim=\"" + DmpXml.NS_RIM + "\" xmlns:rs=\"" + DmpXml.NS_RS + "\" status=\"" + FAILURE
                    + "\">" + errors + "<rim:RegistryObjectList/></query:AdhocQueryResponse>", outcome);
            case ITI_43 -> mtom(tx, relates, "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"" + DmpXml.NS_XDSB
                    + "\">" + registryResponse(FAILURE, errors) + "</xdsb:RetrieveDocumentSetResponse>", Map.of(),
                    outcome);
            case TD0_2 -> fault(DmpFaultCode.INVALID_MESSAGE, r.getMessage(), relates);
        };
    }

    // ------------------------------------------------------------------------------------------ common checks

    /** A validator per thread: creating one costs about as much as validating a request. */
    private final ThreadLocal<Validator> validators = ThreadLocal.withInitial(this::newValidator);

    private Validator newValidator() {
        return schemas.xds().newValidator();
    }

    private void validate(Element payload, String what) throws Rejection {
        Validator v = validators.get();
        v.reset();
        List<String> problems = new ArrayList<>();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not make a request invalid
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(e.getMessage());
            }
        });
        try {
            v.validate(new DOMSource(payload));
        } catch (SAXException | java.io.IOException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw Rejection.fault(DmpFaultCode.SCHEMA, what + " n'est pas conforme aux schémas XDS : "
                    + String.join(" ; ", problems));
        }
    }

    /** The patient named by a request must be the VIHF's, in an OID of this environment. */
    private String[] patientOf(String cx, VihfVerifier.Vihf vihf) throws Rejection {
        String[] ins = VihfVerifier.parseInsCx(cx);
        if (ins == null) {
            throw Rejection.registry(DmpErrorCode.UNKNOWN_PATIENT_ID, "identifiant patient " + cx
                    + " : {INS}^^^&{OID}&ISO^NH attendu");
        }
        if (!settings.insOids().contains(ins[1])) {
            throw Rejection.registry(DmpErrorCode.UNKNOWN_PATIENT_ID, "l'OID " + ins[1]
                    + " n'est pas un OID INS de cet environnement " + settings.insOids());
        }
        if (!ins[0].equals(vihf.matricule()) || !ins[1].equals(vihf.insOid())) {
            throw Rejection.registry(DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH, "le patient " + cx
                    + " n'est pas celui du VIHF (" + vihf.patientCx() + ")");
        }
        return ins;
    }

    /** The patient's DMP must exist, be open, and not be forbidden to the structure (and, to feed it, no opposition). */
    private void gate(String matricule, boolean feeding) throws Rejection {
        DmpPatient patient = registry.knownPatient(matricule);
        DmpState state = patient != null ? patient.dmpState()
                : settings.unknownPatientsHaveDmp() ? DmpState.ACTIVE : DmpState.ABSENT;
        if (state == DmpState.ABSENT) {
            throw Rejection.registry(DmpErrorCode.DMP_NOT_FOUND, "le patient n'a pas de DMP");
        }
        if (state == DmpState.CLOSED) {
            throw Rejection.registry(DmpErrorCode.DMP_CLOSED, "le DMP du patient est fermé");
        }
        if (patient != null && patient.authorization() == DmpAuthorization.FORBIDDEN) {
            throw Rejection.registry(DmpErrorCode.DMP_ACCESS_DENIED, "le patient a interdit l'accès à la structure");
        }
        if (feeding && patient != null && patient.oppositions().contains(DmpOpposition.FEEDING)) {
            throw Rejection.registry(DmpErrorCode.DMP_OPPOSITION, "le patient s'est opposé à l'alimentation de son DMP");
        }
    }

    // ------------------------------------------------------------------------------------------ ITI-41

    private Reply provideAndRegister(Parsed p, VihfVerifier.Vihf vihf) throws Rejection {
        Element payload = p.payload();
        Map<String, byte[]> documents = new LinkedHashMap<>();
        List<Rejection.RegistryError> errors = new ArrayList<>();
        for (Element d : DmpXml.children(payload, DmpXml.NS_XDSB, "Document")) {
            String id = d.getAttribute("id");
            Element include = DmpXml.child(d, DmpXml.NS_XOP, "Include");
            byte[] bytes;
            if (include != null) {
                String href = include.getAttribute("href");
                Optional<ServerRequest.Part> part = p.request().part(href);
                if (part.isEmpty()) {
                    throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "xop:Include " + href
                            + " : aucune partie MIME de ce Content-ID");
                }
                bytes = part.get().content();
                d.removeChild(include);
            } else {
                try {
                    bytes = Base64.getMimeDecoder().decode(d.getTextContent().trim());
                } catch (IllegalArgumentException e) {
                    throw Rejection.fault(DmpFaultCode.SCHEMA, "Document " + id + " : base64 invalide");
                }
                d.setTextContent("");
            }
            documents.put(id, bytes);
        }
        validate(payload, "ProvideAndRegisterDocumentSetRequest");
        Element list = DmpXml.child(DmpXml.child(payload, DmpXml.NS_LCM, "SubmitObjectsRequest"), DmpXml.NS_RIM,
                "RegistryObjectList");
        Submission s = Submission.read(list);
        for (Element eo : s.entries) {
            String uid = Ebrim.externalId(eo, Ebrim.DE_UNIQUE_ID);
            if (uid != null) {
                registry.countSubmission(uid);
            }
        }
        if (s.submissionSet == null) {
            throw Rejection.registry(DmpErrorCode.REGISTRY_METADATA_ERROR, "un RegistryPackage classé SubmissionSet ("
                    + Ebrim.SUBMISSION_SET + ") est attendu, un seul");
        }
        String ssPatient = Ebrim.externalId(s.submissionSet, Ebrim.SS_PATIENT_ID);
        String[] ins = patientOf(ssPatient, vihf);
        gate(ins[0], true);
        checkSubmissionSet(s.submissionSet, errors);
        String ssUniqueId = Ebrim.externalId(s.submissionSet, Ebrim.SS_UNIQUE_ID);

        // what depends on the request alone (value sets, the signature document and its digests) is checked
        // before the registry is locked, so that concurrent submissions verify their signatures in parallel
        // (their errors are reported in the same order as before: each entry's, then the signature document's)
        Map<String, DmpDocument.Kind> kinds = new HashMap<>();
        List<List<Rejection.RegistryError>> entryErrors = new ArrayList<>();
        for (Element eo : s.entries) {
            List<Rejection.RegistryError> own = new ArrayList<>();
            kinds.put(eo.getAttribute("id"), checkEntry(eo, own));
            entryErrors.add(own);
        }
        List<Rejection.RegistryError> signatureErrors = new ArrayList<>();
        checkSignatureDocument(s, kinds, documents, p.request().clientCertificate(), signatureErrors);
        // each document's SHA-1, computed once (its hash slot is checked, then stored), and the copies of the
        // entries' metadata the registry keeps, both made outside the lock
        Map<String, String> hashes = new HashMap<>();
        for (Map.Entry<String, byte[]> d : documents.entrySet()) {
            hashes.put(d.getKey(), sha1(d.getValue()));
        }
        Map<String, Element> copies = new HashMap<>();
        for (Element eo : s.entries) {
            copies.put(eo.getAttribute("id"), registry.adopt(eo));
        }
        synchronized (registry) {
            Set<String> uniqueIds = new LinkedHashSet<>();
            int index = 0;
            for (Element eo : s.entries) {
                String id = eo.getAttribute("id");
                errors.addAll(entryErrors.get(index++));
                String pid = Ebrim.externalId(eo, Ebrim.DE_PATIENT_ID);
                if (pid != null && !pid.equals(ssPatient)) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH,
                            "DocumentEntry " + id + " : patient " + pid + " différent de celui du lot " + ssPatient,
                            id));
                }
                String uid = Ebrim.externalId(eo, Ebrim.DE_UNIQUE_ID);
                byte[] bytes = documents.get(id);
                List<DmpRegistry.Entry> same = uid == null ? List.of() : registry.byUniqueId(uid);
                if (uid != null && !uniqueIds.add(uid)) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.DUPLICATE_UNIQUE_ID,
                            "uniqueId " + uid + " présent deux fois dans le lot", id));
                } else if (!same.isEmpty() && bytes != null && !sha1(same.get(0).content).equals(hashes.get(id))) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.NON_IDENTICAL_HASH, "uniqueId " + uid
                            + " déjà enregistré pour un autre contenu", id));
                } else if (!same.isEmpty()) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.DUPLICATE_UNIQUE_ID,
                            "uniqueId " + uid + " déjà enregistré", id));
                }
                if (bytes == null) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.MISSING_DOCUMENT,
                            "DocumentEntry " + id + " sans xdsb:Document", id));
                } else {
                    checkHashAndSize(eo, bytes, hashes.get(id), errors);
                }
            }
            for (String id : documents.keySet()) {
                if (!kinds.containsKey(id)) {
                    errors.add(new Rejection.RegistryError(DmpErrorCode.MISSING_DOCUMENT_METADATA,
                            "xdsb:Document " + id + " sans DocumentEntry", id));
                }
            }
            Map<String, String> xfrm = new HashMap<>();
            Map<String, Registered> replaced = new LinkedHashMap<>();
            checkAssociations(s, kinds, vihf, ssPatient, xfrm, replaced, errors);
            checkN1N3(kinds, xfrm, replaced, errors);
            errors.addAll(signatureErrors);
            if (ssUniqueId != null && registry.hasSubmissionSet(ssUniqueId)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.DUPLICATE_UNIQUE_ID, "uniqueId du lot "
                        + ssUniqueId + " déjà enregistré", s.submissionSet.getAttribute("id")));
            }
            if (!errors.isEmpty()) {
                throw Rejection.registry(errors);
            }
            commit(s, kinds, documents, hashes, copies, xfrm, replaced, vihf, ssPatient, ssUniqueId);
        }
        return mtom(p.transaction(), p.messageId(), registryResponse(SUCCESS, ""), Map.of(), "Success");
    }

    /** A registered entry an association targets. */
    private record Registered(String entryUuid, DmpRegistry.Entry entry) {
    }

    /** The objects of a submission. */
    static final class Submission {
        Element submissionSet;
        final List<Element> entries = new ArrayList<>();
        final List<Element> associations = new ArrayList<>();

        static Submission read(Element list) {
            Submission s = new Submission();
            List<Element> packages = DmpXml.children(list, DmpXml.NS_RIM, "RegistryPackage");
            List<Element> loose = DmpXml.children(list, DmpXml.NS_RIM, "Classification");
            int found = 0;
            for (Element pkg : packages) {
                boolean ss = false;
                for (Element c : DmpXml.children(pkg, DmpXml.NS_RIM, "Classification")) {
                    ss |= Ebrim.SUBMISSION_SET.equals(c.getAttribute("classificationNode"));
                }
                for (Element c : loose) {
                    ss |= Ebrim.SUBMISSION_SET.equals(c.getAttribute("classificationNode"))
                            && pkg.getAttribute("id").equals(c.getAttribute("classifiedObject"));
                }
                if (ss) {
                    s.submissionSet = pkg;
                    found++;
                }
            }
            if (found != 1) {
                s.submissionSet = null;
            }
            s.entries.addAll(DmpXml.children(list, DmpXml.NS_RIM, "ExtrinsicObject"));
            s.associations.addAll(DmpXml.children(list, DmpXml.NS_RIM, "Association"));
            return s;
        }
    }

    /** The ids of the submission's associations (the submission set may list them with HasMember). */
    private static Set<String> associationIds(Submission s) {
        Set<String> ids = new LinkedHashSet<>();
        for (Element a : s.associations) {
            if (!Ebrim.HAS_MEMBER.equals(a.getAttribute("associationType"))) {
                ids.add(a.getAttribute("id"));
            }
        }
        return ids;
    }

    private static void checkSubmissionSet(Element ss, List<Rejection.RegistryError> errors) {
        String id = ss.getAttribute("id");
        require(Ebrim.externalId(ss, Ebrim.SS_UNIQUE_ID), "SubmissionSet.uniqueId", id, errors);
        require(Ebrim.externalId(ss, Ebrim.SS_SOURCE_ID), "SubmissionSet.sourceId", id, errors);
        require(Ebrim.firstSlot(ss, "submissionTime"), "SubmissionSet.submissionTime", id, errors);
        if (Ebrim.code(ss, Ebrim.SS_CONTENT_TYPE) == null) {
            metadata(errors, id, "SubmissionSet.contentTypeCode absent (JDV_J59)");
        }
        if (Ebrim.classifications(ss, Ebrim.SS_AUTHOR).isEmpty()) {
            metadata(errors, id, "SubmissionSet.author absent");
        }
    }

    private static void require(String value, String what, String id, List<Rejection.RegistryError> errors) {
        if (value == null || value.isEmpty()) {
            metadata(errors, id, what + " absent");
        }
    }

    private static void metadata(List<Rejection.RegistryError> errors, String id, String message) {
        errors.add(new Rejection.RegistryError(DmpErrorCode.REGISTRY_METADATA_ERROR, message, id));
    }

    /** The DocumentEntry's metadata against the DMP value sets; returns its kind. */
    private static DmpDocument.Kind checkEntry(Element eo, List<Rejection.RegistryError> errors) {
        String id = eo.getAttribute("id");
        if (!Ebrim.DOCUMENT_ENTRY.equals(eo.getAttribute("objectType"))) {
            metadata(errors, id, "objectType " + eo.getAttribute("objectType") + " : " + Ebrim.DOCUMENT_ENTRY
                    + " (DocumentEntry stable) attendu");
        }
        String uid = Ebrim.externalId(eo, Ebrim.DE_UNIQUE_ID);
        if (uid == null || !UNIQUE_ID.matcher(uid).matches() || uid.length() > 128) {
            metadata(errors, id, "DocumentEntry.uniqueId absent ou invalide : " + uid);
        }
        require(Ebrim.externalId(eo, Ebrim.DE_PATIENT_ID), "DocumentEntry.patientId", id, errors);
        require(Ebrim.firstSlot(eo, "creationTime"), "DocumentEntry.creationTime", id, errors);
        require(Ebrim.firstSlot(eo, "sourcePatientId"), "DocumentEntry.sourcePatientId", id, errors);
        String lang = Ebrim.firstSlot(eo, "languageCode");
        if (!"fr-FR".equals(lang)) {
            metadata(errors, id, "DocumentEntry.languageCode " + lang + " : fr-FR attendu");
        }
        if (Ebrim.classifications(eo, Ebrim.DE_AUTHOR).isEmpty()) {
            metadata(errors, id, "DocumentEntry.author absent");
        }
        Ebrim.Code format = Ebrim.code(eo, Ebrim.DE_FORMAT);
        Ebrim.Code cls = Ebrim.code(eo, Ebrim.DE_CLASS);
        Ebrim.Code type = Ebrim.code(eo, Ebrim.DE_TYPE);
        DmpDocument.Kind kind = DmpDocument.Kind.OTHER;
        String mime = eo.getAttribute("mimeType");
        if (format == null) {
            metadata(errors, id, "DocumentEntry.formatCode absent ou répété (JDV_J60)");
        } else if (format.code().equals(Ebrim.FORMAT_SIGNATURE) && format.scheme().equals("URN")) {
            kind = DmpDocument.Kind.SIGNATURE;
            expect(cls, new Ebrim.Code("urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1", "URN"), "classCode (JDV_J57)", id,
                    errors);
            expect(type, new Ebrim.Code("E1762", "ASTM"), "typeCode (JDV_J66)", id, errors);
            if (!"text/xml".equals(mime)) {
                metadata(errors, id, "mimeType " + mime + " : text/xml attendu pour le document de signature");
            }
        } else if (format.scheme().equals("1.3.6.1.4.1.19376.1.2.3") && (format.code().equals(Ebrim.FORMAT_N3)
                || format.code().equals(Ebrim.FORMAT_N1_PDF) || format.code().equals(Ebrim.FORMAT_N1_TEXT))) {
            kind = format.code().equals(Ebrim.FORMAT_N3) ? DmpDocument.Kind.N3 : DmpDocument.Kind.N1;
            expect(cls, new Ebrim.Code("10", "1.2.250.1.213.1.1.4.1"), "classCode (JDV_J57)", id, errors);
            expect(type, new Ebrim.Code("11502-2", "2.16.840.1.113883.6.1"), "typeCode (JDV_J66)", id, errors);
            if (!"text/xml".equals(mime) && !"application/xslt+xml".equals(mime)) {
                metadata(errors, id, "mimeType " + mime + " : text/xml ou application/xslt+xml attendu");
            }
        } else {
            metadata(errors, id, "formatCode " + format + " hors du jeu de valeurs JDV_J60-FormatCode-DMP");
        }
        Ebrim.Code facility = Ebrim.code(eo, Ebrim.DE_FACILITY);
        if (facility == null || !facility.scheme().equals("1.2.250.1.71.4.2.4")
                || !SECTOR.matcher(facility.code()).matches()) {
            metadata(errors, id, "healthcareFacilityTypeCode " + facility
                    + " hors du jeu de valeurs JDV_J61 (SAnn, 1.2.250.1.71.4.2.4)");
        }
        Ebrim.Code practice = Ebrim.code(eo, Ebrim.DE_PRACTICE);
        if (practice == null || !practice.scheme().equals("1.2.250.1.213.1.1.4.9")
                || !PRACTICE_SETTINGS.contains(practice.code())) {
            metadata(errors, id, "practiceSettingCode " + practice + " hors du jeu de valeurs JDV_J62 "
                    + PRACTICE_SETTINGS);
        }
        checkConfidentiality(Ebrim.codes(eo, Ebrim.DE_CONFIDENTIALITY), id, errors);
        return kind;
    }

    private static void expect(Ebrim.Code actual, Ebrim.Code wanted, String what, String id,
            List<Rejection.RegistryError> errors) {
        if (!wanted.equals(actual)) {
            metadata(errors, id, what + " " + actual + " : " + wanted + " attendu");
        }
    }

    private static void checkConfidentiality(List<Ebrim.Code> codes, String id, List<Rejection.RegistryError> errors) {
        int hl7 = 0;
        for (Ebrim.Code c : codes) {
            if (c.scheme().equals(Ebrim.CONF_HL7) && Set.of("N", "R", "V").contains(c.code())) {
                hl7++;
            } else if (!(c.scheme().equals(Ebrim.CONF_DMP) && Ebrim.DMP_CONFIDENTIALITY.contains(c.code()))) {
                metadata(errors, id, "confidentialityCode " + c + " hors du jeu de valeurs JDV_J58");
            }
        }
        if (hl7 != 1) {
            metadata(errors, id, "confidentialityCode : un code N, R ou V (" + Ebrim.CONF_HL7
                    + ") attendu, " + hl7 + " trouvé(s)");
        }
    }

    private static void checkHashAndSize(Element eo, byte[] bytes, String sha1, List<Rejection.RegistryError> errors) {
        String id = eo.getAttribute("id");
        String hash = Ebrim.firstSlot(eo, "hash");
        if (hash != null && !hash.equalsIgnoreCase(sha1)) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.NON_IDENTICAL_HASH, "hash " + hash
                    + " différent de l'empreinte SHA-1 du document " + sha1, id));
        }
        String size = Ebrim.firstSlot(eo, "size");
        if (size != null && !size.equals(Integer.toString(bytes.length))) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.REPOSITORY_METADATA_ERROR, "size " + size
                    + " différent de la taille du document " + bytes.length, id));
        }
        String repo = Ebrim.firstSlot(eo, "repositoryUniqueId");
        if (repo != null && !repo.equals(REPOSITORY_UNIQUE_ID)) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.REPOSITORY_METADATA_ERROR, "repositoryUniqueId "
                    + repo + " : " + REPOSITORY_UNIQUE_ID + " attendu", id));
        }
    }

    private void checkAssociations(Submission s, Map<String, DmpDocument.Kind> kinds, VihfVerifier.Vihf vihf,
            String ssPatient, Map<String, String> xfrm, Map<String, Registered> replaced,
            List<Rejection.RegistryError> errors) {
        String ssId = s.submissionSet.getAttribute("id");
        Set<String> members = new LinkedHashSet<>();
        boolean signs = false;
        for (Element a : s.associations) {
            String type = a.getAttribute("associationType");
            String src = a.getAttribute("sourceObject");
            String tgt = a.getAttribute("targetObject");
            String id = a.getAttribute("id");
            switch (type) {
                case Ebrim.HAS_MEMBER -> {
                    if (src.equals(ssId) && associationIds(s).contains(tgt)) {
                        continue;
                    }
                    if (src.equals(ssId) && kinds.containsKey(tgt)) {
                        if (!"Original".equals(Ebrim.firstSlot(a, "SubmissionSetStatus"))) {
                            metadata(errors, id, "HasMember " + tgt + " : SubmissionSetStatus=Original attendu");
                        }
                        members.add(tgt);
                    } else {
                        metadata(errors, id, "HasMember du lot vers un objet inconnu " + tgt);
                    }
                }
                case Ebrim.SIGNS -> {
                    if (kinds.get(src) == DmpDocument.Kind.SIGNATURE && tgt.equals(ssId)) {
                        signs = true;
                    } else {
                        metadata(errors, id, "association signs : du document de signature vers le lot attendue");
                    }
                }
                case Ebrim.XFRM -> {
                    if (kinds.get(src) == DmpDocument.Kind.N3 && kinds.get(tgt) == DmpDocument.Kind.N1) {
                        if (xfrm.put(src, tgt) != null) {
                            errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_N1_N3, "N3 " + src
                                    + " associé (XFRM) à plusieurs N1", id));
                        }
                    } else {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_N1_N3, "XFRM " + src + " → " + tgt
                                + " : d'un N3 vers un N1 du même lot attendu", id));
                    }
                }
                case Ebrim.RPLC -> {
                    DmpRegistry.Entry old = registry.byUuid(tgt);
                    if (!kinds.containsKey(src)) {
                        metadata(errors, id, "RPLC depuis un objet hors du lot : " + src);
                    } else if (old == null) {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.UNRESOLVED_REFERENCE,
                                "RPLC : entrée remplacée " + tgt + " inconnue", id));
                    } else if (old.status != DmpDocument.Status.APPROVED) {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.REGISTRY_ERROR,
                                "RPLC : l'entrée " + tgt + " n'est pas Approved (" + old.status + ")", id));
                    } else if (!old.patientId.equals(ssPatient)) {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH,
                                "RPLC : l'entrée " + tgt + " est d'un autre patient", id));
                    } else if (!old.authorStructure.equals(vihf.structureId())) {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_AUTHOR_NOT_ALLOWED,
                                "RPLC : le document " + old.uniqueId + " a été déposé par une autre structure", id));
                    } else if (old.kind != kinds.get(src)) {
                        metadata(errors, id, "RPLC : un " + old.kind + " est remplacé par un " + kinds.get(src));
                    } else {
                        replaced.put(src, new Registered(tgt, old));
                    }
                }
                default -> metadata(errors, id, "type d'association " + type + " non accepté par le DMP");
            }
        }
        for (String e : kinds.keySet()) {
            if (!members.contains(e)) {
                metadata(errors, e, "DocumentEntry " + e + " sans association HasMember depuis le lot");
            }
        }
        boolean hasSignatureDoc = kinds.containsValue(DmpDocument.Kind.SIGNATURE);
        if (!hasSignatureDoc || !signs) {
            metadata(errors, ssId, "document de signature XAdES et association signs vers le lot obligatoires");
        }
    }

    private void checkN1N3(Map<String, DmpDocument.Kind> kinds, Map<String, String> xfrm,
            Map<String, Registered> replaced, List<Rejection.RegistryError> errors) {
        for (var e : kinds.entrySet()) {
            if (e.getValue() == DmpDocument.Kind.N3 && !xfrm.containsKey(e.getKey())) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_N1_N3, "N3 " + e.getKey()
                        + " sans son N1 dans le même lot associé par XFRM (N3 → N1)", e.getKey()));
            }
        }
        // a replacement acts on the pair: the partner of a replaced N1 or N3 is replaced in the same submission
        Set<String> replacedUuids = new LinkedHashSet<>();
        replaced.values().forEach(r -> replacedUuids.add(r.entryUuid()));
        for (Registered r : replaced.values()) {
            String partner = partnerOf(r.entry());
            if (partner != null && !replacedUuids.contains(partner)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_N1_N3, "le remplacement de " + r.entryUuid()
                        + " doit aussi remplacer son " + (r.entry().kind == DmpDocument.Kind.N1 ? "N3" : "N1") + " "
                        + partner, r.entryUuid()));
            }
        }
    }

    /** The entryUUID of the current version of the N1/N3 partner of an entry, or {@code null}. */
    private String partnerOf(DmpRegistry.Entry e) {
        if (e.kind == DmpDocument.Kind.N3 && e.transformOf != null) {
            DmpRegistry.Entry n1 = registry.byUuid(e.transformOf);
            DmpRegistry.Entry cur = n1 == null ? null : registry.current(n1.lid);
            return cur == null ? null : cur.entryUuid;
        }
        if (e.kind == DmpDocument.Kind.N1) {
            for (DmpRegistry.Entry other : registry.all()) {
                if (other.kind == DmpDocument.Kind.N3 && other.transformOf != null
                        && registry.byUuid(other.transformOf) != null
                        && registry.byUuid(other.transformOf).lid.equals(e.lid)) {
                    DmpRegistry.Entry cur = registry.current(other.lid);
                    if (cur.status != DmpDocument.Status.DEPRECATED) {
                        return cur.entryUuid;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The XAdES signature document: an XMLDSig signature that verifies (secure validation), by a trusted ORG
     * SIGN certificate of the TLS client's structure, whose SignedInfo covers a {@code ds:Manifest} that references
     * each document as {@code urn:oid:uniqueId} with the SHA-1 or SHA-256 digest of its bytes.
     */
    private void checkSignatureDocument(Submission s, Map<String, DmpDocument.Kind> kinds,
            Map<String, byte[]> documents, X509Certificate tls, List<Rejection.RegistryError> errors) {
        for (Element eo : s.entries) {
            String id = eo.getAttribute("id");
            if (kinds.get(id) != DmpDocument.Kind.SIGNATURE || documents.get(id) == null) {
                continue;
            }
            Document sig;
            try {
                sig = DmpXml.parse(documents.get(id));
            } catch (SAXException e) {
                signatureDocument(errors, id, "document de signature illisible : " + e.getMessage());
                continue;
            }
            Element root = sig.getDocumentElement();
            if (!DmpXml.NS_DSIG.equals(root.getNamespaceURI()) || !"Signature".equals(root.getLocalName())) {
                signatureDocument(errors, id, "le document de signature doit être un ds:Signature XAdES");
                continue;
            }
            List<Element> manifests = DmpXml.descendants(root, DmpXml.NS_DSIG, "Manifest");
            if (manifests.size() != 1) {
                signatureDocument(errors, id, "un ds:Manifest (IHEManifest) est attendu dans le document de signature");
                continue;
            }
            Element manifest = manifests.get(0);
            String problem = verifySignatureDocument(root, manifest, tls);
            if (problem != null) {
                signatureDocument(errors, id, problem);
                continue;
            }
            Map<String, Element> refs = new HashMap<>();
            for (Element r : DmpXml.children(manifest, DmpXml.NS_DSIG, "Reference")) {
                refs.put(r.getAttribute("URI"), r);
            }
            for (Element doc : s.entries) {
                String did = doc.getAttribute("id");
                if (kinds.get(did) == DmpDocument.Kind.SIGNATURE || documents.get(did) == null) {
                    continue;
                }
                String uid = Ebrim.externalId(doc, Ebrim.DE_UNIQUE_ID);
                Element ref = refs.get("urn:oid:" + uid);
                if (ref == null) {
                    signatureDocument(errors, id, "le manifeste de signature ne référence pas urn:oid:" + uid);
                    continue;
                }
                Element dm = DmpXml.child(ref, DmpXml.NS_DSIG, "DigestMethod");
                String algo = dm == null ? "" : dm.getAttribute("Algorithm");
                String jca = switch (algo) {
                    case "http://www.w3.org/2000/09/xmldsig#sha1" -> "SHA-1";
                    case "http://www.w3.org/2001/04/xmlenc#sha256" -> "SHA-256";
                    default -> null;
                };
                String value = DmpXml.text(ref, DmpXml.NS_DSIG, "DigestValue");
                if (jca == null || value == null || !value.equals(Base64.getEncoder().encodeToString(
                        digest(jca, documents.get(did))))) {
                    signatureDocument(errors, id, "l'empreinte de urn:oid:" + uid + " du manifeste de signature ne"
                            + " correspond pas au document (" + algo + ")");
                }
            }
        }
    }

    /** The signature's core validation and signer; {@code null} when both are right. */
    private String verifySignatureDocument(Element signature, Element manifest, X509Certificate tls) {
        List<Element> withId = new ArrayList<>();
        collectIds(signature, withId);
        Set<String> ids = new java.util.HashSet<>();
        for (Element e : withId) {
            if (!ids.add(e.getAttribute("Id"))) {
                return "l'identifiant Id=" + e.getAttribute("Id") + " est porté par plusieurs éléments de la signature";
            }
        }
        Element signedInfo = DmpXml.child(signature, DmpXml.NS_DSIG, "SignedInfo");
        String manifestId = manifest.getAttribute("Id");
        boolean covered = false;
        for (Element r : DmpXml.children(signedInfo, DmpXml.NS_DSIG, "Reference")) {
            covered |= !manifestId.isEmpty() && ("#" + manifestId).equals(r.getAttribute("URI"));
        }
        if (!covered) {
            return "la signature ne couvre pas le manifeste (aucune Reference #" + manifestId + " dans SignedInfo)";
        }
        Element x509 = null;
        for (Element e : DmpXml.descendants(signature, DmpXml.NS_DSIG, "X509Certificate")) {
            x509 = e;
            break;
        }
        if (x509 == null) {
            return "KeyInfo/X509Data/X509Certificate absent de la signature";
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(Base64.getMimeDecoder().decode(x509.getTextContent().trim())));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return "certificat de signature illisible : " + e.getMessage();
        }
        String signer = verifier.signerProblem(cert, tls, "du document de signature");
        if (signer != null) {
            return signer;
        }
        try {
            javax.xml.crypto.dsig.dom.DOMValidateContext ctx =
                    new javax.xml.crypto.dsig.dom.DOMValidateContext(cert.getPublicKey(), signature);
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            for (Element e : withId) {
                ctx.setIdAttributeNS(e, null, "Id");
            }
            javax.xml.crypto.dsig.XMLSignature xs = javax.xml.crypto.dsig.XMLSignatureFactory.getInstance("DOM")
                    .unmarshalXMLSignature(ctx);
            if (!xs.validate(ctx)) {
                return "la signature du document de signature ne se vérifie pas (valeur ou empreintes modifiées)";
            }
        } catch (javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException e) {
            return "signature du document de signature invérifiable : " + e.getMessage();
        }
        return null;
    }

    private static void collectIds(Element e, List<Element> out) {
        if (e.hasAttribute("Id")) {
            out.add(e);
        }
        for (Element c : DmpXml.elements(e)) {
            collectIds(c, out);
        }
    }

    private static void signatureDocument(List<Rejection.RegistryError> errors, String id, String message) {
        errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_SIGNATURE_DOCUMENT, message, id));
    }

    private void commit(Submission s, Map<String, DmpDocument.Kind> kinds, Map<String, byte[]> documents,
            Map<String, String> hashes, Map<String, Element> copies, Map<String, String> xfrm,
            Map<String, Registered> replaced, VihfVerifier.Vihf vihf, String ssPatient, String ssUniqueId) {
        Map<String, String> uuids = new HashMap<>();
        for (Element eo : s.entries) {
            String id = eo.getAttribute("id");
            uuids.put(id, id.startsWith("urn:uuid:") && registry.byUuid(id) == null ? id
                    : "urn:uuid:" + UUID.randomUUID());
        }
        for (Element eo : s.entries) {
            String id = eo.getAttribute("id");
            DmpRegistry.Entry e = new DmpRegistry.Entry();
            e.entryUuid = uuids.get(id);
            e.lid = e.entryUuid;
            e.version = 1;
            e.uniqueId = Ebrim.externalId(eo, Ebrim.DE_UNIQUE_ID);
            e.patientId = ssPatient;
            e.status = DmpDocument.Status.APPROVED;
            e.kind = kinds.get(id);
            e.confidentiality = Ebrim.codes(eo, Ebrim.DE_CONFIDENTIALITY).stream().map(Ebrim.Code::code).toList();
            e.classCode = Ebrim.code(eo, Ebrim.DE_CLASS).code();
            e.typeCode = Ebrim.code(eo, Ebrim.DE_TYPE).code();
            e.formatCode = Ebrim.code(eo, Ebrim.DE_FORMAT).code();
            e.mimeType = eo.getAttribute("mimeType");
            e.authorStructure = vihf.structureId();
            e.submissionSetUniqueId = ssUniqueId;
            e.content = documents.get(id);
            Registered r = replaced.get(id);
            e.replaces = r == null ? null : r.entryUuid();
            String n1 = xfrm.get(id);
            e.transformOf = n1 == null ? null : uuids.get(n1);
            e.metadata = storedMetadata(copies.get(id), e, id, hashes.get(id));
            registry.put(e);
            registry.countAccepted(e.uniqueId);
        }
        for (Registered r : replaced.values()) {
            setStatus(r.entry(), DmpDocument.Status.DEPRECATED);
        }
        registry.addSubmissionSet(ssUniqueId);
    }

    /** The registry's copy of an entry's metadata made the stored entry's: its ids, status, slots and version. */
    private Element storedMetadata(Element m, DmpRegistry.Entry e, String submittedId, String sha1) {
        m.setAttribute("id", e.entryUuid);
        m.setAttribute("lid", e.lid);
        m.setAttribute("status", e.status.urn());
        for (Element c : DmpXml.elements(m)) {
            if (submittedId.equals(c.getAttribute("classifiedObject"))) {
                c.setAttribute("classifiedObject", e.entryUuid);
            }
            if (submittedId.equals(c.getAttribute("registryObject"))) {
                c.setAttribute("registryObject", e.entryUuid);
            }
            if (c.getAttribute("id").startsWith("urn:uuid:") || !c.hasAttribute("id")) {
                continue;
            }
            c.setAttribute("id", "urn:uuid:" + UUID.randomUUID());
        }
        Ebrim.setSlot(m, "repositoryUniqueId", REPOSITORY_UNIQUE_ID);
        Ebrim.setSlot(m, "size", Integer.toString(e.content.length));
        Ebrim.setSlot(m, "hash", sha1);
        Ebrim.setVersion(m, e.version);
        return m;
    }

    private static void setStatus(DmpRegistry.Entry e, DmpDocument.Status status) {
        e.status = status;
        e.metadata.setAttribute("status", status.urn());
    }

    // ------------------------------------------------------------------------------------------ ITI-18

    private Reply query(Parsed p, VihfVerifier.Vihf vihf) throws Rejection {
        validate(p.payload(), "AdhocQueryRequest");
        Element option = DmpXml.child(p.payload(), DmpXml.NS_QUERY, "ResponseOption");
        String returnType = option == null ? "LeafClass" : option.getAttribute("returnType");
        Element q = DmpXml.child(p.payload(), DmpXml.NS_RIM, "AdhocQuery");
        String queryId = q.getAttribute("id");
        List<DmpRegistry.Entry> found = new ArrayList<>();
        if (FIND_DOCUMENTS.equals(queryId)) {
            List<String> pid = Ebrim.queryValues(q, "$XDSDocumentEntryPatientId");
            List<String> status = Ebrim.queryValues(q, "$XDSDocumentEntryStatus");
            if (pid.size() != 1 || status.isEmpty()) {
                throw Rejection.registry(DmpErrorCode.STORED_QUERY_PARAM, "FindDocuments : $XDSDocumentEntryPatientId"
                        + " (une valeur) et $XDSDocumentEntryStatus sont obligatoires");
            }
            String[] ins = patientOf(pid.get(0), vihf);
            gate(ins[0], false);
            synchronized (registry) {
                for (DmpRegistry.Entry e : registry.all()) {
                    if (e.patientId.equals(pid.get(0)) && status.contains(e.status.urn()) && visible(e, vihf)
                            && matches(q, e)) {
                        found.add(e);
                    }
                }
            }
        } else if (GET_DOCUMENTS.equals(queryId)) {
            List<String> uids = Ebrim.queryValues(q, "$XDSDocumentEntryUniqueId");
            List<String> uuids = Ebrim.queryValues(q, "$XDSDocumentEntryEntryUUID");
            if (uids.isEmpty() == uuids.isEmpty()) {
                throw Rejection.registry(DmpErrorCode.STORED_QUERY_PARAM, "GetDocuments : $XDSDocumentEntryUniqueId"
                        + " ou $XDSDocumentEntryEntryUUID (l'un des deux) est obligatoire");
            }
            gate(vihf.matricule(), false);
            synchronized (registry) {
                for (DmpRegistry.Entry e : registry.all()) {
                    if ((uids.contains(e.uniqueId) || uuids.contains(e.entryUuid))
                            && e.patientId.equals(vihf.patientCx()) && e.status != DmpDocument.Status.DELETED
                            && visible(e, vihf)) {
                        found.add(e);
                    }
                }
            }
        } else {
            throw Rejection.registry(DmpErrorCode.UNKNOWN_STORED_QUERY, "requête " + queryId
                    + " inconnue du simulateur (FindDocuments, GetDocuments)");
        }
        StringBuilder b = new StringBuilder();
        b.append("<query:AdhocQueryResponse xmlns:query=\"").append(DmpXml.NS_QUERY).append("\" xmlns:rim=\"")
                .append(DmpXml.NS_RIM).append("\" status=\"").append(SUCCESS).append("\"><rim:RegistryObjectList>");
        synchronized (registry) {
            for (DmpRegistry.Entry e : found) {
                if ("ObjectRef".equals(returnType)) {
                    b.append("<rim:ObjectRef id=\"").append(e.entryUuid).append("\"/>");
                } else {
                    b.append(registry.serialize(e.metadata));
                }
            }
        }
        b.append("</rim:RegistryObjectList></query:AdhocQueryResponse>");
        return soap(p.transaction(), p.messageId(), b.toString(), "Success");
    }

    /** A document masked to professionals is visible to its author structure only. */
    private static boolean visible(DmpRegistry.Entry e, VihfVerifier.Vihf vihf) {
        return !e.confidentiality.contains("MASQUE_PS") || e.authorStructure.equals(vihf.structureId());
    }

    /** The optional FindDocuments filters. */
    private static boolean matches(Element q, DmpRegistry.Entry e) {
        Element m = e.metadata;
        if (!codeFilter(q, "$XDSDocumentEntryClassCode", Ebrim.codes(m, Ebrim.DE_CLASS))
                || !codeFilter(q, "$XDSDocumentEntryTypeCode", Ebrim.codes(m, Ebrim.DE_TYPE))
                || !codeFilter(q, "$XDSDocumentEntryFormatCode", Ebrim.codes(m, Ebrim.DE_FORMAT))
                || !codeFilter(q, "$XDSDocumentEntryPracticeSettingCode", Ebrim.codes(m, Ebrim.DE_PRACTICE))
                || !codeFilter(q, "$XDSDocumentEntryHealthcareFacilityTypeCode", Ebrim.codes(m, Ebrim.DE_FACILITY))
                || !codeFilter(q, "$XDSDocumentEntryConfidentialityCode", Ebrim.codes(m, Ebrim.DE_CONFIDENTIALITY))) {
            return false;
        }
        return timeFilter(q, "$XDSDocumentEntryCreationTimeFrom", "$XDSDocumentEntryCreationTimeTo",
                Ebrim.firstSlot(m, "creationTime"))
                && timeFilter(q, "$XDSDocumentEntryServiceStartTimeFrom", "$XDSDocumentEntryServiceStartTimeTo",
                        Ebrim.firstSlot(m, "serviceStartTime"));
    }

    private static boolean codeFilter(Element q, String name, List<Ebrim.Code> codes) {
        List<String> wanted = Ebrim.queryValues(q, name);
        if (wanted.isEmpty()) {
            return true;
        }
        for (Ebrim.Code c : codes) {
            if (wanted.contains(c.code() + "^^" + c.scheme())) {
                return true;
            }
        }
        return false;
    }

    private static boolean timeFilter(Element q, String fromName, String toName, String value) {
        List<String> from = Ebrim.queryValues(q, fromName);
        List<String> to = Ebrim.queryValues(q, toName);
        if (from.isEmpty() && to.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String v = (value + "00000000000000").substring(0, 14);
        if (!from.isEmpty() && v.compareTo((from.get(0) + "00000000000000").substring(0, 14)) < 0) {
            return false;
        }
        return to.isEmpty() || v.compareTo((to.get(0) + "00000000000000").substring(0, 14)) < 0;
    }

    // ------------------------------------------------------------------------------------------ ITI-43

    private Reply retrieve(Parsed p, VihfVerifier.Vihf vihf) throws Rejection {
        validate(p.payload(), "RetrieveDocumentSetRequest");
        gate(vihf.matricule(), false);
        List<Rejection.RegistryError> errors = new ArrayList<>();
        Map<String, byte[]> attachments = new LinkedHashMap<>();
        StringBuilder responses = new StringBuilder();
        synchronized (registry) {
            retrieveEach(p, vihf, errors, attachments, responses);
        }
        if (attachments.isEmpty()) {
            throw Rejection.registry(errors);
        }
        String status = errors.isEmpty() ? SUCCESS : PARTIAL;
        String body = "<xdsb:RetrieveDocumentSetResponse xmlns:xdsb=\"" + DmpXml.NS_XDSB + "\">"
                + registryResponse(status, registryErrors(errors)) + responses + "</xdsb:RetrieveDocumentSetResponse>";
        return mtom(p.transaction(), p.messageId(), body, attachments, errors.isEmpty() ? "Success" : "PartialSuccess");
    }

    private void retrieveEach(Parsed p, VihfVerifier.Vihf vihf, List<Rejection.RegistryError> errors,
            Map<String, byte[]> attachments, StringBuilder responses) {
        for (Element r : DmpXml.children(p.payload(), DmpXml.NS_XDSB, "DocumentRequest")) {
            String repo = DmpXml.text(r, DmpXml.NS_XDSB, "RepositoryUniqueId");
            String uid = DmpXml.text(r, DmpXml.NS_XDSB, "DocumentUniqueId");
            if (!REPOSITORY_UNIQUE_ID.equals(repo)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.UNKNOWN_REPOSITORY_ID, "entrepôt " + repo
                        + " inconnu (" + REPOSITORY_UNIQUE_ID + ")", uid));
                continue;
            }
            DmpRegistry.Entry e = registry.currentByUniqueId(uid);
            if (e == null || e.status == DmpDocument.Status.DELETED || !e.patientId.equals(vihf.patientCx())
                    || !visible(e, vihf)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.DOCUMENT_UNIQUE_ID_ERROR, "document " + uid
                        + " inconnu pour ce patient", uid));
                continue;
            }
            String cid = attachments.size() + 1 + "." + UUID.randomUUID() + "@dmp.simulateur";
            attachments.put(cid, e.content);
            responses.append("<xdsb:DocumentResponse><xdsb:RepositoryUniqueId>").append(REPOSITORY_UNIQUE_ID)
                    .append("</xdsb:RepositoryUniqueId><xdsb:DocumentUniqueId>").append(DmpXml.escape(uid))
                    .append("</xdsb:DocumentUniqueId><xdsb:mimeType>").append(DmpXml.escape(e.mimeType))
                    .append("</xdsb:mimeType><xdsb:Document><xop:Include xmlns:xop=\"").append(DmpXml.NS_XOP)
                    .append("\" href=\"cid:").append(cid).append("\"/></xdsb:Document></xdsb:DocumentResponse>");
        }
    }

    // ------------------------------------------------------------------------------------------ ITI-57

    private Reply update(Parsed p, VihfVerifier.Vihf vihf) throws Rejection {
        validate(p.payload(), "SubmitObjectsRequest");
        Element list = DmpXml.child(p.payload(), DmpXml.NS_RIM, "RegistryObjectList");
        Submission s = Submission.read(list);
        if (s.submissionSet == null) {
            throw Rejection.registry(DmpErrorCode.REGISTRY_METADATA_ERROR, "un RegistryPackage classé SubmissionSet"
                    + " est attendu, un seul");
        }
        String ssPatient = Ebrim.externalId(s.submissionSet, Ebrim.SS_PATIENT_ID);
        String[] ins = patientOf(ssPatient, vihf);
        gate(ins[0], true);
        List<Rejection.RegistryError> errors = new ArrayList<>();
        checkSubmissionSet(s.submissionSet, errors);
        String ssId = s.submissionSet.getAttribute("id");
        synchronized (registry) {
            // logical entry (lid) → operation, to check that an N1 and its N3 get the same one
            Map<String, String> operations = new LinkedHashMap<>();
            List<Runnable> changes = new ArrayList<>();
            Map<String, Element> newVersions = new HashMap<>();
            for (Element eo : s.entries) {
                newVersions.put(eo.getAttribute("id"), eo);
            }
            for (Element a : s.associations) {
                String type = a.getAttribute("associationType");
                String id = a.getAttribute("id");
                if (Ebrim.UPDATE_STATUS.equals(type)) {
                    statusChange(a, ssId, vihf, ssPatient, operations, changes, errors);
                } else if (Ebrim.HAS_MEMBER.equals(type) && ssId.equals(a.getAttribute("sourceObject"))
                        && associationIds(s).contains(a.getAttribute("targetObject"))) {
                    continue;
                } else if (Ebrim.HAS_MEMBER.equals(type) && newVersions.containsKey(a.getAttribute("targetObject"))) {
                    metadataUpdate(a, newVersions.remove(a.getAttribute("targetObject")), vihf, ssPatient, operations,
                            changes, errors);
                } else {
                    metadata(errors, id, "association " + type + " non acceptée dans une mise à jour (ITI-57)");
                }
            }
            for (String orphan : newVersions.keySet()) {
                metadata(errors, orphan, "nouvelle version " + orphan + " sans HasMember (PreviousVersion) du lot");
            }
            if (operations.isEmpty() && errors.isEmpty()) {
                metadata(errors, ssId, "aucune mise à jour dans la requête");
            }
            for (var op : operations.entrySet()) {
                DmpRegistry.Entry cur = registry.current(op.getKey());
                String partner = cur == null ? null : partnerOf(cur);
                if (partner != null) {
                    String partnerLid = registry.byUuid(partner).lid;
                    if (!op.getValue().equals(operations.get(partnerLid))) {
                        errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_N1_N3, "la mise à jour ("
                                + op.getValue() + ") de " + cur.uniqueId + " doit porter aussi sur son "
                                + (cur.kind == DmpDocument.Kind.N1 ? "N3" : "N1"), cur.entryUuid));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw Rejection.registry(errors);
            }
            changes.forEach(Runnable::run);
        }
        return soap(p.transaction(), p.messageId(), registryResponse(SUCCESS, ""), "Success");
    }

    private void statusChange(Element a, String ssId, VihfVerifier.Vihf vihf, String ssPatient,
            Map<String, String> operations, List<Runnable> changes, List<Rejection.RegistryError> errors) {
        String id = a.getAttribute("id");
        String target = a.getAttribute("targetObject");
        if (!ssId.equals(a.getAttribute("sourceObject"))) {
            metadata(errors, id, "UpdateAvailabilityStatus : sourceObject doit être le lot");
            return;
        }
        DmpDocument.Status from = DmpDocument.Status.byUrn(Ebrim.firstSlot(a, "OriginalStatus"));
        DmpDocument.Status to = DmpDocument.Status.byUrn(Ebrim.firstSlot(a, "NewStatus"));
        DmpRegistry.Entry e = registry.byUuid(target);
        if (e == null) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.UNRESOLVED_REFERENCE, "entrée " + target + " inconnue",
                    id));
            return;
        }
        if (!allowed(e, vihf, ssPatient, id, errors)) {
            return;
        }
        if (from == null || to == null) {
            metadata(errors, id, "OriginalStatus et NewStatus (statuts XDS ou CI-SIS) obligatoires");
            return;
        }
        if (from != e.status) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_VERSION_ERROR, "OriginalStatus "
                    + from.urn() + " mais l'entrée est " + e.status.urn(), id));
            return;
        }
        boolean ok = switch (from) {
            case APPROVED -> to == DmpDocument.Status.ARCHIVED || to == DmpDocument.Status.DELETED;
            case ARCHIVED -> to == DmpDocument.Status.APPROVED || to == DmpDocument.Status.DELETED;
            default -> false;
        };
        if (!ok) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "transition " + from + " → "
                    + to + " refusée par le DMP", id));
            return;
        }
        operations.put(e.lid, "status " + from + " → " + to);
        changes.add(() -> setStatus(e, to));
    }

    private boolean allowed(DmpRegistry.Entry e, VihfVerifier.Vihf vihf, String ssPatient, String id,
            List<Rejection.RegistryError> errors) {
        if (!e.patientId.equals(ssPatient)) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.PATIENT_ID_DOES_NOT_MATCH, "l'entrée "
                    + e.entryUuid + " est d'un autre patient", id));
            return false;
        }
        if (!e.authorStructure.equals(vihf.structureId())) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.DMP_AUTHOR_NOT_ALLOWED, "le document " + e.uniqueId
                    + " a été déposé par une autre structure", id));
            return false;
        }
        return true;
    }

    private void metadataUpdate(Element hasMember, Element eo, VihfVerifier.Vihf vihf, String ssPatient,
            Map<String, String> operations, List<Runnable> changes, List<Rejection.RegistryError> errors) {
        String id = eo.getAttribute("id");
        String lid = eo.getAttribute("lid");
        DmpRegistry.Entry cur = lid.isEmpty() ? null : registry.current(lid);
        if (cur == null) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.UNRESOLVED_REFERENCE, "lid " + lid
                    + " : aucune entrée de ce logicalID", id));
            return;
        }
        if (!allowed(cur, vihf, ssPatient, id, errors)) {
            return;
        }
        String previous = Ebrim.firstSlot(hasMember, "PreviousVersion");
        if (!Integer.toString(cur.version).equals(previous)) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_VERSION_ERROR, "PreviousVersion " + previous
                    + " : la version courante de " + lid + " est " + cur.version, id));
            return;
        }
        if (cur.status != DmpDocument.Status.APPROVED) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "l'entrée " + cur.entryUuid
                    + " n'est pas Approved (" + cur.status + ")", id));
            return;
        }
        int before = errors.size();
        checkEntry(eo, errors);
        for (String scheme : List.of(Ebrim.DE_CLASS, Ebrim.DE_TYPE, Ebrim.DE_FORMAT, Ebrim.DE_FACILITY,
                Ebrim.DE_PRACTICE)) {
            if (!Ebrim.codes(eo, scheme).equals(Ebrim.codes(cur.metadata, scheme))) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "seule la confidentialité"
                        + " peut changer (classification " + scheme + " modifiée)", id));
            }
        }
        if (!cur.uniqueId.equals(Ebrim.externalId(eo, Ebrim.DE_UNIQUE_ID))
                || !cur.patientId.equals(Ebrim.externalId(eo, Ebrim.DE_PATIENT_ID))) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "uniqueId et patientId ne"
                    + " peuvent pas changer", id));
        }
        List<String> newCodes = Ebrim.codes(eo, Ebrim.DE_CONFIDENTIALITY).stream().map(Ebrim.Code::code).toList();
        Set<String> added = new LinkedHashSet<>(newCodes);
        added.removeAll(cur.confidentiality);
        Set<String> removed = new LinkedHashSet<>(cur.confidentiality);
        removed.removeAll(newCodes);
        for (String c : added) {
            if (!Ebrim.DMP_CONFIDENTIALITY.contains(c)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "changement de"
                        + " confidentialité " + c + " non accepté (MASQUE_PS, INVISIBLE_PATIENT,"
                        + " INVISIBLE_REPRESENTANTS_LEGAUX)", id));
            }
        }
        for (String c : removed) {
            if (!Ebrim.DMP_CONFIDENTIALITY.contains(c)) {
                errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "le code " + c
                        + " ne peut pas être retiré", id));
            }
        }
        if (added.isEmpty() && removed.isEmpty()) {
            errors.add(new Rejection.RegistryError(DmpErrorCode.METADATA_UPDATE_ERROR, "nouvelle version sans"
                    + " changement de confidentialité", id));
        }
        if (errors.size() > before) {
            return;
        }
        operations.put(cur.lid, "confidentialité +" + added + " -" + removed);
        String newUuid = id.startsWith("urn:uuid:") && registry.byUuid(id) == null ? id : "urn:uuid:" + UUID.randomUUID();
        changes.add(() -> {
            DmpRegistry.Entry n = new DmpRegistry.Entry();
            n.entryUuid = newUuid;
            n.lid = cur.lid;
            n.version = cur.version + 1;
            n.uniqueId = cur.uniqueId;
            n.patientId = cur.patientId;
            n.status = DmpDocument.Status.APPROVED;
            n.kind = cur.kind;
            n.confidentiality = List.copyOf(newCodes);
            n.classCode = cur.classCode;
            n.typeCode = cur.typeCode;
            n.formatCode = cur.formatCode;
            n.mimeType = cur.mimeType;
            n.authorStructure = cur.authorStructure;
            n.submissionSetUniqueId = cur.submissionSetUniqueId;
            n.replaces = cur.replaces;
            n.transformOf = cur.transformOf;
            n.content = cur.content;
            n.metadata = storedMetadata(registry.adopt(eo), n, id, sha1(n.content));
            n.metadata.setAttribute("lid", cur.lid);
            setStatus(cur, DmpDocument.Status.DEPRECATED);
            registry.put(n);
        });
    }

    // ------------------------------------------------------------------------------------------ TD0.2

    private Reply existence(Parsed p, VihfVerifier.Vihf vihf) throws Rejection {
        Element msg = p.payload();
        Element interaction = DmpXml.child(msg, DmpXml.NS_HL7, "interactionId");
        if (interaction == null || !"PRPA_IN201307UV02".equals(interaction.getAttribute("extension"))) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "interactionId PRPA_IN201307UV02 attendu");
        }
        Element cap = DmpXml.child(msg, DmpXml.NS_HL7, "controlActProcess");
        Element reason = DmpXml.child(cap, DmpXml.NS_HL7, "reasonCode");
        if (reason == null || !"TEST_EXST".equals(reason.getAttribute("code"))
                || !"1.2.250.1.213.1.1.4.11".equals(reason.getAttribute("codeSystem"))) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "controlActProcess/reasonCode TEST_EXST"
                    + " (1.2.250.1.213.1.1.4.11) attendu");
        }
        Element qbp = DmpXml.child(cap, DmpXml.NS_HL7, "queryByParameter");
        Element queryId = DmpXml.child(qbp, DmpXml.NS_HL7, "queryId");
        Element params = DmpXml.child(qbp, DmpXml.NS_HL7, "parameterList");
        Element pi = DmpXml.child(params, DmpXml.NS_HL7, "patientIdentifier");
        Element value = DmpXml.child(pi, DmpXml.NS_HL7, "value");
        if (value == null || value.getAttribute("root").isEmpty() || value.getAttribute("extension").isEmpty()) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "parameterList/patientIdentifier/value (root, extension)"
                    + " attendu");
        }
        String oid = value.getAttribute("root");
        String matricule = value.getAttribute("extension");
        if (!settings.insOids().contains(oid)) {
            throw Rejection.fault(DmpFaultCode.INVALID_MESSAGE, "l'OID " + oid
                    + " n'est pas un OID INS de cet environnement " + settings.insOids());
        }
        if (!matricule.equals(vihf.matricule()) || !oid.equals(vihf.insOid())) {
            throw Rejection.fault(DmpFaultCode.VIHF_ATTRIBUTE, "le patient de la requête n'est pas celui du VIHF");
        }
        DmpPatient patient = registry.knownPatient(matricule);
        DmpState state = patient != null ? patient.dmpState()
                : settings.unknownPatientsHaveDmp() ? DmpState.ACTIVE : DmpState.ABSENT;
        Element msgId = DmpXml.child(msg, DmpXml.NS_HL7, "id");
        Element processing = DmpXml.child(msg, DmpXml.NS_HL7, "processingCode");
        String now = HL7_TS.format(java.time.Instant.now());
        StringBuilder b = new StringBuilder(2048);
        b.append("<PRPA_IN201308UV02 xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"").append(DmpXml.NS_XSI)
                .append("\" ITSVersion=\"XML_1.0\"><id root=\"").append(DMP_DEVICE_OID).append("\" extension=\"")
                .append(UUID.randomUUID()).append("\"/><creationTime value=\"").append(now)
                .append("\"/><interactionId root=\"2.16.840.1.113883.1.6\" extension=\"PRPA_IN201308UV02\"/>")
                .append("<processingCode code=\"").append(processing == null ? "P"
                        : DmpXml.escape(processing.getAttribute("code")))
                .append("\"/><processingModeCode code=\"T\"/><acceptAckCode code=\"NE\"/>")
                .append("<receiver typeCode=\"RCV\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"")
                .append(DmpXml.escape(vihf.structureId())).append("\"/></device></receiver>")
                .append("<sender typeCode=\"SND\"><device classCode=\"DEV\" determinerCode=\"INSTANCE\"><id root=\"")
                .append(DMP_DEVICE_OID).append("\"/><softwareName>DMP</softwareName></device></sender>")
                .append("<acknowledgement><typeCode code=\"AA\"/><targetMessage><id root=\"")
                .append(msgId == null ? "" : DmpXml.escape(msgId.getAttribute("root"))).append("\" extension=\"")
                .append(msgId == null ? "" : DmpXml.escape(msgId.getAttribute("extension")))
                .append("\"/></targetMessage></acknowledgement>")
                .append("<controlActProcess classCode=\"CACT\" moodCode=\"EVN\">")
                .append("<reasonCode code=\"TEST_EXST\" codeSystem=\"1.2.250.1.213.1.1.4.11\"/>");
        if (state != DmpState.ABSENT) {
            b.append("<subject typeCode=\"SUBJ\"><registrationEvent classCode=\"REG\" moodCode=\"EVN\">")
                    .append("<statusCode code=\"").append(state == DmpState.ACTIVE ? "active" : "completed")
                    .append("\"/><subject1 typeCode=\"SBJ\"><patient classCode=\"PAT\"><id root=\"").append(oid)
                    .append("\" extension=\"").append(DmpXml.escape(matricule)).append("\"/><statusCode code=\"")
                    .append(state == DmpState.ACTIVE ? "active" : "completed").append("\"/>");
            observation(b, "DMP_STATUT", "CS", state.code());
            DmpAuthorization auth = patient == null ? DmpAuthorization.VALID : patient.authorization();
            observation(b, "AUTORISATION", "CS", auth.code());
            for (DmpOpposition o : DmpOpposition.values()) {
                boolean set = patient != null && patient.oppositions().contains(o);
                b.append("<subjectOf typeCode=\"SBJ\"><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"")
                        .append(o.code()).append("\" codeSystem=\"1.2.250.1.213.4.1.2.3\"/><value xsi:type=\"BL\"")
                        .append(" value=\"").append(set).append("\"/></observation></subjectOf>");
            }
            b.append("</patient></subject1></registrationEvent></subject>");
        }
        b.append("<queryAck><queryId root=\"").append(queryId == null ? "" : DmpXml.escape(queryId.getAttribute("root")))
                .append("\" extension=\"").append(queryId == null ? "" : DmpXml.escape(queryId.getAttribute("extension")))
                .append("\"/><queryResponseCode code=\"").append(state == DmpState.ABSENT ? "NF" : "OK")
                .append("\"/></queryAck></controlActProcess></PRPA_IN201308UV02>");
        return soap(p.transaction(), p.messageId(), b.toString(), state.code());
    }

    private static void observation(StringBuilder b, String code, String type, String value) {
        b.append("<subjectOf typeCode=\"SBJ\"><observation classCode=\"OBS\" moodCode=\"EVN\"><code code=\"")
                .append(code).append("\" codeSystem=\"1.2.250.1.213.1.1.4.11\"/><value xsi:type=\"").append(type)
                .append("\" code=\"").append(value).append("\"/></observation></subjectOf>");
    }

    // ------------------------------------------------------------------------------------------ answers

    static String registryResponse(String status, String errors) {
        return "<rs:RegistryResponse xmlns:rs=\"" + DmpXml.NS_RS + "\" status=\"" + status + "\">" + errors
                + "</rs:RegistryResponse>";
    }

    static String registryErrors(List<Rejection.RegistryError> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<rs:RegistryErrorList xmlns:rs=\"" + DmpXml.NS_RS + "\">");
        for (Rejection.RegistryError e : errors) {
            b.append("<rs:RegistryError errorCode=\"").append(e.code().code()).append("\" codeContext=\"")
                    .append(DmpXml.escape(e.code().label() + " : " + e.context())).append("\" severity=\"")
                    .append(SEVERITY_ERROR).append('"');
            if (e.location() != null) {
                b.append(" location=\"").append(DmpXml.escape(e.location())).append('"');
            }
            b.append("/>");
        }
        return b.append("</rs:RegistryErrorList>").toString();
    }

    static String envelope(String action, String relatesTo, String body) {
        StringBuilder b = new StringBuilder(body.length() + 600);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"").append(DmpXml.NS_SOAP12)
                .append("\" xmlns:wsa=\"").append(DmpXml.NS_WSA).append("\"><soap:Header><wsa:Action soap:mustUnderstand=")
                .append("\"true\">").append(action).append("</wsa:Action><wsa:MessageID>urn:uuid:")
                .append(UUID.randomUUID()).append("</wsa:MessageID>");
        if (relatesTo != null) {
            b.append("<wsa:RelatesTo>").append(DmpXml.escape(relatesTo)).append("</wsa:RelatesTo>");
        }
        return b.append("</soap:Header><soap:Body>").append(body).append("</soap:Body></soap:Envelope>").toString();
    }

    private static Reply soap(DmpTransaction tx, String relatesTo, String body, String outcome) {
        return new Reply(200, "application/soap+xml; charset=utf-8; action=\"" + tx.responseAction() + "\"",
                envelope(tx.responseAction(), relatesTo, body).getBytes(StandardCharsets.UTF_8), outcome);
    }

    private static Reply mtom(DmpTransaction tx, String relatesTo, String body, Map<String, byte[]> attachments,
            String outcome) {
        var r = fr.segurbio.testkit.ServerResponse.mtom(envelope(tx.responseAction(), relatesTo, body), attachments);
        return new Reply(200, r.headers().get("Content-Type"), r.bodyArray(), outcome);
    }

    static Reply fault(DmpFaultCode code, String message, String relatesTo) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<soap:Fault><soap:Code><soap:Value>").append(code.code()).append("</soap:Value>");
        if (code.subcode() != null) {
            b.append("<soap:Subcode><soap:Value>").append(code.subcode()).append("</soap:Value></soap:Subcode>");
        }
        b.append("</soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">").append(DmpXml.escape(message))
                .append("</soap:Text></soap:Reason><soap:Detail><dmp:erreur xmlns:dmp=\"").append(NS_DETAIL)
                .append("\" code=\"").append(code.detailCode()).append("\">").append(DmpXml.escape(message))
                .append("</dmp:erreur></soap:Detail></soap:Fault>");
        String env = envelope("http://www.w3.org/2005/08/addressing/soap/fault", relatesTo, b.toString())
                .replaceFirst("<soap:Envelope ", "<soap:Envelope xmlns:wsse=\"" + DmpXml.NS_WSSE + "\" ");
        return new Reply(500, "application/soap+xml; charset=utf-8", env.getBytes(StandardCharsets.UTF_8),
                code.detailCode());
    }

    static String sha1(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-1", bytes));
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
