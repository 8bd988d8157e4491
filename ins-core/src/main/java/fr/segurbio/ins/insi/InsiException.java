package fr.segurbio.ins.insi;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.InsException;

/**
 * What the INSi client throws: a configuration it cannot work with, a search INSi would refuse, an answer it
 * cannot read. An INSi {@code 01}/{@code 02} is never an exception, nor is an unavailable service (see
 * {@link InsiResult.Unavailable}); a SOAP fault is an {@link InsiFaultException}.
 *
 * <pre>{@code
 * try {
 *     client.search(search);
 * } catch (InsiException e) {
 *     show(e.messageFr());
 * }
 * }</pre>
 */
public class InsiException extends InsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public InsiException(InsiError code, Object... args) {
        super(Problem.of(code, "", args));
    }

    /**
     * An exception for a problem and its cause.
     *
     * @param problem the problem
     * @param cause the cause
     */
    public InsiException(Problem problem, Throwable cause) {
        super(problem, cause);
    }

    /**
     * An exception for every error of a result.
     *
     * @param result an invalid result
     */
    public InsiException(ValidationResult result) {
        super(result);
    }
}
