package fr.segurbio.cda.read;

import java.util.ArrayList;
import java.util.List;

import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/** Navigation over an HL7 v3 element: children by local name in the HL7 (or lab) namespace, attributes, text. */
final class Node {

    static final String HL7 = "urn:hl7-org:v3";
    static final String LAB = "urn:oid:1.3.6.1.4.1.19376.1.3.2";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    final XdmNode x;

    Node(XdmNode x) {
        this.x = x;
    }

    String name() {
        return x.getNodeName().getLocalName();
    }

    Node child(String name) {
        for (XdmNode c : x.children()) {
            if (isHl7(c, name)) {
                return new Node(c);
            }
        }
        return null;
    }

    Node child(String ns, String name) {
        for (XdmNode c : x.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT && ns.equals(c.getNodeName().getNamespace())
                    && name.equals(c.getNodeName().getLocalName())) {
                return new Node(c);
            }
        }
        return null;
    }

    /** The first child met along a path of local names, or {@code null}. */
    Node path(String... names) {
        Node n = this;
        for (String name : names) {
            n = n.child(name);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    List<Node> children(String name) {
        List<Node> list = new ArrayList<>();
        for (XdmNode c : x.children()) {
            if (isHl7(c, name)) {
                list.add(new Node(c));
            }
        }
        return list;
    }

    List<Node> elements() {
        List<Node> list = new ArrayList<>();
        for (XdmNode c : x.children()) {
            if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                list.add(new Node(c));
            }
        }
        return list;
    }

    String attr(String name) {
        String v = x.attribute(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String xsiType() {
        String t = x.getAttributeValue(new net.sf.saxon.s9api.QName(XSI, "type"));
        if (t == null) {
            return null;
        }
        int colon = t.indexOf(':');
        return colon >= 0 ? t.substring(colon + 1).trim() : t.trim();
    }

    String text() {
        String s = x.getStringValue().replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    boolean hasTemplate(String root) {
        for (Node t : children("templateId")) {
            if (root.equals(t.attr("root"))) {
                return true;
            }
        }
        return false;
    }

    boolean nullFlavored() {
        return x.attribute("nullFlavor") != null;
    }

    private static boolean isHl7(XdmNode c, String name) {
        return c.getNodeKind() == XdmNodeKind.ELEMENT && HL7.equals(c.getNodeName().getNamespace())
                && name.equals(c.getNodeName().getLocalName());
    }
}
