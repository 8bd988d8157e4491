package fr.segurbio.cda.internal.cda.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * The read side of the narrative: the text of every element carrying an {@code ID} (what a {@code reference}
 * points at), section titles and texts.
 */
final class Narrative {

    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> captions = new HashMap<>();

    /** Indexes the narrative blocks ({@code section/text}) of a document: what a {@code reference} may point at. */
    Narrative(Node root) {
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            if ("text".equals(n.localName) && Node.HL7.equals(n.ns) && n.parent != null
                    && "section".equals(n.parent.localName)) {
                index(n);
            }
            for (int i = n.childCount - 1; i >= 0; i--) {
                stack.add(n.children[i]);
            }
        }
    }

    private void index(Node text) {
        List<Node> stack = new ArrayList<>();
        stack.add(text);
        while (!stack.isEmpty()) {
            Node n = stack.remove(stack.size() - 1);
            String id = n.rawAttribute("", "ID");
            if (id != null) {
                String s = n.text();
                byId.put(id, s == null ? "" : s);
            }
            String media = n.rawAttribute("", "referencedObject");
            if (media != null && "renderMultiMedia".equals(n.localName)) {
                Node c = n.child("caption");
                String caption = c == null ? null : c.text();
                if (caption != null) {
                    for (String ref : media.trim().split("\\s+")) {
                        captions.putIfAbsent(ref, caption);
                    }
                }
            }
            for (int i = n.childCount - 1; i >= 0; i--) {
                stack.add(n.children[i]);
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
        return n.ownText();
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
