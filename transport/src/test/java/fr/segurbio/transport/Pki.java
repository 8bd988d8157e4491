package fr.segurbio.transport;

import fr.segurbio.testkit.TestPki;

/** One test PKI shared by the module's tests (key generation is the slow part). */
final class Pki {

    private static TestPki pki;

    private Pki() {
    }

    static synchronized TestPki get() {
        if (pki == null) {
            pki = TestPki.create();
            TestPki p = pki;
            Runtime.getRuntime().addShutdownHook(new Thread(p::close));
        }
        return pki;
    }

    static SoftwareCertificate load(fr.segurbio.testkit.TestIdentity id) {
        return SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load();
    }

    static TrustStore trust() {
        return TrustStore.fromPem(get().trustAnchorsPem());
    }
}
