package fr.segurbio.dmp.internal;

/** XDS.b / ebRIM 3.0 constants: namespaces, scheme UUIDs, association types, statuses, query ids. */
public final class Xds {

    /** ebRIM 3.0. */
    public static final String RIM = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
    /** ebRS LCM 3.0. */
    public static final String LCM = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
    /** ebRS query 3.0. */
    public static final String QUERY = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";
    /** ebRS rs 3.0. */
    public static final String RS = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
    /** IHE XDS.b. */
    public static final String XDSB = "urn:ihe:iti:xds-b:2007";
    /** XOP. */
    public static final String XOP = "http://www.w3.org/2004/08/xop/include";

    /** SubmissionSet classification node. */
    public static final String SUBMISSION_SET = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
    /** SubmissionSet.author. */
    public static final String SS_AUTHOR = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
    /** SubmissionSet.contentTypeCode. */
    public static final String SS_CONTENT_TYPE = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
    /** SubmissionSet.patientId. */
    public static final String SS_PATIENT_ID = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
    /** SubmissionSet.sourceId. */
    public static final String SS_SOURCE_ID = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
    /** SubmissionSet.uniqueId. */
    public static final String SS_UNIQUE_ID = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
    /** DocumentEntry object type (stable). */
    public static final String DOCUMENT_ENTRY = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
    /** DocumentEntry.author. */
    public static final String DE_AUTHOR = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
    /** DocumentEntry.classCode. */
    public static final String DE_CLASS = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
    /** DocumentEntry.confidentialityCode. */
    public static final String DE_CONFIDENTIALITY = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
    /** DocumentEntry.eventCodeList. */
    public static final String DE_EVENT = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
    /** DocumentEntry.formatCode. */
    public static final String DE_FORMAT = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
    /** DocumentEntry.healthCareFacilityTypeCode. */
    public static final String DE_FACILITY = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
    /** DocumentEntry.patientId. */
    public static final String DE_PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
    /** DocumentEntry.practiceSettingCode. */
    public static final String DE_PRACTICE = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
    /** DocumentEntry.typeCode. */
    public static final String DE_TYPE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
    /** DocumentEntry.uniqueId. */
    public static final String DE_UNIQUE_ID = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";

    /** HasMember. */
    public static final String HAS_MEMBER = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
    /** Replacement. */
    public static final String RPLC = "urn:ihe:iti:2007:AssociationType:RPLC";
    /** Transformation. */
    public static final String XFRM = "urn:ihe:iti:2007:AssociationType:XFRM";
    /** Signature. */
    public static final String SIGNS = "urn:ihe:iti:2007:AssociationType:signs";
    /** ITI-57 status change. */
    public static final String UPDATE_AVAILABILITY = "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";

    /** Approved. */
    public static final String APPROVED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
    /** Deprecated. */
    public static final String DEPRECATED = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";
    /** DMP archived. */
    public static final String ARCHIVED = "urn:asip:ci-sis:2010:StatusType:Archived";
    /** DMP deleted. */
    public static final String DELETED = "urn:asip:ci-sis:2010:StatusType:Deleted";

    /** Success. */
    public static final String SUCCESS = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
    /** Failure. */
    public static final String FAILURE = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
    /** Partial success. */
    public static final String PARTIAL = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";

    /** FindDocuments stored query. */
    public static final String FIND_DOCUMENTS = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
    /** GetDocuments stored query. */
    public static final String GET_DOCUMENTS = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
    /** GetRelatedDocuments stored query. */
    public static final String GET_RELATED_DOCUMENTS = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6";

    /** The ITI-41 action. */
    public static final String ACTION_ITI41 = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
    /** The ITI-18 action. */
    public static final String ACTION_ITI18 = "urn:ihe:iti:2007:RegistryStoredQuery";
    /** The ITI-43 action. */
    public static final String ACTION_ITI43 = "urn:ihe:iti:2007:RetrieveDocumentSet";
    /** The ITI-57 action. */
    public static final String ACTION_ITI57 = "urn:ihe:iti:2010:UpdateDocumentSet";
    /** The TD0.2 action. */
    public static final String ACTION_TD02 = "urn:hl7-org:v3:PRPA_IN201307UV02";

    private Xds() {
    }
}
