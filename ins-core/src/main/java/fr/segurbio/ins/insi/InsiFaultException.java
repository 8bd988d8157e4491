package fr.segurbio.ins.insi;

import fr.segurbio.core.Problem;

/**
 * INSi answered with a SOAP fault that retrying cannot cure (a {@code Sender} fault: unknown software IDAM,
 * insufficient rights, refused request). Carries the {@link InsiFault} and its {@code siram_…}/{@code desir_…}
 * codes; the cause is the transport's {@link fr.segurbio.transport.SoapFaultException}.
 *
 * <pre>{@code
 * } catch (InsiFaultException e) {
 *     e.fault().codes();   // [siram_100, desir_550]
 * }
 * }</pre>
 */
public class InsiFaultException extends InsiException {

    private static final long serialVersionUID = 1L;

    private final transient InsiFault fault;

    /**
     * An exception for a fault.
     *
     * @param fault the fault
     * @param cause the transport's exception
     */
    public InsiFaultException(InsiFault fault, Throwable cause) {
        super(Problem.of(InsiError.FAULT, "", String.join("/", fault.codes()), fault.text()), cause);
        this.fault = fault;
    }

    /**
     * The fault.
     *
     * @return the fault
     */
    public InsiFault fault() {
        return fault;
    }
}
