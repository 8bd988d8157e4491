package fr.segurbio.hl7v2;

import fr.segurbio.cda.xds.Cx;
import fr.segurbio.cda.xds.Hd;
import fr.segurbio.ins.AssigningAuthority;
import java.util.Objects;

/**
 * A patient identifier of PID-3 or MRG-1 (HL7 CX): the value, its assigning authority (namespace, OID) and its
 * type code (HL7 table 0203 France: {@code INS}, {@code PI}, {@code AN}, {@code VN}…). Read tolerantly (PAM FR CX
 * also carry CX-7/CX-8 dates, which are ignored); written through cda-bio's {@link Cx}.
 *
 * <pre>{@code
 * PatientIdentifier ins = PatientIdentifier.ins("279035121518989", AssigningAuthority.NIR_TEST);
 * ins.toEr7();   // 279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS
 * }</pre>
 *
 * @param value CX-1, the identifier
 * @param namespace CX-4.1, the authority's namespace ({@code ""} when absent)
 * @param oid CX-4.2, the authority's universal id ({@code ""} when absent)
 * @param oidType CX-4.3, the universal id type ({@code ISO}, or {@code ""})
 * @param typeCode CX-5, the identifier type code ({@code ""} when absent)
 */
public record PatientIdentifier(String value, String namespace, String oid, String oidType, String typeCode) {

    /** The namespace PAM FR and the volets use with the INS-NIR OIDs. */
    public static final String INS_NIR_NAMESPACE = "ASIP-SANTE-INS-NIR";
    /** The namespace used with the INS-NIA OID. */
    public static final String INS_NIA_NAMESPACE = "ASIP-SANTE-INS-NIA";

    /**
     * Checks the fields.
     *
     * @param value CX-1, the identifier
     * @param namespace CX-4.1, the authority's namespace ({@code ""} when absent)
     * @param oid CX-4.2, the authority's universal id ({@code ""} when absent)
     * @param oidType CX-4.3, the universal id type ({@code ISO}, or {@code ""})
     * @param typeCode CX-5, the identifier type code ({@code ""} when absent)
     */
    public PatientIdentifier {
        Objects.requireNonNull(value, "value");
        namespace = namespace == null ? "" : namespace.trim();
        oid = oid == null ? "" : oid.trim();
        oidType = oidType == null ? "" : oidType.trim();
        typeCode = typeCode == null ? "" : typeCode.trim();
    }

    /**
     * The INS as PID-3 carries it.
     *
     * @param matricule the 15-character matricule
     * @param authority the INS assigning authority
     * @return the identifier typed {@code INS}
     */
    public static PatientIdentifier ins(String matricule, AssigningAuthority authority) {
        String ns = authority == AssigningAuthority.NIA ? INS_NIA_NAMESPACE : INS_NIR_NAMESPACE;
        return new PatientIdentifier(matricule, ns, authority.oid(), "ISO", "INS");
    }

    /**
     * A local patient id (IPP), type {@code PI}.
     *
     * @param value the IPP
     * @param namespace the namespace of the identity domain
     * @param oid the OID of the identity domain
     * @return the identifier typed {@code PI}
     */
    public static PatientIdentifier ipp(String value, String namespace, String oid) {
        return new PatientIdentifier(value, namespace, oid, oid == null || oid.isEmpty() ? "" : "ISO", "PI");
    }

    /**
     * Reads a CX repetition.
     *
     * @param cx the field repetition
     * @return the identifier
     */
    public static PatientIdentifier of(Field cx) {
        return new PatientIdentifier(cx.component(1).trim(), cx.subcomponent(4, 1), cx.subcomponent(4, 2),
                cx.subcomponent(4, 3), cx.component(5));
    }

    /**
     * Whether this is an INS: typed {@code INS} or issued by one of the INS OIDs.
     *
     * @return {@code true} for an INS
     */
    public boolean isIns() {
        return "INS".equalsIgnoreCase(typeCode) || AssigningAuthority.find(oid).isPresent();
    }

    /**
     * The identifier as cda-bio's CX composite (the one the XDS metadata uses too).
     *
     * @return the CX
     */
    public Cx toCx() {
        Hd authority = namespace.isEmpty() && oid.isEmpty() ? null
                : new Hd(namespace, oid, oid.isEmpty() ? null : oidType);
        return new Cx(value, authority, typeCode);
    }

    /**
     * The identifier as ER7 CX text with the standard delimiters (written by cda-bio's {@link Cx#format()}).
     *
     * @return {@code value^^^namespace&oid&type^typeCode}
     */
    public String toEr7() {
        return toCx().format();
    }

    @Override
    public String toString() {
        return value + "^^^" + namespace + "&" + oid + "&" + oidType + "^" + typeCode;
    }
}
