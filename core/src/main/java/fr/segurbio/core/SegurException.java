package fr.segurbio.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The root of every exception the SDK throws. Unchecked; carries the stable code of its first problem in its
 * message ({@code "INS-012: ..."}) and every problem found.
 *
 * <pre>{@code
 * try {
 *     Matricule m = Matricule.parse(text);
 * } catch (SegurException e) {
 *     log.warn("{} ({})", e.getMessage(), e.code().id());
 *     e.problems().forEach(p -> show(p.message(Locale.FRENCH)));
 * }
 * }</pre>
 */
public class SegurException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    /**
     * An exception for one problem.
     *
     * @param problem the problem
     */
    public SegurException(Problem problem) {
        this(List.of(problem), null);
    }

    /**
     * An exception for one problem with its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public SegurException(Problem problem, Throwable cause) {
        this(List.of(problem), cause);
    }

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public SegurException(ErrorCode code, Object... args) {
        this(Problem.of(code, "", args));
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public SegurException(ValidationResult result) {
        this(result.errors().isEmpty() ? result.problems() : result.errors(), null);
    }

    /**
     * An exception for several problems.
     *
     * @param problems at least one problem
     * @param cause the cause, or {@code null}
     */
    protected SegurException(List<Problem> problems, Throwable cause) {
        super(describe(problems), cause);
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<Problem> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an exception needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.get(0).code().id() + ": " + problems.size() + " problems: "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
    }

    /**
     * The code of the first problem.
     *
     * @return the stable code
     */
    public ErrorCode code() {
        return problems.get(0).code();
    }

    /**
     * Every problem, first one first.
     *
     * @return the problems (immutable)
     */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The French message of every problem, one a line.
     *
     * @return the message for a French-speaking reader
     */
    public String messageFr() {
        return problems.stream().map(p -> p.code().id() + " : " + p.messageFr()).collect(Collectors.joining("\n"));
    }
}
