package fr.segurbio.dmp.internal;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Small DOM helpers. */
public final class Dom {

    private Dom() {
    }

    /**
     * Appends a namespaced element.
     *
     * @param parent the parent
     * @param ns the namespace
     * @param qname the qualified name
     * @return the element
     */
    public static Element add(Element parent, String ns, String qname) {
        Element e = parent.getOwnerDocument().createElementNS(ns, qname);
        parent.appendChild(e);
        return e;
    }

    /**
     * Creates a root element with its namespace declared.
     *
     * @param doc the document
     * @param ns the namespace
     * @param qname the qualified name
     * @return the element
     */
    public static Element root(Document doc, String ns, String qname) {
        Element e = doc.createElementNS(ns, qname);
        int colon = qname.indexOf(':');
        e.setAttributeNS("http://www.w3.org/2000/xmlns/", colon < 0 ? "xmlns" : "xmlns:" + qname.substring(0, colon),
                ns);
        doc.appendChild(e);
        return e;
    }

    /**
     * The child elements with a namespace and local name.
     *
     * @param parent the parent
     * @param ns the namespace
     * @param local the local name
     * @return the children, in order
     */
    public static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The first child element with a namespace and local name.
     *
     * @param parent the parent
     * @param ns the namespace
     * @param local the local name
     * @return the child, or {@code null}
     */
    public static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /**
     * Every descendant with a namespace and local name.
     *
     * @param parent the parent
     * @param ns the namespace
     * @param local the local name
     * @return the elements, in document order
     */
    public static List<Element> descendants(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        var list = parent.getElementsByTagNameNS(ns, local);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
