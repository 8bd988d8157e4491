package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.sf.saxon.s9api.Axis;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;
import net.sf.saxon.s9api.XdmSequenceIterator;

/**
 * The read side of the narrative: the text of every element carrying an {@code ID} (what a {@code reference}
 * points at), section titles and texts.
 */
final class Narrative {

    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> captions = new HashMap<>();

    /** Indexes the narrative blocks ({@code section/text}) of a document: what a {@code reference} may point at. */
    Narrative(Node root) {
        XdmSequenceIterator<XdmNode> all = root.x.axisIterator(Axis.DESCENDANT_OR_SELF);
        while (all.hasNext()) {
            XdmNode n = all.next();
            if (n.getNodeKind() == XdmNodeKind.ELEMENT && "text".equals(n.getNodeName().getLocalName())
                    && Node.HL7.equals(n.getNodeName().getNamespace()) && n.getParent() != null
                    && "section".equals(n.getParent().getNodeName() == null ? null
                            : n.getParent().getNodeName().getLocalName())) {
                index(n);
            }
        }
    }

    private void index(XdmNode text) {
        XdmSequenceIterator<XdmNode> inside = text.axisIterator(Axis.DESCENDANT_OR_SELF);
        while (inside.hasNext()) {
            XdmNode n = inside.next();
            if (n.getNodeKind() != XdmNodeKind.ELEMENT) {
                continue;
            }
            String id = n.attribute("ID");
            if (id != null) {
                byId.put(id, n.getStringValue().replaceAll("\\s+", " ").trim());
            }
            String media = n.attribute("referencedObject");
            if (media != null && "renderMultiMedia".equals(n.getNodeName().getLocalName())) {
                String caption = new Node(n).child("caption") == null ? null : new Node(n).child("caption").text();
                if (caption != null) {
                    for (String ref : media.trim().split("\\s+")) {
                        captions.putIfAbsent(ref, caption);
                    }
                }
            }
        }
    }

    /** The text an element carries: its {@code reference} resolved in the narrative, else its own text. */
    String reference(Node n) {
        if (n == null) {
            return null;
        }
        Node ref = n.child("reference");
        if (ref != null && ref.attr("value") != null) {
            String target = ref.attr("value");
            String s = byId.get(target.startsWith("#") ? target.substring(1) : target);
            if (s != null && !s.isBlank()) {
                return s;
            }
        }
        StringBuilder own = new StringBuilder();
        for (XdmNode c : n.x.children()) {
            if (c.getNodeKind() == XdmNodeKind.TEXT) {
                own.append(c.getStringValue());
            }
        }
        String s = own.toString().replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? null : s;
    }

    /** The caption the narrative gives a multimedia entry ({@code renderMultiMedia/caption}), or {@code null}. */
    String caption(String mediaId) {
        String s = captions.get(mediaId);
        return s == null || s.isBlank() ? null : s;
    }

    static String title(Node section) {
        Node t = section.child("title");
        return t == null ? null : t.text();
    }

    /** A section's text: its paragraphs separated by blank lines, else its whole text. */
    static String sectionText(Node section) {
        Node text = section.child("text");
        if (text == null) {
            return null;
        }
        List<String> paragraphs = new ArrayList<>();
        for (Node p : text.elements()) {
            if (p.text() != null) {
                paragraphs.add(p.text());
            }
        }
        return paragraphs.isEmpty() ? text.text() : String.join("\n\n", paragraphs);
    }
}
