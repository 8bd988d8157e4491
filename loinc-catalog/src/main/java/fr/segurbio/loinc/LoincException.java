package fr.segurbio.loinc;

import java.util.List;

import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;

/**
 * The unchecked exception of the {@code loinc-catalog} module; its message starts with the stable code
 * ({@code "LOINC-005: ..."}).
 *
 * <pre>{@code
 * try {
 *     LoincCode.parse("2345-8");
 * } catch (LoincException e) {
 *     e.code();      // LoincError.WRONG_CHECK_DIGIT
 *     e.messageFr(); // "LOINC-005 : Le chiffre de contrôle ..."
 * }
 * }</pre>
 */
public class LoincException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public LoincException(LoincError code, Object... args) {
        super(code, args);
    }

    /**
     * An exception for one problem and its cause.
     *
     * @param problem the problem
     * @param cause the cause, or {@code null}
     */
    public LoincException(Problem problem, Throwable cause) {
        super(List.of(problem), cause);
    }

    /**
     * An exception for every error of an invalid result.
     *
     * @param result an invalid result
     */
    public LoincException(ValidationResult result) {
        super(result);
    }
}
