package fr.segurbio.testkit.dmp;

/**
 * The SOAP 1.2 faults the simulator answers (HTTP 500) when a request fails before the registry looks at it: the
 * envelope, WS-Addressing, the VIHF, or the schema. Each has a {@code Code/Value} ({@code soap:Sender} unless
 * said), a standard {@code Subcode} (WS-Addressing or WS-Security 1.0 fault codes) and, in {@code Detail}, an
 * element {@code <dmp:erreur xmlns:dmp="urn:segurbio:testkit:dmp" code="…">} naming the simulator's own detailed
 * code (the DMP's catalogue is not public) with a French text saying what was wrong.
 *
 * <pre>{@code
 * assertThat(responseText).contains("code=\"" + DmpFaultCode.VIHF_ATTRIBUTE.detailCode() + "\"");
 * }</pre>
 */
public enum DmpFaultCode {
    /** Not a SOAP 1.2 envelope, not MTOM where required, or the body is not the transaction's. */
    INVALID_MESSAGE("soap:Sender", null, "REQUETE_INVALIDE"),
    /** The body does not validate against the XDS schemas. */
    SCHEMA("soap:Sender", null, "SCHEMA_XDS"),
    /** A WS-Addressing header is missing (Action, MessageID, To) or Action lacks mustUnderstand. */
    ADDRESSING_HEADER("soap:Sender", "wsa:MessageAddressingHeaderRequired", "WSA_ENTETE"),
    /** The Action is not one of this endpoint's, or does not match the body. */
    ACTION_NOT_SUPPORTED("soap:Sender", "wsa:ActionNotSupported", "WSA_ACTION"),
    /** No {@code wsse:Security} header, or no single VIHF assertion in it, or the VIHF fails the VIHF schema. */
    VIHF_MISSING("soap:Sender", "wsse:InvalidSecurity", "VIHF_ABSENT"),
    /** A VIHF attribute or element is missing or has a wrong value. */
    VIHF_ATTRIBUTE("soap:Sender", "wsse:InvalidSecurityToken", "VIHF_ATTRIBUT"),
    /** The VIHF's XML signature is missing, not in the required form, or does not verify. */
    VIHF_SIGNATURE("soap:Sender", "wsse:FailedCheck", "VIHF_SIGNATURE"),
    /** The VIHF's signing certificate is not a trusted ORG SIGN certificate of the TLS client's structure. */
    VIHF_CERTIFICATE("soap:Sender", "wsse:FailedAuthentication", "VIHF_CERTIFICAT"),
    /** The VIHF is not yet valid or no longer valid. */
    VIHF_EXPIRED("soap:Sender", "wsse:MessageExpired", "VIHF_EXPIRE"),
    /** The TLS client certificate is not an ORG AUTH_CLI certificate. */
    TLS_CERTIFICATE("soap:Sender", "wsse:FailedAuthentication", "CERTIFICAT_TLS"),
    /** A fault injected by the test ({@link DmpFault#soapFault}). */
    SIMULATED("soap:Receiver", null, "SIMULATEUR");

    private final String code;
    private final String subcode;
    private final String detailCode;

    DmpFaultCode(String code, String subcode, String detailCode) {
        this.code = code;
        this.subcode = subcode;
        this.detailCode = detailCode;
    }

    /**
     * The {@code Code/Value}.
     *
     * @return {@code soap:Sender} or {@code soap:Receiver}
     */
    public String code() {
        return code;
    }

    /**
     * The {@code Subcode/Value}, prefix {@code wsa} or {@code wsse}, or {@code null}.
     *
     * @return the subcode
     */
    public String subcode() {
        return subcode;
    }

    /**
     * The {@code code} attribute of {@code dmp:erreur} in the detail.
     *
     * @return the detailed code
     */
    public String detailCode() {
        return detailCode;
    }
}
