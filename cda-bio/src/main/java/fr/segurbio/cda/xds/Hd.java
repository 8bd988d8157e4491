package fr.segurbio.cda.xds;

import java.util.Optional;
import java.util.regex.Pattern;

import fr.segurbio.cda.CdaException;

/**
 * An HL7 v2 hierarchic designator (HD), the assigning authority inside a {@link Cx}, {@link Xcn} or {@link Xon}:
 * namespace id, universal id (an OID) and universal id type ({@code ISO}), written as subcomponents
 * ({@code &1.2.250.1.71.4.2.1&ISO}).
 *
 * <pre>{@code
 * Hd rpps = Hd.iso("1.2.250.1.71.4.2.1");
 * rpps.format();                                          // "&1.2.250.1.71.4.2.1&ISO"
 * Hd.parse("ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO").namespaceId();   // "ASIP-SANTE-PS"
 * }</pre>
 *
 * @param namespaceId the local name of the authority, or {@code null}
 * @param universalId the authority's universal id (an OID when the type is {@code ISO}), or {@code null}
 * @param universalIdType the type of the universal id ({@code ISO}), or {@code null}
 */
public record Hd(String namespaceId, String universalId, String universalIdType) {

    /** The universal id type of an OID. */
    public static final String ISO = "ISO";

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    /**
     * Checks the designator.
     *
     * @param namespaceId the namespace id
     * @param universalId the universal id
     * @param universalIdType the universal id type
     * @throws CdaException {@code CDA-703} when neither a namespace id nor a universal id is given, or a type
     *         without a universal id; {@code CDA-704} when an {@code ISO} universal id is not an OID
     */
    public Hd {
        namespaceId = Components.blankToNull(namespaceId);
        universalId = Components.blankToNull(universalId);
        universalIdType = Components.blankToNull(universalIdType);
        if (namespaceId == null && universalId == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "HD.1", "HD");
        }
        if (universalIdType != null && universalId == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "HD.2", "HD");
        }
        if (ISO.equals(universalIdType) && !OID.matcher(universalId).matches()) {
            throw Components.fail(XdsError.BAD_COMPONENT, "HD.2", universalId, "an ISO universal id is an OID");
        }
    }

    /**
     * The designator of an OID, without namespace id.
     *
     * @param oid the OID
     * @return {@code &oid&ISO}
     */
    public static Hd iso(String oid) {
        return new Hd(null, oid, ISO);
    }

    /**
     * The OID, when the universal id is one.
     *
     * @return the universal id when its type is {@code ISO}
     */
    public Optional<String> oid() {
        return ISO.equals(universalIdType) ? Optional.of(universalId) : Optional.empty();
    }

    /**
     * The designator as the subcomponents of a component.
     *
     * @return {@code namespace&universalId&type}, escaped, trailing empty subcomponents dropped
     */
    public String format() {
        return Components.join(Hl7Escape.SUBCOMPONENT, Hl7Escape.escape(namespaceId), Hl7Escape.escape(universalId),
                Hl7Escape.escape(universalIdType));
    }

    /**
     * Reads a designator written as subcomponents.
     *
     * @param value {@code namespace&universalId&type}
     * @return the designator
     * @throws CdaException {@code CDA-70x} when it is malformed
     */
    public static Hd parse(String value) {
        return parse("HD", value);
    }

    static Hd parse(String path, String value) {
        if (value == null || value.isBlank()) {
            throw Components.fail(XdsError.MISSING_COMPONENT, path, path);
        }
        String[] s = value.split("&", -1);
        if (s.length > 3) {
            throw Components.fail(XdsError.UNSUPPORTED_COMPONENT, path + ".4", s[3], value);
        }
        return new Hd(Hl7Escape.unescape(s[0], path + ".1"),
                s.length > 1 ? Hl7Escape.unescape(s[1], path + ".2") : null,
                s.length > 2 ? Hl7Escape.unescape(s[2], path + ".3") : null);
    }

    /** The designator of a component, or {@code null} when it is empty. */
    static Hd component(String path, String raw) {
        return raw.isEmpty() ? null : parse(path, raw);
    }
}
