package fr.segurbio.testkit.dmp;

import java.util.List;

/**
 * Why the simulator refuses a request: either a SOAP fault (before the registry) or registry errors (a
 * {@code Failure} RegistryResponse). Thrown inside the service, turned into the answer by it.
 */
final class Rejection extends Exception {

    private static final long serialVersionUID = 1L;

    /** One registry error. */
    record RegistryError(DmpErrorCode code, String context, String location) {
    }

    private final transient DmpFaultCode fault;
    private final transient List<RegistryError> errors;

    private Rejection(DmpFaultCode fault, String message, List<RegistryError> errors) {
        super(message, null, false, false);
        this.fault = fault;
        this.errors = errors;
    }

    static Rejection fault(DmpFaultCode code, String message) {
        return new Rejection(code, message, List.of());
    }

    static Rejection registry(DmpErrorCode code, String context) {
        return new Rejection(null, context, List.of(new RegistryError(code, context, null)));
    }

    static Rejection registry(List<RegistryError> errors) {
        return new Rejection(null, errors.get(0).context(), List.copyOf(errors));
    }

    DmpFaultCode fault() {
        return fault;
    }

    List<RegistryError> errors() {
        return errors;
    }

    boolean isFault() {
        return fault != null;
    }
}
