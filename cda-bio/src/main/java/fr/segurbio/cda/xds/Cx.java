package fr.segurbio.cda.xds;

import java.util.Objects;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.ins.Ins;

/**
 * An HL7 v2 extended composite identifier (CX), the form of the XDS {@code patientId} and
 * {@code sourcePatientId} and of the PID-3 lines of {@code sourcePatientInfo}: CX-1 id, CX-4 assigning
 * authority, CX-5 identifier type code. Other components are not modelled: {@link #parse(String)} refuses them
 * rather than lose them.
 *
 * <pre>{@code
 * Cx ins = Cx.ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"));
 * ins.format();                  // "279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH"
 * Cx ipp = Cx.parse("1234567890121^^^&1.2.3.4.567.8.9.10&ISO^PI");
 * ipp.assigningAuthority().universalId();   // "1.2.3.4.567.8.9.10"
 * }</pre>
 *
 * @param id CX-1, the identifier
 * @param assigningAuthority CX-4, or {@code null}
 * @param identifierTypeCode CX-5 (HL7 table 0203: {@link #NH}, {@link #PI}…), or {@code null}
 */
public record Cx(String id, Hd assigningAuthority, String identifierTypeCode) {

    /** Identifier type of a national health number: the INS in XDS and VIHF. */
    public static final String NH = "NH";
    /** Identifier type of a patient internal identifier (the IPP). */
    public static final String PI = "PI";
    /** Identifier type of the INS in HL7 v2 PID-3 (IHE PAM France). */
    public static final String INS = "INS";

    private static final int COMPONENTS = 10;

    /**
     * Checks the identifier.
     *
     * @param id the id
     * @param assigningAuthority the authority
     * @param identifierTypeCode the type code
     * @throws CdaException {@code CDA-703} when the id is empty
     */
    public Cx {
        id = Components.blankToNull(id);
        identifierTypeCode = Components.blankToNull(identifierTypeCode);
        if (id == null) {
            throw Components.fail(XdsError.MISSING_COMPONENT, "CX-1", "CX");
        }
    }

    /**
     * The INS as XDS and the DMP write it.
     *
     * @param ins the INS
     * @return {@code matricule^^^&OID&ISO^NH}
     */
    public static Cx ins(Ins ins) {
        Objects.requireNonNull(ins, "ins");
        return new Cx(ins.matricule().value(), Hd.iso(ins.oid()), NH);
    }

    /**
     * A local patient identifier (IPP): {@code extension^^^&root&ISO^PI}, or the bare root when the identifier
     * has no extension.
     *
     * @param localId the identifier
     * @return the CX
     */
    public static Cx local(InstanceId localId) {
        Objects.requireNonNull(localId, "localId");
        return localId.extension() == null ? new Cx(localId.root(), null, null)
                : new Cx(localId.extension(), Hd.iso(localId.root()), PI);
    }

    /**
     * The HL7 v2 form.
     *
     * @return {@code id^^^authority^type}, escaped, trailing empty components dropped
     */
    public String format() {
        return Components.join(Hl7Escape.COMPONENT, Hl7Escape.escape(id), "", "",
                assigningAuthority == null ? "" : assigningAuthority.format(), Hl7Escape.escape(identifierTypeCode));
    }

    /**
     * Reads a CX.
     *
     * @param value the HL7 v2 form
     * @return the identifier
     * @throws CdaException {@code CDA-70x} when it is malformed or carries a component not modelled
     */
    public static Cx parse(String value) {
        String[] c = Components.split("CX", value, COMPONENTS, 1, 4, 5);
        return new Cx(Components.text("CX-1", c[0], value), Hd.component("CX-4", c[3]),
                Components.text("CX-5", c[4], value));
    }

    @Override
    public String toString() {
        return format();
    }
}
