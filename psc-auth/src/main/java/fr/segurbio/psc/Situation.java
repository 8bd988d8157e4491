package fr.segurbio.psc;

import java.util.Objects;

/**
 * A situation d'exercice: one exercise (profession) in one activity (structure). The professional picks one
 * per session when there are several; the DMP VIHF and the MSSanté mailbox are built for it.
 *
 * <pre>{@code
 * for (Situation s : practitioner.situations()) {
 *     System.out.println(s.key() + "  " + s.label());
 * }
 * }</pre>
 *
 * @param exercise the exercise
 * @param activity the activity
 */
public record Situation(Exercise exercise, Activity activity) {

    /**
     * Checks the fields.
     *
     * @param exercise the exercise
     * @param activity the activity
     */
    public Situation {
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(activity, "activity");
    }

    /**
     * A stable key to choose this situation: {@code PROFESSION@STRUCTURE}, such as {@code 21@3750000000/LAB1}.
     *
     * @return the key
     */
    public String key() {
        return exercise.professionCode() + "@" + activity.structureLabel();
    }

    /**
     * A readable label: the structure's name and identifier, and the profession.
     *
     * @return the label
     */
    public String label() {
        return activity.companyName().or(activity::tradeName).orElse(activity.structureLabel()) + " ("
                + activity.structureLabel() + "), profession " + exercise.professionCode()
                + exercise.savoirFaireCode().map(s -> " / " + s).orElse("");
    }
}
