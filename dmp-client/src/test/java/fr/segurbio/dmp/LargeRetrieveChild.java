package fr.segurbio.dmp;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

/**
 * The client side of {@link LargeRetrieveIT}, run in a JVM of its own with a heap smaller than the document: it
 * retrieves the document with {@link DmpClient#retrieveTo} into a digest and prints
 * {@code size=N sha256=HEX maxHeap=BYTES} (maxHeap: the most heap it may use). Arguments: base URL, ORG AUTH_CLI
 * PKCS#12, ORG SIGN PKCS#12, their password, the trust anchors' PEM, the INS matricule, the document's uniqueId.
 */
final class LargeRetrieveChild {

    private LargeRetrieveChild() {
    }

    public static void main(String[] args) throws Exception {
        char[] password = args[3].toCharArray();
        try (ServiceConnection connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(Path.of(args[1]), password).load())
                .trustStore(TrustStore.fromPem(Path.of(args[4])))
                .connectTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofSeconds(60))
                .totalTimeout(Duration.ofSeconds(120)).noCircuitBreaker().build()) {
            DmpClient client = DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                    .endpoint(URI.create(args[0])).vihf(Fixtures.vihf())
                    .signingCertificate(SoftwareCertificate.pkcs12(Path.of(args[2]), password).load())
                    .actor(DmpActor.automate(Fixtures.STRUCTURE + "/SGL", "SGL-LABO, automate, laboratoire"))
                    .structure(Fixtures.STRUCTURE, "Laboratoire des charmes").build();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StreamedDocument d;
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                d = client.retrieveTo(Ins.of(args[5], "1.2.250.1.213.1.4.10"), args[6], out, 200L * 1024 * 1024);
            }
            System.out.println("size=" + d.size() + " sha256=" + HexFormat.of().formatHex(sha.digest())
                    + " maxHeap=" + Runtime.getRuntime().maxMemory());
        }
    }
}
