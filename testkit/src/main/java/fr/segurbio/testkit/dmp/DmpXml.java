package fr.segurbio.testkit.dmp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * The DMP simulator's XML helpers: hardened parsing (namespace aware, no DTD, no external entity, no XInclude,
 * secure processing), serialisation, child lookup and escaping. testkit depends on no SDK module, so it
 * configures the JDK's factories itself.
 */
final class DmpXml {

    static final String NS_SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    static final String NS_WSA = "http://www.w3.org/2005/08/addressing";
    static final String NS_WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String NS_SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String NS_DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String NS_HL7 = "urn:hl7-org:v3";
    static final String NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String NS_XOP = "http://www.w3.org/2004/08/xop/include";
    static final String NS_XDSB = "urn:ihe:iti:xds-b:2007";
    static final String NS_RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    static final String NS_LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    static final String NS_QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    static final String NS_RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";

    private static final DocumentBuilderFactory FACTORY = newFactory();

    private DmpXml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
        }
        try {
            // every request is walked whole (schema validation, signature checks): building the nodes while
            // parsing costs less than the JDK's default deferred DOM expanding them one by one afterwards
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            // another parser on the class path: its own default
        }
        return f;
    }

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * Parses a document received from the network or read from a file.
     *
     * @param bytes the document
     * @return the DOM
     * @throws SAXException when it is not well-formed or declares a DTD
     */
    static Document parse(byte[] bytes) throws SAXException {
        return parse(new ByteArrayInputStream(bytes));
    }

    static Document parse(InputStream in) throws SAXException {
        DocumentBuilder b = BUILDERS.get();
        try {
            return b.parse(in);
        } catch (IOException e) {
            throw new SAXException(e);
        } finally {
            b.reset();
            b.setErrorHandler(null);
        }
    }

    static Document newDocument() {
        return BUILDERS.get().newDocument();
    }

    /** The first child element with this namespace and local name, or {@code null}. */
    static Element child(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && equalsNs(ns, e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** Every child element with this namespace and local name. */
    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && equalsNs(ns, e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every child element. */
    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every descendant element with this namespace and local name, in document order. */
    static List<Element> descendants(Element root, String ns, String local) {
        List<Element> out = new ArrayList<>();
        var list = root.getElementsByTagNameNS(ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    private static boolean equalsNs(String wanted, String actual) {
        return wanted == null ? actual == null : wanted.equals(actual);
    }

    /** The trimmed text of the first matching child, or {@code null}. */
    static String text(Element parent, String ns, String local) {
        Element e = child(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** An attribute's value, or {@code null} when absent (the DOM answers an empty string). */
    static String attr(Element e, String name) {
        if (e == null || !e.hasAttribute(name)) {
            return null;
        }
        return e.getAttribute(name);
    }

    /** Serialises a node as UTF-8 XML text without declaration. */
    static String serialize(Node node) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, StandardCharsets.UTF_8.name());
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Escapes text for element content and attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A schema input served from memory, for a schema resolver. */
    static LSInput input(String systemId, String text) {
        return new MemoryInput(systemId, text);
    }

    private record MemoryInput(String systemId, String text) implements LSInput {
        @Override
        public Reader getCharacterStream() {
            return new java.io.StringReader(text);
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream getByteStream() {
            return null;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getStringData() {
            return text;
        }

        @Override
        public void setStringData(String stringData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getPublicId() {
            return null;
        }

        @Override
        public void setPublicId(String publicId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getBaseURI() {
            return systemId;
        }

        @Override
        public void setBaseURI(String baseURI) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
            throw new UnsupportedOperationException();
        }
    }
}
