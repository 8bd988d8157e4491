package fr.segurbio.dmp.vihf;

/**
 * The VIHF {@code Authentification_Mode}: how the DMP is told the user was authenticated.
 *
 * <pre>{@code
 * DmpActor.automate("LABO/SGL-BATCH", "SGL Labo, alimentation automatique").mode();   // INDIRECTE
 * }</pre>
 */
public enum AccessMode {
    /** Indirect: the structure authenticates (AUTH_CLI + a VIHF it signs); the user is only declared. */
    INDIRECTE,
    /** Reinforced indirect ("AIR"): the user was authenticated by Pro Santé Connect (e-CPS or CPS). */
    INDIRECTE_RENFORCEE
}
