package fr.segurbio.hl7v2.report;

/**
 * The two messages the volet lets the CREATEUR choose from (the PFI must accept both): ORU^R01 in HL7 v2.5 — the
 * lab's natural choice and the one of the ANS lab examples — or MDM^T02/T10/T04 in HL7 v2.6.
 *
 * <pre>{@code
 * MessageFlavour.ORU.version();        // "2.5"
 * MessageFlavour.MDM.codedType();      // "CWE"
 * }</pre>
 */
public enum MessageFlavour {
    /** ORU^R01^ORU_R01, HL7 v2.5, metadata OBX typed CE, ED subtype {@code TEXT}. */
    ORU("2.5", "CE", "TEXT"),
    /** MDM^T02|T10|T04^MDM_T02, HL7 v2.6, metadata OBX typed CWE, ED subtype {@code text}. */
    MDM("2.6", "CWE", "text");

    private final String version;
    private final String codedType;
    private final String edType;

    MessageFlavour(String version, String codedType, String edType) {
        this.version = version;
        this.codedType = codedType;
        this.edType = edType;
    }

    /**
     * MSH-12.
     *
     * @return {@code 2.5} or {@code 2.6}
     */
    public String version() {
        return version;
    }

    /**
     * OBX-2 of the Y/N metadata OBX.
     *
     * @return {@code CE} or {@code CWE}
     */
    public String codedType() {
        return codedType;
    }

    /**
     * OBX-5.2 of the document ED.
     *
     * @return {@code TEXT} or {@code text}
     */
    public String edType() {
        return edType;
    }
}
