package fr.segurbio.cda.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.Severity;
import fr.segurbio.core.ValidationResult;

/**
 * The state of one reading (a JSON report, a CDA document): where the reader is (a path stack), every problem found
 * so far, each with its path and a stable code, and how strict the reading is. Shared by the JSON report reader and
 * the CDA reader so that both locate and code their problems alike; one instance per document, not thread-safe.
 *
 * <p>Paths are rendered in the syntax of the input: a JSON Pointer ({@code /patient/birthDate},
 * {@code /chapters/0/entry}) for JSON, an XPath-like location ({@code /ClinicalDocument/component[3]/section}) for
 * XML. Problems the model raises (a {@link SegurException}) are either relocated under the current path (JSON: the
 * model's field names are the JSON's) or, when a wrapping code is given (CDA), reported under that code with the
 * model's own code and message inside it. Any other exception a step throws (a {@code NullPointerException}, an
 * {@code IllegalArgumentException}…) becomes a coded problem whose message never carries the exception's text.
 *
 * <pre>{@code
 * ReadContext ctx = ReadContext.json(ReadContext.Mode.STRICT, CdaError.BAD_JSON);
 * Patient p = ctx.in("patient", () -> readPatient(node));     // problems under /patient
 * ctx.result().orThrow(CdaException::new);
 * }</pre>
 */
public final class ReadContext {

    /** How the reading treats what the format does not allow but the reader could skip. */
    public enum Mode {
        /** Anything the format does not allow (an unknown field, an element the model cannot hold) is an error. */
        STRICT,
        /** What can be skipped without losing the part it belongs to is skipped, with a warning. */
        LENIENT
    }

    /** The syntax of the paths. */
    public enum Syntax {
        /** RFC 6901 JSON Pointer: {@code /chapters/0/title}. */
        JSON_POINTER,
        /** An XPath-like location, positions from 1: {@code /ClinicalDocument/component[2]/section}. */
        XPATH
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReadContext.class);

    private final Mode mode;
    private final Syntax syntax;
    private final ErrorCode fallback;
    private final ErrorCode wrap;
    private final List<String> stack = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    private ReadContext(Mode mode, Syntax syntax, ErrorCode fallback, ErrorCode wrap) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.syntax = syntax;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.wrap = wrap;
    }

    /**
     * A context for a JSON input: paths are JSON Pointers and the model's problems keep their code, relocated.
     *
     * @param mode strict or lenient
     * @param fallback the code of a problem a step reports by an unexpected exception; its templates take one
     *        argument, the detail
     * @return a new context
     */
    public static ReadContext json(Mode mode, ErrorCode fallback) {
        return new ReadContext(mode, Syntax.JSON_POINTER, fallback, null);
    }

    /**
     * A context for an XML input: paths are XPath-like and the model's problems are reported under {@code wrap}.
     *
     * @param mode strict or lenient
     * @param wrap the code a part's problems are reported under; its templates take two arguments, the part and
     *        the detail (also used for unexpected exceptions)
     * @return a new context
     */
    public static ReadContext xml(Mode mode, ErrorCode wrap) {
        return new ReadContext(mode, Syntax.XPATH, wrap, wrap);
    }

    /**
     * The mode.
     *
     * @return strict or lenient
     */
    public Mode mode() {
        return mode;
    }

    // ------------------------------------------------------------------ the path

    /**
     * The current path.
     *
     * @return the path, {@code ""} at the root of a JSON document
     */
    public String path() {
        return String.join("", stack);
    }

    /**
     * The path of a child of the current location.
     *
     * @param name the child's field or element name
     * @return its path
     */
    public String pathOf(String name) {
        return path() + segment(name);
    }

    /**
     * The name of the current location (its last step without position), {@code ""} at the root.
     *
     * @return the name
     */
    public String here() {
        String path = path();
        String last = path.substring(path.lastIndexOf('/') + 1);
        int bracket = last.indexOf('[');
        return bracket < 0 ? last : last.substring(0, bracket);
    }

    /**
     * Steps into a child; pair with {@link #leave()} in a {@code finally}, or use {@link #in(String, Supplier)}.
     *
     * @param name the child's field or element name
     */
    public void enter(String name) {
        stack.add(segment(name));
    }

    /**
     * Steps into one item of a repeated child.
     *
     * @param name the field (JSON: the array) or element name
     * @param index the item's index, from 0
     */
    public void enter(String name, int index) {
        stack.add(syntax == Syntax.JSON_POINTER ? segment(name) + "/" + index : segment(name) + "[" + (index + 1) + "]");
    }

    /** Steps back out of the last child entered. */
    public void leave() {
        stack.remove(stack.size() - 1);
    }

    /**
     * Runs a step inside a child, its problems located there.
     *
     * @param <T> what the step gives
     * @param name the child's name
     * @param step the step
     * @return what the step gives, or {@code null} when it failed (its problems recorded)
     */
    public <T> T in(String name, Supplier<T> step) {
        enter(name);
        try {
            return attempt(step);
        } finally {
            leave();
        }
    }

    /**
     * Runs a step inside one item of a repeated child.
     *
     * @param <T> what the step gives
     * @param name the repeated child's name
     * @param index the item's index, from 0
     * @param step the step
     * @return what the step gives, or {@code null} when it failed (its problems recorded)
     */
    public <T> T in(String name, int index, Supplier<T> step) {
        enter(name, index);
        try {
            return attempt(step);
        } finally {
            leave();
        }
    }

    /**
     * Runs a step at the current location: the model's refusals and any unexpected exception become problems here.
     *
     * @param <T> what the step gives
     * @param step the step
     * @return what the step gives, or {@code null} when it failed (its problems recorded)
     */
    public <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (Aborted e) {
            // already recorded where it was found
        } catch (SegurException e) {
            for (Problem p : e.problems()) {
                model(p);
            }
        } catch (RuntimeException e) {
            // the exception's text may quote health data: neither the problem nor the log line carries it
            LOG.debug("unusable content at {} ({})", path(), e.getClass().getName());
            if (wrap != null) {
                detail(wrap, "contenu inutilisable à cet endroit", "unusable content at this place", here());
            } else {
                detail(fallback, "contenu inutilisable à cet endroit", "unusable content at this place");
            }
        }
        return null;
    }

    /**
     * Runs a step at an absolute location (an XML reader knows each element's XPath): the current path is that
     * location while the step runs.
     *
     * @param <T> what the step gives
     * @param absolutePath the location
     * @param step the step
     * @return what the step gives, or {@code null} when it failed (its problems recorded)
     */
    public <T> T at(String absolutePath, Supplier<T> step) {
        List<String> saved = new ArrayList<>(stack);
        stack.clear();
        stack.add(absolutePath);
        try {
            return attempt(step);
        } finally {
            stack.clear();
            stack.addAll(saved);
        }
    }

    /**
     * Runs a step whose part may be left out: when it fails, its errors stay errors in strict mode and become
     * warnings in lenient mode (the part is then skipped and the reading goes on without it).
     *
     * @param <T> what the step gives
     * @param absolutePath the part's location
     * @param step the step
     * @return what the step gives, or {@code null} when it failed
     */
    public <T> T skippable(String absolutePath, Supplier<T> step) {
        int before = problems.size();
        T t = at(absolutePath, step);
        if (t == null && mode == Mode.LENIENT) {
            for (int i = before; i < problems.size(); i++) {
                Problem p = problems.get(i);
                if (p.isError()) {
                    problems.set(i, new Problem(p.code(), Severity.WARNING, p.path(), p.messageFr(), p.messageEn()));
                }
            }
        }
        return t;
    }

    /**
     * Runs the final assembly of what was read: the model's refusals keep their own code (no wrapping), located
     * under the current path.
     *
     * @param <T> what the step gives
     * @param step the step
     * @return what the step gives, or {@code null} when the model refused it (its problems recorded)
     */
    public <T> T assemble(Supplier<T> step) {
        try {
            return step.get();
        } catch (SegurException e) {
            for (Problem p : e.problems()) {
                problems.add(new Problem(p.code(), p.severity(), path() + relative(p.path()), p.messageFr(),
                        p.messageEn()));
            }
            return null;
        }
    }

    /**
     * Records a problem at a location, then gives the exception that abandons the current step (caught by the
     * step's {@link #attempt}, {@link #in}, {@link #at} without another problem).
     *
     * @param absolutePath where the problem is
     * @param code the code
     * @param fr the detail in French
     * @param en the detail in English
     * @param leading the arguments before the detail
     * @return the exception to throw
     */
    public RuntimeException fail(String absolutePath, ErrorCode code, String fr, String en, Object... leading) {
        problems.add(bilingual(code, code.severity(), absolutePath, fr, en, leading));
        return new Aborted();
    }

    /**
     * A mark in the problems recorded, to ask later whether a stretch of reading failed.
     *
     * @return the mark
     */
    public int mark() {
        return problems.size();
    }

    /**
     * Whether an error was recorded since a mark.
     *
     * @param mark a {@link #mark()}
     * @return {@code true} when an error was recorded after it
     */
    public boolean failedSince(int mark) {
        for (int i = mark; i < problems.size(); i++) {
            if (problems.get(i).isError()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exception that abandons the current step without recording another problem (those that made it fail
     * are recorded already).
     *
     * @return the exception to throw
     */
    public RuntimeException abandon() {
        return new Aborted();
    }

    /** Abandons a step whose problem is already recorded. */
    private static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super(null, null, false, false);
        }
    }

    private String segment(String name) {
        if (syntax == Syntax.JSON_POINTER) {
            return "/" + name.replace("~", "~0").replace("/", "~1");
        }
        return "/" + name;
    }

    /** The model's path ({@code recipients[1]/id}, {@code patient.birthDate}) as steps of this syntax. */
    private String relative(String modelPath) {
        if (modelPath == null || modelPath.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String step : modelPath.split("[./]")) {
            if (step.isEmpty()) {
                continue;
            }
            int bracket = step.indexOf('[');
            String name = bracket < 0 ? step : step.substring(0, bracket);
            if (!name.isEmpty()) {
                sb.append(segment(name));
            }
            while (bracket >= 0) {
                int close = step.indexOf(']', bracket);
                String index = step.substring(bracket + 1, close < 0 ? step.length() : close);
                sb.append(syntax == Syntax.JSON_POINTER ? "/" + index : "[" + xpathPosition(index) + "]");
                bracket = close < 0 ? -1 : step.indexOf('[', close);
            }
        }
        return sb.toString();
    }

    private static String xpathPosition(String index) {
        try {
            return String.valueOf(Integer.parseInt(index) + 1);
        } catch (NumberFormatException e) {
            return index;
        }
    }

    // ------------------------------------------------------------------ problems

    /**
     * Records a problem here, its messages formatted with the code's templates.
     *
     * @param code the code
     * @param args the template arguments
     */
    public void add(ErrorCode code, Object... args) {
        problems.add(Problem.of(code, path(), args));
    }

    /**
     * Records a problem at a child of the current location.
     *
     * @param child the child's name
     * @param code the code
     * @param args the template arguments
     */
    public void addAt(String child, ErrorCode code, Object... args) {
        problems.add(Problem.of(code, pathOf(child), args));
    }

    /**
     * Records a problem found elsewhere, as it is.
     *
     * @param problem the problem, already located
     */
    public void add(Problem problem) {
        problems.add(Objects.requireNonNull(problem, "problem"));
    }

    /**
     * Records a problem here whose code's templates take a detail that is said differently in each language
     * (the last argument); the arguments before it are the same in both.
     *
     * @param code the code
     * @param fr the detail in French
     * @param en the detail in English
     * @param leading the arguments before the detail
     */
    public void detail(ErrorCode code, String fr, String en, Object... leading) {
        problems.add(bilingual(code, code.severity(), path(), fr, en, leading));
    }

    /**
     * {@link #detail} at a child of the current location.
     *
     * @param child the child's name
     * @param code the code
     * @param fr the detail in French
     * @param en the detail in English
     * @param leading the arguments before the detail
     */
    public void detailAt(String child, ErrorCode code, String fr, String en, Object... leading) {
        problems.add(bilingual(code, code.severity(), pathOf(child), fr, en, leading));
    }

    /**
     * Something the format does not allow at a child of the current location but that the reader can skip: an
     * error when strict, a warning when lenient.
     *
     * @param child the child's name
     * @param code the code
     * @param fr the detail in French
     * @param en the detail in English
     */
    public void unexpected(String child, ErrorCode code, String fr, String en) {
        problems.add(bilingual(code, mode == Mode.STRICT ? Severity.ERROR : Severity.WARNING, pathOf(child), fr, en));
    }

    private void model(Problem p) {
        if (wrap == null) {
            problems.add(new Problem(p.code(), p.severity(), path() + relative(p.path()), p.messageFr(), p.messageEn()));
            return;
        }
        String where = p.path().isEmpty() ? "" : " [" + p.path() + "]";
        problems.add(bilingual(wrap, p.severity() == Severity.ERROR ? wrap.severity() : p.severity(), path(),
                p.code().id() + where + " " + p.messageFr(), p.code().id() + where + " " + p.messageEn(), here()));
    }

    private static Problem bilingual(ErrorCode code, Severity severity, String path, String fr, String en,
            Object... leading) {
        Object[] args = new Object[leading.length + 1];
        System.arraycopy(leading, 0, args, 0, leading.length);
        args[leading.length] = Bilingual.of(fr, en);
        return Problem.of(code, severity, path, args);
    }

    /**
     * Every problem recorded, in the order found.
     *
     * @return the problems
     */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /**
     * Whether an error was recorded.
     *
     * @return {@code true} when at least one problem is an error
     */
    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /**
     * The problems as a validation result.
     *
     * @return every problem recorded
     */
    public ValidationResult result() {
        return ValidationResult.of(problems);
    }
}
