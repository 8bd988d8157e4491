package fr.segurbio.psc;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;

/**
 * A Pro Santé Connect failure: discovery, login, an ID token refused, a token endpoint error, CIBA denied or
 * expired, a userinfo without a situation d'exercice, a token exchange refused. Its {@link #code()} is a
 * {@link PscError}.
 *
 * <pre>{@code
 * try {
 *     PscLogin login = psc.loginWithCiba(CibaRequest.forRpps("10001234567").build());
 * } catch (PscException e) {
 *     if (e.code() == PscError.CIBA_DENIED) { ... }
 * }
 * }</pre>
 */
public class PscException extends SegurException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception for a code and its message arguments.
     *
     * @param code the code
     * @param args the message arguments
     */
    public PscException(ErrorCode code, Object... args) {
        super(Problem.of(code, "", args));
    }

    /**
     * An exception for a code with a cause.
     *
     * @param cause the cause
     * @param code the code
     * @param args the message arguments
     */
    public PscException(Throwable cause, ErrorCode code, Object... args) {
        super(Problem.of(code, "", args), cause);
    }
}
