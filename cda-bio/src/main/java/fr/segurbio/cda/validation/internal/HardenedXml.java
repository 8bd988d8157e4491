package fr.segurbio.cda.validation.internal;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import fr.segurbio.transport.SecureXml;

/**
 * Parsers for XML received from outside (a CDA from a subcontractor, a file given to the validator): no DTD, no
 * external entity, no XInclude, JAXP secure processing on. A document that declares a DTD is refused at its
 * {@code <!DOCTYPE}; external entities cannot be declared without one, so they are refused too.
 *
 * <p>Internal to cda-bio (not exported): the transport module's {@link SecureXml} parser, with an error handler
 * that stops at the first well-formedness error instead of printing it, and an entity resolver that refuses.
 */
public final class HardenedXml {

    private HardenedXml() {
    }

    /**
     * A new namespace-aware, hardened SAX reader (readers are not thread-safe: one per parse).
     *
     * @return the reader
     */
    public static XMLReader newReader() {
        try {
            XMLReader reader = SecureXml.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            reader.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // not a reason to refuse the document
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return reader;
        } catch (SAXException e) {
            throw new IllegalStateException("The hardened SAX parser cannot be created", e);
        }
    }

    /**
     * Whether a parse failure is the refusal of a DTD or entity declaration (as opposed to a malformed file).
     *
     * @param e the parse failure
     * @return {@code true} when the document declared a DTD or an external entity
     */
    public static boolean isDoctypeRefusal(SAXException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("DOCTYPE") || m.contains("disallow-doctype-decl") || m.contains("external entity refused");
    }

    /**
     * "line L, column C" for a parse failure that has a position.
     *
     * @param e the failure
     * @return the position, or {@code ""}
     */
    public static String position(SAXParseException e) {
        return e.getLineNumber() > 0 ? "line " + e.getLineNumber() + ", column " + e.getColumnNumber() : "";
    }
}
