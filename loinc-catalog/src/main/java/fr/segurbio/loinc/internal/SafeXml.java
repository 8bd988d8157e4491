package fr.segurbio.loinc.internal;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Hardened StAX factories: no DTD, no external entities, no external resolution. The module does not depend on
 * {@code transport}'s {@code SecureXml}; this class configures the JDK's own factory the same way. A document
 * that carries a DOCTYPE is refused by the readers ({@code LOINC-022}).
 */
public final class SafeXml {

    private static final XMLInputFactory FACTORY = create();

    private SafeXml() {
    }

    private static XMLInputFactory create() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    /**
     * The shared hardened factory (factories are thread-safe once configured).
     *
     * @return the factory
     */
    public static XMLInputFactory inputFactory() {
        return FACTORY;
    }
}
