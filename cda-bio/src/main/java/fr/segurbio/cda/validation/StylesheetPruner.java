package fr.segurbio.cda.validation;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.transform.sax.SAXSource;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.NamespaceSupport;
import org.xml.sax.helpers.XMLFilterImpl;

import fr.segurbio.cda.validation.internal.HardenedXml;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XdmNodeKind;

/**
 * Per-document variants of a profile's generated stylesheet (the cache's text) without the parts a document cannot
 * fire, so that a cold JVM compiles a fraction of each profile for its first document. Only what the stylesheet
 * itself would skip for that document is left out, so the findings are the same:
 *
 * <ul>
 * <li>An {@code <xsl:if test="$segur-template-roots = ('r1', …)">} (the {@link SvrlOptimizer}'s guard of a
 * pattern) whose roots are all absent from the document: its test is false, its content never runs. It is dropped
 * only when {@code segur-template-roots} is the optimiser's global variable (the distinct {@code @root} values of
 * the document's {@code hl7:templateId} elements), computed here the same way.</li>
 * <li>The template rules of a mode (a pattern) every {@code apply-templates} of which is in such a dropped guard
 * or in the mode's own rules: the mode is never entered. Not done when a {@code default-mode} is declared.</li>
 * <li>A template rule anchored on {@code hl7:ClinicalDocument} with child steps only ({@link SvrlOptimizer#anchoredSteps})
 * whose element names, predicates set aside, follow no path of the document below a {@code ClinicalDocument}: it
 * matches no node. Done only in a mode whose nodes all come from the validated document: every
 * {@code apply-templates} that can apply in it selects {@code /} from the unmoded {@code match="/"} rule or the
 * children of the context node in one of the mode's rules, outside any instruction that changes the context
 * ({@code for-each}…), and the default mode's own {@code apply-templates} stay in the document the same way.</li>
 * </ul>
 *
 * <p>A stylesheet that cannot be analysed prunes nothing. Thread-safe once built.
 */
final class StylesheetPruner {

    private static final String XSL = "http://www.w3.org/1999/XSL/Transform";
    private static final String HL7 = "urn:hl7-org:v3";
    private static final String ROOTS_VARIABLE = "segur-template-roots";
    private static final String ROOTS_SELECT =
            "distinct-values(//*[local-name() = 'templateId'][namespace-uri() = 'urn:hl7-org:v3']/@root/string())";
    private static final Pattern GUARD = Pattern.compile(
            "\\$" + ROOTS_VARIABLE + " = \\(('[0-9.]+'(?:, '[0-9.]+')*)\\)");
    private static final Pattern LITERAL = Pattern.compile("'([0-9.]+)'");
    private static final Set<String> CHILD_SELECTS = Set.of("*", "node()", "@*|node()",
            "*|comment()|processing-instruction()", "child::node()", "child::*");
    private static final Set<String> CONTEXT_CHANGING = Set.of("for-each", "for-each-group", "iterate", "merge",
            "source-document", "analyze-string", "evaluate", "stream", "perform-sort", "fork");

    private final String text;
    private final int topLevelCount;
    /** Per top-level element: the modes of a template rule without a name (null otherwise). */
    private final List<Set<String>> ruleModes;
    /** Per top-level element: the alternatives of an anchored rule's steps (null when not anchored). */
    private final List<List<List<String>>> anchored;
    /** Guard tests → their roots. */
    private final Map<String, List<String>> guards;
    /** Modes whose every reference is in a guard or in the mode's own rules: mode → the guard tests. */
    private final Map<String, Set<String>> guardedModes;
    /** Modes whose rules can be dropped by path. */
    private final Set<String> pathModes;

    private StylesheetPruner(String text, Analysis a) {
        this.text = text;
        this.topLevelCount = a.index;
        this.ruleModes = a.ruleModes;
        this.anchored = a.anchored;
        boolean guardsUsable = a.rootsVariableOk && !a.rootsVariableOther;
        this.guards = guardsUsable ? a.guards : Map.of();
        Map<String, Set<String>> gm = new HashMap<>();
        Set<String> pm = new HashSet<>();
        if (!a.defaultMode) {
            for (String mode : a.ruleModeNames) {
                List<Reference> refs = a.references.getOrDefault(mode, List.of());
                Set<String> tests = new LinkedHashSet<>();
                boolean guarded = guardsUsable && !refs.isEmpty();
                for (Reference r : refs) {
                    Set<String> own = a.locations.get(r.location).ruleModes;
                    if (r.guard != null) {
                        tests.add(r.guard);
                    } else if (own == null || !own.equals(Set.of(mode))) {
                        guarded = false;
                    }
                }
                if (guarded && !tests.isEmpty()) {
                    gm.put(mode, tests);
                }
            }
            pm.addAll(documentModes(a));
        }
        this.guardedModes = gm;
        this.pathModes = pm;
    }

    /**
     * The modes whose nodes all come from the validated document: the greatest set such that every
     * {@code apply-templates} that can apply in one of them runs where the context node is the document's (a rule
     * of those modes or of the default mode, or a named template only called from such places, outside any
     * instruction that changes the context) and selects {@code /} or children. The default mode is one of them
     * ({@code #default}): the transformation starts there on the document.
     */
    private static Set<String> documentModes(Analysis a) {
        Set<String> modes = new HashSet<>(a.ruleModeNames);
        modes.add(DEFAULT);
        Set<String> named = new HashSet<>(a.namedTemplates);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Reference> refs : a.references.values()) {
                for (Reference r : refs) {
                    changed |= check(a, r, modes, named);
                }
            }
            for (Reference r : a.currentReferences) {
                changed |= check(a, r, modes, named);
            }
            for (Call c : a.calls) {
                if ((c.contextChanged || !inDocument(a.locations.get(c.location), modes, named))
                        && named.remove(c.name)) {
                    changed = true;
                }
            }
        }
        modes.remove(DEFAULT);
        return modes;
    }

    private static boolean check(Analysis a, Reference r, Set<String> modes, Set<String> named) {
        Location at = a.locations.get(r.location);
        boolean ok = !r.contextChanged && (CHILD_SELECTS.contains(r.select) || "/".equals(r.select))
                && inDocument(at, modes, named);
        if (ok) {
            return false;
        }
        Set<String> targets;
        if (r.modes != null) {
            targets = r.modes;
        } else if (at.ruleModes != null) {
            targets = at.ruleModes; // #current in a rule: the rule's modes
        } else {
            targets = new HashSet<>(modes); // #current elsewhere: any mode
        }
        return modes.removeAll(targets);
    }

    private static boolean inDocument(Location at, Set<String> modes, Set<String> named) {
        if (at.ruleModes != null) {
            return modes.containsAll(at.ruleModes);
        }
        return at.name != null && named.contains(at.name);
    }

    /**
     * Analyses a generated stylesheet.
     *
     * @param text the stylesheet's text
     * @return the pruner; one that prunes nothing when the text cannot be read
     */
    static StylesheetPruner analyse(String text) {
        Analysis a = new Analysis();
        try {
            var reader = HardenedXml.newReader();
            reader.setContentHandler(a);
            reader.parse(new InputSource(new StringReader(text)));
        } catch (IOException | SAXException | RuntimeException e) {
            Analysis none = new Analysis();
            none.defaultMode = true;
            return new StylesheetPruner(text, none);
        }
        return new StylesheetPruner(text, a);
    }

    /** The stylesheet's text. */
    String text() {
        return text;
    }

    /**
     * What a document lets this stylesheet leave out.
     *
     * @param facts the document's template roots and element paths
     * @return the selection (its {@link Selection#droppedElements()} is empty when nothing can be left out)
     */
    Selection select(DocumentFacts facts) {
        Set<String> falseGuards = new TreeSet<>();
        for (Map.Entry<String, List<String>> g : guards.entrySet()) {
            if (g.getValue().stream().noneMatch(facts.roots::contains)) {
                falseGuards.add(g.getKey());
            }
        }
        Set<String> deadModes = new HashSet<>();
        for (Map.Entry<String, Set<String>> m : guardedModes.entrySet()) {
            if (falseGuards.containsAll(m.getValue())) {
                deadModes.add(m.getKey());
            }
        }
        BitSet dropped = new BitSet(topLevelCount);
        for (int i = 0; i < topLevelCount; i++) {
            Set<String> modes = ruleModes.get(i);
            if (modes == null) {
                continue;
            }
            if (deadModes.containsAll(modes)) {
                dropped.set(i);
            } else if (anchored.get(i) != null && modes.size() == 1 && pathModes.containsAll(modes)
                    && anchored.get(i).stream().noneMatch(facts::hasPath)) {
                dropped.set(i);
            }
        }
        return new Selection(dropped, falseGuards);
    }

    /**
     * The variant of the stylesheet without a selection, as a source for the XSLT compiler.
     *
     * @param selection what to leave out
     * @param systemId the base URI of the stylesheet (the {@code .sch}'s)
     * @return the source
     */
    SAXSource source(Selection selection, String systemId) {
        SAXSource source = new SAXSource(new Filter(selection), new InputSource(new StringReader(text)));
        source.setSystemId(systemId);
        source.getInputSource().setSystemId(systemId);
        return source;
    }

    /** The share of top-level elements a selection keeps, 0 to 1. */
    double kept(Selection selection) {
        return topLevelCount == 0 ? 1 : 1 - (double) selection.dropped.cardinality() / topLevelCount;
    }

    /**
     * What a document lets a stylesheet leave out: the top-level elements (by position) and the guard tests that
     * are false. Equal selections give the same variant.
     *
     * @param dropped the positions of the top-level elements left out
     * @param falseGuards the guard tests false for the document
     */
    record Selection(BitSet dropped, Set<String> falseGuards) {
        Selection {
            dropped = (BitSet) dropped.clone();
            falseGuards = Set.copyOf(falseGuards);
        }

        /** The number of top-level elements left out. */
        int droppedElements() {
            return dropped.cardinality();
        }

        @Override
        public BitSet dropped() {
            return (BitSet) dropped.clone();
        }
    }

    /** What the pruning needs of a document: its templateId roots and its element paths below a ClinicalDocument. */
    static final class DocumentFacts {
        private final Set<String> roots;
        private final Node paths = new Node();

        private DocumentFacts(Set<String> roots) {
            this.roots = roots;
        }

        /**
         * The facts of a parsed document.
         *
         * @param document the document node
         * @return its facts
         */
        static DocumentFacts of(XdmNode document) {
            Set<String> roots = new HashSet<>();
            DocumentFacts facts = new DocumentFacts(roots);
            facts.scan(document, roots);
            return facts;
        }

        /**
         * The facts of a document read from its bytes, before it is parsed for validation (so that the variants
         * can be compiled while the XSD loads): the same as {@link #of(XdmNode)} on the parsed document. Empty when
         * the document cannot be read (the validation reports why).
         *
         * @param in the document (closed here)
         * @return its facts, or empty
         */
        static java.util.Optional<DocumentFacts> read(java.io.InputStream in) {
            Set<String> roots = new HashSet<>();
            DocumentFacts facts = new DocumentFacts(roots);
            Deque<List<Node>> open = new ArrayDeque<>();
            boolean[] clinicalDocumentRoot = new boolean[1];
            try (in) {
                var reader = HardenedXml.newReader();
                reader.setContentHandler(new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String local, String qName, Attributes atts) {
                        List<Node> parent = open.isEmpty() ? List.of() : open.peek();
                        List<Node> here = new ArrayList<>(parent.size() + 1);
                        String name = "{" + uri + "}" + local;
                        for (Node n : parent) {
                            here.add(n.children.computeIfAbsent(name, k -> new Node()));
                        }
                        if (HL7.equals(uri) && "templateId".equals(local)) {
                            String root = atts.getValue("", "root");
                            if (root != null) {
                                roots.add(root);
                            }
                        } else if (HL7.equals(uri) && "ClinicalDocument".equals(local)) {
                            here.add(facts.paths);
                            clinicalDocumentRoot[0] |= open.isEmpty();
                        }
                        open.push(here);
                    }

                    @Override
                    public void endElement(String uri, String local, String qName) {
                        open.pop();
                    }
                });
                reader.parse(new InputSource(in));
            } catch (IOException | SAXException | RuntimeException e) {
                return java.util.Optional.empty();
            }
            return clinicalDocumentRoot[0] ? java.util.Optional.of(facts) : java.util.Optional.empty();
        }

        private void scan(XdmNode node, Set<String> roots) {
            for (XdmNode c : node.children()) {
                if (c.getNodeKind() != XdmNodeKind.ELEMENT) {
                    continue;
                }
                var name = c.getNodeName();
                if (HL7.equals(name.getNamespace())) {
                    if ("templateId".equals(name.getLocalName())) {
                        String root = c.attribute("root");
                        if (root != null) {
                            roots.add(root);
                        }
                    } else if ("ClinicalDocument".equals(name.getLocalName())) {
                        addPaths(c, paths);
                    }
                }
                scan(c, roots);
            }
        }

        private static void addPaths(XdmNode element, Node at) {
            for (XdmNode c : element.children()) {
                if (c.getNodeKind() == XdmNodeKind.ELEMENT) {
                    var name = c.getNodeName();
                    addPaths(c, at.children.computeIfAbsent("{" + name.getNamespace() + "}" + name.getLocalName(),
                            k -> new Node()));
                }
            }
        }

        /** Whether a ClinicalDocument of the document has elements along these steps ({@code *} for any name). */
        boolean hasPath(List<String> steps) {
            return follows(paths, steps, 0);
        }

        private static boolean follows(Node at, List<String> steps, int i) {
            if (i == steps.size()) {
                return true;
            }
            String step = steps.get(i);
            if ("*".equals(step)) {
                for (Node n : at.children.values()) {
                    if (follows(n, steps, i + 1)) {
                        return true;
                    }
                }
                return false;
            }
            Node n = at.children.get(step);
            return n != null && follows(n, steps, i + 1);
        }

        private static final class Node {
            final Map<String, Node> children = new HashMap<>();
        }
    }

    private static final String DEFAULT = "#default";

    /**
     * A top-level element: the modes of a template rule without a name ({@code #default} for none), or the name
     * of a named template without a match; both null for anything else.
     */
    private record Location(Set<String> ruleModes, String name) {
    }

    /**
     * An {@code apply-templates}: in which top-level element, the modes it names ({@code null} for
     * {@code #current}), its select, its innermost guard, whether a context-changing instruction encloses it.
     */
    private record Reference(int location, Set<String> modes, String select, String guard, boolean contextChanged) {
    }

    /** A {@code call-template}: in which top-level element, the name, whether the context was changed. */
    private record Call(int location, String name, boolean contextChanged) {
    }

    /** The one pass over the stylesheet's text. */
    private static final class Analysis extends DefaultHandler {
        int index;
        int depth;
        final List<Set<String>> ruleModes = new ArrayList<>();
        final List<List<List<String>>> anchored = new ArrayList<>();
        final Map<String, List<String>> guards = new HashMap<>();
        final Set<String> ruleModeNames = new LinkedHashSet<>();
        final Map<String, List<Reference>> references = new HashMap<>();
        final List<Reference> currentReferences = new ArrayList<>();
        final List<Location> locations = new ArrayList<>();
        final Set<String> namedTemplates = new HashSet<>();
        final List<Call> calls = new ArrayList<>();
        boolean rootsVariableOk;
        boolean rootsVariableOther;
        boolean defaultMode;
        final NamespaceSupport namespaces = new NamespaceSupport();
        boolean contextPushed;
        final Deque<String> guardStack = new ArrayDeque<>();
        final Deque<Boolean> contextStack = new ArrayDeque<>();

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            if (!contextPushed) {
                namespaces.pushContext();
                contextPushed = true;
            }
            namespaces.declarePrefix(prefix, uri);
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) {
            if (!contextPushed) {
                namespaces.pushContext();
            }
            contextPushed = false;
            depth++;
            boolean xsl = XSL.equals(uri);
            if ((xsl && atts.getValue("", "default-mode") != null) || atts.getValue(XSL, "default-mode") != null) {
                defaultMode = true;
            }
            if (depth == 2) {
                Set<String> modes = null;
                Set<String> locationModes = null;
                String name = null;
                List<List<String>> steps = null;
                boolean template = xsl && "template".equals(local);
                if (template && atts.getValue("", "match") != null && atts.getValue("", "name") == null) {
                    String match = atts.getValue("", "match").trim();
                    String mode = atts.getValue("", "mode");
                    if (mode == null) {
                        locationModes = Set.of(DEFAULT);
                    } else {
                        modes = new LinkedHashSet<>(List.of(mode.trim().split("\\s+")));
                        if (modes.stream().anyMatch(m -> m.startsWith("#"))) {
                            modes = null; // #all, #default…: kept, and a place of unknown context
                        } else {
                            ruleModeNames.addAll(modes);
                            locationModes = modes;
                            steps = SvrlOptimizer.anchoredSteps(match, p -> namespaces.getURI(p));
                        }
                    }
                } else if (template && atts.getValue("", "match") == null && atts.getValue("", "name") != null) {
                    name = atts.getValue("", "name").trim();
                    namedTemplates.add(name);
                }
                locations.add(new Location(locationModes, name));
                ruleModes.add(modes);
                anchored.add(steps);
                index++;
                if (xsl && ("variable".equals(local) || "param".equals(local))
                        && ROOTS_VARIABLE.equals(atts.getValue("", "name"))) {
                    if ("variable".equals(local) && ROOTS_SELECT.equals(atts.getValue("", "select"))
                            && !rootsVariableOk) {
                        rootsVariableOk = true;
                    } else {
                        rootsVariableOther = true;
                    }
                }
            } else if (xsl && ("variable".equals(local) || "param".equals(local))
                    && ROOTS_VARIABLE.equals(atts.getValue("", "name"))) {
                rootsVariableOther = true;
            }
            String guard = null;
            if (xsl && "if".equals(local)) {
                String test = atts.getValue("", "test");
                if (test != null && GUARD.matcher(test).matches()) {
                    guard = test;
                    List<String> roots = new ArrayList<>();
                    Matcher m = LITERAL.matcher(test);
                    while (m.find()) {
                        roots.add(m.group(1));
                    }
                    guards.put(test, roots);
                }
            }
            guardStack.push(guard == null ? (guardStack.isEmpty() ? "" : guardStack.peek()) : guard);
            boolean changed = !contextStack.isEmpty() && contextStack.peek();
            contextStack.push(changed || (xsl && depth > 2 && CONTEXT_CHANGING.contains(local)));
            if (xsl && "apply-templates".equals(local) && depth > 2) {
                String mode = atts.getValue("", "mode");
                String select = atts.getValue("", "select");
                select = select == null ? "node()" : select.replaceAll("\\s+", "");
                String enclosingGuard = guardStack.peek().isEmpty() ? null : guardStack.peek();
                String m = mode == null ? DEFAULT : mode.trim();
                if ("#current".equals(m)) {
                    currentReferences.add(new Reference(index - 1, null, select, enclosingGuard, changed));
                } else {
                    Set<String> modes = new LinkedHashSet<>();
                    for (String token : m.split("\\s+")) {
                        modes.add("#unnamed".equals(token) ? DEFAULT : token);
                    }
                    Reference r = new Reference(index - 1, modes, select, enclosingGuard, changed);
                    for (String token : modes) {
                        references.computeIfAbsent(token, k -> new ArrayList<>()).add(r);
                    }
                }
            }
            if (xsl && "call-template".equals(local) && depth > 2 && atts.getValue("", "name") != null) {
                calls.add(new Call(index - 1, atts.getValue("", "name").trim(), changed));
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            guardStack.pop();
            contextStack.pop();
            depth--;
            namespaces.popContext();
        }
    }

    /** Drops the selected top-level elements and false guards while the compiler reads the text. */
    private final class Filter extends XMLFilterImpl {
        private final Selection selection;
        private int depth;
        private int topLevel = -1;
        private int skipDepth;
        private final List<String[]> pendingPrefixes = new ArrayList<>();
        private final Deque<Integer> ownPrefixes = new ArrayDeque<>();
        private int swallowEndPrefixes;

        Filter(Selection selection) {
            super(HardenedXml.newReader());
            this.selection = selection;
        }

        @Override
        public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
            if ("http://xml.org/sax/properties/lexical-handler".equals(name)) {
                return; // comments and CDATA boundaries mean nothing in a stylesheet; they would bypass the filter
            }
            super.setProperty(name, value);
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            if (skipDepth == 0) {
                pendingPrefixes.add(new String[] {prefix, uri});
            }
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            if (swallowEndPrefixes > 0) {
                swallowEndPrefixes--;
            } else if (skipDepth == 0) {
                super.endPrefixMapping(prefix);
            }
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
            depth++;
            if (skipDepth > 0) {
                skipDepth++;
                return;
            }
            boolean drop = false;
            if (depth == 2) {
                topLevel++;
                drop = selection.dropped.get(topLevel);
            }
            if (!drop && XSL.equals(uri) && "if".equals(local)) {
                String test = atts.getValue("", "test");
                drop = test != null && selection.falseGuards.contains(test);
            }
            if (drop) {
                skipDepth = 1;
                ownPrefixes.push(pendingPrefixes.size());
                pendingPrefixes.clear();
                return;
            }
            for (String[] p : pendingPrefixes) {
                super.startPrefixMapping(p[0], p[1]);
            }
            pendingPrefixes.clear();
            super.startElement(uri, local, qName, atts);
        }

        @Override
        public void endElement(String uri, String local, String qName) throws SAXException {
            depth--;
            if (skipDepth > 0) {
                skipDepth--;
                if (skipDepth == 0) {
                    swallowEndPrefixes = ownPrefixes.pop();
                }
                return;
            }
            super.endElement(uri, local, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (skipDepth == 0) {
                super.characters(ch, start, length);
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            if (skipDepth == 0) {
                super.ignorableWhitespace(ch, start, length);
            }
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            if (skipDepth == 0) {
                super.processingInstruction(target, data);
            }
        }
    }

    @Override
    public String toString() {
        return "StylesheetPruner[" + topLevelCount + " top-level elements, " + guards.size() + " guards, "
                + guardedModes.size() + " guarded modes, " + pathModes.size() + " path modes]";
    }
}
