package fr.segurbio.cda.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import fr.segurbio.transport.SecureXml;

/**
 * The test oracle: what a reader must find on the page, read from the CDA itself with the DOM (independently of
 * the stylesheet): the INS, and the value of every laboratory observation and previous result, written the way a
 * French reader expects (decimal comma).
 */
final class CdaResults {

    static final String HL7 = "urn:hl7-org:v3";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final List<String> INS_ROOTS = List.of("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.9",
            "1.2.250.1.213.1.4.10", "1.2.250.1.213.1.4.11");

    private final Document doc;
    private final Map<String, String> narrative = new HashMap<>();

    CdaResults(byte[] cda) {
        this.doc = SecureXml.parse(cda);
        NodeList all = doc.getElementsByTagNameNS(HL7, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.hasAttribute("ID")) {
                narrative.put(e.getAttribute("ID"), normalize(e.getTextContent()));
            }
        }
    }

    /** The INS matricule of the patient, or null. */
    String ins() {
        NodeList ids = doc.getElementsByTagNameNS(HL7, "id");
        for (int i = 0; i < ids.getLength(); i++) {
            Element id = (Element) ids.item(i);
            if ("patientRole".equals(((Element) id.getParentNode()).getLocalName())
                    && INS_ROOTS.contains(id.getAttribute("root"))) {
                return id.getAttribute("extension");
            }
        }
        return null;
    }

    /** Every value shown for a laboratory observation or a previous result, as displayed text. */
    List<String> values() {
        List<String> values = new ArrayList<>();
        NodeList observations = doc.getElementsByTagNameNS(HL7, "observation");
        for (int i = 0; i < observations.getLength(); i++) {
            Element o = (Element) observations.item(i);
            if (!isLabObservation(o) && !isPreviousResult(o)) {
                continue;
            }
            Element value = child(o, "value");
            if (value != null) {
                values.addAll(shown(value));
            }
        }
        return values;
    }

    /** The number of laboratory observations. */
    int observationCount() {
        int n = 0;
        NodeList observations = doc.getElementsByTagNameNS(HL7, "observation");
        for (int i = 0; i < observations.getLength(); i++) {
            if (isLabObservation((Element) observations.item(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean isLabObservation(Element o) {
        for (Node n = o.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "templateId".equals(e.getLocalName())
                    && "1.3.6.1.4.1.19376.1.3.1.6".equals(e.getAttribute("root"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPreviousResult(Element o) {
        return o.getParentNode() instanceof Element p && "entryRelationship".equals(p.getLocalName())
                && "REFR".equals(p.getAttribute("typeCode"));
    }

    private List<String> shown(Element value) {
        String type = value.getAttributeNS(XSI, "type");
        type = type.contains(":") ? type.substring(type.indexOf(':') + 1) : type;
        if (value.hasAttribute("nullFlavor")) {
            return List.of();
        }
        switch (type) {
            case "PQ", "REAL", "INT", "MO":
                return List.of(number(value.getAttribute("value")));
            case "IVL_PQ", "IVL_REAL", "IVL_INT": {
                List<String> bounds = new ArrayList<>();
                for (String bound : List.of("low", "high", "center")) {
                    Element b = child(value, bound);
                    if (b != null && b.hasAttribute("value")) {
                        bounds.add(number(b.getAttribute("value")));
                    }
                }
                return bounds;
            }
            case "RTO", "RTO_PQ_PQ", "RTO_INT_INT":
                return List.of(number(child(value, "numerator").getAttribute("value")) + "/"
                        + number(child(value, "denominator").getAttribute("value")));
            case "BL":
                return List.of("true".equals(value.getAttribute("value")) ? "Oui" : "Non");
            case "CD", "CE", "CV", "CO", "CS":
                return List.of(label(value));
            default:
                return List.of(normalize(value.getTextContent()));
        }
    }

    private String label(Element coded) {
        Element original = child(coded, "originalText");
        if (original != null) {
            Element ref = child(original, "reference");
            if (ref != null) {
                String text = narrative.get(ref.getAttribute("value").replaceFirst("^#", ""));
                if (text != null && !text.isEmpty()) {
                    return text;
                }
            } else if (!normalize(original.getTextContent()).isEmpty()) {
                return normalize(original.getTextContent());
            }
        }
        if (coded.hasAttribute("displayName")) {
            return coded.getAttribute("displayName");
        }
        return coded.getAttribute("code");
    }

    private static String number(String value) {
        return value.replace('.', ',');
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && HL7.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static String normalize(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }
}
