package fr.segurbio.dmp;

import java.util.List;

import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * What dmp-client throws: a stable {@link DmpError} code (with every problem found, in French and English) and,
 * when the DMP itself refused the request, the registry's own errors ({@link #registryErrors()}) with their
 * codes and texts. Thrown before anything is sent for bad input (nothing sent, nothing half-done).
 *
 * <pre>{@code
 * try {
 *     dmp.submit(submission);
 * } catch (DmpException e) {
 *     System.err.println(e.messageFr());
 *     e.registryErrors().forEach(r -> System.err.println(r.errorCode() + " " + r.codeContext()));
 * }
 * }</pre>
 */
public class DmpException extends SegurException {

    private static final long serialVersionUID = 1L;

    private final transient List<RegistryError> registryErrors;

    /**
     * An exception for one code.
     *
     * @param code the code
     * @param args the message arguments
     */
    public DmpException(DmpError code, Object... args) {
        this(List.of(Problem.of(code, "", args)), List.of(), null);
    }

    /**
     * An exception for one code with its cause.
     *
     * @param cause the cause
     * @param code the code
     * @param args the message arguments
     */
    public DmpException(Throwable cause, DmpError code, Object... args) {
        this(List.of(Problem.of(code, "", args)), List.of(), cause);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result the result
     */
    public DmpException(ValidationResult result) {
        this(result.errors().isEmpty() ? result.problems() : result.errors(), List.of(), null);
    }

    /**
     * An exception carrying the registry's errors.
     *
     * @param problems the problems (at least one)
     * @param registryErrors the registry's errors, as received
     * @param cause the cause, or {@code null}
     */
    public DmpException(List<Problem> problems, List<RegistryError> registryErrors, Throwable cause) {
        super(problems, cause);
        this.registryErrors = List.copyOf(registryErrors);
    }

    /**
     * The errors the DMP returned, as it wrote them (empty when the problem was found before sending).
     *
     * @return the registry errors
     */
    public List<RegistryError> registryErrors() {
        return registryErrors;
    }
}
