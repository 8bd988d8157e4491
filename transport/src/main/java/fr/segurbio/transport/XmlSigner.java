package fr.segurbio.transport;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Enveloped XML signatures (XMLDSig) with a software certificate: RSA-SHA256, SHA-256 digest, exclusive
 * canonicalisation, one reference to the signed element's {@code ID}/{@code Id}/{@code id} attribute, the
 * certificate in {@code KeyInfo}. This is the shape of the DMP's VIHF assertion and of INSi's PS assertion.
 * Uses the JDK's {@code javax.xml.crypto}. Immutable and thread-safe.
 *
 * <pre>{@code
 * XmlSigner signer = XmlSigner.builder(orgSignCertificate)
 *         .inclusivePrefixes("ds", "saml", "#default", "xsi")    // as the DMP's sample
 *         .build();
 * Element assertion = ...;                                      // has ID="_abc"
 * signer.sign(assertion, issuer.getNextSibling());              // Signature right after saml:Issuer
 * }</pre>
 */
public final class XmlSigner {

    /** The XMLDSig namespace. */
    public static final String DSIG_NS = XMLSignature.XMLNS;
    /** The RSA-SHA256 signature method. */
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    private static final String WSU_NS =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /** XMLSignatureFactory instances are not thread-safe: one per thread. */
    static final ThreadLocal<XMLSignatureFactory> FACTORY =
            ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));

    private final SoftwareCertificate certificate;
    private final List<String> inclusivePrefixes;

    private XmlSigner(Builder b) {
        this.certificate = b.certificate;
        this.inclusivePrefixes = List.copyOf(b.inclusivePrefixes);
    }

    /**
     * A builder for a signer with this certificate.
     *
     * @param certificate the signing certificate (IGC-Santé ORG SIGN)
     * @return the builder
     */
    public static Builder builder(SoftwareCertificate certificate) {
        return new Builder(certificate);
    }

    /**
     * A signer with default settings.
     *
     * @param certificate the signing certificate
     * @return the signer
     */
    public static XmlSigner of(SoftwareCertificate certificate) {
        return builder(certificate).build();
    }

    /**
     * Signs an element, appending the {@code ds:Signature} as its last child.
     *
     * @param element the element, with an {@code ID}, {@code Id}, {@code id} or {@code wsu:Id} attribute
     * @return the signature element
     */
    public Element sign(Element element) {
        return sign(element, null);
    }

    /**
     * Signs an element, placing the {@code ds:Signature} before a given child.
     *
     * @param element the element, with an {@code ID}, {@code Id}, {@code id} or {@code wsu:Id} attribute
     * @param nextSibling the child the signature goes before, or {@code null} for the end
     * @return the signature element
     * @throws TransportException {@link TransportError#SIGNATURE_FAILED}
     */
    public Element sign(Element element, Node nextSibling) {
        Objects.requireNonNull(element, "element");
        String id = registerId(element);
        if (id == null) {
            throw new TransportException(TransportError.SIGNATURE_FAILED,
                    "the element " + element.getLocalName() + " has no ID, Id or id attribute");
        }
        XMLSignatureFactory factory = FACTORY.get();
        try {
            KeyInfoFactory kif = factory.getKeyInfoFactory();
            X509Data data = kif.newX509Data(List.of(certificate.certificate()));
            KeyInfo keyInfo = kif.newKeyInfo(List.of(data));
            TransformParameterSpec c14nSpec = inclusivePrefixes.isEmpty() ? null
                    : new ExcC14NParameterSpec(inclusivePrefixes);
            List<Transform> transforms = List.of(
                    factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                    factory.newTransform(CanonicalizationMethod.EXCLUSIVE, c14nSpec));
            Reference ref = factory.newReference("#" + id, factory.newDigestMethod(DigestMethod.SHA256, null),
                    transforms, null, null);
            SignedInfo si = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(RSA_SHA256, null), Collections.singletonList(ref));
            XMLSignature signature = factory.newXMLSignature(si, keyInfo);
            DOMSignContext ctx = nextSibling == null
                    ? new DOMSignContext(certificate.privateKey(), element)
                    : new DOMSignContext(certificate.privateKey(), element, nextSibling);
            ctx.setDefaultNamespacePrefix("ds");
            signature.sign(ctx);
            Node added = nextSibling == null ? element.getLastChild() : nextSibling.getPreviousSibling();
            return (Element) added;
        } catch (GeneralSecurityException | MarshalException | XMLSignatureException e) {
            throw new TransportException(e, TransportError.SIGNATURE_FAILED, e.getMessage());
        }
    }

    /** Marks the element's id attribute as an ID for dereferencing, and returns its value. */
    static String registerId(Element element) {
        List<Attr> candidates = new ArrayList<>();
        for (String name : new String[] {"ID", "Id", "id"}) {
            Attr a = element.getAttributeNodeNS(null, name);
            if (a != null) {
                candidates.add(a);
            }
        }
        Attr wsu = element.getAttributeNodeNS(WSU_NS, "Id");
        if (wsu != null) {
            candidates.add(wsu);
        }
        if (candidates.isEmpty()) {
            return null;
        }
        Attr a = candidates.get(0);
        element.setIdAttributeNode(a, true);
        return a.getValue();
    }

    /** Configures an {@link XmlSigner}. */
    public static final class Builder {
        private final SoftwareCertificate certificate;
        private final List<String> inclusivePrefixes = new ArrayList<>();

        private Builder(SoftwareCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
        }

        /**
         * The {@code InclusiveNamespaces PrefixList} of the reference's exclusive c14n transform.
         *
         * @param prefixes the prefixes ({@code #default} for the default namespace)
         * @return this builder
         */
        public Builder inclusivePrefixes(String... prefixes) {
            inclusivePrefixes.addAll(List.of(prefixes));
            return this;
        }

        /**
         * Builds the signer.
         *
         * @return the signer
         */
        public XmlSigner build() {
            return new XmlSigner(this);
        }
    }
}
