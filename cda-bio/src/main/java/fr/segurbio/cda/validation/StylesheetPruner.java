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
 * ({@code for-each}…), and the default mode's own {@code apply-templates} stay in the document the same way. The
 * optimiser's {@code apply-templates select="$segur-select-M"} also counts as staying in the document when that
 * variable is recognised as the optimiser's selection of mode {@code M} (see {@code selectedModes}: a union of
 * absolute paths evaluated on the validated document).</li>
 * <li>The selection variable of such a mode ({@code segur-select-M}) is written for the rules kept: its
 * {@code xsl:try} selects {@link SvrlOptimizer#union} of the rules not dropped by path (the empty sequence when
 * none is left). The variant is then exactly what the optimiser writes for the stylesheet without those rules, so
 * by the optimiser's own equivalence (the selection, when it raises no error, processes the nodes the walk fires a
 * rule on, in the same order; else the mode walks) the variant's mode outputs what its walk outputs with the
 * rules kept, and the whole stylesheet's mode what its walk outputs with every rule: the same, since a rule
 * dropped by path matches no node of the document. (Whether the selection raises an error may differ, e.g. a
 * dropped alternative's predicate failing on an intermediate node: each side then walks or selects, with the
 * same output.) Rules dropped only because their mode is never entered are kept in the union: its value must
 * not change for a reader the pruning would not know of, and the variable is only read by the optimiser's
 * choose and recursion tests.</li>
 * <li>The optimiser's global variables ({@code segur-select-*}, {@code segur-walk-*}, declared once at the top
 * level) that nothing kept reads any more — every {@code $name} in an attribute of the text is in a dropped
 * top-level element or under a false guard — are dropped (repeated until none is left: {@code segur-walk-M} reads
 * {@code segur-select-M}). A global variable no one reads is never evaluated. Not done when text value templates
 * may be used ({@code expand-text}), where a reference could sit in text.</li>
 * </ul>
 *
 * <p>A stylesheet that cannot be analysed prunes nothing; one that includes or imports another module (never
 * the case of the generated ones) keeps every rule and variable (only false guards go). Thread-safe once built.
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
    private static final String SELECT_PREFIX = "segur-select-";
    private static final String WALK_PREFIX = "segur-walk-";
    private static final Pattern OPTIMISER_VARIABLE = Pattern.compile("\\$(segur-(?:select|walk)-[\\w.-]+)");
    private static final String WALK_SELECT_SUFFIX = " instance of Q{http://www.w3.org/2001/XMLSchema}string";
    private static final Pattern STRING_LITERAL = Pattern.compile("'[^']*'");
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
    /** Modes entered by the optimiser's selection: mode → its rules and their selection's recursion. */
    private final Map<String, SelectedMode> selectedModes;
    /** The optimiser's global variables that can be left out once nothing kept reads them: name → position. */
    private final Map<String, Integer> droppableVariables;
    /** Where the optimiser's variables are read: name → the references. */
    private final Map<String, List<VariableReference>> variableReferences;

    private StylesheetPruner(String text, Analysis a) {
        this.text = text;
        this.topLevelCount = a.index;
        this.ruleModes = a.ruleModes;
        this.anchored = a.anchored;
        boolean guardsUsable = a.rootsVariableOk && !a.rootsVariableOther;
        this.guards = guardsUsable ? a.guards : Map.of();
        Map<String, Set<String>> gm = new HashMap<>();
        Set<String> pm = new HashSet<>();
        Map<String, SelectedMode> sm = a.defaultMode ? Map.of() : selectedModes(a);
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
            pm.addAll(documentModes(a, sm.keySet()));
        }
        this.guardedModes = gm;
        this.pathModes = pm;
        this.selectedModes = sm;
        Map<String, Integer> dv = new HashMap<>();
        if (!a.defaultMode && !a.expandText) {
            a.variables.forEach((name, position) -> {
                if (!a.variablesOther.contains(name)) {
                    dv.put(name, position);
                }
            });
        }
        this.droppableVariables = dv;
        this.variableReferences = a.variableReferences;
    }

    private StylesheetPruner(String text, int topLevelCount, List<Set<String>> ruleModes,
            List<List<List<String>>> anchored, Map<String, List<String>> guards, Map<String, Set<String>> guardedModes,
            Set<String> pathModes, Map<String, SelectedMode> selectedModes, Map<String, Integer> droppableVariables,
            Map<String, List<VariableReference>> variableReferences) {
        this.text = text;
        this.topLevelCount = topLevelCount;
        this.ruleModes = ruleModes;
        this.anchored = anchored;
        this.guards = guards;
        this.guardedModes = guardedModes;
        this.pathModes = pathModes;
        this.selectedModes = selectedModes;
        this.droppableVariables = droppableVariables;
        this.variableReferences = variableReferences;
    }

    /**
     * Version of {@link #stored()}'s form; a stored analysis of another version is not read. Change it whenever the
     * analysis (what the constructor derives from the text) or the form changes, as {@link SchematronCache#FORMAT}
     * is changed when the generated text does.
     */
    private static final String STORED = "segur-prune-1";

    /**
     * This analysis in a compact form, to keep beside the cached text ({@link SchematronCache#writeAnalysis}) so
     * that the next JVM reads it instead of parsing the text again ({@link #restore}). It names the text it was
     * made from by its length and hash. Empty when a string is too long for the form.
     */
    java.util.Optional<byte[]> stored() {
        var bytes = new java.io.ByteArrayOutputStream(1 << 16);
        try (var out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF(STORED);
            out.writeInt(text.length());
            out.writeInt(text.hashCode());
            out.writeInt(topLevelCount);
            for (int i = 0; i < topLevelCount; i++) {
                writeSet(out, ruleModes.get(i));
                List<List<String>> steps = anchored.get(i);
                out.writeInt(steps == null ? -1 : steps.size());
                if (steps != null) {
                    for (List<String> alternative : steps) {
                        writeList(out, alternative);
                    }
                }
            }
            out.writeInt(guards.size());
            for (Map.Entry<String, List<String>> g : guards.entrySet()) {
                out.writeUTF(g.getKey());
                writeList(out, g.getValue());
            }
            out.writeInt(guardedModes.size());
            for (Map.Entry<String, Set<String>> m : guardedModes.entrySet()) {
                out.writeUTF(m.getKey());
                writeSet(out, m.getValue());
            }
            writeSet(out, pathModes);
            out.writeInt(selectedModes.size());
            for (Map.Entry<String, SelectedMode> m : selectedModes.entrySet()) {
                out.writeUTF(m.getKey());
                out.writeInt(m.getValue().variable);
                out.writeInt(m.getValue().rules.size());
                for (int r = 0; r < m.getValue().rules.size(); r++) {
                    out.writeInt(m.getValue().rules.get(r));
                    out.writeUTF(m.getValue().matches.get(r));
                }
                out.writeUTF(m.getValue().recursion);
            }
            out.writeInt(droppableVariables.size());
            for (Map.Entry<String, Integer> v : droppableVariables.entrySet()) {
                out.writeUTF(v.getKey());
                out.writeInt(v.getValue());
                List<VariableReference> refs = variableReferences.getOrDefault(v.getKey(), List.of());
                out.writeInt(refs.size());
                for (VariableReference r : refs) {
                    out.writeInt(r.location);
                    out.writeBoolean(r.guard != null);
                    if (r.guard != null) {
                        out.writeUTF(r.guard);
                    }
                }
            }
        } catch (IOException e) { // a string beyond the form's 64 KB
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(bytes.toByteArray());
    }

    /**
     * The pruner of a text from its {@link #stored()} analysis: the same as {@link #analyse} on that text.
     * Empty when the stored form is of another version, was made from another text (length or hash differ) or
     * cannot be read.
     *
     * @param text the stylesheet's text
     * @param stored the stored analysis
     * @return the pruner, or empty (then analyse the text)
     */
    static java.util.Optional<StylesheetPruner> restore(String text, byte[] stored) {
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(stored))) {
            if (!STORED.equals(in.readUTF()) || in.readInt() != text.length() || in.readInt() != text.hashCode()) {
                return java.util.Optional.empty();
            }
            int count = in.readInt();
            List<Set<String>> ruleModes = new ArrayList<>(count);
            List<List<List<String>>> anchored = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ruleModes.add(readSet(in));
                int alternatives = in.readInt();
                List<List<String>> steps = alternatives < 0 ? null : new ArrayList<>(alternatives);
                for (int k = 0; k < alternatives; k++) {
                    steps.add(readList(in));
                }
                anchored.add(steps);
            }
            Map<String, List<String>> guards = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                guards.put(in.readUTF(), readList(in));
            }
            Map<String, Set<String>> guardedModes = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                guardedModes.put(in.readUTF(), readSet(in));
            }
            Set<String> pathModes = readSet(in);
            Map<String, SelectedMode> selectedModes = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String mode = in.readUTF();
                int variable = in.readInt();
                int rules = in.readInt();
                List<Integer> positions = new ArrayList<>(rules);
                List<String> matches = new ArrayList<>(rules);
                for (int r = 0; r < rules; r++) {
                    positions.add(in.readInt());
                    matches.add(in.readUTF());
                }
                selectedModes.put(mode, new SelectedMode(variable, positions, matches, in.readUTF()));
            }
            Map<String, Integer> droppable = new HashMap<>();
            Map<String, List<VariableReference>> references = new HashMap<>();
            for (int n = in.readInt(); n > 0; n--) {
                String name = in.readUTF();
                droppable.put(name, in.readInt());
                int refs = in.readInt();
                List<VariableReference> list = new ArrayList<>(refs);
                for (int r = 0; r < refs; r++) {
                    int location = in.readInt();
                    String guard = in.readBoolean() ? in.readUTF() : null;
                    list.add(new VariableReference(location, guard, null, null, null));
                }
                references.put(name, list);
            }
            if (in.read() != -1) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new StylesheetPruner(text, count, ruleModes, anchored, guards, guardedModes,
                    pathModes, selectedModes, droppable, references));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static void writeSet(java.io.DataOutputStream out, Set<String> set) throws IOException {
        writeList(out, set == null ? null : new ArrayList<>(set));
    }

    private static void writeList(java.io.DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list == null ? -1 : list.size());
        if (list != null) {
            for (String s : list) {
                out.writeUTF(s);
            }
        }
    }

    private static Set<String> readSet(java.io.DataInputStream in) throws IOException {
        List<String> list = readList(in);
        return list == null ? null : new LinkedHashSet<>(list);
    }

    private static List<String> readList(java.io.DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(in.readUTF());
        }
        return list;
    }

    /**
     * The modes the optimiser enters by a selection ({@link SvrlOptimizer#selection}), recognised in the text: a
     * global {@code segur-select-M} declared once (no other variable or parameter of that name anywhere) as
     * {@code <xsl:try select="E"><xsl:catch select="'…'"/></xsl:try>}, where {@code E} is exactly
     * {@link SvrlOptimizer#union} of the mode's rules (every template rule of mode {@code M} alone, the skeleton's
     * {@code text()} and {@code @*|node()} templates and the optimiser's empty body stops of priority -1.5 aside;
     * no template with {@code M} among other modes) and of
     * the one select of the apply-templates in {@code M} that those templates hold; a global {@code segur-walk-M}
     * declared once, read only as an {@code xsl:if}/{@code xsl:when} test {@code $segur-walk-M}; and
     * {@code $segur-select-M} read only by {@code segur-walk-M}'s select
     * ({@code $segur-select-M instance of xs:string}) and as the whole select of an {@code apply-templates}.
     *
     * <p>What this proves: {@code E} is a union of absolute paths ({@code /…}, {@code //…}) of child, attribute
     * and descendant steps, filtered; evaluated with the global context item (the validated document, set by
     * {@link SchematronEngine}), its nodes are all the document's. So an {@code apply-templates} of
     * {@code $segur-select-M} processes only the document's nodes (the variable is otherwise the catch's string,
     * which matches no template rule), whatever its location; and the variable's value is only used to choose
     * between the mode's walk and its selection, the optimiser's own form.
     */
    private static Map<String, SelectedMode> selectedModes(Analysis a) {
        Map<String, List<Integer>> positions = new HashMap<>();
        Map<String, List<String>> matches = new HashMap<>();
        for (int i = 0; i < a.index; i++) {
            Set<String> modes = a.ruleModes.get(i);
            String match = a.matches.get(i);
            if (modes == null || modes.size() != 1 || match == null || "text()".equals(match)
                    || "@*|node()".equals(match) || a.stops.get(i)) {
                continue;
            }
            String mode = modes.iterator().next();
            positions.computeIfAbsent(mode, k -> new ArrayList<>()).add(i);
            matches.computeIfAbsent(mode, k -> new ArrayList<>()).add(match);
        }
        Map<String, SelectedMode> result = new HashMap<>();
        for (Map.Entry<String, Integer> v : a.variables.entrySet()) {
            String name = v.getKey();
            if (!name.startsWith(SELECT_PREFIX)) {
                continue;
            }
            String mode = name.substring(SELECT_PREFIX.length());
            String walk = WALK_PREFIX + mode;
            String trySelect = a.trySelects.get(name);
            String catchSelect = a.catchSelects.get(name);
            if (a.variablesOther.contains(name) || a.variablesOther.contains(walk) || a.brokenVariables.contains(name)
                    || !a.variables.containsKey(walk) || a.multiModes.contains(mode) || trySelect == null
                    || catchSelect == null || !STRING_LITERAL.matcher(catchSelect.trim()).matches()) {
                continue;
            }
            int walkPosition = a.variables.get(walk);
            boolean readAsOptimised = true;
            for (VariableReference r : a.variableReferences.getOrDefault(name, List.of())) {
                boolean applied = "apply-templates".equals(r.xslElement) && "select".equals(r.attribute)
                        && r.value.trim().equals("$" + name);
                boolean walkTest = r.location == walkPosition && "variable".equals(r.xslElement)
                        && "select".equals(r.attribute) && r.value.trim().equals("$" + name + WALK_SELECT_SUFFIX);
                readAsOptimised &= applied || walkTest;
            }
            for (VariableReference r : a.variableReferences.getOrDefault(walk, List.of())) {
                readAsOptimised &= ("if".equals(r.xslElement) || "when".equals(r.xslElement))
                        && "test".equals(r.attribute) && r.value.trim().equals("$" + walk);
            }
            Set<String> recursions = new HashSet<>();
            for (Reference r : a.references.getOrDefault(mode, List.of())) {
                if (Set.of(mode).equals(a.locations.get(r.location).ruleModes)) {
                    recursions.add(r.select);
                }
            }
            if (!readAsOptimised || recursions.size() != 1) {
                continue;
            }
            String recursion = recursions.iterator().next();
            List<String> ms = matches.getOrDefault(mode, List.of());
            if (trySelect.equals(SvrlOptimizer.union(ms, recursion))) {
                result.put(mode, new SelectedMode(v.getValue(), positions.getOrDefault(mode, List.of()), ms,
                        recursion));
            }
        }
        return result;
    }

    /** A mode entered by the optimiser's selection: its variable's position, its rules, their recursion. */
    private record SelectedMode(int variable, List<Integer> rules, List<String> matches, String recursion) {
    }

    /**
     * The modes whose nodes all come from the validated document: the greatest set such that every
     * {@code apply-templates} that can apply in one of them runs where the context node is the document's (a rule
     * of those modes or of the default mode, or a named template only called from such places, outside any
     * instruction that changes the context) and selects {@code /} or children. The default mode is one of them
     * ({@code #default}): the transformation starts there on the document.
     */
    private static Set<String> documentModes(Analysis a, Set<String> selected) {
        Set<String> modes = new HashSet<>(a.ruleModeNames);
        modes.add(DEFAULT);
        Set<String> named = new HashSet<>(a.namedTemplates);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Reference> refs : a.references.values()) {
                for (Reference r : refs) {
                    changed |= check(a, r, modes, named, selected);
                }
            }
            for (Reference r : a.currentReferences) {
                changed |= check(a, r, modes, named, selected);
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

    private static boolean check(Analysis a, Reference r, Set<String> modes, Set<String> named,
            Set<String> selected) {
        Location at = a.locations.get(r.location);
        boolean ok = !r.contextChanged && (CHILD_SELECTS.contains(r.select) || "/".equals(r.select))
                && inDocument(at, modes, named);
        if (ok || r.select.startsWith("$" + SELECT_PREFIX)
                && selected.contains(r.select.substring(1 + SELECT_PREFIX.length()))) {
            // a selection of the optimiser: the document's nodes, whatever the context (selectedModes)
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
        BitSet matchNothing = new BitSet(topLevelCount);
        for (int i = 0; i < topLevelCount; i++) {
            Set<String> modes = ruleModes.get(i);
            if (modes == null) {
                continue;
            }
            if (anchored.get(i) != null && modes.size() == 1 && pathModes.containsAll(modes)
                    && anchored.get(i).stream().noneMatch(facts::hasPath)) {
                matchNothing.set(i);
                dropped.set(i);
            } else if (deadModes.containsAll(modes)) {
                dropped.set(i);
            }
        }
        Map<Integer, String> selects = new HashMap<>();
        for (SelectedMode m : selectedModes.values()) {
            List<String> kept = new ArrayList<>();
            for (int r = 0; r < m.rules.size(); r++) {
                if (!matchNothing.get(m.rules.get(r))) {
                    kept.add(m.matches.get(r));
                }
            }
            if (kept.size() < m.rules.size()) {
                selects.put(m.variable, SvrlOptimizer.union(kept, m.recursion));
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Map.Entry<String, Integer> v : droppableVariables.entrySet()) {
                if (dropped.get(v.getValue())) {
                    continue;
                }
                boolean read = false;
                for (VariableReference r : variableReferences.getOrDefault(v.getKey(), List.of())) {
                    read |= !dropped.get(r.location) && (r.guard == null || !falseGuards.contains(r.guard));
                }
                if (!read) {
                    dropped.set(v.getValue());
                    selects.remove(v.getValue());
                    changed = true;
                }
            }
        }
        return new Selection(dropped, falseGuards, selects);
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
     * @param selects the optimiser's selection variables written for fewer rules: position → the new select
     *        of their {@code xsl:try} (follows from the two others)
     */
    record Selection(BitSet dropped, Set<String> falseGuards, Map<Integer, String> selects) {
        Selection {
            dropped = (BitSet) dropped.clone();
            falseGuards = Set.copyOf(falseGuards);
            selects = Map.copyOf(selects);
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

    /**
     * A reference to one of the optimiser's variables: in which top-level element, its innermost guard, the XSLT
     * instruction (null for a literal result element) and the attribute holding it, the attribute's value.
     */
    private record VariableReference(int location, String guard, String xslElement, String attribute, String value) {
    }

    /** A {@code call-template}: in which top-level element, the name, whether the context was changed. */
    private record Call(int location, String name, boolean contextChanged) {
    }

    private static boolean isOptimiserVariable(String name) {
        return name.startsWith(SELECT_PREFIX) || name.startsWith(WALK_PREFIX);
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
        /** Per top-level element: the trimmed match of a template rule without a name, else null. */
        final List<String> matches = new ArrayList<>();
        /** Top-level elements that are empty template rules of priority -1.5 (the optimiser's body stops). */
        final BitSet stops = new BitSet();
        /** Whether the current top-level element has content (an element or text). */
        boolean content;
        String priority;
        /** Modes named by a template rule together with other modes. */
        final Set<String> multiModes = new HashSet<>();
        /** The optimiser's variables declared at the top level: name → position (the first declaration). */
        final Map<String, Integer> variables = new HashMap<>();
        /** Names of the optimiser's variables declared more than once or below the top level. */
        final Set<String> variablesOther = new HashSet<>();
        /** Selection variables not of the form {@code <xsl:try select><xsl:catch select/></xsl:try>}. */
        final Set<String> brokenVariables = new HashSet<>();
        final Map<String, String> trySelects = new HashMap<>();
        final Map<String, String> catchSelects = new HashMap<>();
        final Map<String, List<VariableReference>> variableReferences = new HashMap<>();
        /** Whether text value templates may be used (then variable references could hide in text). */
        boolean expandText;
        /** The selection variable being read at the top level, else null. */
        String openVariable;
        int openVariableChildren;
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
            if (xsl && ("include".equals(local) || "import".equals(local) || "use-package".equals(local))) {
                defaultMode = true; // another module may apply templates or read variables: prune no rule
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
                            if (modes.size() > 1) {
                                multiModes.addAll(modes);
                            }
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
                matches.add(modes == null ? null : atts.getValue("", "match").trim());
                index++;
                content = false;
                priority = template ? atts.getValue("", "priority") : null;
                openVariable = null;
                String declared = atts.getValue("", "name");
                if (xsl && ("variable".equals(local) || "param".equals(local)) && declared != null
                        && isOptimiserVariable(declared.trim())) {
                    declared = declared.trim();
                    if ("variable".equals(local) && !variables.containsKey(declared)) {
                        variables.put(declared, index - 1);
                        if (declared.startsWith(SELECT_PREFIX)) {
                            openVariable = declared;
                            openVariableChildren = 0;
                            if (atts.getValue("", "select") != null) {
                                brokenVariables.add(declared);
                            }
                        }
                    } else {
                        variablesOther.add(declared);
                    }
                }
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
            if (depth > 2 && xsl && ("variable".equals(local) || "param".equals(local))
                    && atts.getValue("", "name") != null && isOptimiserVariable(atts.getValue("", "name").trim())) {
                variablesOther.add(atts.getValue("", "name").trim());
            }
            if (depth == 3) {
                content = true;
            }
            if (openVariable != null && depth == 3) {
                openVariableChildren++;
                if (xsl && "try".equals(local) && openVariableChildren == 1 && atts.getValue("", "select") != null) {
                    trySelects.put(openVariable, atts.getValue("", "select"));
                } else {
                    brokenVariables.add(openVariable);
                }
            } else if (openVariable != null && depth == 4) {
                if (xsl && "catch".equals(local) && atts.getValue("", "select") != null
                        && !catchSelects.containsKey(openVariable)) {
                    catchSelects.put(openVariable, atts.getValue("", "select"));
                } else {
                    brokenVariables.add(openVariable);
                }
            } else if (openVariable != null && depth > 4) {
                brokenVariables.add(openVariable);
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
            for (int i = 0; i < atts.getLength(); i++) {
                String value = atts.getValue(i);
                if ("expand-text".equals(atts.getLocalName(i))) {
                    expandText = true;
                }
                if (depth >= 2 && value.indexOf('$') >= 0) {
                    Matcher m = OPTIMISER_VARIABLE.matcher(value);
                    while (m.find()) {
                        String g = guardStack.peek().isEmpty() ? null : guardStack.peek();
                        variableReferences.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(
                                new VariableReference(index - 1, g, xsl ? local : null, atts.getLocalName(i), value));
                    }
                }
            }
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
        public void characters(char[] ch, int start, int length) {
            if (depth == 2 && !content) {
                for (int i = start; i < start + length; i++) {
                    content |= !Character.isWhitespace(ch[i]);
                }
            }
        }

        @Override
        public void endElement(String uri, String local, String qName) {
            if (depth == 2 && !content && priority != null && "-1.5".equals(priority.trim())) {
                stops.set(index - 1);
            }
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
            String select = depth == 3 && XSL.equals(uri) && "try".equals(local)
                    ? selection.selects.get(topLevel) : null;
            if (select != null && atts.getIndex("", "select") >= 0) {
                org.xml.sax.helpers.AttributesImpl rewritten = new org.xml.sax.helpers.AttributesImpl(atts);
                rewritten.setValue(atts.getIndex("", "select"), select);
                atts = rewritten;
            }
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
                + guardedModes.size() + " guarded modes, " + pathModes.size() + " path modes, " + selectedModes.size()
                + " selected modes]";
    }
}
