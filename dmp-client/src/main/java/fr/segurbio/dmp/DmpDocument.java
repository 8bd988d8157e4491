package fr.segurbio.dmp;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.cda.Code;

/**
 * A document entry the DMP returned (ITI-18, LeafClass): its identifiers (entryUUID, uniqueId, logicalId and
 * version), status, codes, visibility restrictions, patient, authors and where to retrieve it.
 *
 * <pre>{@code
 * for (DmpDocument d : dmp.find(FindQuery.of(ins))) {
 *     System.out.println(d.uniqueId() + " " + d.status() + " " + d.visibility());
 * }
 * }</pre>
 *
 * @param entryUuid the entryUUID
 * @param uniqueId the uniqueId
 * @param logicalId the logical id ({@code lid}: shared by every metadata version)
 * @param version the metadata version ({@code VersionInfo/@versionName}, {@code 1} when absent)
 * @param status the availability status, or {@code null} when the DMP gave one this SDK does not know
 * @param mimeType the MIME type
 * @param title the title, if any
 * @param creationTime the creation time, if given
 * @param classCode the class code, if given
 * @param typeCode the type code, if given
 * @param formatCode the format code, if given
 * @param confidentiality every confidentialityCode
 * @param patientId the patient id (CX)
 * @param authorInstitutions the authors' institutions (XON)
 * @param authorPersons the authors (XCN)
 * @param repositoryUniqueId the repository to retrieve from, if given
 * @param size the size, if given
 * @param hash the SHA-1, if given
 */
public record DmpDocument(String entryUuid, String uniqueId, String logicalId, int version, DocumentStatus status,
        String mimeType, Optional<String> title, Optional<Instant> creationTime, Optional<Code> classCode,
        Optional<Code> typeCode, Optional<Code> formatCode, List<Code> confidentiality, String patientId,
        List<String> authorInstitutions, List<String> authorPersons, Optional<String> repositoryUniqueId,
        Optional<Long> size, Optional<String> hash) {

    /**
     * Copies the lists.
     *
     * @param entryUuid entryUuid
     * @param uniqueId uniqueId
     * @param logicalId logicalId
     * @param version version
     * @param status status
     * @param mimeType mimeType
     * @param title title
     * @param creationTime creationTime
     * @param classCode classCode
     * @param typeCode typeCode
     * @param formatCode formatCode
     * @param confidentiality confidentiality
     * @param patientId patientId
     * @param authorInstitutions authorInstitutions
     * @param authorPersons authorPersons
     * @param repositoryUniqueId repositoryUniqueId
     * @param size size
     * @param hash hash
     */
    public DmpDocument {
        Objects.requireNonNull(entryUuid, "entryUuid");
        Objects.requireNonNull(uniqueId, "uniqueId");
        confidentiality = List.copyOf(confidentiality);
        authorInstitutions = List.copyOf(authorInstitutions);
        authorPersons = List.copyOf(authorPersons);
    }

    /**
     * The visibility restrictions among the confidentiality codes.
     *
     * @return the restrictions
     */
    public Set<Visibility> visibility() {
        Set<Visibility> s = EnumSet.noneOf(Visibility.class);
        for (Code c : confidentiality) {
            Visibility v = Visibility.CODE_SYSTEM.equals(c.codeSystem()) ? Visibility.fromCode(c.code()) : null;
            if (v != null) {
                s.add(v);
            }
        }
        return s;
    }

    /**
     * Whether this is a CDA N1 (PDF or text).
     *
     * @return {@code true} for an N1
     */
    public boolean isN1() {
        return formatCode.map(c -> c.code().startsWith("urn:ihe:iti:xds-sd:")).orElse(false);
    }

    /**
     * Whether this is a CR-BIO N3.
     *
     * @return {@code true} for an N3
     */
    public boolean isN3() {
        return formatCode.map(c -> c.code().equals("urn:ihe:lab:xd-lab:2008")).orElse(false);
    }

    /**
     * The identifier of the authors' structures (the 10th XON component, or the XON's root).
     *
     * @return the structure identifiers
     */
    public List<String> authorStructureIds() {
        return authorInstitutions.stream().map(DmpDocument::xonId).toList();
    }

    static String xonId(String xon) {
        String[] parts = xon.split("\\^", -1);
        if (parts.length >= 10 && !parts[9].isEmpty()) {
            return parts[9];
        }
        return parts.length >= 6 ? parts[5] : xon;
    }
}
