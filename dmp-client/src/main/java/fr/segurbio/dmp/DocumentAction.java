package fr.segurbio.dmp;

/**
 * The TD3.3 actions on a CR-BIO already in the DMP, always applied to its N1 and its N3 together (ITI-57).
 *
 * <pre>{@code
 * UpdateOutcome o = dmp.update(ins, pair, DocumentAction.MASK);
 * }</pre>
 */
public enum DocumentAction {
    /** Mask to professionals (adds {@code MASQUE_PS}). */
    MASK,
    /** Unmask (removes {@code MASQUE_PS}). */
    UNMASK,
    /** Make invisible to the patient (adds {@code INVISIBLE_PATIENT}). */
    HIDE_FROM_PATIENT,
    /** Make visible to the patient again (removes {@code INVISIBLE_PATIENT}): ends the "annonce". */
    SHOW_TO_PATIENT,
    /** Make invisible to the legal representatives (adds {@code INVISIBLE_REPRESENTANTS_LEGAUX}). */
    HIDE_FROM_GUARDIANS,
    /** Make visible to the legal representatives again. */
    SHOW_TO_GUARDIANS,
    /** Archive (Approved → Archived). */
    ARCHIVE,
    /** Unarchive (Archived → Approved). */
    UNARCHIVE,
    /** Delete (Approved or Archived → Deleted). */
    DELETE;

    /**
     * The visibility restriction this action adds or removes.
     *
     * @return the restriction, or {@code null} for a status change
     */
    public Visibility visibility() {
        return switch (this) {
            case MASK, UNMASK -> Visibility.HIDDEN_FROM_PROFESSIONALS;
            case HIDE_FROM_PATIENT, SHOW_TO_PATIENT -> Visibility.HIDDEN_FROM_PATIENT;
            case HIDE_FROM_GUARDIANS, SHOW_TO_GUARDIANS -> Visibility.HIDDEN_FROM_GUARDIANS;
            default -> null;
        };
    }

    /**
     * Whether the action adds its restriction (rather than removing it).
     *
     * @return {@code true} for MASK, HIDE_FROM_PATIENT, HIDE_FROM_GUARDIANS
     */
    public boolean restricts() {
        return this == MASK || this == HIDE_FROM_PATIENT || this == HIDE_FROM_GUARDIANS;
    }
}
