package fr.segurbio.testkit.insi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The simulator's XML parsing, hardened as the SDK hardens anything it receives (README, "transport" section,
 * "Hardened XML"): it mirrors the DOM settings of transport's {@code fr.segurbio.transport.SecureXml} —
 * namespace aware, DTD declarations refused, no external entity, no external DTD or schema access, no XInclude,
 * secure processing (the JDK's entity expansion limits). Unlike {@code SecureXml} it sets no byte or depth
 * limit of its own. testkit depends on no other SDK module, so it configures the JDK's factories itself rather
 * than calling {@code SecureXml}; a change to the hardening there belongs here too.
 */
final class SafeXml {

    private static final DocumentBuilderFactory FACTORY = newFactory();

    private SafeXml() {
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
        return f;
    }

    /**
     * Parses a document received from the network or read from a file.
     *
     * @param bytes the document
     * @return the DOM
     * @throws SAXException when it is not well-formed or declares a DTD
     */
    static Document parse(byte[] bytes) throws SAXException {
        DocumentBuilder b = BUILDERS.get();
        try {
            return b.parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SAXException(e);
        } finally {
            b.reset();
            b.setErrorHandler(null);
        }
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
     * Compiles XSD files found on disk; they may include or import each other by relative local paths only.
     *
     * @param files the schema files
     * @return the compiled schema
     * @throws SAXException when a schema is invalid
     */
    static Schema schema(List<Path> files) throws SAXException {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        Source[] sources = files.stream().map(p -> new StreamSource(p.toFile())).toArray(Source[]::new);
        return f.newSchema(sources);
    }

    /** The first child element with this namespace and local name, or {@code null}. */
    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (ns == null || ns.equals(e.getNamespaceURI()))) {
                return e;
            }
        }
        return null;
    }

    /** Every child element with this namespace and local name. */
    static List<Element> children(Element parent, String ns, String local) {
        java.util.ArrayList<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName())
                    && (ns == null || ns.equals(e.getNamespaceURI()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every child element. */
    static List<Element> elements(Element parent) {
        java.util.ArrayList<Element> out = new java.util.ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The trimmed text of the first matching child, or {@code null}. */
    static String text(Element parent, String ns, String local) {
        Element e = parent == null ? null : child(parent, ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    /** Escapes text for element content and attribute values. */
    static String escape(String s) {
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
}
