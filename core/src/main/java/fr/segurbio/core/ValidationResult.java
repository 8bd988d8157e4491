package fr.segurbio.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every problem found in an input, never only the first one. Valid when no problem is an
 * {@link Severity#ERROR}; warnings and information do not make it invalid.
 *
 * <pre>{@code
 * ValidationResult result = ValidationResult.builder()
 *         .add(InsError.WRONG_KEY, "matricule", "42", "17")
 *         .build();
 * if (!result.isValid()) {
 *     result.errors().forEach(p -> System.out.println(p.code().id() + " " + p.message(Locale.FRENCH)));
 * }
 * }</pre>
 */
public final class ValidationResult {

    private static final ValidationResult OK = new ValidationResult(List.of());

    private final List<Problem> problems;

    private ValidationResult(List<Problem> problems) {
        this.problems = List.copyOf(problems);
    }

    /**
     * A result without any problem.
     *
     * @return the empty, valid result
     */
    public static ValidationResult ok() {
        return OK;
    }

    /**
     * A result holding the given problems.
     *
     * @param problems the problems, in the order found
     * @return the result
     */
    public static ValidationResult of(Collection<Problem> problems) {
        return problems.isEmpty() ? OK : new ValidationResult(new ArrayList<>(problems));
    }

    /**
     * A result holding the given problems.
     *
     * @param problems the problems, in the order found
     * @return the result
     */
    public static ValidationResult of(Problem... problems) {
        return of(List.of(problems));
    }

    /**
     * A builder that collects problems.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the input can be used: no problem of severity {@link Severity#ERROR}.
     *
     * @return {@code true} when there is no error
     */
    public boolean isValid() {
        for (Problem p : problems) {
            if (p.isError()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every problem, in the order found.
     *
     * @return the problems (immutable)
     */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The problems of severity {@link Severity#ERROR}.
     *
     * @return the errors (immutable)
     */
    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    /**
     * The problems of severity {@link Severity#WARNING}.
     *
     * @return the warnings (immutable)
     */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /**
     * Whether a problem with this code was found.
     *
     * @param code the code looked for
     * @return {@code true} when at least one problem has this code
     */
    public boolean has(ErrorCode code) {
        return problems.stream().anyMatch(p -> p.code().equals(code));
    }

    /**
     * This result followed by another one's problems.
     *
     * @param other the other result
     * @return the combined result
     */
    public ValidationResult and(ValidationResult other) {
        if (other.problems.isEmpty()) {
            return this;
        }
        if (problems.isEmpty()) {
            return other;
        }
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(other.problems);
        return new ValidationResult(all);
    }

    /**
     * Every problem located under a parent path (see {@link Problem#under(String)}).
     *
     * @param parent the parent path
     * @return the relocated result
     */
    public ValidationResult under(String parent) {
        return problems.isEmpty() ? this : new ValidationResult(problems.stream().map(p -> p.under(parent)).toList());
    }

    /**
     * Throws the exception made from this result when it is invalid.
     *
     * @param <X> the exception type
     * @param exception makes the exception from this result
     * @return this result, when valid
     * @throws X when the result holds at least one error
     */
    public <X extends RuntimeException> ValidationResult orThrow(Function<ValidationResult, X> exception) {
        if (!isValid()) {
            throw exception.apply(this);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationResult other && problems.equals(other.problems);
    }

    @Override
    public int hashCode() {
        return problems.hashCode();
    }

    @Override
    public String toString() {
        return problems.isEmpty() ? "valid" : problems.toString();
    }

    /**
     * Collects problems; not thread-safe.
     */
    public static final class Builder {
        private final List<Problem> problems = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a problem.
         *
         * @param problem the problem
         * @return this builder
         */
        public Builder add(Problem problem) {
            problems.add(Objects.requireNonNull(problem, "problem"));
            return this;
        }

        /**
         * Adds a problem with the code's default severity.
         *
         * @param code the code
         * @param path where the problem is
         * @param args the message arguments
         * @return this builder
         */
        public Builder add(ErrorCode code, String path, Object... args) {
            return add(Problem.of(code, path, args));
        }

        /**
         * Adds every problem of another result.
         *
         * @param result the other result
         * @return this builder
         */
        public Builder addAll(ValidationResult result) {
            problems.addAll(result.problems());
            return this;
        }

        /**
         * Whether an error was added so far.
         *
         * @return {@code true} when at least one error was added
         */
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        /**
         * The result.
         *
         * @return the immutable result
         */
        public ValidationResult build() {
            return ValidationResult.of(problems);
        }
    }
}
