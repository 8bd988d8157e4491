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

    Narrative(Node root) {
        XdmSequenceIterator<XdmNode> all = root.x.axisIterator(Axis.DESCENDANT_OR_SELF);
        while (all.hasNext()) {
            XdmNode n = all.next();
            if (n.getNodeKind() == XdmNodeKind.ELEMENT) {
                String id = n.attribute("ID");
                if (id != null) {
                    byId.put(id, n.getStringValue().replaceAll("\\s+", " ").trim());
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

    /** The narrative text of an {@code ID}, {@code null} when none or blank. */
    String caption(String id) {
        String s = byId.get(id);
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
