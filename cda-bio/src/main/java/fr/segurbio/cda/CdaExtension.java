package fr.segurbio.cda;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import fr.segurbio.cda.internal.Bilingual;
import fr.segurbio.cda.internal.CrBioVocabulary;
import fr.segurbio.transport.SecureXml;

/**
 * A part of a CDA document the model has no field for, carried as written: where it goes ({@link Place}: a child
 * of {@code ClinicalDocument}, of {@code patientRole} or of {@code patient}), the element's qualified name, and
 * the element as a canonical, namespace-complete XML fragment. The reader keeps every element it does not model
 * this way (notice {@code CDA-617}), the N3 and N1 writers write it back where the CDA schema puts an element of
 * that name, and the JSON report format carries it ({@code extensions}).
 *
 * <p>Valid by construction ({@code CDA-014} otherwise): the fragment is one well-formed element, parsed with the
 * hardened StAX factory (no DTD, no entity: a {@code <!DOCTYPE} or an entity reference is refused); the element is
 * one the CDA schema allows at its place, after what the model writes there ({@link Place#slots()}, e.g. a
 * {@code participant} other than the prescriber, sampler and attending physician, a {@code dataEnterer}, an
 * {@code authorization}, a guardian organization); every element is in the HL7 v3 namespace or in one of the
 * extension namespaces the CDA schema imports ({@code sdtc}, IHE lab, IHE pharmacy, DICOM), every attribute is
 * unqualified, in one of those namespaces or {@code xsi:type} (whose type name must resolve to one of them).
 *
 * <p>Canonical: the HL7 namespace is the default one and the others are declared on the root with the prefixes
 * {@code sdtc}, {@code lab}, {@code pharm}, {@code dicom}, {@code xsi}; attributes are sorted; comments, processing
 * instructions and the whitespace-only text between child elements (indentation) are left out; other text is kept
 * as written, escaped. Two extensions are equal when their places and canonical fragments are. The writers replay
 * the fragment through their own StAX writer, element by element: it can never inject a DTD, an entity or
 * unbalanced markup into the document.
 *
 * <pre>{@code
 * CdaExtension enterer = CdaExtension.of(CdaExtension.Place.HEADER,
 *         "<dataEnterer xmlns=\"urn:hl7-org:v3\"><assignedEntity><id root=\"1.2.250.1.71.4.2.1\""
 *         + " extension=\"801234567897\"/></assignedEntity></dataEnterer>");
 * CrBioReport report = read.report().toBuilder().extension(enterer).build();
 * }</pre>
 */
public final class CdaExtension {

    /** The SDTC extension namespace of the CDA schema. */
    public static final String NS_SDTC = "urn:hl7-org:sdtc";
    /** The IHE pharmacy namespace the CDA schema imports. */
    public static final String NS_PHARM = "urn:ihe:pharm:medication";
    /** The DICOM namespace the CDA schema imports. */
    public static final String NS_DICOM = "urn:dicom-org:ps3-20";

    /** The namespaces an extension's elements may be in, with their canonical prefixes ({@code ""}: default). */
    private static final Map<String, String> PREFIXES = Map.of(CrBioVocabulary.NS_HL7, "", NS_SDTC, "sdtc",
            CrBioVocabulary.NS_LAB, "lab", NS_PHARM, "pharm", NS_DICOM, "dicom", CrBioVocabulary.NS_XSI, "xsi");

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(SecureXml::newXMLInputFactory);

    /** Where an extension goes: the element whose child it is. */
    public enum Place {
        /** A child of {@code ClinicalDocument}. */
        HEADER(slot("copyTime", 1), slot("dataEnterer", 1), slot("informant", 0), slot("informationRecipient", 0),
                slot("participant", 0), slot("inFulfillmentOf", 0), slot("documentationOf", 0),
                slot("relatedDocument", 0), slot("authorization", 0)),
        /** A child of {@code recordTarget/patientRole}. */
        PATIENT_ROLE(slot("providerOrganization", 1)),
        /** A child of {@code recordTarget/patientRole/patient}. */
        PATIENT(new Slot(new QName(NS_SDTC, "desc"), 1), new Slot(new QName(NS_SDTC, "deceasedInd"), 1),
                new Slot(new QName(NS_SDTC, "deceasedTime"), 1), new Slot(new QName(NS_SDTC, "multipleBirthInd"), 1),
                new Slot(new QName(NS_SDTC, "multipleBirthOrderNumber"), 1), slot("maritalStatusCode", 1),
                slot("religiousAffiliationCode", 1), slot("raceCode", 1), new Slot(new QName(NS_SDTC, "raceCode"), 0),
                slot("ethnicGroupCode", 1), new Slot(new QName(NS_SDTC, "ethnicGroupCode"), 0), slot("guardian", 0),
                slot("languageCommunication", 0));

        private final List<Slot> slots;

        Place(Slot... slots) {
            this.slots = List.of(slots);
        }

        /**
         * The elements an extension may be at this place, in the CDA schema's order.
         *
         * @return the slots
         */
        public List<Slot> slots() {
            return slots;
        }

        /**
         * The slot of an element name.
         *
         * @param name the element's qualified name
         * @return the slot, or {@code null} when the schema allows no extension of that name here
         */
        public Slot slot(QName name) {
            for (Slot s : slots) {
                if (s.name().equals(name)) {
                    return s;
                }
            }
            return null;
        }

        private static Slot slot(String hl7Name, int max) {
            return new Slot(new QName(CrBioVocabulary.NS_HL7, hl7Name), max);
        }
    }

    /**
     * An element the CDA schema allows at a place.
     *
     * @param name the element's qualified name
     * @param maxOccurs how many the schema allows there, {@code 0} for unbounded
     */
    public record Slot(QName name, int maxOccurs) {
        /**
         * Checks the slot.
         *
         * @param name the name
         * @param maxOccurs the maximum, {@code 0} for unbounded
         */
        public Slot {
            Objects.requireNonNull(name, "name");
        }
    }

    private final Place place;
    private final QName name;
    private final String xml;

    private CdaExtension(Place place, QName name, String xml) {
        this.place = place;
        this.name = name;
        this.xml = xml;
    }

    /**
     * An extension from its XML.
     *
     * @param place where it goes
     * @param xml the element, with its namespace declarations
     * @return the extension, its fragment in canonical form
     * @throws CdaException {@code CDA-014} when the fragment is not one well-formed element the CDA schema allows at
     *         that place, in the allowed namespaces, without DTD nor entity
     */
    public static CdaExtension of(Place place, String xml) {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(xml, "xml");
        Canonical c = new Canonical(place);
        XMLStreamReader r = null;
        try {
            r = FACTORY.get().createXMLStreamReader(new StringReader(xml));
            c.run(r);
        } catch (XMLStreamException e) {
            String m = e.getMessage() == null ? "XML" : e.getMessage();
            int cut = m.indexOf("Message: ");
            throw refused(place.name(), "XML mal formé : " + (cut >= 0 ? m.substring(cut + 9) : m),
                    "malformed XML: " + (cut >= 0 ? m.substring(cut + 9) : m));
        } catch (RuntimeException e) {
            if (e instanceof CdaException ce) {
                throw ce;
            }
            throw refused(place.name(), "XML mal formé : " + e.getMessage(), "malformed XML: " + e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing held
                }
            }
        }
        return new CdaExtension(place, c.root, c.result());
    }

    /**
     * Where the extension goes.
     *
     * @return the place
     */
    public Place place() {
        return place;
    }

    /**
     * The element's qualified name.
     *
     * @return the name
     */
    public QName name() {
        return name;
    }

    /**
     * The element as a canonical XML fragment.
     *
     * @return the fragment
     */
    public String xml() {
        return xml;
    }

    /**
     * Where the extension comes in the document, relative to the others: {@code copyTime}, then the patient role's
     * and patient's children, then the header's other elements, each place in its schema order.
     *
     * @return the rank (equal for two extensions of the same element name at the same place)
     */
    public int documentOrder() {
        int slot = place.slots().indexOf(place.slot(name));
        return switch (place) {
            case HEADER -> slot == 0 ? 0 : 300 + slot;
            case PATIENT -> 100 + slot;
            case PATIENT_ROLE -> 200 + slot;
        };
    }

    /**
     * The canonical prefix of an allowed namespace.
     *
     * @param namespace the namespace
     * @return the prefix ({@code ""} for HL7 v3), or {@code null} when the namespace is not allowed
     */
    public static String prefixOf(String namespace) {
        return PREFIXES.get(namespace);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CdaExtension e && e.place == place && e.xml.equals(xml);
    }

    @Override
    public int hashCode() {
        return place.hashCode() * 31 + xml.hashCode();
    }

    @Override
    public String toString() {
        return place + " " + xml;
    }

    static CdaException refused(String what, String fr, String en) {
        return new CdaException(CdaError.BAD_EXTENSION, what, Bilingual.of(fr, en));
    }

    /** Rewrites a parsed fragment in canonical form. */
    private static final class Canonical {
        private final Place place;
        private final StringBuilder body = new StringBuilder();
        private final TreeSet<String> namespaces = new TreeSet<>();
        private final List<Boolean> hasChildElement = new ArrayList<>();
        private final StringBuilder pendingText = new StringBuilder();
        private QName root;
        private int depth;
        private int rootEnd;
        /** Whether the last start tag is still open (no content written after it yet). */
        private boolean open;

        Canonical(Place place) {
            this.place = place;
        }

        void run(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> start(r);
                    case XMLStreamConstants.END_ELEMENT -> end(r);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (depth > 0) {
                            pendingText.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.DTD -> throw refused(place.name(), "une DTD est refusée",
                            "a DTD is refused");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw refused(place.name(),
                            "entité « " + r.getLocalName() + " » refusée (aucune entité n'est acceptée)",
                            "entity \"" + r.getLocalName() + "\" refused (no entity is accepted)");
                    default -> {
                        // comments and processing instructions are not data
                    }
                }
            }
            if (root == null) {
                throw refused(place.name(), "aucun élément", "no element");
            }
        }

        private void start(XMLStreamReader r) {
            QName q = new QName(ns(r.getNamespaceURI()), r.getLocalName());
            if (depth == 0) {
                if (root != null) {
                    throw refused(place.name(), "un seul élément est attendu", "one element is expected");
                }
                if (place.slot(q) == null) {
                    throw refused(place.name(), "l'élément " + q + " n'est pas permis là par le schéma CDA après ce "
                            + "que le modèle écrit (permis : " + names() + ")", "element " + q + " is not allowed "
                            + "there by the CDA schema after what the model writes (allowed: " + names() + ")");
                }
                root = q;
            } else {
                markChild();
            }
            flushText();
            closeStartTag();
            String prefix = prefix(q.getNamespaceURI(), "élément " + q, "element " + q);
            body.append('<').append(qualified(prefix, q.getLocalPart()));
            Map<String, String> attributes = new TreeMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
                String ans = ns(r.getAttributeNamespace(i));
                String local = r.getAttributeLocalName(i);
                String value = r.getAttributeValue(i);
                String key;
                if (ans.isEmpty()) {
                    key = local;
                } else if (CrBioVocabulary.NS_XSI.equals(ans)) {
                    if (!"type".equals(local)) {
                        throw refused(place.name(), "attribut xsi:" + local + " refusé (seul xsi:type est accepté)",
                                "attribute xsi:" + local + " refused (only xsi:type is accepted)");
                    }
                    namespaces.add(ans);
                    key = "xsi:type";
                    value = xsiType(r, value);
                } else if (CrBioVocabulary.NS_HL7.equals(ans)) {
                    throw refused(place.name(), "attribut qualifié HL7 " + local + " refusé",
                            "HL7-qualified attribute " + local + " refused");
                } else {
                    key = prefix(ans, "attribut " + local, "attribute " + local) + ":" + local;
                }
                attributes.put(key, value);
            }
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                body.append(' ').append(a.getKey()).append("=\"");
                escapeAttribute(a.getValue(), body);
                body.append('"');
            }
            open = true;
            hasChildElement.add(false);
            depth++;
        }

        private void end(XMLStreamReader r) {
            depth--;
            boolean elementContent = hasChildElement.remove(hasChildElement.size() - 1);
            if (elementContent && isBlank(pendingText)) {
                pendingText.setLength(0);
            }
            flushText();
            if (open) {
                body.append("/>");
                open = false;
            } else {
                body.append("</").append(qualified(PREFIXES.get(ns(r.getNamespaceURI())), r.getLocalName()))
                        .append('>');
            }
            if (depth == 0) {
                rootEnd = body.length();
            }
        }

        private void markChild() {
            hasChildElement.set(hasChildElement.size() - 1, true);
            if (isBlank(pendingText)) {
                pendingText.setLength(0);
            }
        }

        private void closeStartTag() {
            if (open) {
                body.append('>');
                open = false;
            }
        }

        private void flushText() {
            if (pendingText.length() > 0) {
                closeStartTag();
                escapeText(pendingText, body);
                pendingText.setLength(0);
            }
        }

        private String xsiType(XMLStreamReader r, String value) {
            String v = value.trim();
            int colon = v.indexOf(':');
            String p = colon < 0 ? "" : v.substring(0, colon);
            String local = colon < 0 ? v : v.substring(colon + 1);
            String tns = r.getNamespaceContext().getNamespaceURI(p);
            tns = ns(tns);
            String prefix = PREFIXES.get(tns);
            if (prefix == null || CrBioVocabulary.NS_XSI.equals(tns) || local.isEmpty()) {
                throw refused(place.name(), "xsi:type « " + value + " » ne désigne pas un type HL7 ou d'une extension "
                        + "permise", "xsi:type \"" + value + "\" does not name an HL7 type or one of an allowed "
                        + "extension");
            }
            namespaces.add(tns);
            return qualified(prefix, local);
        }

        private String prefix(String namespace, String fr, String en) {
            String p = PREFIXES.get(namespace);
            if (p == null || CrBioVocabulary.NS_XSI.equals(namespace)) {
                throw refused(place.name(), fr + " dans un espace de noms non permis « " + namespace + " » (permis : "
                        + "HL7 v3, sdtc, lab IHE, pharm IHE, DICOM)", en + " in a namespace not allowed \"" + namespace
                        + "\" (allowed: HL7 v3, sdtc, IHE lab, IHE pharm, DICOM)");
            }
            namespaces.add(namespace);
            return p;
        }

        private String names() {
            List<String> list = new ArrayList<>();
            for (Slot s : place.slots()) {
                String p = PREFIXES.get(s.name().getNamespaceURI());
                list.add(qualified(p, s.name().getLocalPart()));
            }
            return String.join(", ", list);
        }

        String result() {
            StringBuilder decl = new StringBuilder();
            decl.append(" xmlns=\"").append(CrBioVocabulary.NS_HL7).append('"');
            for (String ns : namespaces) {
                String p = PREFIXES.get(ns);
                if (!p.isEmpty()) {
                    decl.append(" xmlns:").append(p).append("=\"").append(ns).append('"');
                }
            }
            int nameEnd = 1;
            while (nameEnd < body.length() && body.charAt(nameEnd) != ' ' && body.charAt(nameEnd) != '>'
                    && body.charAt(nameEnd) != '/') {
                nameEnd++;
            }
            return body.substring(0, nameEnd) + decl + body.substring(nameEnd, rootEnd);
        }

        private static String qualified(String prefix, String local) {
            return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
        }

        private static String ns(String namespace) {
            return namespace == null ? "" : namespace;
        }

        private static boolean isBlank(CharSequence s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        private static void escapeText(CharSequence s, StringBuilder out) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '\r' -> out.append('\n');
                    default -> out.append(c);
                }
            }
        }

        private static void escapeAttribute(String s, StringBuilder out) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\t', '\n', '\r' -> out.append(' ');
                    default -> out.append(c);
                }
            }
        }
    }
}
