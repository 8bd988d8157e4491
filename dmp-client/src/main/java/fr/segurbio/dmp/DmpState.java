package fr.segurbio.dmp;

/**
 * The state of the patient's DMP, as TD0.2 tells it.
 *
 * <pre>{@code
 * if (dmp.status(ins).state() == DmpState.ACTIVE) { ... }
 * }</pre>
 */
public enum DmpState {
    /** The DMP exists and is open ({@code ACTIF}). */
    ACTIVE,
    /** The DMP exists and is closed ({@code FERME}): it can be neither fed nor read. */
    CLOSED,
    /** The patient has no DMP ({@code INEXISTANT}). */
    ABSENT
}
