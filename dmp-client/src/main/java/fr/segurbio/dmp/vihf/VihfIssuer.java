package fr.segurbio.dmp.vihf;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.security.auth.x500.X500Principal;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.CertificateUsage;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.XmlSigner;

/**
 * Issues the VIHF 3.0: the SAML 2.0 assertion, inside {@code wsse:Security}, that every DMP request carries,
 * signed (enveloped XMLDSig, exclusive c14n, RSA-SHA256) with the structure's ORG SIGN certificate — never the
 * ORG AUTH_CLI certificate used for mutual TLS, which is refused here ({@code DMP-003}). Every attribute of the
 * VIHF table is written: {@code VIHF_Version}, the access mode, {@code Secteur_Activite}, the patient's INS as
 * {@code resource-id}, {@code Ressource_URN}, {@code subject-id}, {@code Identifiant_Structure}, the software
 * ({@code LPS_*}), the purpose of use and the roles (JDV_J65). Thread-safe; build once.
 *
 * <pre>{@code
 * VihfIssuer vihf = VihfIssuer.of(settings, orgSignCertificate);
 * Element security = vihf.issue(patientIns, DmpActor.automate("1750000000/SGL", "SGL Labo, automate"));
 * }</pre>
 */
public final class VihfIssuer {

    /** The SAML 2.0 assertion namespace. */
    public static final String SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** The WS-Security 1.0 namespace. */
    public static final String WSSE_NS =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    /** The HL7 v3 namespace of the role and purpose-of-use values. */
    public static final String HL7_NS = "urn:hl7-org:v3";
    /** The XML Schema instance namespace. */
    public static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    /** The VIHF attribute carrying the patient's INS. */
    public static final String RESOURCE_ID = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";
    /** The VIHF attribute carrying the subject's display. */
    public static final String SUBJECT_ID = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
    /** The VIHF attribute carrying the purpose of use. */
    public static final String PURPOSE_OF_USE = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
    /** The VIHF attribute carrying the roles. */
    public static final String ROLE = "urn:oasis:names:tc:xacml:2.0:subject:role";

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified";
    private static final String TWO_FACTOR = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered";
    private static final String PURPOSE_SYSTEM = "1.2.250.1.213.1.1.4.248";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    private final VihfSettings settings;
    private final SoftwareCertificate certificate;
    private final XmlSigner signer;
    private final String issuer;
    private final Clock clock;

    private VihfIssuer(VihfSettings settings, SoftwareCertificate certificate, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.clock = Objects.requireNonNull(clock, "clock");
        checkSigningCertificate(certificate, clock.instant());
        this.signer = XmlSigner.builder(certificate)
                .inclusivePrefixes(settings.inclusivePrefixes().toArray(String[]::new)).build();
        this.issuer = issuerName(certificate.certificate());
    }

    /**
     * An issuer signing with the given ORG SIGN certificate.
     *
     * @param settings the software and structure settings
     * @param signCertificate the structure's ORG SIGN certificate
     * @return the issuer
     * @throws DmpException {@code DMP-002} expired, not yet valid or unfit for signing; {@code DMP-003} a TLS
     *         client (AUTH_CLI) certificate
     */
    public static VihfIssuer of(VihfSettings settings, SoftwareCertificate signCertificate) {
        return new VihfIssuer(settings, signCertificate, Clock.systemUTC());
    }

    /**
     * The same issuer with another clock (for tests and replays).
     *
     * @param clock the clock
     * @return a new issuer
     */
    public VihfIssuer withClock(Clock clock) {
        return new VihfIssuer(settings, certificate, clock);
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public VihfSettings settings() {
        return settings;
    }

    /**
     * The signing certificate.
     *
     * @return the certificate
     */
    public SoftwareCertificate certificate() {
        return certificate;
    }

    /**
     * Checks that a certificate may sign the VIHF: valid now, key usage for signatures, and not a TLS client
     * certificate.
     *
     * @param certificate the certificate
     * @param at the instant
     * @throws DmpException {@code DMP-002} or {@code DMP-003}
     */
    public static void checkSigningCertificate(SoftwareCertificate certificate, Instant at) {
        ValidationResult r = certificate.check(at, CertificateUsage.SIGNATURE);
        if (!r.isValid()) {
            throw new DmpException(List.of(Problem.of(DmpError.CERTIFICATE_UNUSABLE, "signCertificate", "ORG SIGN",
                    r.errors().stream().map(Problem::message).collect(Collectors.joining("; ")))), List.of(), null);
        }
        if (hasClientAuth(certificate.certificate())) {
            throw new DmpException(DmpError.SIGN_CERTIFICATE_IS_TLS, certificate.subject());
        }
    }

    static boolean hasClientAuth(X509Certificate cert) {
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            return eku != null && eku.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /**
     * The issuer DN as the CI-SIS wants it: RFC 2253 with {@code ST} and {@code GN} spelt out.
     *
     * @param cert the certificate
     * @return the DN
     */
    static String issuerName(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253,
                Map.of("2.5.4.42", "GN", "2.5.4.8", "ST", "2.5.4.4", "SN", "1.2.840.113549.1.9.1", "EMAILADDRESS"));
    }

    /**
     * Issues a signed VIHF for one patient and one actor.
     *
     * @param patient the patient's INS ({@code resource-id})
     * @param actor who acts
     * @return the {@code wsse:Security} element (in a document of its own) holding the signed assertion
     * @throws DmpException {@code DMP-041} a role without display name, {@code DMP-042} signing failed
     */
    public Element issue(Ins patient, DmpActor actor) {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(actor, "actor");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<String[]> roles = roles(actor);
        Document doc = SecureXml.newDocument();
        Element security = doc.createElementNS(WSSE_NS, "wsse:Security");
        security.setAttributeNS(XMLNS, "xmlns:wsse", WSSE_NS);
        doc.appendChild(security);
        Element assertion = doc.createElementNS(SAML_NS, "saml2:Assertion");
        assertion.setAttributeNS(XMLNS, "xmlns:saml2", SAML_NS);
        assertion.setAttributeNS(XMLNS, "xmlns:xsi", XSI_NS);
        security.appendChild(assertion);
        String id = "_" + UUID.randomUUID();
        assertion.setAttribute("ID", id);
        assertion.setAttribute("IssueInstant", INSTANT.format(now));
        assertion.setAttribute("Version", "2.0");
        Element iss = saml(assertion, "Issuer", issuer);
        iss.setAttribute("Format", "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName");
        Element subject = saml(assertion, "Subject", null);
        saml(subject, "NameID", actor.nameId());
        Element authn = saml(assertion, "AuthnStatement", null);
        authn.setAttribute("AuthnInstant", INSTANT.format(actor instanceof DmpActor.Practitioner p
                ? p.practitioner().authenticatedAt().truncatedTo(ChronoUnit.MILLIS) : now));
        Element context = saml(authn, "AuthnContext", null);
        saml(context, "AuthnContextClassRef", actor.mode() == AccessMode.INDIRECTE_RENFORCEE ? TWO_FACTOR : UNSPECIFIED);
        if (actor.mode() == AccessMode.INDIRECTE_RENFORCEE && settings.authnContextDecl().isPresent()) {
            saml(context, "AuthnContextDecl", settings.authnContextDecl().get());
        }
        Element statement = saml(assertion, "AttributeStatement", null);
        String sector = settings.sector();
        String structure = settings.structureId();
        if (actor instanceof DmpActor.Practitioner p) {
            sector = p.practitioner().sectorCode();
            structure = p.practitioner().structureId();
        }
        attribute(statement, "VIHF_Version", settings.vihfVersion());
        attribute(statement, settings.modeAttribute(), actor.mode().name());
        attribute(statement, "Secteur_Activite", sector + "^1.2.250.1.71.4.2.4");
        attribute(statement, RESOURCE_ID, patient.matricule().value() + "^^^&" + patient.oid() + "&ISO^NH");
        attribute(statement, "Ressource_URN", "urn:dmp");
        attribute(statement, SUBJECT_ID, actor.subjectId());
        attribute(statement, "Identifiant_Structure", structure);
        attribute(statement, "LPS_Version", settings.softwareVersion());
        settings.softwareInstanceId().ifPresent(v -> attribute(statement, "LPS_ID", v));
        attribute(statement, "LPS_Nom", settings.softwareName());
        attribute(statement, "LPS_ID_HOMOLOGATION_DMP", settings.homologation());
        Element purpose = attribute(statement, PURPOSE_OF_USE, null);
        Element pou = ce(purpose, "PurposeOfUse", settings.purposeOfUse(), PURPOSE_SYSTEM,
                "normal".equals(settings.purposeOfUse()) ? "Accès normal" : settings.purposeOfUse());
        pou.setAttribute("codeSystemName", "mode acces VIHF 1.0");
        Element role = attribute(statement, ROLE, null);
        for (int i = 0; i < roles.size(); i++) {
            Element value = i == 0 ? (Element) role.getFirstChild() : saml(role, "AttributeValue", null);
            String[] r = roles.get(i);
            ce(value, "Role", r[0], r[1], r[2]);
        }
        try {
            signer.sign(assertion, subject);
        } catch (TransportException e) {
            throw new DmpException(e, DmpError.SIGNATURE_FAILED, e.getMessage());
        }
        return security;
    }

    private List<String[]> roles(DmpActor actor) {
        List<String[]> roles = new ArrayList<>();
        String profession;
        String specialty;
        if (actor instanceof DmpActor.Professional p) {
            profession = p.professionCode();
            specialty = p.specialtyCode().orElse(null);
        } else if (actor instanceof DmpActor.Practitioner p) {
            profession = p.practitioner().professionCode();
            specialty = p.practitioner().specialtyCode().orElse(null);
        } else {
            roles.add(role(RoleLabels.AUTOMATE, "AUTOMATE"));
            return roles;
        }
        roles.add(role(RoleLabels.PROFESSION, profession));
        if (specialty != null && ("10".equals(profession) || "21".equals(profession))) {
            roles.add(role(RoleLabels.SAVOIR_FAIRE, specialty));
        }
        return roles;
    }

    private String[] role(String system, String code) {
        String label = settings.roleLabel(system, code)
                .orElseThrow(() -> new DmpException(DmpError.VIHF_ROLE_UNKNOWN, code, system));
        return new String[] {code, system, label};
    }

    private static Element saml(Element parent, String name, String text) {
        Element e = parent.getOwnerDocument().createElementNS(SAML_NS, "saml2:" + name);
        if (text != null) {
            e.setTextContent(text);
        }
        parent.appendChild(e);
        return e;
    }

    private static Element attribute(Element statement, String name, String value) {
        Element a = saml(statement, "Attribute", null);
        a.setAttribute("Name", name);
        saml(a, "AttributeValue", value);
        return a;
    }

    private static Element ce(Element parent, String name, String code, String system, String display) {
        Element target = "Attribute".equals(parent.getLocalName()) ? (Element) parent.getFirstChild() : parent;
        Element e = parent.getOwnerDocument().createElementNS(HL7_NS, name);
        e.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", HL7_NS);
        e.setAttribute("code", code);
        e.setAttribute("codeSystem", system);
        e.setAttribute("displayName", display);
        e.setAttributeNS(XSI_NS, "xsi:type", "CE");
        target.appendChild(e);
        return e;
    }
}
