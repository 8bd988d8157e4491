package fr.segurbio.cda;

import fr.segurbio.cda.internal.Bilingual;

/**
 * The status of a report entry, a battery or a result ({@code statusCode}).
 *
 * <pre>{@code
 * ResultStatus s = ResultStatus.COMPLETED;
 * s.code();   // "completed"
 * }</pre>
 */
public enum ResultStatus {
    /** Done: the result is present. */
    COMPLETED("completed"),
    /** In progress (entries, batteries and the report only; a partial report). */
    ACTIVE("active"),
    /** Will not be done. */
    ABORTED("aborted");

    private final String code;

    ResultStatus(String code) {
        this.code = code;
    }

    /**
     * The HL7 code.
     *
     * @return {@code completed}, {@code active} or {@code aborted}
     */
    public String code() {
        return code;
    }

    /**
     * The status of an HL7 code.
     *
     * @param code the code
     * @return the status
     * @throws CdaException {@code CDA-008} for another code
     */
    public static ResultStatus fromCode(String code) {
        for (ResultStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new CdaException(CdaError.BAD_VALUE, String.valueOf(code), Bilingual.of("le statut est completed, active ou aborted", "status is completed, active or aborted"));
    }
}
