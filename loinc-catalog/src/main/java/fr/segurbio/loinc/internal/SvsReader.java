package fr.segurbio.loinc.internal;

import java.io.InputStream;
import java.time.LocalDate;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import fr.segurbio.core.Problem;
import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;
import fr.segurbio.loinc.ValueSet;

/**
 * Reads an IHE SVS value set ({@code RetrieveValueSetResponse} or a bare {@code ValueSet}, namespace
 * {@code urn:ihe:iti:svs:2008}, with the ANS attributes) with a hardened StAX reader.
 */
public final class SvsReader {

    private SvsReader() {
    }

    /**
     * Reads one value set.
     *
     * @param in the XML bytes (the encoding comes from the XML declaration)
     * @param name the source's name, for messages
     * @return the value set
     * @throws LoincException when the document is not an SVS value set, carries a DTD or is malformed
     */
    public static ValueSet read(InputStream in, String name) {
        XMLStreamReader r = null;
        try {
            r = SafeXml.inputFactory().createXMLStreamReader(in);
            ValueSet.Builder builder = null;
            boolean rootSeen = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new LoincException(LoincError.XML_DTD_REFUSED, name);
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String local = r.getLocalName();
                if (!rootSeen) {
                    rootSeen = true;
                    if (!local.equals("RetrieveValueSetResponse") && !local.equals("ValueSet")) {
                        throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name,
                                "root element <" + local + "> is not an SVS RetrieveValueSetResponse or ValueSet");
                    }
                }
                if (local.equals("ValueSet") && builder == null) {
                    String id = attr(r, "id");
                    if (id == null || id.isBlank()) {
                        throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "ValueSet without @id");
                    }
                    String displayName = attr(r, "displayName");
                    String n = attr(r, "name");
                    String version = attr(r, "version");
                    builder = ValueSet.builder(id)
                            .name(n != null ? n : displayName)
                            .title(attr(r, "title") != null ? attr(r, "title") : attr(r, "description"))
                            .version(version != null ? version : attr(r, "revisionDate"))
                            .url(attr(r, "urlFichier"));
                } else if (local.equals("Concept") && builder != null) {
                    String code = attr(r, "code");
                    if (code == null || code.isBlank()) {
                        throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name,
                                "Concept without @code at line " + r.getLocation().getLineNumber());
                    }
                    builder.add(new ValueSet.Concept(attr(r, "codeSystem"), code, attr(r, "displayName"),
                            date(attr(r, "dateValid")), date(attr(r, "dateFin"))));
                }
            }
            if (builder == null) {
                throw new LoincException(LoincError.VALUE_SET_UNREADABLE, name, "no ValueSet element");
            }
            return builder.build();
        } catch (XMLStreamException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            if (msg.contains("DOCTYPE") || msg.contains("DTD") || msg.contains("entity")) {
                throw new LoincException(Problem.of(LoincError.XML_DTD_REFUSED, "", name), e);
            }
            throw new LoincException(Problem.of(LoincError.VALUE_SET_UNREADABLE, "", name, msg), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a stream the caller closes
                }
            }
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** SVS dates: {@code yyyyMMdd[HHmmss]}; ISO dates are accepted too. */
    static LocalDate date(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        String s = v.strip();
        try {
            if (s.length() >= 8 && s.chars().limit(8).allMatch(Character::isDigit)) {
                return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                        Integer.parseInt(s.substring(6, 8)));
            }
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
