package fr.segurbio.dmp.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import fr.segurbio.cda.Code;

/**
 * The metadata of one DocumentEntry as it is written into the ebRIM.
 *
 * @param entryId the entryUUID ({@code urn:uuid:…})
 * @param uniqueId the uniqueId
 * @param mimeType the MIME type
 * @param title the title, if any
 * @param creationTime the creation time
 * @param serviceStart the service start, if any
 * @param serviceStop the service stop, if any
 * @param language the language code
 * @param patientId the patient id (CX)
 * @param sourcePatientId the source patient id (CX)
 * @param sourcePatientInfo the PID-x values
 * @param hash the SHA-1 (hex)
 * @param size the size
 * @param authors the authors
 * @param classCode the class code
 * @param confidentiality the confidentiality codes, first the CDA's
 * @param events the event codes
 * @param formatCode the format code
 * @param facility the healthcare facility type
 * @param practice the practice setting
 * @param typeCode the type code
 */
public record EntryData(String entryId, String uniqueId, String mimeType, Optional<String> title,
        Instant creationTime, Optional<Instant> serviceStart, Optional<Instant> serviceStop, String language,
        String patientId, Optional<String> sourcePatientId, List<String> sourcePatientInfo, String hash, long size,
        List<Author> authors, Code classCode, List<Code> confidentiality, List<Code> events, Code formatCode,
        Code facility, Code practice, Code typeCode) {

    /**
     * Copies the lists.
     *
     * @param entryId entryId
     * @param uniqueId uniqueId
     * @param mimeType mimeType
     * @param title title
     * @param creationTime creationTime
     * @param serviceStart serviceStart
     * @param serviceStop serviceStop
     * @param language language
     * @param patientId patientId
     * @param sourcePatientId sourcePatientId
     * @param sourcePatientInfo sourcePatientInfo
     * @param hash hash
     * @param size size
     * @param authors authors
     * @param classCode classCode
     * @param confidentiality confidentiality
     * @param events events
     * @param formatCode formatCode
     * @param facility facility
     * @param practice practice
     * @param typeCode typeCode
     */
    public EntryData {
        sourcePatientInfo = List.copyOf(sourcePatientInfo);
        authors = List.copyOf(authors);
        confidentiality = List.copyOf(confidentiality);
        events = List.copyOf(events);
    }

    /**
     * An author.
     *
     * @param person XCN, or {@code null}
     * @param institution XON, or {@code null}
     * @param role role, or {@code null}
     * @param specialty specialty, or {@code null}
     */
    public record Author(String person, String institution, String role, String specialty) {
    }
}
