package fr.segurbio.hl7v2.report;

import fr.segurbio.cda.xds.Hd;
import fr.segurbio.cda.xds.Xon;
import fr.segurbio.hl7v2.Field;
import java.util.Objects;

/**
 * An organisation of a PRT segment (HL7 XON in PRT-8): name, assigning authority, identifier type
 * ({@code FINEG}, {@code FINEJ}, {@code IDNST}…) and identifier (PRT-8.10, used by the PFI as the structure of the
 * DMP VIHF: it must match the CDA {@code author/assignedAuthor/representedOrganization/id}).
 *
 * <pre>{@code
 * Organization lab = Organization.finessGeographic("labo", "1120459876");
 * lab.toEr7();   // labo^^^^^ASIP-SANTE-ST&1.2.250.1.71.4.2.2&ISO^FINEG^^^1120459876
 * }</pre>
 *
 * @param name XON-1
 * @param namespace XON-6.1
 * @param oid XON-6.2
 * @param idType XON-7
 * @param id XON-10
 */
public record Organization(String name, String namespace, String oid, String idType, String id) {

    /** The OID of the national structure identifiers. */
    public static final String ID_NAT_STRUCT_OID = "1.2.250.1.71.4.2.2";

    /**
     * Checks the fields.
     *
     * @param name XON-1
     * @param namespace XON-6.1
     * @param oid XON-6.2
     * @param idType XON-7
     * @param id XON-10
     */
    public Organization {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
        oid = oid == null ? "" : oid;
        idType = idType == null ? "" : idType;
    }

    /**
     * An organisation by FINESS géographique (the lab's site).
     *
     * @param name the name
     * @param finess the 9-digit FINESS, or the national structure id ({@code 1} + FINESS)
     * @return the organisation, type FINEG
     */
    public static Organization finessGeographic(String name, String finess) {
        return new Organization(name, "ASIP-SANTE-ST", ID_NAT_STRUCT_OID, "FINEG", finess);
    }

    /**
     * Reads an XON.
     *
     * @param xon the field
     * @return the organisation
     */
    public static Organization of(Field xon) {
        return new Organization(xon.component(1), xon.subcomponent(6, 1).trim(), xon.subcomponent(6, 2).trim(),
                xon.trimmed(7), xon.trimmed(10));
    }

    /**
     * The organisation as cda-bio's XON composite.
     *
     * @return the XON
     */
    public Xon toXon() {
        Hd authority = namespace.isEmpty() && oid.isEmpty() ? null
                : new Hd(namespace, oid, oid.isEmpty() ? null : Hd.ISO);
        return new Xon(name, authority, idType, id);
    }

    /**
     * The XON text with the standard delimiters (written by cda-bio's {@link Xon#format()}).
     *
     * @return the ER7 text
     */
    public String toEr7() {
        return toXon().format();
    }
}
