package fr.segurbio.testkit.dmp;

/**
 * The error codes the simulator puts in {@code rs:RegistryError/@errorCode} of a {@code Failure} response
 * (ITI-41, ITI-18, ITI-43, ITI-57). The {@code XDS…} codes and {@code UnresolvedReferenceException} are the IHE ITI
 * TF-3 codes. The DMP's own catalogue (annex A7-1 of "Service DMP intégré aux LPS") is not public: only
 * {@code DMPClosed} was seen verbatim (an ANS HL7v2 example); the other {@code DMP…} codes are the simulator's own
 * names for the DMP rules the specifications describe.
 *
 * <pre>{@code
 * assertThat(response).contains(DmpErrorCode.DUPLICATE_UNIQUE_ID.code());
 * }</pre>
 */
public enum DmpErrorCode {
    /** Generic registry error. */
    REGISTRY_ERROR("XDSRegistryError", "Erreur du registre"),
    /** Metadata missing or outside the DMP value sets. */
    REGISTRY_METADATA_ERROR("XDSRegistryMetadataError", "Métadonnées invalides"),
    /** Repository metadata (hash, size, repositoryUniqueId) inconsistent. */
    REPOSITORY_METADATA_ERROR("XDSRepositoryMetadataError", "Métadonnées du dépôt invalides"),
    /** A document with the same uniqueId is already registered. */
    DUPLICATE_UNIQUE_ID("XDSDuplicateUniqueIdInRegistry", "Identifiant unique déjà enregistré"),
    /** The patient ids of the submission (or of the VIHF) differ. */
    PATIENT_ID_DOES_NOT_MATCH("XDSPatientIdDoesNotMatch", "Identifiants patient incohérents"),
    /** The patient id is unknown, malformed, or its INS OID does not belong to the environment. */
    UNKNOWN_PATIENT_ID("XDSUnknownPatientId", "Identifiant patient inconnu"),
    /** A DocumentEntry has no document. */
    MISSING_DOCUMENT("XDSMissingDocument", "Document absent"),
    /** A document has no DocumentEntry. */
    MISSING_DOCUMENT_METADATA("XDSMissingDocumentMetadata", "Métadonnées du document absentes"),
    /** The hash given differs from the document's. */
    NON_IDENTICAL_HASH("XDSNonIdenticalHash", "Empreinte du document différente"),
    /** The document asked for (ITI-43) is unknown. */
    DOCUMENT_UNIQUE_ID_ERROR("XDSDocumentUniqueIdError", "Document inconnu"),
    /** The repository asked for (ITI-43) is not this one. */
    UNKNOWN_REPOSITORY_ID("XDSUnknownRepositoryId", "Entrepôt inconnu"),
    /** The stored query id is unknown. */
    UNKNOWN_STORED_QUERY("XDSUnknownStoredQuery", "Requête inconnue"),
    /** A required stored-query parameter is missing or malformed. */
    STORED_QUERY_PARAM("XDSStoredQueryParamNumber", "Paramètre de requête absent ou invalide"),
    /** An ITI-57 update that the DMP does not allow (transition, changed metadata). */
    METADATA_UPDATE_ERROR("XDSMetadataUpdateError", "Mise à jour des métadonnées refusée"),
    /** An ITI-57 update whose PreviousVersion or OriginalStatus is not the current one. */
    METADATA_VERSION_ERROR("XDSMetadataVersionError", "Version ou statut précédent incorrect"),
    /** An association targets an entry the registry does not hold. */
    UNRESOLVED_REFERENCE("UnresolvedReferenceException", "Référence inconnue"),
    /** The patient's DMP is closed (seen verbatim in an ANS example). */
    DMP_CLOSED("DMPClosed", "DMP fermé"),
    /** The patient has no DMP (simulator's name). */
    DMP_NOT_FOUND("DMPPatientNotFound", "DMP inexistant"),
    /** The patient opposed the feeding of the DMP by this structure (simulator's name). */
    DMP_OPPOSITION("DMPPatientOpposition", "Opposition du patient"),
    /** The structure is not allowed to access this DMP (simulator's name). */
    DMP_ACCESS_DENIED("DMPAccessDenied", "Accès refusé"),
    /** An N3 without its N1 and XFRM association, or an N1/N3 pair not acted on together (simulator's name). */
    DMP_N1_N3("DMPInvalidN1N3", "Règle N1/N3 non respectée"),
    /**
     * The XAdES signature document is not a valid enveloping signature by an ORG SIGN certificate of the
     * structure covering a manifest of the submitted documents (simulator's name).
     */
    DMP_SIGNATURE_DOCUMENT("DMPInvalidSignatureDocument", "Document de signature invalide"),
    /** A replacement or update of a document another structure authored (simulator's name; volet code 901). */
    DMP_AUTHOR_NOT_ALLOWED("DMPAuthorNotAllowed", "Auteur non autorisé à remplacer ou modifier le document");

    private final String code;
    private final String label;

    DmpErrorCode(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /**
     * The code as written in {@code RegistryError/@errorCode}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }

    /**
     * A short French label; the {@code codeContext} of the error says what was wrong.
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
