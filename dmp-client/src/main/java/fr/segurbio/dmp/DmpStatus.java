package fr.segurbio.dmp;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The answer to TD0.2 (test d'existence): the DMP's state, the structure's authorisation, and what the DMP
 * tells about closing and the patient's oppositions.
 *
 * <pre>{@code
 * DmpStatus s = dmp.status(ins);
 * ConsentGate.checkFeeding(s, consent).orThrow(DmpException::new);
 * }</pre>
 *
 * @param state the DMP's state
 * @param authorization the structure's authorisation
 * @param closingDate when the DMP was closed, if it is
 * @param closingReason why, if told
 * @param oppositions the patient's oppositions the DMP returned ({@code OPPOSITION_BRIS_DE_GLACE},
 *        {@code OPPOSITION_ACCES_URGENCE} …)
 * @param webAccessOpen whether the patient's web access is open, if told
 */
public record DmpStatus(DmpState state, AuthorizationStatus authorization, Optional<LocalDate> closingDate,
        Optional<String> closingReason, Set<String> oppositions, Optional<Boolean> webAccessOpen) {

    /**
     * Checks and copies the fields.
     *
     * @param state the state
     * @param authorization the authorisation
     * @param closingDate the closing date
     * @param closingReason the closing reason
     * @param oppositions the oppositions
     * @param webAccessOpen the web access flag
     */
    public DmpStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(closingDate, "closingDate");
        Objects.requireNonNull(closingReason, "closingReason");
        oppositions = Set.copyOf(oppositions);
        Objects.requireNonNull(webAccessOpen, "webAccessOpen");
    }

    /**
     * An active DMP with the given authorisation and nothing else told.
     *
     * @param authorization the authorisation
     * @return the status
     */
    public static DmpStatus active(AuthorizationStatus authorization) {
        return new DmpStatus(DmpState.ACTIVE, authorization, Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty());
    }
}
