package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import fr.segurbio.cda.internal.CrBioVocabulary;

/**
 * Navigation over an HL7 v3 element of a parsed CDA: children by local name in the HL7 (or lab) namespace,
 * attributes, text, and the element's XPath-like location for the problems found on it.
 *
 * <p>An element of the light, read-only tree {@link CdaXml} builds in one StAX pass: its name, attributes, child
 * elements and parent, and its text as a range of the document's text (the text of every descendant, in document
 * order, is contiguous there). The base64 content of an {@code observationMedia/value} or a
 * {@code nonXMLBody/text} is decoded while the document is parsed and never kept as text: {@link #text()} gives it
 * back re-encoded on one line, and it is not part of its ancestors' text.
 *
 * <pre>{@code
 * Node root = CdaXml.parse(new ByteArrayInputStream(xml));
 * String title = root.path("component", "structuredBody", "component", "section", "title").text();
 * }</pre>
 */
public final class Node {

    /** The HL7 v3 namespace. */
    public static final String HL7 = CrBioVocabulary.NS_HL7;
    /** The IHE lab namespace. */
    public static final String LAB = CrBioVocabulary.NS_LAB;
    /** The XML Schema instance namespace. */
    public static final String XSI = CrBioVocabulary.NS_XSI;

    private static final Node[] NO_CHILDREN = {};
    private static final String[] NO_ATTRIBUTES = {};

    final CdaXml.Text doc;
    final Node parent;
    final String ns;
    final String localName;
    /** The attributes, by three: namespace ({@code ""} for none), local name, value. */
    final String[] attributes;
    Node[] children = NO_CHILDREN;
    int childCount;
    /** The element's text: the range of the document's text its descendants' text occupies. */
    int textStart;
    int textEnd;
    /** The decoded base64 content, when the element's content was decoded while parsing. */
    CdaXml.Binary binary;
    /** The namespace the type name of the element's {@code xsi:type} resolves to, when it has one. */
    String xsiTypeNamespace;
    private String xpath;

    Node(CdaXml.Text doc, Node parent, String ns, String localName, String[] attributes) {
        this.doc = doc;
        this.parent = parent;
        this.ns = ns;
        this.localName = localName;
        this.attributes = attributes == null ? NO_ATTRIBUTES : attributes;
    }

    void add(Node child) {
        if (childCount == children.length) {
            children = Arrays.copyOf(children, Math.max(4, childCount * 2));
        }
        children[childCount++] = child;
    }

    /**
     * The element's location: its steps from the document's root element, each with its position among the
     * siblings of the same name when there are several ({@code /ClinicalDocument/component/structuredBody/component[3]/section}).
     *
     * @return the location
     */
    public String xpath() {
        if (xpath == null) {
            String step = localName;
            if (parent != null) {
                int position = 0;
                int count = 0;
                for (int i = 0; i < parent.childCount; i++) {
                    Node c = parent.children[i];
                    if (c.localName.equals(localName) && c.ns.equals(ns)) {
                        count++;
                        if (c == this) {
                            position = count;
                        }
                    }
                }
                if (count > 1) {
                    step += "[" + position + "]";
                }
                xpath = parent.xpath() + "/" + step;
            } else {
                xpath = "/" + step;
            }
        }
        return xpath;
    }

    /**
     * The local name.
     *
     * @return the name
     */
    public String name() {
        return localName;
    }

    /**
     * The namespace URI.
     *
     * @return the namespace, {@code ""} for none
     */
    public String namespace() {
        return ns;
    }

    /**
     * The parent element.
     *
     * @return the parent, or {@code null} for the document's root element
     */
    public Node parent() {
        return parent;
    }

    /**
     * The first HL7 child of a name.
     *
     * @param name the local name
     * @return the child, or {@code null}
     */
    public Node child(String name) {
        return child(HL7, name);
    }

    /**
     * The first child of a name in a namespace.
     *
     * @param ns the namespace
     * @param name the local name
     * @return the child, or {@code null}
     */
    public Node child(String ns, String name) {
        for (int i = 0; i < childCount; i++) {
            Node c = children[i];
            if (c.localName.equals(name) && c.ns.equals(ns)) {
                return c;
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
        for (int i = 0; i < childCount; i++) {
            Node c = children[i];
            if (c.localName.equals(name) && c.ns.equals(HL7)) {
                list.add(c);
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
        List<Node> list = new ArrayList<>(childCount);
        for (int i = 0; i < childCount; i++) {
            list.add(children[i]);
        }
        return list;
    }

    /**
     * Every element below this one (not this one), in document order.
     *
     * @return the descendants
     */
    public List<Node> descendants() {
        List<Node> list = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if (n != this) {
                list.add(n);
            }
            for (int i = n.childCount - 1; i >= 0; i--) {
                stack.add(n.children[i]);
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
        String v = rawAttribute("", name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * An attribute as written (after the XML attribute-value normalisation).
     *
     * @param namespace the attribute's namespace, {@code ""} for none
     * @param name the attribute's local name
     * @return the value, or {@code null} when absent
     */
    public String rawAttribute(String namespace, String name) {
        String[] a = attributes;
        for (int i = 0; i < a.length; i += 3) {
            if (a[i + 1].equals(name) && a[i].equals(namespace)) {
                return a[i + 2];
            }
        }
        return null;
    }

    /**
     * The local part of {@code xsi:type}.
     *
     * @return the type, or {@code null}
     */
    public String xsiType() {
        String t = rawAttribute(XSI, "type");
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
        String s;
        if (binary != null) {
            byte[] b = binary.bytes();
            s = b == null ? "" : Base64.getEncoder().encodeToString(b);
        } else {
            s = doc.collapsed(textStart, textEnd, null);
        }
        return s.isEmpty() ? null : s;
    }

    /**
     * The element's own text (its text children, not its descendants'), whitespace collapsed.
     *
     * @return the text, or {@code null} when empty
     */
    public String ownText() {
        String s = doc.collapsed(textStart, textEnd, this);
        return s.isEmpty() ? null : s;
    }

    /**
     * Whether a {@code templateId} child has this root.
     *
     * @param root the template's OID
     * @return {@code true} when present
     */
    public boolean hasTemplate(String root) {
        for (int i = 0; i < childCount; i++) {
            Node t = children[i];
            if (t.localName.equals("templateId") && t.ns.equals(HL7) && root.equals(t.attr("root"))) {
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
        return rawAttribute("", "nullFlavor") != null;
    }

    /**
     * The element as XML, every namespace it and its descendants use declared on it, {@code xsi:type} values bound
     * to the namespace their type name resolved to when parsed; its text as written, except that a base64 content
     * decoded while parsing is written re-encoded. Comments and processing instructions were not kept by the parse.
     *
     * @return the element's XML
     */
    public String toXml() {
        StringBuilder sb = new StringBuilder();
        java.util.Map<String, String> prefixes = new java.util.LinkedHashMap<>();
        collectNamespaces(this, prefixes);
        write(sb, prefixes, true);
        return sb.toString();
    }

    private static void collectNamespaces(Node n, java.util.Map<String, String> prefixes) {
        prefixes.computeIfAbsent(n.ns, k -> "n" + prefixes.size());
        for (int i = 0; i < n.attributes.length; i += 3) {
            if (!n.attributes[i].isEmpty()) {
                prefixes.computeIfAbsent(n.attributes[i], k -> "n" + prefixes.size());
            }
        }
        if (n.xsiTypeNamespace != null) {
            prefixes.computeIfAbsent(n.xsiTypeNamespace, k -> "n" + prefixes.size());
        }
        for (int i = 0; i < n.childCount; i++) {
            collectNamespaces(n.children[i], prefixes);
        }
    }

    private void write(StringBuilder sb, java.util.Map<String, String> prefixes, boolean root) {
        String name = prefixes.get(ns) + ":" + localName;
        sb.append('<').append(name);
        if (root) {
            for (java.util.Map.Entry<String, String> p : prefixes.entrySet()) {
                sb.append(" xmlns:").append(p.getValue()).append("=\"");
                escape(p.getKey(), sb);
                sb.append('"');
            }
        }
        for (int i = 0; i < attributes.length; i += 3) {
            String ans = attributes[i];
            sb.append(' ').append(ans.isEmpty() ? "" : prefixes.get(ans) + ":").append(attributes[i + 1]).append("=\"");
            String value = attributes[i + 2];
            if (XSI.equals(ans) && "type".equals(attributes[i + 1]) && xsiTypeNamespace != null) {
                value = prefixes.get(xsiTypeNamespace) + ":" + xsiType();
            }
            escape(value, sb);
            sb.append('"');
        }
        sb.append('>');
        if (binary != null) {
            String t = text();
            sb.append(t == null ? "" : t);
        } else {
            int at = textStart;
            for (int i = 0; i < childCount; i++) {
                Node c = children[i];
                escape(doc.raw(at, c.textStart), sb);
                c.write(sb, prefixes, false);
                at = c.textEnd;
            }
            escape(doc.raw(at, textEnd), sb);
        }
        sb.append("</").append(name).append('>');
    }

    private static void escape(CharSequence s, StringBuilder sb) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\r' -> sb.append("&#13;");
                case '\t' -> sb.append("&#9;");
                case '\n' -> sb.append("&#10;");
                default -> sb.append(c);
            }
        }
    }

    /** The element's {@code {namespace}name}, for messages. */
    String eqName() {
        return "Q{" + ns + "}" + localName;
    }
}
