package fr.segurbio.testkit.insi;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * What the simulator does with one HTTP request, independent of the server it runs on: checks the client
 * certificate's CN, parses the SOAP 1.2 envelope safely, validates the {@code ContexteBAM}, {@code ContexteLPS}
 * and body against the service's XSDs, checks the WS-Addressing action and the software's IDAM, then answers
 * from the personae. Thread-safe.
 */
final class InsiService {

    static final String NS_SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String NS_BAM = "urn:siram:bam:ctxbam";
    static final String NS_LPS = "urn:siram:lps:ctxlps";
    static final String NS_RECSANS = "http://www.cnamts.fr/INSiRecSans";
    static final String NS_RECVIT = "http://www.cnamts.fr/INSiRecVit";
    static final String ACTION_TRAITS = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite";
    static final String ACTION_VITALE = "urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecCarteVitale";

    /** Requests larger than this are refused before parsing. */
    static final int MAX_REQUEST_BYTES = 256 * 1024;

    /** The XSD files, relative to the folder given to the simulator, that requests are validated against. */
    static final List<String> SCHEMA_FILES = List.of(
            "ServiceIdentiteCertifiee/INSi_RECSANS_INS.xsd",
            "ServiceIdentiteCertifiee/INSi_RECVITALE_INS.xsd",
            "CTX/ROOT_ctxbam_CTXBAM_V01_02.xsd",
            "CTX/ROOT_ctxlps_CTXLPS_V01_00.xsd");

    private final Schema schema;
    private final List<InsiPersona> personae;
    private final Set<String> allowedCns;
    private final Set<String> idams;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong faults = new AtomicLong();

    InsiService(Path xsdFolder, List<InsiPersona> personae, Set<String> allowedCns, Set<String> idams) {
        List<Path> files = new ArrayList<>();
        for (String f : SCHEMA_FILES) {
            Path p = xsdFolder.resolve(f);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("INSi schema not found: " + p
                        + " (give the simulator the xsd/ folder of the INSi WSDL package)");
            }
            files.add(p);
        }
        try {
            this.schema = SafeXml.schema(files);
        } catch (SAXException e) {
            throw new IllegalArgumentException("the INSi schemas in " + xsdFolder + " cannot be compiled: "
                    + e.getMessage(), e);
        }
        this.personae = List.copyOf(personae);
        this.allowedCns = Set.copyOf(allowedCns);
        this.idams = Set.copyOf(idams);
    }

    long requests() {
        return requests.get();
    }

    long faults() {
        return faults.get();
    }

    /** An HTTP answer. */
    record Reply(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Reply handle(String contentType, byte[] body, X509Certificate client) {
        requests.incrementAndGet();
        String cn = commonName(client);
        if (cn == null || !allowedCns.contains(cn)) {
            return fault(SimulatedFault.ACCESS_DENIED, null);
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/soap+xml")) {
            return fault(SimulatedFault.invalidRequest("Content-Type " + contentType
                    + " : une requête SOAP 1.2 est attendue (application/soap+xml)"), null);
        }
        if (body.length > MAX_REQUEST_BYTES) {
            return fault(SimulatedFault.invalidRequest("requête de " + body.length + " octets, au-delà de "
                    + MAX_REQUEST_BYTES), null);
        }
        Document doc;
        try {
            doc = SafeXml.parse(body);
        } catch (SAXException e) {
            return fault(SimulatedFault.invalidRequest("XML mal formé : " + e.getMessage()), null);
        }
        Element env = doc.getDocumentElement();
        if (!NS_SOAP12.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            return fault(SimulatedFault.invalidRequest("l'élément racine n'est pas une enveloppe SOAP 1.2"), null);
        }
        Element header = SafeXml.child(env, NS_SOAP12, "Header");
        Element soapBody = SafeXml.child(env, NS_SOAP12, "Body");
        List<String> problems = new ArrayList<>();
        if (header == null) {
            problems.add("en-tête SOAP absent");
        }
        if (soapBody == null) {
            return fault(SimulatedFault.invalidRequest("corps SOAP absent"), null);
        }
        List<Element> payload = SafeXml.elements(soapBody);
        if (payload.size() != 1) {
            return fault(SimulatedFault.invalidRequest("le corps SOAP doit contenir un seul élément, il en contient "
                    + payload.size()), null);
        }
        Element request = payload.get(0);
        String expectedAction;
        if (NS_RECSANS.equals(request.getNamespaceURI()) && "RECSANSVITALE".equals(request.getLocalName())) {
            expectedAction = ACTION_TRAITS;
        } else if (NS_RECVIT.equals(request.getNamespaceURI()) && "RECVITALE".equals(request.getLocalName())) {
            expectedAction = ACTION_VITALE;
        } else {
            return fault(SimulatedFault.invalidRequest("opération inconnue : {" + request.getNamespaceURI() + "}"
                    + request.getLocalName()), null);
        }
        String messageId = null;
        Element lps = null;
        if (header != null) {
            Element bam = SafeXml.child(header, NS_BAM, "ContexteBAM");
            lps = SafeXml.child(header, NS_LPS, "ContexteLPS");
            String action = SafeXml.text(header, NS_WSA, "Action");
            messageId = SafeXml.text(header, NS_WSA, "MessageID");
            if (bam == null) {
                problems.add("en-tête ctxbam:ContexteBAM absent");
            } else {
                validate(bam, "ContexteBAM", problems);
            }
            if (lps == null) {
                problems.add("en-tête ctxlps:ContexteLPS absent");
            } else {
                validate(lps, "ContexteLPS", problems);
            }
            if (action == null) {
                problems.add("en-tête wsa:Action absent");
            } else if (!expectedAction.equals(action)) {
                problems.add("wsa:Action " + action + " ne correspond pas à l'opération (" + expectedAction + ")");
            }
            if (messageId == null || messageId.isEmpty()) {
                problems.add("en-tête wsa:MessageID absent");
            }
        }
        validate(request, request.getLocalName(), problems);
        if (!problems.isEmpty()) {
            return fault(SimulatedFault.invalidRequest(String.join(" ; ", problems)), messageId);
        }
        Element logiciel = SafeXml.child(lps, NS_LPS, "LPS");
        String idam = SafeXml.text(logiciel, NS_LPS, "IDAM");
        if (idam == null || !idams.contains(idam)) {
            return fault(SimulatedFault.UNKNOWN_SOFTWARE, messageId);
        }
        List<InsiPersona> found = new ArrayList<>();
        if (expectedAction.equals(ACTION_TRAITS)) {
            String name = SafeXml.text(request, NS_RECSANS, "NomNaissance");
            List<String> prenoms = SafeXml.children(request, NS_RECSANS, "Prenom").stream()
                    .map(e -> e.getTextContent().trim()).toList();
            String sexe = SafeXml.text(request, NS_RECSANS, "Sexe");
            String date = SafeXml.text(request, NS_RECSANS, "DateNaissance");
            String lieu = SafeXml.text(request, NS_RECSANS, "LieuNaissance");
            for (InsiPersona p : personae) {
                if (p.matchesTraits(name, prenoms, sexe, date, lieu)) {
                    found.add(p);
                }
            }
        } else {
            Element mi = SafeXml.child(request, NS_RECVIT, "MatriculeIndividu");
            String num = SafeXml.text(mi, NS_RECVIT, "NumIdentifiant");
            String cle = SafeXml.text(mi, NS_RECVIT, "Cle");
            String date = SafeXml.text(request, NS_RECVIT, "DateNaissance");
            for (InsiPersona p : personae) {
                if (p.matchesVitale(num, cle, date)) {
                    found.add(p);
                }
            }
        }
        String responseAction = expectedAction + "Response";
        if (found.size() == 1) {
            InsiPersona p = found.get(0);
            if (p.fault().isPresent()) {
                return fault(p.fault().get(), messageId);
            }
            if (p.verbatim() != null) {
                return new Reply(200, contentType(responseAction), p.verbatim());
            }
            return ok(responseAction, messageId, Responses.identity(p));
        }
        if (found.isEmpty()) {
            return ok(responseAction, messageId, Responses.result("01", "Aucune identite trouvee"));
        }
        return ok(responseAction, messageId, Responses.result("02", "Plusieurs identites trouvees"));
    }

    private void validate(Element e, String what, List<String> problems) {
        CollectingValidator v = validators.get();
        v.what = what;
        v.found = problems;
        int before = problems.size();
        try {
            v.validator.validate(new DOMSource(e));
        } catch (SAXException | java.io.IOException ex) {
            if (problems.size() == before) {
                problems.add(what + " : " + ex.getMessage());
            }
        } finally {
            v.found = null;
            v.validator.reset();
            v.validator.setErrorHandler(v);
        }
    }

    /** A validator per thread (creating one costs as much as validating a request). */
    private final ThreadLocal<CollectingValidator> validators = ThreadLocal.withInitial(
            () -> new CollectingValidator(schema().newValidator()));

    private Schema schema() {
        return schema;
    }

    private static final class CollectingValidator implements ErrorHandler {
        final Validator validator;
        String what;
        List<String> found;

        CollectingValidator(Validator validator) {
            this.validator = validator;
            validator.setErrorHandler(this);
        }

        @Override
        public void warning(SAXParseException ex) {
            // warnings do not make a request invalid
        }

        @Override
        public void error(SAXParseException ex) {
            found.add(what + " : " + ex.getMessage());
        }

        @Override
        public void fatalError(SAXParseException ex) {
            found.add(what + " : " + ex.getMessage());
        }
    }

    private static String contentType(String action) {
        return "application/soap+xml; charset=utf-8; action=\"" + action + "\"";
    }

    private Reply ok(String action, String relatesTo, String result) {
        return new Reply(200, contentType(action), Responses.envelope(action, relatesTo, result)
                .getBytes(StandardCharsets.UTF_8));
    }

    private Reply fault(SimulatedFault f, String relatesTo) {
        faults.incrementAndGet();
        return new Reply(500, "application/soap+xml; charset=utf-8",
                Responses.fault(f, relatesTo).getBytes(StandardCharsets.UTF_8));
    }

    static String commonName(X509Certificate cert) {
        if (cert == null) {
            return null;
        }
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName());
            String cn = null;
            for (Rdn rdn : dn.getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    /** Writes the simulator's answers. */
    static final class Responses {
        private Responses() {
        }

        static String result(String code, String label) {
            return "<RESULTAT xmlns=\"" + InsiPersona.NS_RESULT + "\"><CR><CodeCR>" + code + "</CodeCR><LibelleCR>"
                    + label + "</LibelleCR></CR></RESULTAT>";
        }

        static String identity(InsiPersona p) {
            StringBuilder b = new StringBuilder(1024);
            b.append("<RESULTAT xmlns=\"").append(InsiPersona.NS_RESULT).append("\"><CR><CodeCR>00</CodeCR>")
                    .append("<LibelleCR>OK</LibelleCR></CR><INDIVIDU>");
            ins(b, "INSACTIF", p.active().orElseThrow());
            for (InsiPersona.Ins h : p.history()) {
                ins(b, "INSHISTO", h);
            }
            b.append("<TIQ>");
            elem(b, "NomNaissance", p.birthName());
            elem(b, "Prenom", p.firstNames().get(0));
            elem(b, "ListePrenom", String.join(" ", p.firstNames()));
            elem(b, "Sexe", p.sex());
            elem(b, "DateNaissance", p.birthDate());
            p.birthPlace().ifPresent(l -> elem(b, "LieuNaissance", l));
            b.append("</TIQ></INDIVIDU></RESULTAT>");
            return b.toString();
        }

        private static void ins(StringBuilder b, String name, InsiPersona.Ins ins) {
            b.append('<').append(name).append("><IdIndividu>");
            elem(b, "NumIdentifiant", ins.number());
            elem(b, "Cle", ins.key());
            b.append("</IdIndividu>");
            elem(b, "OID", ins.oid());
            if (ins.startDate() != null) {
                elem(b, "DateDeb", ins.startDate());
            }
            if (ins.endDate() != null) {
                elem(b, "DateFin", ins.endDate());
            }
            b.append("</").append(name).append('>');
        }

        private static void elem(StringBuilder b, String name, String value) {
            b.append('<').append(name).append('>').append(SafeXml.escape(value)).append("</").append(name)
                    .append('>');
        }

        static String envelope(String action, String relatesTo, String body) {
            StringBuilder b = new StringBuilder(body.length() + 600);
            b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"").append(NS_SOAP12)
                    .append("\" xmlns:wsa=\"").append(NS_WSA).append("\"><soap:Header><wsa:Action>").append(action)
                    .append("</wsa:Action><wsa:MessageID>uuid:").append(UUID.randomUUID())
                    .append("</wsa:MessageID>");
            if (relatesTo != null) {
                b.append("<wsa:RelatesTo>").append(SafeXml.escape(relatesTo)).append("</wsa:RelatesTo>");
            }
            b.append("</soap:Header><soap:Body>").append(body).append("</soap:Body></soap:Envelope>");
            return b.toString();
        }

        static String fault(SimulatedFault f, String relatesTo) {
            StringBuilder b = new StringBuilder(1024);
            b.append("<soap:Fault><soap:Code><soap:Value>soap:").append(f.receiver() ? "Receiver" : "Sender")
                    .append("</soap:Value>");
            if (f.subcode() != null) {
                b.append("<soap:Subcode><soap:Value>siram:").append(f.subcode()).append("</soap:Value></soap:Subcode>");
            }
            b.append("</soap:Code><soap:Reason><soap:Text xml:lang=\"fr\">").append(SafeXml.escape(f.reason()))
                    .append("</soap:Text></soap:Reason><soap:Detail><siram:Erreur severite=\"")
                    .append(SafeXml.escape(f.severity())).append("\" code=\"").append(SafeXml.escape(f.detailCode()))
                    .append("\">").append(SafeXml.escape(f.detail())).append("</siram:Erreur></soap:Detail></soap:Fault>");
            String env = envelope("http://www.w3.org/2005/08/addressing/soap/fault", relatesTo, b.toString());
            return env.replaceFirst("<soap:Envelope ", "<soap:Envelope xmlns:siram=\"urn:siram\" ");
        }
    }
}
