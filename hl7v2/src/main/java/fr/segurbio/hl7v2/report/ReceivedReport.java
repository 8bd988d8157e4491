package fr.segurbio.hl7v2.report;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.PatientIdentifier;
import java.util.List;
import java.util.Optional;

/**
 * A report message read back (what a PFI receives): the action the three coherent fields ask for, the decoded
 * CDA, the MetaDMPMSS switches, the PRT participants, PID-3, and every problem.
 *
 * <pre>{@code
 * ReceivedReport r = ReportMessageReader.create().read(message);
 * r.document().ifPresent(cda -> validate(cda));
 * r.problems().errors();
 * }</pre>
 *
 * @param controlId MSH-10
 * @param flavour ORU or MDM
 * @param action the action, empty when OBX-11 is missing or incoherent
 * @param document the decoded CDA, empty when absent or not base64
 * @param flags the switches found
 * @param participants the PRT segments, in order
 * @param patientIdentifiers PID-3
 * @param problems every problem
 */
public record ReceivedReport(String controlId, MessageFlavour flavour, Optional<DocumentAction> action,
        Optional<byte[]> document, DmpMssFlags flags, List<Participant> participants,
        List<PatientIdentifier> patientIdentifiers, ValidationResult problems) {

    /**
     * Copies the lists.
     *
     * @param controlId MSH-10
     * @param flavour ORU or MDM
     * @param action the action
     * @param document the decoded CDA
     * @param flags the switches found
     * @param participants the PRT segments
     * @param patientIdentifiers PID-3
     * @param problems every problem
     */
    public ReceivedReport {
        participants = List.copyOf(participants);
        patientIdentifiers = List.copyOf(patientIdentifiers);
    }
}
