package fr.segurbio.cda.validation;

import fr.segurbio.cda.CdaException;
import fr.segurbio.core.Problem;

/**
 * Thrown when validation cannot start at all: the conformance package is not usable. Problems in the validated
 * document never throw; they are {@link Finding}s of the {@link ValidationReport}.
 *
 * <pre>{@code
 * try {
 *     CrBioValidator validator = CrBioValidator.using(ConformancePackage.at(dir));
 * } catch (CdaValidationException e) {
 *     System.err.println(e.getMessage()); // CDA-501: The conformance package ... is incomplete ...
 * }
 * }</pre>
 */
public class CdaValidationException extends CdaException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public CdaValidationException(CdaValidationError code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for one problem with its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public CdaValidationException(Problem problem, Throwable cause) {
        super(problem, cause);
    }
}
