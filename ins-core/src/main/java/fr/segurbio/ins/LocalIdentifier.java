package fr.segurbio.ins;

import java.util.regex.Pattern;

/**
 * The patient's local identifier (IPP) and the OID of the authority that assigned it (the lab's or its
 * establishment's identifier domain).
 *
 * <pre>{@code
 * LocalIdentifier ipp = LocalIdentifier.of("IPP-000123", "1.2.250.1.71.4.2.7.1");
 * }</pre>
 *
 * @param value the identifier
 * @param assigningAuthorityOid the OID of its assigning authority
 */
public record LocalIdentifier(String value, String assigningAuthorityOid) {

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    /**
     * Checks the fields.
     *
     * @param value the identifier
     * @param assigningAuthorityOid the OID of its assigning authority
     * @throws InsException {@code INS-044} for a blank value or a malformed OID
     */
    public LocalIdentifier {
        if (value == null || value.isBlank() || assigningAuthorityOid == null
                || !OID.matcher(assigningAuthorityOid).matches()) {
            throw new InsException(InsError.LOCAL_ID, value + "@" + assigningAuthorityOid);
        }
    }

    /**
     * A local identifier.
     *
     * @param value the identifier
     * @param assigningAuthorityOid the OID of its assigning authority
     * @return the identifier
     */
    public static LocalIdentifier of(String value, String assigningAuthorityOid) {
        return new LocalIdentifier(value, assigningAuthorityOid);
    }
}
