package fr.segurbio.dmp;

import java.util.Objects;

/**
 * One {@code rs:RegistryError} of an XDS answer, kept as the DMP wrote it: its code (an IHE code such as
 * {@code XDSRegistryError} or {@code XDSDuplicateUniqueIdInRegistry}, or a DMP number such as {@code 901}),
 * its text, its location and severity.
 *
 * <pre>{@code
 * catch (DmpException e) {
 *     for (RegistryError r : e.registryErrors()) log.warn("{} {}", r.errorCode(), r.codeContext());
 * }
 * }</pre>
 *
 * @param errorCode the registry's code
 * @param codeContext the registry's own text
 * @param location where the registry located the error (may be empty)
 * @param severity the severity URN ({@code urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error} …)
 */
public record RegistryError(String errorCode, String codeContext, String location, String severity) {

    /** The IHE code of a duplicate uniqueId. */
    public static final String DUPLICATE_UNIQUE_ID = "XDSDuplicateUniqueIdInRegistry";

    /**
     * Normalises absent fields to empty strings.
     *
     * @param errorCode the code
     * @param codeContext the text
     * @param location the location
     * @param severity the severity
     */
    public RegistryError {
        errorCode = Objects.requireNonNullElse(errorCode, "");
        codeContext = Objects.requireNonNullElse(codeContext, "");
        location = Objects.requireNonNullElse(location, "");
        severity = Objects.requireNonNullElse(severity, "");
    }

    /**
     * Whether this is an error rather than a warning.
     *
     * @return {@code true} unless the severity is a warning
     */
    public boolean isError() {
        return !severity.endsWith("Warning");
    }

    @Override
    public String toString() {
        return errorCode + (codeContext.isEmpty() ? "" : " (" + codeContext + ")");
    }
}
