package fr.segurbio.hl7v2.report;

import java.util.Optional;

/**
 * What the PFI must do with the document, and the three values that must agree for it (volet CISIS_CDA_HL7_V2
 * §2.2): OBX-11 of the document OBX, ORC-1 and, for MDM, the trigger event. Coherent by construction.
 *
 * <pre>{@code
 * DocumentAction.REPLACE.obx11();      // "C"
 * DocumentAction.REPLACE.orc1();       // "RO"
 * DocumentAction.REPLACE.mdmEvent();   // "T10"
 * }</pre>
 */
public enum DocumentAction {
    /** Initial transmission: OBX-11 {@code F}, ORC-1 {@code NW}, MDM^T02. */
    TRANSMIT("F", "NW", "T02"),
    /** Replacement of a document sent before: OBX-11 {@code C}, ORC-1 {@code RO}, MDM^T10. */
    REPLACE("C", "RO", "T10"),
    /** Deletion (the message carries the last version): OBX-11 {@code D}, ORC-1 {@code CA}, MDM^T04. */
    DELETE("D", "CA", "T04");

    private final String obx11;
    private final String orc1;
    private final String mdmEvent;

    DocumentAction(String obx11, String orc1, String mdmEvent) {
        this.obx11 = obx11;
        this.orc1 = orc1;
        this.mdmEvent = mdmEvent;
    }

    /**
     * OBX-11 of the document OBX (HL7 table 0085).
     *
     * @return {@code F}, {@code C} or {@code D}
     */
    public String obx11() {
        return obx11;
    }

    /**
     * ORC-1 (order control).
     *
     * @return {@code NW}, {@code RO} or {@code CA}
     */
    public String orc1() {
        return orc1;
    }

    /**
     * The MDM trigger event.
     *
     * @return {@code T02}, {@code T10} or {@code T04}
     */
    public String mdmEvent() {
        return mdmEvent;
    }

    /**
     * The action an OBX-11 value asks for.
     *
     * @param obx11 the value
     * @return the action, empty for another value
     */
    public static Optional<DocumentAction> fromObx11(String obx11) {
        for (DocumentAction a : values()) {
            if (a.obx11.equals(obx11)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
