package fr.segurbio.testkit.dmp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Element;

/** ebRIM 3.0 / XDS.b metadata: the scheme UUIDs and the readers of classifications, identifiers and slots. */
final class Ebrim {

    static final String SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    static final String SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    static final String SS_CONTENT_TYPE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    static final String SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    static final String SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    static final String SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    static final String DOCUMENT_ENTRY = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    static final String DE_CLASS = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    static final String DE_CONFIDENTIALITY = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    static final String DE_FORMAT = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    static final String DE_FACILITY = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    static final String DE_PRACTICE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    static final String DE_TYPE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
    static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    static final String RPLC = "urn:ihe:iti:2007:AssociationType:RPLC";
    static final String XFRM = "urn:ihe:iti:2007:AssociationType:XFRM";
    static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";
    static final String UPDATE_STATUS = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";

    static final String FORMAT_N3 = "urn:ihe:lab:xd-lab:2008";
    static final String FORMAT_N1_PDF = "urn:ihe:iti:xds-sd:pdf:2008";
    static final String FORMAT_N1_TEXT = "urn:ihe:iti:xds-sd:text:2008";
    static final String FORMAT_SIGNATURE = "http://www.w3.org/2000/09/xmldsig#";
    static final String CONF_HL7 = "2.16.840.1.113883.5.25";
    static final String CONF_DMP = "1.2.250.1.213.1.1.4.13";
    static final Set<String> DMP_CONFIDENTIALITY = Set.of("MASQUE_PS", "INVISIBLE_PATIENT",
            "INVISIBLE_REPRESENTANTS_LEGAUX");

    private Ebrim() {
    }

    /** A coded value: code and coding scheme. */
    record Code(String code, String scheme) {
        @Override
        public String toString() {
            return code + "^^" + scheme;
        }
    }

    static List<Element> classifications(Element obj, String scheme) {
        List<Element> out = new ArrayList<>();
        for (Element c : DmpXml.children(obj, DmpXml.NS_RIM, "Classification")) {
            if (scheme.equals(c.getAttribute("classificationScheme"))) {
                out.add(c);
            }
        }
        return out;
    }

    static List<Code> codes(Element obj, String scheme) {
        List<Code> out = new ArrayList<>();
        for (Element c : classifications(obj, scheme)) {
            List<String> s = slot(c, "codingScheme");
            out.add(new Code(c.getAttribute("nodeRepresentation"), s.isEmpty() ? "" : s.get(0)));
        }
        return out;
    }

    static Code code(Element obj, String scheme) {
        List<Code> c = codes(obj, scheme);
        return c.size() == 1 ? c.get(0) : null;
    }

    static String externalId(Element obj, String scheme) {
        for (Element e : DmpXml.children(obj, DmpXml.NS_RIM, "ExternalIdentifier")) {
            if (scheme.equals(e.getAttribute("identificationScheme"))) {
                return e.getAttribute("value");
            }
        }
        return null;
    }

    static List<String> slot(Element obj, String name) {
        List<String> out = new ArrayList<>();
        for (Element s : DmpXml.children(obj, DmpXml.NS_RIM, "Slot")) {
            if (name.equals(s.getAttribute("name"))) {
                Element list = DmpXml.child(s, DmpXml.NS_RIM, "ValueList");
                for (Element v : DmpXml.children(list, DmpXml.NS_RIM, "Value")) {
                    out.add(v.getTextContent().trim());
                }
            }
        }
        return out;
    }

    static String firstSlot(Element obj, String name) {
        List<String> v = slot(obj, name);
        return v.isEmpty() ? null : v.get(0);
    }

    /** Sets (or replaces) a slot with one value, inserted where ebRIM wants slots: first. */
    static void setSlot(Element obj, String name, String value) {
        for (Element s : DmpXml.children(obj, DmpXml.NS_RIM, "Slot")) {
            if (name.equals(s.getAttribute("name"))) {
                obj.removeChild(s);
            }
        }
        String prefix = obj.getPrefix() == null ? "" : obj.getPrefix() + ":";
        var d = obj.getOwnerDocument();
        Element slot = d.createElementNS(DmpXml.NS_RIM, prefix + "Slot");
        slot.setAttribute("name", name);
        Element list = d.createElementNS(DmpXml.NS_RIM, prefix + "ValueList");
        Element v = d.createElementNS(DmpXml.NS_RIM, prefix + "Value");
        v.setTextContent(value);
        list.appendChild(v);
        slot.appendChild(list);
        obj.insertBefore(slot, obj.getFirstChild());
    }

    /** Sets the VersionInfo's versionName, adding the element at its place when absent. */
    static void setVersion(Element obj, int version) {
        Element vi = DmpXml.child(obj, DmpXml.NS_RIM, "VersionInfo");
        if (vi == null) {
            String prefix = obj.getPrefix() == null ? "" : obj.getPrefix() + ":";
            vi = obj.getOwnerDocument().createElementNS(DmpXml.NS_RIM, prefix + "VersionInfo");
            org.w3c.dom.Node before = null;
            for (Element c : DmpXml.elements(obj)) {
                String l = c.getLocalName();
                if (l.equals("Classification") || l.equals("ExternalIdentifier") || l.equals("ContentVersionInfo")) {
                    before = c;
                    break;
                }
            }
            obj.insertBefore(vi, before);
        }
        vi.setAttribute("versionName", Integer.toString(version));
    }

    /** The stored-query parameter values: {@code ('a','b')} lists, possibly over several Value elements. */
    static List<String> queryValues(Element query, String name) {
        List<String> out = new ArrayList<>();
        for (String raw : slot(query, name)) {
            String s = raw.trim();
            if (s.startsWith("(") && s.endsWith(")")) {
                s = s.substring(1, s.length() - 1);
            }
            for (String piece : s.split(",")) {
                String p = piece.trim();
                if (p.length() >= 2 && p.startsWith("'") && p.endsWith("'")) {
                    p = p.substring(1, p.length() - 1);
                }
                if (!p.isEmpty()) {
                    out.add(p.replace("''", "'"));
                }
            }
        }
        return out;
    }
}
