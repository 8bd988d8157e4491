package fr.segurbio.cda;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The XDS DocumentEntry metadata of a written CR-BIO, computed while writing so that DMP and MSSanté never
 * re-parse the XML: type, class, format, dates, author, confidentiality, patient, size and hash.
 *
 * <pre>{@code
 * WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
 * XdsMetadata m = n3.metadata();
 * m.formatCode().code();   // "urn:ihe:lab:xd-lab:2008"
 * m.patientId();           // "279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH", when the INS is qualified
 * }</pre>
 *
 * @param kind N3 or N1
 * @param uniqueId the document's uniqueId ({@code root} or {@code root^extension})
 * @param setId the set id (as the uniqueId form), shared by every version
 * @param version the version number
 * @param typeCode the document type ({@code 11502-2} LOINC, JDV_J07)
 * @param classCode the document class ({@code 10} "Compte rendu", TRE_A03)
 * @param formatCode {@code urn:ihe:lab:xd-lab:2008} (N3) or {@code urn:ihe:iti:xds-sd:pdf:2008} (N1)
 * @param mimeType {@code text/xml}
 * @param title the document title
 * @param creationTime the document's creation time, in UTC
 * @param serviceStartTime the start of the act (reception of the request), in UTC
 * @param serviceStopTime the end of the act (release of the report), in UTC
 * @param confidentialityCode the confidentiality code
 * @param languageCode the language ({@code fr-FR})
 * @param patientId the patient's INS as an HL7 v2 CX ({@code INS^^^&OID&ISO^NH}); empty when the identity is
 *        not qualified, in which case the document cannot go to the DMP
 * @param sourcePatientId the local identifier as a CX ({@code IPP^^^&OID&ISO^PI})
 * @param authors the authors
 * @param practiceSettingCode the performing lab's practice setting (JDV_J04)
 * @param healthcareFacilityTypeCode the facility type (JDV_J02)
 * @param eventCodes the chapter codes of the report
 * @param replacedUniqueId the uniqueId of the version this document replaces (an XDS RPLC association)
 * @param size the document size in bytes
 * @param hash the SHA-1 of the document, lower-case hexadecimal
 */
public record XdsMetadata(DocumentKind kind, String uniqueId, String setId, int version, Code typeCode,
        Code classCode, Code formatCode, String mimeType, String title, Instant creationTime,
        Instant serviceStartTime, Instant serviceStopTime, Code confidentialityCode, String languageCode,
        Optional<String> patientId, String sourcePatientId, List<Author> authors, Code practiceSettingCode,
        Code healthcareFacilityTypeCode, List<Code> eventCodes, Optional<String> replacedUniqueId, long size,
        String hash) {

    /** Class code "Compte rendu" (TRE_A03-ClasseDocument). */
    public static final Code CLASS_CODE = Code.of("10", CodeSystems.DOCUMENT_CLASS, "Compte rendu");
    /** Format code of the structured CR-BIO. */
    public static final Code FORMAT_N3 = Code.of("urn:ihe:lab:xd-lab:2008", CodeSystems.IHE_FORMAT,
            "CR d'examens biologiques");
    /** Format code of a PDF in a CDA level 1. */
    public static final Code FORMAT_N1_PDF = Code.of("urn:ihe:iti:xds-sd:pdf:2008", CodeSystems.IHE_FORMAT,
            "Document à corps non structuré en Pdf/A-1");

    /**
     * Copies the lists.
     *
     * @param kind N3 or N1
     * @param uniqueId the uniqueId
     * @param setId the set id
     * @param version the version
     * @param typeCode the type code
     * @param classCode the class code
     * @param formatCode the format code
     * @param mimeType the MIME type
     * @param title the title
     * @param creationTime the creation time
     * @param serviceStartTime the service start
     * @param serviceStopTime the service stop
     * @param confidentialityCode the confidentiality
     * @param languageCode the language
     * @param patientId the INS as CX, if qualified
     * @param sourcePatientId the local id as CX
     * @param authors the authors
     * @param practiceSettingCode the practice setting
     * @param healthcareFacilityTypeCode the facility type
     * @param eventCodes the chapter codes
     * @param replacedUniqueId the replaced uniqueId
     * @param size the size
     * @param hash the SHA-1
     */
    public XdsMetadata {
        authors = List.copyOf(authors);
        eventCodes = List.copyOf(eventCodes);
    }

    /**
     * An author of the document, in the forms XDS uses.
     *
     * @param person the author as HL7 v2 XCN ({@code idNat^NOM^Prénom^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS})
     * @param institution the organization as XON, or {@code null}
     * @param role the profession code (J01) as {@code code^display^system}, or {@code null}
     * @param specialty the specialty as {@code code^display^system}, or {@code null}
     */
    public record Author(String person, String institution, String role, String specialty) {
    }
}
