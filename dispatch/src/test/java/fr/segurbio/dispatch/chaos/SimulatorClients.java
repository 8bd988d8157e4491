package fr.segurbio.dispatch.chaos;

import fr.segurbio.dispatch.ChannelSender;
import fr.segurbio.dispatch.DmpSender;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lab side of the reliability tests: dmp-client and mssante-client configured for the simulators from plain
 * settings (what a child process receives as {@code key=value} arguments), and the dispatcher's senders over them.
 *
 * @param dmp the DMP client
 * @param mss the lab mailbox's client
 * @param fileCopies whether the MSSanté senders file a copy of each accepted message in the sent folder
 * @param connections the service connections to close
 */
public record SimulatorClients(DmpClient dmp, MssClient mss, boolean fileCopies, List<ServiceConnection> connections)
        implements AutoCloseable {

    /** Keys of the settings. */
    public static final String DMP = "dmp";
    /** The front's SMTP port. */
    public static final String SMTP = "smtp";
    /** The front's IMAP port. */
    public static final String IMAP = "imap";
    /** The TLS client certificate (PKCS#12). */
    public static final String AUTH = "auth";
    /** The signing certificate (PKCS#12). */
    public static final String SIGN = "sign";
    /** The PKCS#12 password. */
    public static final String PASSWORD = "password";
    /** The trust anchors (PEM). */
    public static final String TRUST = "trust";
    /** Whether the lab files a copy of each accepted message in its sent folder itself (default false). */
    public static final String FILE_COPIES = "mssFileCopies";
    /** The MSSanté read timeout in milliseconds. */
    public static final String MSS_TIMEOUT = "mssTimeoutMs";
    /** The lab's OID, source of the XDM submission sets. */
    public static final String SOURCE = "1.2.250.1.213.1.1.9";
    /** The DMP response timeout in milliseconds. */
    public static final String DMP_TIMEOUT = "dmpTimeoutMs";

    /**
     * Builds the clients.
     *
     * @param settings the settings, keys above
     * @return the clients
     */
    public static SimulatorClients of(Map<String, String> settings) {
        char[] password = settings.get(PASSWORD).toCharArray();
        TrustStore trust = TrustStore.fromPem(Path.of(settings.get(TRUST)));
        SoftwareCertificate auth = SoftwareCertificate.pkcs12(Path.of(settings.get(AUTH)), password).load();
        SoftwareCertificate sign = SoftwareCertificate.pkcs12(Path.of(settings.get(SIGN)), password).load();
        ServiceConnection dmpConnection = ServiceConnection.builder().certificate(auth).trustStore(trust)
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofMillis(Long.parseLong(settings.getOrDefault(DMP_TIMEOUT, "2000"))))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(20)).build())
                .noCircuitBreaker().build();
        ServiceConnection mssConnection = ServiceConnection.builder().certificate(auth).trustStore(trust)
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofMillis(Long.parseLong(settings.getOrDefault(MSS_TIMEOUT, "5000"))))
                .build();
        VihfSettings vihf = VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-20240001-tmp1")
                .structureId("1120459876").sector("SA25").softwareInstanceId("1.2.250.1.999.1.1.42").build();
        DmpClient dmp = DmpClient.builder().connection(dmpConnection).environment(DmpEnvironment.TEST)
                .endpoint(URI.create(settings.get(DMP))).vihf(vihf).signingCertificate(sign)
                .actor(DmpActor.automate("1120459876/SGL", "SGL-LABO, automate, laboratoire"))
                .structure("1120459876", "Laboratoire des charmes").checkStatusBeforeSubmit(false).build();
        MssClient mss = MssClient.builder()
                .operator(OperatorSettings.builder().domains(Set.of("localhost"))
                        .smtp(new Endpoint("localhost", Integer.parseInt(settings.get(SMTP)), TlsMode.IMPLICIT))
                        .imap(new Endpoint("localhost", Integer.parseInt(settings.get(IMAP)), TlsMode.IMPLICIT))
                        .build())
                .mailbox(ChaosReports.LAB).connection(mssConnection).build();
        return new SimulatorClients(dmp, mss, Boolean.parseBoolean(settings.get(FILE_COPIES)),
                List.of(dmpConnection, mssConnection));
    }

    /**
     * Settings as {@code key=value} arguments.
     *
     * @param settings the settings
     * @return the arguments
     */
    public static List<String> arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * Settings from {@code key=value} arguments.
     *
     * @param args the arguments
     * @return the settings
     */
    public static Map<String, String> settings(String... args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    /**
     * The dispatcher's senders, the SDK's own: {@link DmpSender} (submitting and releasing), {@link MssSender} to
     * the professionals and to the patient, searching the sent folder for the Message-ID.
     *
     * @return the senders
     */
    public List<ChannelSender> senders() {
        return List.of(DmpSender.submitting(dmp), DmpSender.releasing(dmp),
                MssSender.professionals(mss, SOURCE).fileCopies(fileCopies),
                MssSender.patient(mss, SOURCE).fileCopies(fileCopies));
    }

    @Override
    public void close() {
        connections.forEach(ServiceConnection::close);
    }
}
