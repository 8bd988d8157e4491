package fr.segurbio.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.EntityResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Hardened XML factories: every XML the SDK receives (SOAP responses, CDA from a subcontractor, XDM content)
 * is parsed through them. DTDs are refused (so no external entity, no entity expansion bomb), XInclude is off,
 * external DTD/schema/stylesheet access is denied, the JDK's secure-processing limits apply (element depth,
 * attribute count, entity sizes), and {@link #parse(InputStream, long)} bounds the document's size.
 *
 * <pre>{@code
 * Document doc = SecureXml.parse(inputStream);                 // at most DEFAULT_MAX_BYTES
 * Document small = SecureXml.parse(bytes);
 * XMLInputFactory stax = SecureXml.newXMLInputFactory();
 * Transformer t = SecureXml.newTransformerFactory().newTransformer(xslt);
 * String text = SecureXml.toString(doc);
 * }</pre>
 *
 * <p>All methods are thread-safe; the factories returned are new instances.
 */
public final class SecureXml {

    /** The default size limit of {@link #parse(InputStream)}: 64 MiB. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    /** The deepest element nesting accepted. */
    public static final int MAX_ELEMENT_DEPTH = 1000;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private static final DocumentBuilderFactory DBF = newDocumentBuilderFactory();

    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(SecureXml::newDocumentBuilder);

    private SecureXml() {
    }

    /**
     * A namespace-aware, hardened DOM factory.
     *
     * @return a new factory
     */
    public static DocumentBuilderFactory newDocumentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setValidating(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
        return f;
    }

    /**
     * A hardened, namespace-aware DOM builder whose entity resolver refuses everything.
     *
     * @return a new builder
     */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilder b;
            synchronized (DBF) {
                b = DBF.newDocumentBuilder();
            }
            return configure(b);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new, empty, namespace-aware document.
     *
     * @return the document
     */
    public static Document newDocument() {
        DocumentBuilder b = BUILDER.get();
        b.reset();
        return b.newDocument();
    }

    /**
     * Parses at most {@link #DEFAULT_MAX_BYTES}.
     *
     * @param in the XML (not closed)
     * @return the document
     * @throws TransportException {@link TransportError#XML_DTD_FORBIDDEN}, {@link TransportError#XML_TOO_LARGE}
     *         or {@link TransportError#XML_MALFORMED}
     */
    public static Document parse(InputStream in) {
        return parse(in, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses a document.
     *
     * @param xml the XML bytes
     * @return the document
     * @throws TransportException when the XML is refused or malformed
     */
    public static Document parse(byte[] xml) {
        return parse(new ByteArrayInputStream(xml), Long.MAX_VALUE);
    }

    /**
     * Parses a document given as text.
     *
     * @param xml the XML text
     * @return the document
     * @throws TransportException when the XML is refused or malformed
     */
    public static Document parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses at most {@code maxBytes} bytes.
     *
     * @param in the XML (not closed)
     * @param maxBytes the size limit
     * @return the document
     * @throws TransportException when the XML is refused, too large or malformed
     */
    public static Document parse(InputStream in, long maxBytes) {
        DocumentBuilder b = BUILDER.get();
        b.reset();
        configure(b);
        LimitedInputStream limited = new LimitedInputStream(in, maxBytes);
        try {
            return b.parse(limited);
        } catch (SAXException e) {
            if (limited.exceeded()) {
                throw new TransportException(e, TransportError.XML_TOO_LARGE, maxBytes + " bytes");
            }
            throw translate(e);
        } catch (IOException e) {
            if (limited.exceeded()) {
                throw new TransportException(e, TransportError.XML_TOO_LARGE, maxBytes + " bytes");
            }
            throw new TransportException(e, TransportError.XML_MALFORMED, e.getMessage());
        }
    }

    static TransportException translate(SAXException e) {
        String m = String.valueOf(e.getMessage());
        // the JDK's own messages ("DOCTYPE is disallowed when the feature ... set to true", "... access is not
        // allowed due to restriction set by the accessExternalDTD property") and our resolvers' ("external entity
        // refused: ..."), not a malformation's message that quotes a name containing DOCTYPE or accessExternal (a
        // name has no spaces)
        if (m.startsWith("DOCTYPE is disallowed") || m.startsWith("external entity refused")
                || m.contains("access is not allowed due to restriction set by the accessExternal")) {
            return new TransportException(e, TransportError.XML_DTD_FORBIDDEN, m);
        }
        // the JDK's limit messages start with their code ("JAXP00010006: The element ... exceeds the limit ... set by
        // jdk.xml.maxElementDepth"); a malformation's message may quote an element named maxElementDepth
        if (m.startsWith("JAXP")) {
            return new TransportException(e, TransportError.XML_TOO_LARGE, m);
        }
        return new TransportException(e, TransportError.XML_MALFORMED, m);
    }

    /**
     * A namespace-aware, hardened SAX factory.
     *
     * @return a new factory
     */
    public static SAXParserFactory newSAXParserFactory() {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setValidating(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the SAX parser cannot be hardened", e);
        }
        return f;
    }

    /**
     * A hardened SAX parser, with the same element depth limit as the DOM parser ({@link #MAX_ELEMENT_DEPTH}): a
     * deeper document is a fatal parse error rather than a tree whose later processing (XSD, schematron, XSLT)
     * takes minutes.
     *
     * @return a new parser
     */
    public static SAXParser newSAXParser() {
        try {
            SAXParser p = newSAXParserFactory().newSAXParser();
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            p.setProperty("jdk.xml.maxElementDepth", String.valueOf(MAX_ELEMENT_DEPTH));
            return p;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A hardened StAX factory: no DTD support, no external entities, namespace-aware.
     *
     * @return a new factory
     */
    public static XMLInputFactory newXMLInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new javax.xml.stream.XMLStreamException("external entity refused: " + systemId);
        });
        return f;
    }

    /**
     * A hardened XSLT factory: the JDK's own (whatever other XSLT processor, such as Saxon, is on the class
     * path, so that serialising stays predictable and cheap), secure processing, no external DTD or stylesheet
     * access (stylesheets must be given as sources).
     *
     * @return a new factory
     */
    public static TransformerFactory newTransformerFactory() {
        TransformerFactory f = TransformerFactory.newDefaultInstance();
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    /**
     * A hardened W3C XML Schema factory: schemas may import local files and jar entries only, never a DTD or a
     * remote address.
     *
     * @return a new factory
     */
    public static SchemaFactory newSchemaFactory() {
        SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar:file");
        } catch (SAXException e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    /**
     * Serialises a node as UTF-8 XML text without XML declaration and without added indentation.
     *
     * @param node the node
     * @return the text
     */
    public static String toString(Node node) {
        StringWriter w = new StringWriter();
        try {
            serializer().transform(new DOMSource(node), new StreamResult(w));
        } catch (TransformerException e) {
            throw new TransportException(e, TransportError.XML_MALFORMED, e.getMessage());
        }
        return w.toString();
    }

    /**
     * Serialises a node as UTF-8 bytes without XML declaration.
     *
     * @param node the node
     * @return the bytes
     */
    public static byte[] toBytes(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            serializer().transform(new DOMSource(node), new StreamResult(out));
        } catch (TransformerException e) {
            throw new TransportException(e, TransportError.XML_MALFORMED, e.getMessage());
        }
        return out.toByteArray();
    }

    /**
     * Serialises a node as UTF-8 bytes without XML declaration onto a stream, which stays open: several nodes can
     * be written one after the other into a larger document.
     *
     * <pre>{@code
     * ByteArrayOutputStream out = new ByteArrayOutputStream();
     * SecureXml.write(header, out);
     * SecureXml.write(body, out);
     * }</pre>
     *
     * @param node the node
     * @param out where the bytes go
     * @throws TransportException {@code TRANSPORT-…} XML_MALFORMED when the node cannot be serialised
     */
    public static void write(Node node, OutputStream out) {
        try {
            serializer().transform(new DOMSource(node), new StreamResult(out));
        } catch (TransformerException e) {
            throw new TransportException(e, TransportError.XML_MALFORMED, e.getMessage());
        }
    }

    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(() -> {
        try {
            Transformer t = newTransformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            return t;
        } catch (TransformerConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    private static Transformer serializer() {
        Transformer t = SERIALIZER.get();
        return t;
    }

    private static DocumentBuilder configure(DocumentBuilder b) {
        b.setEntityResolver(REFUSE);
        b.setErrorHandler(STRICT);
        return b;
    }

    private static final EntityResolver REFUSE = (publicId, systemId) -> {
        throw new SAXException("external entity refused (DTD forbidden): " + systemId);
    };

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // warnings do not stop parsing and are not logged: they may quote the document
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    /**
     * Counts the bytes read and fails with an {@link IOException} once a limit is passed, so that a parser fed
     * by it never reads an unbounded document; closing it leaves the underlying stream open (the caller owns it).
     *
     * <pre>{@code
     * SecureXml.LimitedInputStream limited = new SecureXml.LimitedInputStream(in, SecureXml.DEFAULT_MAX_BYTES);
     * try {
     *     parse(limited);
     * } catch (IOException e) {
     *     if (limited.exceeded()) { refuseAsTooLarge(); }
     * }
     * }</pre>
     */
    public static final class LimitedInputStream extends FilterInputStream {
        private final long max;
        private long count;
        private boolean exceeded;

        /**
         * Wraps a stream.
         *
         * @param in the stream to read
         * @param max the most bytes that may be read
         */
        public LimitedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        /**
         * Whether reading stopped because the limit was passed.
         *
         * @return {@code true} once more than the limit was read
         */
        public boolean exceeded() {
            return exceeded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the stream
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("document larger than " + max + " bytes");
            }
        }
    }
}
