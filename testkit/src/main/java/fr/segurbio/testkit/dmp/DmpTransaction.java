package fr.segurbio.testkit.dmp;

/**
 * The transactions the simulator answers, each on its service path (under {@link DmpSimulator#BASE_PATH}) with
 * its WS-Addressing Action.
 *
 * <pre>{@code
 * simulator.inject(DmpTransaction.ITI_41, 1, DmpFault.dropAfterCommit());
 * }</pre>
 */
public enum DmpTransaction {
    /** TD0.2 test d'existence, HL7v3 {@code PRPA_IN201307UV02}, on {@code patients}. */
    TD0_2("patients", "urn:hl7-org:v3:PRPA_IN201307UV02", "urn:hl7-org:v3:PRPA_IN201308UV02"),
    /** TD2.1 ITI-41 Provide and Register Document Set-b (MTOM), on {@code repository}. */
    ITI_41("repository", "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b",
            "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse"),
    /** TD3.1 ITI-18 Registry Stored Query, on {@code registry}. */
    ITI_18("registry", "urn:ihe:iti:2007:RegistryStoredQuery", "urn:ihe:iti:2007:RegistryStoredQueryResponse"),
    /** TD3.2 ITI-43 Retrieve Document Set (MTOM response), on {@code repository}. */
    ITI_43("repository", "urn:ihe:iti:2007:RetrieveDocumentSet", "urn:ihe:iti:2007:RetrieveDocumentSetResponse"),
    /** TD3.3 ITI-57 Update Document Set, on {@code registry}. */
    ITI_57("registry", "urn:ihe:iti:2010:UpdateDocumentSet", "urn:ihe:iti:2010:UpdateDocumentSetResponse");

    private final String service;
    private final String action;
    private final String responseAction;

    DmpTransaction(String service, String action, String responseAction) {
        this.service = service;
        this.action = action;
        this.responseAction = responseAction;
    }

    /**
     * The service name appended to the base URL.
     *
     * @return {@code patients}, {@code repository} or {@code registry}
     */
    public String service() {
        return service;
    }

    /**
     * The request's WS-Addressing Action.
     *
     * @return the action
     */
    public String action() {
        return action;
    }

    /**
     * The response's WS-Addressing Action.
     *
     * @return the action
     */
    public String responseAction() {
        return responseAction;
    }

    static DmpTransaction byAction(String action) {
        for (DmpTransaction t : values()) {
            if (t.action.equals(action)) {
                return t;
            }
        }
        return null;
    }
}
