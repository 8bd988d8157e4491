package fr.segurbio.hl7v2.ack;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.hl7v2.Hl7Error;
import java.util.Optional;

/**
 * HL7 table 0357 (message error condition, ERR-3) as the volet lists it, and the mapping of the SDK's own
 * problems onto it when the SDK answers a message.
 *
 * <pre>{@code
 * ErrorCondition.of("207");                              // Optional[APPLICATION_ERROR]
 * ErrorCondition.forProblem(Hl7Error.SEGMENT_ORDER);     // SEGMENT_SEQUENCE
 * }</pre>
 */
public enum ErrorCondition {
    /** 0: message accepted. */
    ACCEPTED("0", "Message accepted"),
    /** 100: segment sequence error. */
    SEGMENT_SEQUENCE("100", "Segment sequence error"),
    /** 101: required field missing. */
    REQUIRED_FIELD_MISSING("101", "Required field missing"),
    /** 102: data type error. */
    DATA_TYPE("102", "Data type error"),
    /** 103: table value not found. */
    TABLE_VALUE_NOT_FOUND("103", "Table value not found"),
    /** 198: non-conformant cardinality. */
    CARDINALITY("198", "Non-conformant cardinality"),
    /** 199: other HL7 error. */
    OTHER_HL7("199", "Other HL7 error"),
    /** 200: unsupported message type. */
    UNSUPPORTED_MESSAGE_TYPE("200", "Unsupported message type"),
    /** 201: unsupported event code. */
    UNSUPPORTED_EVENT("201", "Unsupported event code"),
    /** 202: unsupported processing id. */
    UNSUPPORTED_PROCESSING_ID("202", "Unsupported processing id"),
    /** 203: unsupported version id. */
    UNSUPPORTED_VERSION("203", "Unsupported version id"),
    /** 207: application internal error (details in ERR-5). */
    APPLICATION_ERROR("207", "Application internal error");

    /** The coding system name of ERR-3.3 in the volet. */
    public static final String SYSTEM = "messageErrorCondition";

    private final String code;
    private final String label;

    ErrorCondition(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /**
     * ERR-3.1.
     *
     * @return the table 0357 code
     */
    public String code() {
        return code;
    }

    /**
     * ERR-3.2.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The condition with a code.
     *
     * @param code ERR-3.1 (trimmed)
     * @return the condition, empty for another code
     */
    public static Optional<ErrorCondition> of(String code) {
        for (ErrorCondition c : values()) {
            if (c.code.equals(code.trim())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The condition an SDK problem is reported under in an ACK.
     *
     * @param code the problem's code
     * @return the condition ({@link #APPLICATION_ERROR} for the business rules, with the SDK code in ERR-5)
     */
    public static ErrorCondition forProblem(ErrorCode code) {
        if (!(code instanceof Hl7Error e)) {
            return APPLICATION_ERROR;
        }
        switch (e) {
            case SEGMENT_ORDER:
                return SEGMENT_SEQUENCE;
            case SEGMENT_MISSING:
            case MSH_FIELD:
            case FIELD_REQUIRED:
            case MERGE_WITHOUT_MRG:
            case MRG_EMPTY:
                return REQUIRED_FIELD_MISSING;
            case FIELD_FORMAT:
            case ED_NOT_BASE64:
            case SEPARATORS:
            case SEGMENT_NAME:
            case CHARSET_MISMATCH:
                return DATA_TYPE;
            case STATUS_UNKNOWN:
            case CONSENT_CODE:
            case MOVEMENT_ACTION:
            case META_VALUE:
            case CHARSET_UNKNOWN:
                return TABLE_VALUE_NOT_FOUND;
            case UNSUPPORTED_MESSAGE:
                return UNSUPPORTED_MESSAGE_TYPE;
            case EVENT_UNSUPPORTED:
                return UNSUPPORTED_EVENT;
            case LINK_NEEDS_TWO:
            case INS_SEVERAL:
                return CARDINALITY;
            default:
                return APPLICATION_ERROR;
        }
    }
}
