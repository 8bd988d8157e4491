package fr.segurbio.testkit.dmp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A test patient of the simulator, set up by the test: the state of the DMP, the oppositions, the structure's
 * authorisation. Obtained (and created, with an active DMP, no opposition and a valid authorisation) by
 * {@link DmpSimulator#patient(String)}; every setter applies at once. A patient the test never set up has no DMP
 * ({@link DmpState#ABSENT}) unless the simulator was built with {@code unknownPatientsHaveDmp(true)}.
 *
 * <pre>{@code
 * simulator.patient("2900175056031").dmpState(DmpState.ACTIVE).opposition(DmpOpposition.BRIS_DE_GLACE);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DmpPatient {

    private final String matricule;
    private volatile DmpState state = DmpState.ACTIVE;
    private volatile DmpAuthorization authorization = DmpAuthorization.VALID;
    private volatile Set<DmpOpposition> oppositions = Set.of();

    DmpPatient(String matricule) {
        this.matricule = Objects.requireNonNull(matricule, "matricule");
    }

    /**
     * The INS matricule (13 or 15 digits).
     *
     * @return the matricule
     */
    public String matricule() {
        return matricule;
    }

    /**
     * Sets the DMP's state.
     *
     * @param newState the state
     * @return this patient
     */
    public DmpPatient dmpState(DmpState newState) {
        this.state = Objects.requireNonNull(newState, "state");
        return this;
    }

    /**
     * The DMP's state.
     *
     * @return the state
     */
    public DmpState dmpState() {
        return state;
    }

    /**
     * Sets the oppositions (replacing the previous ones); none for no opposition.
     *
     * @param list the oppositions
     * @return this patient
     */
    public DmpPatient opposition(DmpOpposition... list) {
        Set<DmpOpposition> s = EnumSet.noneOf(DmpOpposition.class);
        s.addAll(Set.of(list));
        this.oppositions = Set.copyOf(s);
        return this;
    }

    /**
     * The oppositions.
     *
     * @return the oppositions
     */
    public Set<DmpOpposition> oppositions() {
        return oppositions;
    }

    /**
     * Sets the structure's authorisation.
     *
     * @param value the authorisation
     * @return this patient
     */
    public DmpPatient authorization(DmpAuthorization value) {
        this.authorization = Objects.requireNonNull(value, "authorization");
        return this;
    }

    /**
     * The structure's authorisation.
     *
     * @return the authorisation
     */
    public DmpAuthorization authorization() {
        return authorization;
    }

    @Override
    public String toString() {
        return "DmpPatient[" + state + ", " + authorization + ", " + oppositions + "]";
    }
}
