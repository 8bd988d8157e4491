package fr.segurbio.testkit.dmp;

import java.util.List;

/**
 * A snapshot of one document entry the simulator holds (one version of its metadata), for the test's
 * assertions ({@link DmpSimulator#documents(String)}).
 *
 * <pre>{@code
 * List<DmpDocument> docs = simulator.documents("2900175056031");
 * assertThat(docs).filteredOn(d -> d.status() == DmpDocument.Status.APPROVED).hasSize(3);
 * }</pre>
 *
 * @param entryUuid the registry's entryUUID ({@code urn:uuid:…})
 * @param logicalId the logical id shared by the versions of the entry (lid)
 * @param version the metadata version, 1 for the first
 * @param uniqueId the document's uniqueId
 * @param patientId the patient id (CX)
 * @param status the availability status
 * @param kind N1, N3, signature document or other
 * @param confidentialityCodes the confidentiality codes, such as {@code N}, {@code MASQUE_PS}
 * @param classCode the classCode
 * @param typeCode the typeCode
 * @param formatCode the formatCode
 * @param mimeType the mimeType
 * @param authorStructure the VIHF {@code Identifiant_Structure} of the submission that stored it
 * @param submissionSetUniqueId the uniqueId of its submission set
 * @param replaces the entryUUID this document replaced (RPLC), or {@code null}
 * @param transformOf for an N3, the entryUUID of its N1 (XFRM), or {@code null}
 * @param content the document's bytes
 */
public record DmpDocument(String entryUuid, String logicalId, int version, String uniqueId, String patientId,
        Status status, Kind kind, List<String> confidentialityCodes, String classCode, String typeCode,
        String formatCode, String mimeType, String authorStructure, String submissionSetUniqueId, String replaces,
        String transformOf, byte[] content) {

    /** The availability status. */
    public enum Status {
        /** {@code urn:oasis:names:tc:ebxml-regrep:StatusType:Approved}. */
        APPROVED("urn:oasis:names:tc:ebxml-regrep:StatusType:Approved"),
        /** {@code urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated} (replaced, or an older version). */
        DEPRECATED("urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated"),
        /** {@code urn:asip:ci-sis:2010:StatusType:Archived}. */
        ARCHIVED("urn:asip:ci-sis:2010:StatusType:Archived"),
        /** {@code urn:asip:ci-sis:2010:StatusType:Deleted}. */
        DELETED("urn:asip:ci-sis:2010:StatusType:Deleted");

        private final String urn;

        Status(String urn) {
            this.urn = urn;
        }

        /**
         * The status URN.
         *
         * @return the URN
         */
        public String urn() {
            return urn;
        }

        static Status byUrn(String urn) {
            for (Status s : values()) {
                if (s.urn.equals(urn)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** What a document is, from its formatCode. */
    public enum Kind {
        /** CDA R2 N3 CR-BIO ({@code urn:ihe:lab:xd-lab:2008}). */
        N3,
        /** CDA R2 N1 ({@code urn:ihe:iti:xds-sd:pdf:2008} or {@code …:text:2008}). */
        N1,
        /** The XAdES signature document ({@code http://www.w3.org/2000/09/xmldsig#}). */
        SIGNATURE,
        /** Anything else the value sets allow. */
        OTHER
    }

    /**
     * Checks the fields.
     *
     * @param entryUuid entryUUID
     * @param logicalId lid
     * @param version version
     * @param uniqueId uniqueId
     * @param patientId patient id
     * @param status status
     * @param kind kind
     * @param confidentialityCodes codes
     * @param classCode classCode
     * @param typeCode typeCode
     * @param formatCode formatCode
     * @param mimeType mimeType
     * @param authorStructure structure
     * @param submissionSetUniqueId submission set
     * @param replaces replaced entry
     * @param transformOf N1 of an N3
     * @param content bytes
     */
    public DmpDocument {
        confidentialityCodes = List.copyOf(confidentialityCodes);
        content = content.clone();
    }

    /**
     * A copy of the document's bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] content() {
        return content.clone();
    }
}
