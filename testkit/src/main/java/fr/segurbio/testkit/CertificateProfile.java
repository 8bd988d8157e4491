package fr.segurbio.testkit;

/**
 * What a certificate issued by {@link TestPki} is for, in the way IGC-Santé organisation certificates are
 * profiled: its key usage and extended key usage.
 */
public enum CertificateProfile {
    /** Organisation authentication certificate (IGC-Santé "ORG AUTH_CLI"): digitalSignature, keyEncipherment, clientAuth. */
    ORG_AUTH_CLI,
    /** Organisation signature certificate (IGC-Santé "ORG SIGN"): nonRepudiation only, no TLS use. */
    ORG_SIGN,
    /** A TLS server: digitalSignature, keyEncipherment, serverAuth, with subject alternative names. */
    SERVER
}
