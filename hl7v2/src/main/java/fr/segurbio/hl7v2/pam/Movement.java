package fr.segurbio.hl7v2.pam;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The movement of ZBE (PAM FR): its id (ZBE-1), start (ZBE-2), action (ZBE-4), whether it is historic (ZBE-5),
 * the medical care unit (ZBE-7) and the nature (ZBE-9: {@code HMS}, {@code H}, {@code M}, {@code S}, {@code L},
 * {@code D}, {@code C}…).
 *
 * <pre>{@code
 * Movement m = update.movement().orElseThrow();
 * m.action();          // INSERT
 * }</pre>
 *
 * @param id ZBE-1.1
 * @param start ZBE-2
 * @param action ZBE-4
 * @param historic ZBE-5 = Y
 * @param medicalUnit ZBE-7.1 (the unit's name), empty when not given
 * @param nature ZBE-9
 */
public record Movement(String id, Optional<LocalDateTime> start, Action action, boolean historic,
        Optional<String> medicalUnit, String nature) {

    /** ZBE-4. */
    public enum Action {
        /** A new movement. */
        INSERT,
        /** An update of a movement. */
        UPDATE,
        /** The cancellation of a movement. */
        CANCEL
    }
}
