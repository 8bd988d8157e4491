package fr.segurbio.hl7v2.pam;

import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.ins.IdentityStatus;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.PatientIdentity;
import java.util.List;
import java.util.Optional;

/**
 * One patient of a PAM FR message: every PID-3 identifier, the INS when one was valid, the PID-32 codes as
 * received and the status they declare, how the identity was obtained (ZFD), and the identity the SGL would store
 * (ins-core's {@link PatientIdentity}, whose RNIV status is derived from facts: it is never raised above what the
 * message proves, see {@link PamFrReader}). Empty identity when the traits are unusable.
 *
 * <pre>{@code
 * PamIdentity p = update.patient();
 * p.declaredStatus();                 // Optional[VALIDEE] for PID-32 VALI
 * p.identity().orElseThrow().status(); // what the SGL records
 * }</pre>
 *
 * @param identifiers PID-3, in order
 * @param ins the valid INS of PID-3
 * @param reliabilityCodes PID-32, in order
 * @param declaredStatus the RNIV status PID-32 names ({@code PROV}, {@code RECUP}, {@code VALI}, {@code QUAL})
 * @param provenance ZFD
 * @param identity the identity as the SGL records it
 */
public record PamIdentity(List<PatientIdentifier> identifiers, Optional<Ins> ins, List<String> reliabilityCodes,
        Optional<IdentityStatus> declaredStatus, Optional<IdentityProvenance> provenance,
        Optional<PatientIdentity> identity) {

    /**
     * Copies the lists.
     *
     * @param identifiers PID-3, in order
     * @param ins the valid INS of PID-3
     * @param reliabilityCodes PID-32, in order
     * @param declaredStatus the RNIV status PID-32 names
     * @param provenance ZFD
     * @param identity the identity as the SGL records it
     */
    public PamIdentity {
        identifiers = List.copyOf(identifiers);
        reliabilityCodes = List.copyOf(reliabilityCodes);
    }

    /**
     * The local patient id (first PID-3 identifier typed {@code PI}).
     *
     * @return the IPP, empty when absent
     */
    public Optional<PatientIdentifier> ipp() {
        return identifiers.stream().filter(i -> "PI".equalsIgnoreCase(i.typeCode())).findFirst();
    }
}
