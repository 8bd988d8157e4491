package fr.segurbio.transport;

/**
 * What a software certificate will be used for; {@link SoftwareCertificate.Loader#requireUsage} checks that its
 * key usage and extended key usage allow it.
 */
public enum CertificateUsage {
    /** TLS client authentication: key usage digitalSignature, extended key usage clientAuth when present. */
    TLS_CLIENT("TLS client (digitalSignature + clientAuth)"),
    /** Signing documents and assertions: key usage digitalSignature or nonRepudiation. */
    SIGNATURE("signature (digitalSignature | nonRepudiation)");

    private final String label;

    CertificateUsage(String label) {
        this.label = label;
    }

    /**
     * A label naming the bits required, used in messages.
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
