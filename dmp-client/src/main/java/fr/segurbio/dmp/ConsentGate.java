package fr.segurbio.dmp;

import java.util.Objects;

import fr.segurbio.core.ValidationResult;

/**
 * The rules that decide, before anything is sent, whether the DMP may be fed or consulted (IG PDSM TD0.2 /
 * TD2.1, Ségur doctrine). Every failing rule is reported.
 *
 * <table>
 * <caption>Feeding (TD2.1) and the management of the lab's own documents (TD3.3)</caption>
 * <tr><th>DMP (TD0.2)</th><th>patient informed</th><th>patient opposed</th><th>outcome</th></tr>
 * <tr><td>ACTIVE</td><td>yes</td><td>no</td><td>allowed</td></tr>
 * <tr><td>ACTIVE</td><td>no</td><td>—</td><td>{@code DMP-013}</td></tr>
 * <tr><td>ACTIVE</td><td>—</td><td>yes (recorded by the lab, or {@code OPPOSITION_ALIMENTATION} in TD0.2)</td>
 * <td>{@code DMP-012}</td></tr>
 * <tr><td>CLOSED</td><td>—</td><td>—</td><td>{@code DMP-014}</td></tr>
 * <tr><td>ABSENT</td><td>—</td><td>—</td><td>{@code DMP-015}</td></tr>
 * </table>
 *
 * <table>
 * <caption>Consultation (TD3.1 find, TD3.2 retrieve) of documents the lab did not write</caption>
 * <tr><th>DMP</th><th>authorisation</th><th>patient's consent</th><th>outcome</th></tr>
 * <tr><td>ACTIVE</td><td>VALID</td><td>yes</td><td>allowed</td></tr>
 * <tr><td>ACTIVE</td><td>NONE / EXPIRED / FORBIDDEN</td><td>—</td><td>{@code DMP-016}</td></tr>
 * <tr><td>ACTIVE</td><td>—</td><td>no</td><td>{@code DMP-017}</td></tr>
 * <tr><td>CLOSED / ABSENT</td><td>—</td><td>—</td><td>{@code DMP-014} / {@code DMP-015}</td></tr>
 * </table>
 *
 * <pre>{@code
 * ValidationResult r = ConsentGate.checkFeeding(dmp.status(ins), consent);
 * if (!r.isValid()) { ... nothing is sent ... }
 * }</pre>
 */
public final class ConsentGate {

    /**
     * An opposition to feeding when the DMP returns one (the public specifications keep this opposition on the
     * lab's side; it is honoured when TD0.2 reports it).
     */
    public static final String OPPOSITION_FEEDING = "OPPOSITION_ALIMENTATION";

    private ConsentGate() {
    }

    /**
     * May the lab feed the DMP?
     *
     * @param status the TD0.2 answer
     * @param consent what the lab recorded
     * @return every failing rule
     */
    public static ValidationResult checkFeeding(DmpStatus status, PatientConsent consent) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(consent, "consent");
        ValidationResult.Builder r = ValidationResult.builder();
        state(r, status);
        if (!consent.informed()) {
            r.add(DmpError.PATIENT_NOT_INFORMED, "consent.informed");
        }
        if (consent.opposedToFeeding()) {
            r.add(DmpError.PATIENT_OPPOSED, "consent.opposedToFeeding");
        } else if (status.oppositions().contains(OPPOSITION_FEEDING)) {
            r.add(DmpError.PATIENT_OPPOSED, "status.oppositions");
        }
        return r.build();
    }

    /**
     * May the lab consult the DMP (documents it did not write)?
     *
     * @param status the TD0.2 answer
     * @param consent what the lab recorded
     * @return every failing rule
     */
    public static ValidationResult checkConsultation(DmpStatus status, PatientConsent consent) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(consent, "consent");
        ValidationResult.Builder r = ValidationResult.builder();
        state(r, status);
        if (status.state() == DmpState.ACTIVE && status.authorization() != AuthorizationStatus.VALID) {
            r.add(DmpError.NOT_AUTHORISED, "status.authorization", status.authorization());
        }
        if (!consent.consultationConsent()) {
            r.add(DmpError.NO_CONSULTATION_CONSENT, "consent.consultationConsent");
        }
        return r.build();
    }

    private static void state(ValidationResult.Builder r, DmpStatus status) {
        switch (status.state()) {
            case CLOSED -> r.add(DmpError.DMP_CLOSED, "status.state",
                    status.closingDate().map(String::valueOf).orElse("-")
                            + status.closingReason().map(s -> ", " + s).orElse(""));
            case ABSENT -> r.add(DmpError.DMP_ABSENT, "status.state", "TD0.2");
            default -> {
            }
        }
    }
}
