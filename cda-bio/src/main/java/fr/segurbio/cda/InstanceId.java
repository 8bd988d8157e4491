package fr.segurbio.cda;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HL7 instance identifier (II): a root (an OID or a UUID) and an optional extension.
 *
 * <pre>{@code
 * InstanceId rpps = InstanceId.idNatPs("810001234567");      // root 1.2.250.1.71.4.2.1
 * InstanceId order = InstanceId.of("1.2.250.1.213.1.1.9", "2014123456789");
 * }</pre>
 *
 * @param root the OID or UUID (upper or lower case)
 * @param extension the extension, or {@code null}
 */
public record InstanceId(String root, String extension) {

    /** OID of the national health professional identifier: {@link CodeSystems#ID_NAT_PS}. */
    public static final String ID_NAT_PS = CodeSystems.ID_NAT_PS;
    /** OID of the national structure identifier: {@link CodeSystems#ID_NAT_STRUCT}. */
    public static final String ID_NAT_STRUCT = CodeSystems.ID_NAT_STRUCT;

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /**
     * Checks the root.
     *
     * @param root the OID or UUID
     * @param extension the extension, or {@code null}
     * @throws CdaException {@code CDA-007} when the root is neither an OID nor a UUID
     */
    public InstanceId {
        if (root == null || root.isBlank()) {
            throw new CdaException(CdaError.MISSING, "id/@root");
        }
        if (!OID.matcher(root).matches() && !UUID.matcher(root).matches()) {
            throw new CdaException(CdaError.BAD_IDENTIFIER, root, "root must be an OID or a UUID");
        }
        if (extension != null && extension.isBlank()) {
            extension = null;
        }
    }

    /**
     * An identifier with a root only.
     *
     * @param root the OID or UUID
     * @return the identifier
     */
    public static InstanceId of(String root) {
        return new InstanceId(root, null);
    }

    /**
     * An identifier with a root and an extension.
     *
     * @param root the OID or UUID
     * @param extension the extension
     * @return the identifier
     */
    public static InstanceId of(String root, String extension) {
        return new InstanceId(root, extension);
    }

    /**
     * A health professional's national identifier (idNat_PS, e.g. {@code "8"} followed by the RPPS number).
     *
     * @param idNatPs the idNat_PS
     * @return the identifier under {@link #ID_NAT_PS}
     */
    public static InstanceId idNatPs(String idNatPs) {
        return new InstanceId(ID_NAT_PS, requireText(idNatPs, "idNat_PS"));
    }

    /**
     * A health professional identified by an 11-digit RPPS number (idNat_PS = {@code "8"} + RPPS).
     *
     * @param rpps the RPPS number
     * @return the identifier under {@link #ID_NAT_PS}
     */
    public static InstanceId rpps(String rpps) {
        if (rpps == null || !rpps.matches("[0-9]{11}")) {
            throw new CdaException(CdaError.BAD_IDENTIFIER, String.valueOf(rpps), "an RPPS number has 11 digits");
        }
        return new InstanceId(ID_NAT_PS, "8" + rpps);
    }

    /**
     * A structure's national identifier (idNat_Struct, e.g. {@code "1"} followed by the FINESS number).
     *
     * @param idNatStruct the idNat_Struct
     * @return the identifier under {@link #ID_NAT_STRUCT}
     */
    public static InstanceId idNatStruct(String idNatStruct) {
        return new InstanceId(ID_NAT_STRUCT, requireText(idNatStruct, "idNat_Struct"));
    }

    /**
     * A fresh random UUID identifier (upper case, as in the ANS examples).
     *
     * @return a new identifier
     */
    public static InstanceId randomUuid() {
        return new InstanceId(java.util.UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT), null);
    }

    /**
     * The extension, if any.
     *
     * @return the extension
     */
    public Optional<String> optionalExtension() {
        return Optional.ofNullable(extension);
    }

    /**
     * The XDS form: {@code root} or {@code root^extension}.
     *
     * @return the identifier as XDS writes a uniqueId
     */
    public String toXds() {
        return extension == null ? root : root + "^" + extension;
    }

    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new CdaException(CdaError.MISSING, what);
        }
        return value;
    }

    @Override
    public String toString() {
        return toXds();
    }
}
