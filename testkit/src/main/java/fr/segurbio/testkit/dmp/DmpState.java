package fr.segurbio.testkit.dmp;

/**
 * The state of a patient's DMP, as TD0.2 reports it.
 *
 * <pre>{@code
 * simulator.patient("2900175056031").dmpState(DmpState.CLOSED);
 * }</pre>
 */
public enum DmpState {
    /** The DMP exists and is open ({@code ACTIF}). */
    ACTIVE("ACTIF"),
    /** The DMP was closed ({@code FERME}): no feeding, no consultation. */
    CLOSED("FERME"),
    /** The patient has no DMP ({@code INEXISTANT}). */
    ABSENT("INEXISTANT");

    private final String code;

    DmpState(String code) {
        this.code = code;
    }

    /**
     * The code in the TD0.2 answer.
     *
     * @return {@code ACTIF}, {@code FERME} or {@code INEXISTANT}
     */
    public String code() {
        return code;
    }
}
