package fr.segurbio.testkit.dmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks the VIHF (the SAML 2.0 assertion in {@code wsse:Security}) as the DMP does: the VIHF schema (relaxed, see
 * {@link DmpSchemas}), the enveloped XMLDSig signature in its required form (exclusive c14n, RSA-SHA256, SHA-256,
 * one reference to the assertion's ID, signature wrapping refused), the signing certificate (issued by the trusted
 * CAs, valid, an ORG SIGN certificate — nonRepudiation, no clientAuth — of the TLS client's organisation, and not
 * the TLS certificate itself), the validity window, and every attribute of the attribute table per mode.
 */
final class VihfVerifier {

    static final String EXC_C14N = CanonicalizationMethod.EXCLUSIVE;
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String SHA256 = DigestMethod.SHA256;
    static final String X509_SUBJECT_NAME = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName";
    static final String ATTR_RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    static final String ATTR_SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
    static final String ATTR_PURPOSE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    static final String ATTR_ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";
    static final String PURPOSE_SYSTEM = "1.2.250.1.213.1.1.4.248";
    static final String AUTOMATE_SYSTEM = "1.2.250.1.213.1.1.4.6";
    static final String PROFESSION_SYSTEM = "1.2.250.1.71.1.2.7";
    static final String SAVOIR_FAIRE_SYSTEM = "1.2.250.1.71.4.2.5";
    static final String PHARMACIST_SECTION_SYSTEM = "1.2.250.1.71.4.2.6";
    static final String STUDENT_SYSTEM = "1.2.250.1.71.1.2.8";
    static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";

    /** The VIHF as the simulator read it. */
    record Vihf(String id, String mode, String structureId, String patientCx, String matricule, String insOid,
            List<String> roles, String nameId, String subjectId, X509Certificate signer) {
        boolean automate() {
            return !roles.isEmpty() && roles.get(0).equals("AUTOMATE^" + AUTOMATE_SYSTEM);
        }
    }

    /** What the verifier accepts; fixed when the simulator starts. */
    record Settings(List<X509Certificate> trustAnchors, Clock clock, Set<String> versions, Set<String> insOids,
            Duration maxAge, Duration skew, Set<String> modeAttributeNames, Set<String> roleValueSet) {
    }

    private final DmpSchemas schemas;
    private final Settings settings;
    private final XMLSignatureFactory dsig = XMLSignatureFactory.getInstance("DOM");
    /** How many signing certificates {@link #chained} remembers. */
    private static final int MAX_CHAINED = 256;
    private final Set<TrustAnchor> anchors;
    /**
     * The signing certificates whose path to a trust anchor validated (a PKIX validation costs as much as the
     * rest of a VIHF's checks): for them, only the validity period is checked again at each request.
     */
    private final Set<X509Certificate> chained = java.util.concurrent.ConcurrentHashMap.newKeySet();

    VihfVerifier(DmpSchemas schemas, Settings settings) {
        this.schemas = schemas;
        this.settings = settings;
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : settings.trustAnchors()) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(a);
    }

    Vihf verify(Element security, X509Certificate tlsClient) throws Rejection {
        List<Element> assertions = DmpXml.children(security, DmpXml.NS_SAML, "Assertion");
        if (assertions.size() != 1 || DmpXml.elements(security).size() != 1) {
            throw Rejection.fault(DmpFaultCode.VIHF_MISSING, "wsse:Security doit contenir un seul élément,"
                    + " l'assertion SAML 2.0 du VIHF (" + assertions.size() + " assertion(s) trouvée(s))");
        }
        Element a = assertions.get(0);
        if (DmpXml.children(a, DmpXml.NS_DSIG, "Signature").isEmpty()) {
            throw signature("VIHF non signé : une signature XMLDSig enveloppée (ds:Signature enfant de"
                    + " l'assertion) est attendue");
        }
        validateSchema(security);
        String id = DmpXml.attr(a, "ID");
        if (id == null || !id.startsWith("_") && !Character.isLetter(id.charAt(0))) {
            throw attribute("Assertion/@ID absent ou invalide (xs:ID attendu, par exemple _uuid)");
        }
        if (!"2.0".equals(a.getAttribute("Version"))) {
            throw attribute("Assertion/@Version doit valoir 2.0");
        }
        Instant issued = instant(a.getAttribute("IssueInstant"), "Assertion/@IssueInstant");
        X509Certificate signer = verifySignature(a, id);
        checkSigner(signer, tlsClient);
        Element issuer = DmpXml.child(a, DmpXml.NS_SAML, "Issuer");
        if (!X509_SUBJECT_NAME.equals(DmpXml.attr(issuer, "Format"))) {
            throw attribute("Issuer/@Format doit valoir " + X509_SUBJECT_NAME);
        }
        try {
            if (!new X500Principal(issuer.getTextContent().trim()).equals(signer.getSubjectX500Principal())) {
                throw attribute("Issuer (" + issuer.getTextContent().trim()
                        + ") n'est pas le DN du certificat de signature (" + signer.getSubjectX500Principal() + ")");
            }
        } catch (IllegalArgumentException e) {
            throw attribute("Issuer n'est pas un DN X.500 : " + e.getMessage());
        }
        checkValidity(a, issued);
        Element subject = DmpXml.child(a, DmpXml.NS_SAML, "Subject");
        String nameId = DmpXml.text(subject, DmpXml.NS_SAML, "NameID");
        if (nameId == null || nameId.isEmpty()) {
            throw attribute("Subject/NameID absent");
        }
        Element authn = DmpXml.child(a, DmpXml.NS_SAML, "AuthnStatement");
        if (DmpXml.attr(authn, "AuthnInstant") == null) {
            throw attribute("AuthnStatement/@AuthnInstant absent");
        }
        instant(authn.getAttribute("AuthnInstant"), "AuthnStatement/@AuthnInstant");
        Element ctx = DmpXml.child(authn, DmpXml.NS_SAML, "AuthnContext");
        String classRef = DmpXml.text(ctx, DmpXml.NS_SAML, "AuthnContextClassRef");
        if (classRef == null || !classRef.startsWith("urn:oasis:names:tc:SAML:2.0:ac:classes:")) {
            throw attribute("AuthnContextClassRef absent ou hors urn:oasis:names:tc:SAML:2.0:ac:classes:*");
        }
        Element statement = DmpXml.child(a, DmpXml.NS_SAML, "AttributeStatement");
        List<Element> attributes = DmpXml.children(statement, DmpXml.NS_SAML, "Attribute");

        String version = single(attributes, "VIHF_Version");
        if (!settings.versions().contains(version)) {
            throw attribute("VIHF_Version " + version + " non accepté (attendu " + settings.versions() + ")");
        }
        String mode = null;
        for (String name : settings.modeAttributeNames()) {
            if (values(attributes, name).size() > 0) {
                mode = single(attributes, name);
            }
        }
        if (mode == null) {
            throw attribute("attribut " + String.join(" ou ", settings.modeAttributeNames()) + " absent");
        }
        if (!mode.equals("INDIRECTE") && !mode.equals("INDIRECTE_RENFORCEE")) {
            throw attribute("Authentification_Mode " + mode + " non accepté par le simulateur"
                    + " (INDIRECTE ou INDIRECTE_RENFORCEE ; le mode DIRECTE demande une carte CPS)");
        }
        String sector = single(attributes, "Secteur_Activite");
        if (!SECTOR.matcher(sector).matches()) {
            throw attribute("Secteur_Activite " + sector + " : SAnn^1.2.250.1.71.4.2.4 attendu (JDV_J61)");
        }
        String cx = single(attributes, ATTR_RESOURCE_ID);
        String[] ins = parseInsCx(cx);
        if (ins == null) {
            throw attribute("resource-id " + cx + " : {INS}^^^&{OID}&ISO^NH attendu");
        }
        if (!settings.insOids().contains(ins[1])) {
            throw attribute("resource-id : l'OID " + ins[1] + " n'est pas un OID INS de cet environnement "
                    + settings.insOids());
        }
        if (!"urn:dmp".equals(single(attributes, "Ressource_URN"))) {
            throw attribute("Ressource_URN doit valoir urn:dmp");
        }
        String subjectId = single(attributes, ATTR_SUBJECT_ID);
        String structure = single(attributes, "Identifiant_Structure");
        single(attributes, "LPS_Nom");
        single(attributes, "LPS_Version");
        single(attributes, "LPS_ID_HOMOLOGATION_DMP");
        Element purpose = ce(attributes, ATTR_PURPOSE, "PurposeOfUse").get(0);
        if (!PURPOSE_SYSTEM.equals(purpose.getAttribute("codeSystem")) || !"normal".equals(purpose.getAttribute("code"))) {
            throw attribute("PurposeOfUse : code normal du système " + PURPOSE_SYSTEM + " attendu (trouvé "
                    + purpose.getAttribute("code") + "^" + purpose.getAttribute("codeSystem") + ")");
        }
        List<String> roles = new ArrayList<>();
        for (Element r : ce(attributes, ATTR_ROLE, "Role")) {
            String code = r.getAttribute("code");
            String system = r.getAttribute("codeSystem");
            if (code.isEmpty() || system.isEmpty()) {
                throw attribute("Role sans code ou codeSystem");
            }
            if (!settings.roleValueSet().isEmpty() && !settings.roleValueSet().contains(code + "^" + system)) {
                throw attribute("Role " + code + "^" + system + " hors du jeu de valeurs JDV_J65-SubjectRole-DMP");
            }
            roles.add(code + "^" + system);
        }
        String first = roles.get(0);
        String firstSystem = first.substring(first.indexOf('^') + 1);
        String firstCode = first.substring(0, first.indexOf('^'));
        boolean automate = first.equals("AUTOMATE^" + AUTOMATE_SYSTEM);
        boolean professional = firstSystem.equals(PROFESSION_SYSTEM) || firstSystem.equals(STUDENT_SYSTEM);
        if (!professional && !firstSystem.equals(AUTOMATE_SYSTEM)) {
            throw attribute("premier Role " + first + " : une profession (TRE_G15 " + PROFESSION_SYSTEM
                    + ", en formation " + STUDENT_SYSTEM + ") ou un rôle non professionnel (" + AUTOMATE_SYSTEM
                    + ", dont AUTOMATE) attendu");
        }
        if (professional && firstCode.equals("10")
                && roles.stream().noneMatch(r -> r.endsWith("^" + SAVOIR_FAIRE_SYSTEM))) {
            throw attribute("Role : un médecin porte aussi son savoir-faire (TRE_R01 " + SAVOIR_FAIRE_SYSTEM + ")");
        }
        if (professional && firstCode.equals("21") && roles.stream().noneMatch(
                r -> r.endsWith("^" + SAVOIR_FAIRE_SYSTEM) || r.endsWith("^" + PHARMACIST_SECTION_SYSTEM))) {
            throw attribute("Role : un pharmacien porte aussi son savoir-faire (TRE_R01 " + SAVOIR_FAIRE_SYSTEM
                    + ") ou sa section (" + PHARMACIST_SECTION_SYSTEM + ")");
        }
        if (mode.equals("INDIRECTE_RENFORCEE")) {
            if (!professional) {
                throw attribute("mode INDIRECTE_RENFORCEE : un professionnel authentifié est attendu, pas " + first);
            }
            if (UNSPECIFIED.equals(classRef)) {
                throw attribute("mode INDIRECTE_RENFORCEE : AuthnContextClassRef ne peut pas être unspecified");
            }
        }
        return new Vihf(id, mode, structure, cx, ins[0], ins[1], List.copyOf(roles), nameId, subjectId, signer);
    }

    private static final java.util.regex.Pattern SECTOR =
            java.util.regex.Pattern.compile("SA\\d{2}\\^1\\.2\\.250\\.1\\.71\\.4\\.2\\.4");
    private static final java.util.regex.Pattern INS_CX =
            java.util.regex.Pattern.compile("(\\d{13}|\\d{15})\\^\\^\\^&([0-9.]+)&ISO\\^NH");

    /** {@code {matricule}^^^&{oid}&ISO^NH} → {matricule, oid}, or {@code null}. */
    static String[] parseInsCx(String cx) {
        if (cx == null) {
            return null;
        }
        var m = INS_CX.matcher(cx.trim());
        return m.matches() ? new String[] {m.group(1), m.group(2)} : null;
    }

    /** A validator per thread: creating one costs about as much as validating a VIHF. */
    private final ThreadLocal<Validator> validators = ThreadLocal.withInitial(this::newValidator);

    private Validator newValidator() {
        return schemas.vihf().newValidator();
    }

    private void validateSchema(Element security) throws Rejection {
        Validator v = validators.get();
        v.reset();
        List<String> problems = new ArrayList<>();
        v.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // a warning does not make the VIHF invalid
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
            v.validate(new DOMSource(security));
        } catch (SAXException | IOException e) {
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw Rejection.fault(DmpFaultCode.VIHF_MISSING, "le VIHF n'est pas conforme au schéma VIHF : "
                    + String.join(" ; ", problems));
        }
    }

    private X509Certificate verifySignature(Element a, String id) throws Rejection {
        List<Element> sigs = DmpXml.children(a, DmpXml.NS_DSIG, "Signature");
        if (sigs.size() != 1) {
            throw signature("une signature XMLDSig enveloppée (ds:Signature enfant de l'assertion) est attendue");
        }
        if (DmpXml.descendants(a.getOwnerDocument().getDocumentElement(), DmpXml.NS_DSIG, "Signature").size() != 1) {
            throw signature("plusieurs signatures XMLDSig dans le message");
        }
        // Signature wrapping: the referenced ID must name this assertion and nothing else in the message.
        List<Element> holders = new ArrayList<>();
        collectIds(a.getOwnerDocument().getDocumentElement(), id, holders);
        if (holders.size() != 1 || holders.get(0) != a) {
            throw signature("l'identifiant " + id + " désigne " + holders.size()
                    + " éléments du message : la référence doit désigner la seule assertion");
        }
        a.setIdAttributeNS(null, "ID", true);
        Element sig = sigs.get(0);
        Element signedInfo = DmpXml.child(sig, DmpXml.NS_DSIG, "SignedInfo");
        Element keyInfo = DmpXml.child(sig, DmpXml.NS_DSIG, "KeyInfo");
        Element x509Data = DmpXml.child(keyInfo, DmpXml.NS_DSIG, "X509Data");
        String b64 = DmpXml.text(x509Data, DmpXml.NS_DSIG, "X509Certificate");
        if (signedInfo == null || b64 == null) {
            throw signature("SignedInfo ou KeyInfo/X509Data/X509Certificate absent");
        }
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw Rejection.fault(DmpFaultCode.VIHF_CERTIFICATE, "KeyInfo : certificat illisible : " + e.getMessage());
        }
        checkSignatureForm(signedInfo, id);
        try {
            DOMValidateContext ctx = new DOMValidateContext(cert.getPublicKey(), sig);
            ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            ctx.setIdAttributeNS(a, null, "ID");
            XMLSignature signature = dsig.unmarshalXMLSignature(ctx);
            Reference ref = signature.getSignedInfo().getReferences().get(0);
            if (!signature.validate(ctx)) {
                boolean refOk = ref.validate(ctx);
                throw signature(refOk ? "la valeur de signature ne correspond pas au certificat"
                        : "l'empreinte de l'assertion ne correspond pas : l'assertion a été modifiée après signature");
            }
        } catch (javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw signature("signature illisible ou invérifiable : " + e.getMessage());
        }
        return cert;
    }

    /** The form the DMP requires, read from the DOM before any cryptography. */
    private static void checkSignatureForm(Element signedInfo, String id) throws Rejection {
        String c14n = algorithm(DmpXml.child(signedInfo, DmpXml.NS_DSIG, "CanonicalizationMethod"));
        if (!EXC_C14N.equals(c14n)) {
            throw signature("CanonicalizationMethod " + c14n + " : c14n exclusive attendue (" + EXC_C14N + ")");
        }
        String method = algorithm(DmpXml.child(signedInfo, DmpXml.NS_DSIG, "SignatureMethod"));
        if (!RSA_SHA256.equals(method)) {
            throw signature("SignatureMethod " + method + " : " + RSA_SHA256 + " attendu");
        }
        List<Element> refs = DmpXml.children(signedInfo, DmpXml.NS_DSIG, "Reference");
        if (refs.size() != 1) {
            throw signature("une seule Reference attendue, " + refs.size() + " trouvée(s)");
        }
        Element ref = refs.get(0);
        if (!("#" + id).equals(ref.getAttribute("URI"))) {
            throw signature("Reference/@URI " + ref.getAttribute("URI") + " : #" + id + " (l'ID de l'assertion) attendu");
        }
        List<String> transforms = new ArrayList<>();
        for (Element t : DmpXml.children(DmpXml.child(ref, DmpXml.NS_DSIG, "Transforms"), DmpXml.NS_DSIG,
                "Transform")) {
            transforms.add(t.getAttribute("Algorithm"));
        }
        if (!transforms.equals(List.of(Transform.ENVELOPED, EXC_C14N))) {
            throw signature("Transforms " + transforms + " : enveloped-signature puis c14n exclusive attendus");
        }
        String digest = algorithm(DmpXml.child(ref, DmpXml.NS_DSIG, "DigestMethod"));
        if (!SHA256.equals(digest)) {
            throw signature("DigestMethod " + digest + " : " + SHA256 + " attendu");
        }
    }

    private static String algorithm(Element e) {
        return e == null ? null : e.getAttribute("Algorithm");
    }

    private static void collectIds(Element e, String id, List<Element> out) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr at = (Attr) attrs.item(i);
            String name = at.getLocalName() == null ? at.getName() : at.getLocalName();
            if (("ID".equals(name) || "Id".equals(name) || "id".equals(name)) && id.equals(at.getValue())) {
                out.add(e);
                break;
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collectIds(c, id, out);
            }
        }
    }

    private void checkSigner(X509Certificate signer, X509Certificate tlsClient) throws Rejection {
        String problem = signerProblem(signer, tlsClient, "du VIHF");
        if (problem != null) {
            throw Rejection.fault(DmpFaultCode.VIHF_CERTIFICATE, problem);
        }
    }

    /**
     * Why a signing certificate (of the VIHF or of the XAdES signature document) is not a trusted, valid
     * ORG SIGN certificate of the TLS client's organisation, distinct from the TLS certificate; {@code null} when
     * it is.
     */
    String signerProblem(X509Certificate signer, X509Certificate tlsClient, String of) {
        if (tlsClient != null && signer.equals(tlsClient)) {
            return "la signature " + of + " est faite avec le certificat d'authentification TLS (ORG AUTH_CLI) :"
                    + " elle doit l'être avec le certificat de signature ORG SIGN de la structure";
        }
        try {
            Date now = Date.from(settings.clock().instant());
            if (chained.contains(signer)) {
                // its path to an anchor was built before: only what depends on the date is checked again
                signer.checkValidity(now);
            } else {
                PKIXParameters params = new PKIXParameters(anchors);
                params.setRevocationEnabled(false);
                params.setDate(now);
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(List.of(signer)), params);
                if (chained.size() >= MAX_CHAINED) {
                    chained.clear();
                }
                chained.add(signer);
            }
        } catch (GeneralSecurityException e) {
            return "certificat de signature " + of + " refusé (" + signer.getSubjectX500Principal() + ") : "
                    + e.getMessage();
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage == null || !usage[1]) {
            return "le certificat de signature " + of + " n'a pas l'usage nonRepudiation d'un certificat ORG SIGN";
        }
        try {
            List<String> eku = signer.getExtendedKeyUsage();
            if (eku != null && eku.contains("1.3.6.1.5.5.7.3.2")) {
                return "le certificat de signature " + of + " est un certificat d'authentification client"
                        + " (ORG AUTH_CLI), pas un certificat ORG SIGN";
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return e.getMessage();
        }
        if (tlsClient != null) {
            String o1 = rdn(signer.getSubjectX500Principal(), "O");
            String o2 = rdn(tlsClient.getSubjectX500Principal(), "O");
            if (o1 == null || !o1.equals(o2)) {
                return "le certificat de signature " + of + " (O=" + o1
                        + ") n'appartient pas à la structure du certificat TLS (O=" + o2 + ")";
            }
        }
        return null;
    }

    static String rdn(X500Principal p, String type) {
        try {
            String value = null;
            for (Rdn r : new LdapName(p.getName()).getRdns()) {
                if (type.equalsIgnoreCase(r.getType())) {
                    value = r.getValue().toString();
                }
            }
            return value;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private void checkValidity(Element a, Instant issued) throws Rejection {
        Instant now = settings.clock().instant();
        if (issued.isAfter(now.plus(settings.skew()))) {
            throw Rejection.fault(DmpFaultCode.VIHF_EXPIRED, "IssueInstant " + issued + " est dans le futur");
        }
        if (issued.plus(settings.maxAge()).isBefore(now)) {
            throw Rejection.fault(DmpFaultCode.VIHF_EXPIRED, "VIHF émis le " + issued + ", plus de "
                    + settings.maxAge().toMinutes() + " minutes avant la requête");
        }
        Element cond = DmpXml.child(a, DmpXml.NS_SAML, "Conditions");
        if (cond != null) {
            String nb = DmpXml.attr(cond, "NotBefore");
            String na = DmpXml.attr(cond, "NotOnOrAfter");
            if (nb != null && instant(nb, "Conditions/@NotBefore").isAfter(now.plus(settings.skew()))) {
                throw Rejection.fault(DmpFaultCode.VIHF_EXPIRED, "VIHF pas encore valide (NotBefore " + nb + ")");
            }
            if (na != null && !instant(na, "Conditions/@NotOnOrAfter").isAfter(now.minus(settings.skew()))) {
                throw Rejection.fault(DmpFaultCode.VIHF_EXPIRED, "VIHF expiré (NotOnOrAfter " + na + ")");
            }
        }
    }

    private static Instant instant(String value, String what) throws Rejection {
        Instant utc = utcInstant(value);
        if (utc != null) {
            return utc;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw attribute(what + " " + value + " : date UTC xs:dateTime attendue");
        }
    }

    /**
     * The common form of a VIHF's dates, {@code yyyy-MM-ddTHH:mm:ss[.fffffffff]Z}, read without a
     * {@code DateTimeFormatter} (three per request); {@code null} for any other form or an impossible date, which
     * {@link java.time.OffsetDateTime#parse} then reads or refuses as before.
     */
    static Instant utcInstant(String v) {
        int len = v == null ? 0 : v.length();
        if (len < 20 || len == 21 || len > 30 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T'
                || v.charAt(13) != ':' || v.charAt(16) != ':' || v.charAt(len - 1) != 'Z') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        int nano = 0;
        if (len > 20) {
            int fraction = len - 21;
            if (v.charAt(19) != '.') {
                return null;
            }
            nano = digits(v, 20, fraction);
            for (int i = fraction; i < 9 && nano >= 0; i++) {
                nano *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || nano < 0) {
            return null;
        }
        try {
            return java.time.LocalDateTime.of(year, month, day, hour, minute, second, nano)
                    .toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The number the ASCII digits at {@code [from, from + count)} spell, or -1. */
    private static int digits(String v, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static List<Element> values(List<Element> attributes, String name) {
        List<Element> out = new ArrayList<>();
        for (Element at : attributes) {
            if (name.equals(at.getAttribute("Name"))) {
                out.addAll(DmpXml.children(at, DmpXml.NS_SAML, "AttributeValue"));
            }
        }
        return out;
    }

    private static String single(List<Element> attributes, String name) throws Rejection {
        List<Element> v = values(attributes, name);
        if (v.isEmpty()) {
            throw attribute("attribut " + name + " absent");
        }
        if (v.size() > 1) {
            throw attribute("attribut " + name + " présent " + v.size() + " fois");
        }
        String text = v.get(0).getTextContent().trim();
        if (text.isEmpty()) {
            throw attribute("attribut " + name + " vide");
        }
        return text;
    }

    private static List<Element> ce(List<Element> attributes, String name, String local) throws Rejection {
        List<Element> out = new ArrayList<>();
        for (Element v : values(attributes, name)) {
            Element c = DmpXml.child(v, DmpXml.NS_HL7, local);
            if (c == null) {
                throw attribute("attribut " + name + " : élément hl7:" + local + " attendu dans AttributeValue");
            }
            out.add(c);
        }
        if (out.isEmpty()) {
            throw attribute("attribut " + name + " absent");
        }
        return out;
    }

    private static Rejection attribute(String message) {
        return Rejection.fault(DmpFaultCode.VIHF_ATTRIBUTE, message);
    }

    private static Rejection signature(String message) {
        return Rejection.fault(DmpFaultCode.VIHF_SIGNATURE, message);
    }
}
