package fr.segurbio.testkit.dmp;

/**
 * An opposition the patient expressed, as the simulator knows it. TD0.2 reports each one; {@link #FEEDING}
 * also makes the simulator refuse submissions ({@code DMPPatientOpposition}).
 *
 * <pre>{@code
 * simulator.patient("2900175056031").opposition(DmpOpposition.FEEDING);
 * }</pre>
 */
public enum DmpOpposition {
    /** Opposed to the feeding of the DMP by professionals ({@code OPPOSITION_ALIMENTATION}, simulator's code). */
    FEEDING("OPPOSITION_ALIMENTATION"),
    /** Opposed to "bris de glace" access ({@code OPPOSITION_BRIS_DE_GLACE}). */
    BRIS_DE_GLACE("OPPOSITION_BRIS_DE_GLACE"),
    /** Opposed to emergency (centre 15) access ({@code OPPOSITION_ACCES_URGENCE}). */
    ACCES_URGENCE("OPPOSITION_ACCES_URGENCE");

    private final String code;

    DmpOpposition(String code) {
        this.code = code;
    }

    /**
     * The code in the TD0.2 answer (consent code system {@code 1.2.250.1.213.4.1.2.3}).
     *
     * @return the code
     */
    public String code() {
        return code;
    }
}
