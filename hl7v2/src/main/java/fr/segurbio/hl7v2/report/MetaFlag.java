package fr.segurbio.hl7v2.report;

import java.util.Optional;

/**
 * The volet's {@code MetaDMPMSS} items, in the order they must appear in the message (one OBSERVATION group each),
 * with the labels of the ANS examples.
 *
 * <pre>{@code
 * MetaFlag.DESTDMP.code();    // "DESTDMP"
 * MetaFlag.values();          // in message order
 * }</pre>
 */
public enum MetaFlag {
    /** Masked to health professionals. */
    MASQUE_PS("Masqué aux professionnels de Santé", true),
    /** Not visible by the patient. */
    INVISIBLE_PATIENT("Document Non Visible par le patient", true),
    /** Not visible by the patient's legal representatives. */
    INVISIBLE_REP_LEGAUX("Non visible par les représentants Légaux du patient", true),
    /** DMP "connexion secrète". */
    CONNEXION_SECRETE("Connexion Secrete", true),
    /** The transaction changes the confidentiality metadata. */
    MODIF_CONF_CODE("Modification Confidentiality Code", true),
    /** Publish to the DMP. */
    DESTDMP("Destinataire DMP", true),
    /** Send by MSSanté to the professional, organisation or application recipients. */
    DESTMSSANTEPS("Destinataire (Professionnel de Santé, organisation ou BAL applicative)", true),
    /** Send by MSSanté to the patient. */
    DESTMSSANTEPAT("Destinataire Patient", true),
    /** Business acknowledgements of reception wanted (ZAM Z01/Z02). */
    ACK_RECEPTION("Accusé de réception", false),
    /** MSSanté read acknowledgements wanted (ZAM Z03). */
    ACK_LECTURE_MSS("Accusé de lecture", false),
    /** Mail body for the professionals (ED). */
    CORPSMAIL_PS("Corps du mail pour un PS", false),
    /** Mail body for the patient (ED). */
    CORPSMAIL_PATIENT("Corps du mail pour le patient", false);

    /** The coding system of OBX-3.3. */
    public static final String SYSTEM = "MetaDMPMSS";

    private final String label;
    private final boolean required;

    MetaFlag(String label, boolean required) {
        this.label = label;
        this.required = required;
    }

    /**
     * OBX-3.1.
     *
     * @return the code
     */
    public String code() {
        return name();
    }

    /**
     * OBX-3.2.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Whether the volet requires the item in every message.
     *
     * @return {@code true} for the first eight
     */
    public boolean required() {
        return required;
    }

    /**
     * Whether the item carries a mail body (OBX-2 ED) rather than Y/N.
     *
     * @return {@code true} for the two mail bodies
     */
    public boolean isMailBody() {
        return this == CORPSMAIL_PS || this == CORPSMAIL_PATIENT;
    }

    /**
     * The item with a code.
     *
     * @param code OBX-3.1 (trimmed)
     * @return the item, empty when unknown
     */
    public static Optional<MetaFlag> fromCode(String code) {
        try {
            return Optional.of(valueOf(code.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
