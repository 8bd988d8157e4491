package fr.segurbio.hl7v2.pam;

import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Visit;
import java.util.List;
import java.util.Optional;

/**
 * What a PAM FR ADT message asks the SGL to do with its identities, as a typed event.
 *
 * <pre>{@code
 * switch (feed.event().orElseThrow()) {
 *     case IdentityEvent.Update u -> store(u.patient());
 *     case IdentityEvent.Merge m -> merge(m.survivor(), m.merged());
 *     case IdentityEvent.IdentifierChange c -> rename(c.previous(), c.patient());
 *     case IdentityEvent.Link l -> link(l.first(), l.second(), l.linked());
 * }
 * }</pre>
 */
public sealed interface IdentityEvent {

    /**
     * MSH-9.2, the trigger event.
     *
     * @return for example {@code A31}
     */
    String trigger();

    /**
     * A28, A31, A01, A03, A04, A08 and the other movement events: the patient's identity (create or update),
     * the DMP consent (ZFA), the movement (ZBE), the visit (PV1).
     *
     * @param trigger MSH-9.2
     * @param patient the patient
     * @param consent ZFA
     * @param movement ZBE
     * @param visit PV1
     */
    record Update(String trigger, PamIdentity patient, Optional<DmpConsent> consent, Optional<Movement> movement,
            Optional<Visit> visit) implements IdentityEvent {
    }

    /**
     * A40: the merged identities (MRG-1 of each PID/MRG pair) disappear into the surviving one (PID).
     *
     * @param trigger MSH-9.2
     * @param survivor the surviving identity
     * @param merged the identifiers of the identity merged into it
     */
    record Merge(String trigger, PamIdentity survivor, List<PatientIdentifier> merged) implements IdentityEvent {

        /**
         * Copies the list.
         *
         * @param trigger MSH-9.2
         * @param survivor the surviving identity
         * @param merged the identifiers of the identity merged into it
         */
        public Merge {
            merged = List.copyOf(merged);
        }
    }

    /**
     * A47: the patient's identifier list changes; {@code previous} (MRG-1) is replaced by PID-3.
     *
     * @param trigger MSH-9.2
     * @param patient the patient with the new identifiers
     * @param previous the identifiers replaced
     */
    record IdentifierChange(String trigger, PamIdentity patient, List<PatientIdentifier> previous)
            implements IdentityEvent {

        /**
         * Copies the list.
         *
         * @param trigger MSH-9.2
         * @param patient the patient with the new identifiers
         * @param previous the identifiers replaced
         */
        public IdentifierChange {
            previous = List.copyOf(previous);
        }
    }

    /**
     * A24 (link) or A37 (unlink) of two identities.
     *
     * @param trigger MSH-9.2
     * @param linked {@code true} for A24, {@code false} for A37
     * @param first the first PID
     * @param second the second PID
     */
    record Link(String trigger, boolean linked, PamIdentity first, PamIdentity second) implements IdentityEvent {
    }
}
