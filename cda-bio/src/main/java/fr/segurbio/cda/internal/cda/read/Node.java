package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.List;

import fr.segurbio.cda.internal.CrBioVocabulary;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/**
 * Navigation over an HL7 v3 element of a parsed CDA: children by local name in the HL7 (or lab) namespace,
 * attributes, text, and the element's XPath-like location for the problems found on it.
 */
public final class Node {

    /** The HL7 v3 namespace. */
    public static final String HL7 = CrBioVocabulary.NS_HL7;
    /** The IHE lab namespace. */
    public static final String LAB = CrBioVocabulary.NS_LAB;
    /** The XML Schema instance namespace. */
    public static final String XSI = CrBioVocabulary.NS_XSI;

    /** The element. */
    public final XdmNode x;

    /**
     * Wraps an element.
     *
     * @param x the element
     */
    public Node(XdmNode x) {
        this.x = x;
    }

    /**
     * The element's location: its steps from the document's root element, each with its position among the
     * siblings of the same name when there are several ({@code /ClinicalDocument/component/structuredBody/component[3]/section}).
     *
     * @return the location
     */
    public String xpath() {
        StringBuilder sb = new StringBuilder();
        XdmNode n = x;
        while (n != null && n.getNodeKind() == XdmNodeKind.ELEMENT) {
            XdmNode parent = n.getParent();
            String step = n.getNodeName().getLocalName();
            if (parent != null && parent.getNodeKind() == XdmNodeKind.ELEMENT) {
                int position = 0;
                int count = 0;
                for (XdmNode c : parent.children()) {
                    if (c.getNodeKind() == XdmNodeKind.ELEMENT && c.getNodeName().equals(n.getNodeName())) {
                        count++;
                        if (c.equals(n)) {
                            position = count;
                        }
                    }
                }
                if (count > 1) {
                    step += "[" + position + "]";
                }
            }
            sb.insert(0, "/" + step);
            n = parent;
        }
        return sb.toString();
    }

    /**
     * The local name.
     *
     * @return the name
     */
    public String name() {
        return x.getNodeName().getLocalName();
    }

    /**
     * The first HL7 child of a name.
     *
     * @param name the local name
     * @return the child, or {@code null}
     */
    public Node child(String name) {
        for (XdmNode c : x.children()) {
            if (isHl7(c, name)) {
                return new Node(c);
            }
        }
        return null;
    }

    /**
     * The first child of a name in a namespace.
     *
     * @param ns the namespace
     * @param name the local name
     * @return the child, or {@code null}
     */
    public Node child(String ns, String name) {
        for (XdmNode c : x.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && ns.equals(c.getNodeName().getNamespace())
                    && name.equals(c.getNodeName().getLocalName())) {
                return new Node(c);
            }
        }
        return null;
    }

    /**
     * The first child met along a path of local names.
     *
     * @param names the local names
     * @return the element, or {@code null}
     */
    public Node path(String... names) {
        Node n = this;
        for (String name : names) {
            n = n.child(name);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    /**
     * The HL7 children of a name.
     *
     * @param name the local name
     * @return the children
     */
    public List<Node> children(String name) {
        List<Node> list = new ArrayList<>();
        for (XdmNode c : x.children()) {
            if (isHl7(c, name)) {
                list.add(new Node(c));
            }
        }
        return list;
    }

    /**
     * Every child element.
     *
     * @return the children
     */
    public List<Node> elements() {
        List<Node> list = new ArrayList<>();
        for (XdmNode c : x.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                list.add(new Node(c));
            }
        }
        return list;
    }

    /**
     * An attribute, trimmed; {@code null} when absent or blank.
     *
     * @param name the attribute's name
     * @return the value, or {@code null}
     */
    public String attr(String name) {
        String v = x.attribute(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The local part of {@code xsi:type}.
     *
     * @return the type, or {@code null}
     */
    public String xsiType() {
        String t = x.getAttributeValue(new net.sf.saxon.s9api.QName(XSI, "type"));
        if (t == null) {
            return null;
        }
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1).trim() : t.trim();
    }

    /**
     * The text, whitespace collapsed.
     *
     * @return the text, or {@code null} when empty
     */
    public String text() {
        String s = x.getStringValue().replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    /**
     * Whether a {@code templateId} child has this root.
     *
     * @param root the template's OID
     * @return {@code true} when present
     */
    public boolean hasTemplate(String root) {
        for (Node t : children("templateId")) {
            if (root.equals(t.attr("root"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the element has a {@code nullFlavor}.
     *
     * @return {@code true} when it has one
     */
    public boolean nullFlavored() {
        return x.attribute("nullFlavor") != null;
    }

    private static boolean isHl7(XdmNode c, String name) {
        return c.getNodeKind() == XdmNodeKind.ELEMENT && HL7.equals(c.getNodeName().getNamespace())
                && name.equals(c.getNodeName().getLocalName());
    }
}
