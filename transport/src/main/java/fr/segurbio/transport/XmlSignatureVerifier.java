package fr.segurbio.transport;

import java.security.Key;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.XMLStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.X509Data;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies an enveloped XML signature made as {@link XmlSigner} makes them: the {@code ds:Signature} is a
 * child of the signed element, its only reference points to that element's id, the transforms are enveloped +
 * exclusive c14n, the algorithms are RSA-SHA256/512 and SHA-256/512, and the certificate in {@code KeyInfo}
 * chains to the trust store (or is the one expected). The JDK's secure validation is on; a duplicate id in the
 * document is refused (signature wrapping). Thread-safe.
 *
 * <pre>{@code
 * XmlSignatureVerifier verifier = XmlSignatureVerifier.trusting(TrustStore.fromPem(igcSantePem));
 * X509Certificate signer = verifier.verify(assertion);   // throws TransportException (TRANSPORT-024) if invalid
 * }</pre>
 */
public final class XmlSignatureVerifier {

    private static final Set<String> SIGNATURE_METHODS = Set.of(XmlSigner.RSA_SHA256,
            "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512");
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA512);
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS);

    private final TrustStore trust;
    private final X509Certificate pinned;
    private final Clock clock;

    private XmlSignatureVerifier(TrustStore trust, X509Certificate pinned, Clock clock) {
        this.trust = trust;
        this.pinned = pinned;
        this.clock = clock;
    }

    /**
     * A verifier accepting signers whose certificate chains to these CAs.
     *
     * @param trust the CAs
     * @return the verifier
     */
    public static XmlSignatureVerifier trusting(TrustStore trust) {
        return new XmlSignatureVerifier(Objects.requireNonNull(trust, "trust"), null, Clock.systemUTC());
    }

    /**
     * A verifier accepting only this signer's certificate.
     *
     * @param certificate the expected certificate
     * @return the verifier
     */
    public static XmlSignatureVerifier expecting(X509Certificate certificate) {
        return new XmlSignatureVerifier(null, Objects.requireNonNull(certificate, "certificate"),
                Clock.systemUTC());
    }

    /**
     * The same verifier checking certificate validity at the clock's time.
     *
     * @param clock the clock
     * @return a new verifier
     */
    public XmlSignatureVerifier withClock(Clock clock) {
        return new XmlSignatureVerifier(trust, pinned, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies the enveloped signature of an element.
     *
     * @param signed the signed element (the signature is one of its children)
     * @return the signer's certificate
     * @throws TransportException {@link TransportError#SIGNATURE_INVALID} with the reason
     */
    public X509Certificate verify(Element signed) {
        Objects.requireNonNull(signed, "signed");
        Element sigElement = null;
        for (Node n = signed.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Signature".equals(e.getLocalName())
                    && XmlSigner.DSIG_NS.equals(e.getNamespaceURI())) {
                if (sigElement != null) {
                    throw invalid("more than one ds:Signature in the element");
                }
                sigElement = e;
            }
        }
        if (sigElement == null) {
            throw invalid("no enveloped ds:Signature in " + signed.getLocalName());
        }
        String id = XmlSigner.registerId(signed);
        if (id == null || id.isEmpty()) {
            throw invalid("the signed element has no id");
        }
        if (countIds(signed.getOwnerDocument().getDocumentElement(), id) != 1) {
            throw invalid("the id " + id + " appears more than once in the document");
        }
        CertificateKeySelector selector = new CertificateKeySelector();
        DOMValidateContext ctx = new DOMValidateContext(selector, sigElement);
        ctx.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        try {
            XMLSignature signature = XmlSigner.FACTORY.get().unmarshalXMLSignature(ctx);
            String method = signature.getSignedInfo().getSignatureMethod().getAlgorithm();
            if (!SIGNATURE_METHODS.contains(method)) {
                throw invalid("signature method not accepted: " + method);
            }
            List<?> refs = signature.getSignedInfo().getReferences();
            if (refs.size() != 1) {
                throw invalid("expected one reference, found " + refs.size());
            }
            Reference ref = (Reference) refs.get(0);
            if (!("#" + id).equals(ref.getURI())) {
                throw invalid("the reference " + ref.getURI() + " does not point at the signed element #" + id);
            }
            if (!DIGEST_METHODS.contains(ref.getDigestMethod().getAlgorithm())) {
                throw invalid("digest method not accepted: " + ref.getDigestMethod().getAlgorithm());
            }
            for (Object t : ref.getTransforms()) {
                String alg = ((Transform) t).getAlgorithm();
                if (!TRANSFORMS.contains(alg)) {
                    throw invalid("transform not accepted: " + alg);
                }
            }
            boolean valid = signature.validate(ctx);
            if (!valid) {
                boolean refOk = ref.validate(ctx);
                throw invalid(refOk ? "the signature value does not match (wrong key or altered SignedInfo)"
                        : "the digest does not match: the signed content was modified after signing");
            }
            X509Certificate cert = selector.certificate;
            if (pinned != null) {
                if (!pinned.equals(cert)) {
                    throw invalid("signed by " + cert.getSubjectX500Principal().getName() + ", not by the expected "
                            + pinned.getSubjectX500Principal().getName());
                }
                cert.checkValidity(java.util.Date.from(clock.instant()));
            } else {
                trust.validate(selector.chain, clock.instant());
            }
            return cert;
        } catch (MarshalException | XMLSignatureException e) {
            throw new TransportException(e, TransportError.SIGNATURE_INVALID, e.getMessage());
        } catch (java.security.cert.CertificateException e) {
            throw new TransportException(e, TransportError.SIGNATURE_INVALID, "signer certificate: " + e.getMessage());
        }
    }

    private static int countIds(Element root, String id) {
        int count = 0;
        NodeList all = root.getElementsByTagName("*");
        List<Element> elements = new ArrayList<>(all.getLength() + 1);
        elements.add(root);
        for (int i = 0; i < all.getLength(); i++) {
            elements.add((Element) all.item(i));
        }
        for (Element e : elements) {
            if (id.equals(e.getAttribute("ID")) || id.equals(e.getAttribute("Id")) || id.equals(e.getAttribute("id"))
                    || id.equals(e.getAttributeNS(
                    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd", "Id"))) {
                count++;
            }
        }
        return count;
    }

    private static TransportException invalid(String why) {
        return new TransportException(TransportError.SIGNATURE_INVALID, why);
    }

    /** Takes the key from the X509Certificate of KeyInfo, remembering the certificates. */
    private static final class CertificateKeySelector extends KeySelector {
        private X509Certificate certificate;
        private final List<X509Certificate> chain = new ArrayList<>();

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method,
                XMLCryptoContext context) throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("no KeyInfo");
            }
            for (Object o : keyInfo.getContent()) {
                if (o instanceof X509Data data) {
                    for (Object c : data.getContent()) {
                        if (c instanceof X509Certificate x) {
                            chain.add(x);
                        }
                    }
                } else if (!(o instanceof XMLStructure)) {
                    throw new KeySelectorException("unexpected KeyInfo content");
                }
            }
            if (chain.isEmpty()) {
                throw new KeySelectorException("no X509Certificate in KeyInfo");
            }
            certificate = chain.get(0);
            PublicKey key = certificate.getPublicKey();
            return () -> (Key) key;
        }
    }
}
