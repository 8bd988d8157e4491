package fr.segurbio.cli;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.mss.annuaire.AnnuaireClient;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.psc.PscClient;
import fr.segurbio.psc.PscEnvironment;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.testkit.insi.InsiPersona;
import fr.segurbio.testkit.insi.InsiSimulator;
import fr.segurbio.testkit.mss.AnnuaireSimulator;
import fr.segurbio.testkit.mss.MssOperatorFront;
import fr.segurbio.testkit.psc.CibaBehaviour;
import fr.segurbio.testkit.psc.PscCibaSimulator;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireTraceSink;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every simulator of the SDK's testkit on loopback, with the lab's test PKI, for {@code segur demo} and
 * {@code segur simulators}: INSi (the sample patient is a persona), the DMP (mutual TLS, VIHF and XDS checked
 * against the official schemas), an MSSanté operator (GreenMail behind the certificate-enforcing front, with the
 * lab's application mailbox, the prescriber's, the copy recipient's and the patient's), the Annuaire Santé and
 * Pro Santé Connect (CIBA: the biologist approves at once). INSi and the DMP need the official schemas of the
 * shared conformance folder; without it they are not started and {@link #missing()} says so.
 */
final class SimulatedWorld implements AutoCloseable {

    static final String LAB = "labo.charmes@labo.mssante.fr";
    static final String LAB_STORE_PASSWORD = "store-lab";
    static final String PRESCRIBER = "pascal.charles@medecin.mssante.fr";
    static final String COPY = "stephane.medioni@medecin.mssante.fr";
    static final String MATRICULE = "279035121518989";
    static final String INS_OID = "1.2.250.1.213.1.4.10";
    static final String PATIENT = MATRICULE + "@patient.mssante.fr";
    static final String SOURCE = "1.2.250.1.213.1.1.9";
    static final String STRUCTURE = "1120459876";
    static final String BIOLOGIST_RPPS = "01234534765";
    static final String PSC_CLIENT = "sgl-demo";
    static final String PSC_SECRET = "demo-secret";
    static final String ANNUAIRE_KEY = "demo-api-key";
    static final String SOFTWARE_INSTANCE = "6f0c3c1e-8a52-4b1e-9a0d-3b5a1f7e2c44";

    final Path dir;
    final TestPki pki;
    final InsiSimulator insi;
    final DmpSimulator dmp;
    final GreenMail mail;
    final MssOperatorFront mss;
    final AnnuaireSimulator annuaire;
    final PscCibaSimulator psc;
    private final List<String> missing = new ArrayList<>();

    private SimulatedWorld(Path dir) {
        this.dir = dir;
        this.pki = TestPki.create(dir.resolve("pki"));
        Optional<Path> insiXsd = ConformanceMaterial.find("conformance/insi/xsd");
        if (insiXsd.isPresent()) {
            List<InsiPersona> personae = new ArrayList<>(InsiPersona.defaults());
            personae.add(InsiPersona.builder().birthName("PAT-TROIS").firstNames("DOMINIQUE", "MARIE-LOUISE")
                    .sex("F").birthDate("1979-03-28").birthPlace("51215")
                    .active(MATRICULE.substring(0, 13), MATRICULE.substring(13), INS_OID).build());
            insi = InsiSimulator.builder(pki).schemas(insiXsd.get()).personae(personae).start();
        } else {
            insi = null;
            missing.add("INSi (" + ConformanceMaterial.missing("conformance/insi/xsd") + ")");
        }
        Optional<Path> shared = ConformanceMaterial.root().filter(r -> Files.isDirectory(r.resolve("conformance/xds"))
                && Files.isDirectory(r.resolve("conformance/vihf")));
        if (shared.isPresent()) {
            dmp = DmpSimulator.builder(pki).conformance(shared.get()).start();
            dmp.patient(MATRICULE);
        } else {
            dmp = null;
            missing.add("DMP (" + ConformanceMaterial.missing("conformance/xds") + ")");
        }
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(LAB, LAB, LAB_STORE_PASSWORD);
        for (String a : List.of(PRESCRIBER, COPY, PATIENT)) {
            mail.setUser(a, a, "store-" + a.hashCode());
        }
        mss = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(mail)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, LAB_STORE_PASSWORD).start();
        annuaire = AnnuaireSimulator.builder(pki.serverIdentity(), pki.trustAnchors()).apiKey(ANNUAIRE_KEY)
                .practitioner("10002422979", "CHARLES", "Pascal").mailbox(PRESCRIBER, "PER", false, true).done()
                .practitioner("10001234567", "MEDIONI", "Stéphane").mailbox(COPY, "PER", false, true).done()
                .start();
        psc = PscCibaSimulator.builder().client(PSC_CLIENT, PSC_SECRET).interval(Duration.ofSeconds(1)).start();
        psc.practitioner("8" + BIOLOGIST_RPPS, biologist());
        psc.behaviour("8" + BIOLOGIST_RPPS, CibaBehaviour.approveAfter(Duration.ofMillis(100)));
    }

    /**
     * Starts everything.
     *
     * @param dir where the PKI is written
     * @return the running world
     */
    static SimulatedWorld start(Path dir) {
        return new SimulatedWorld(dir);
    }

    /** What could not be started, and why. */
    List<String> missing() {
        return List.copyOf(missing);
    }

    private static Map<String, Object> biologist() {
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("codeSecteurDactivite", "SA25");
        activity.put("raisonSocialeSite", "Laboratoire des charmes");
        activity.put("ancienIdentifiantDeLaStructure", STRUCTURE + "/LAB");
        Map<String, Object> exercise = new LinkedHashMap<>();
        exercise.put("codeProfession", "10");
        exercise.put("codeSavoirFaire", "SM03");
        exercise.put("nomDexercice", "CAMPARINI");
        exercise.put("prenomDexercice", "Marcel");
        exercise.put("activities", List.of(activity));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SubjectNameID", "8" + BIOLOGIST_RPPS);
        m.put("family_name", "CAMPARINI");
        m.put("given_name", "MARCEL");
        m.put("SubjectRefPro", Map.of("exercices", List.of(exercise)));
        return m;
    }

    /** The lab's connection with a certificate of the PKI. */
    ServiceConnection connection(TestIdentity certificate, WireTraceSink trace) {
        return ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(certificate.pkcs12(), certificate.password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors()))
                .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(15))
                .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(100)).build())
                .wireTrace(trace).build();
    }

    InsiClient insiClient(ServiceConnection insiConnection) {
        return InsiClient.builder().connection(insiConnection).endpoint(insi.endpoint())
                .idam(InsiSimulator.DEFAULT_IDAM).software("SGL-DEMO", "1.0", UUID.fromString(SOFTWARE_INSTANCE))
                .build();
    }

    DmpClient dmpClient(ServiceConnection connection) {
        return DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST).endpoint(dmp.baseUri())
                .vihf(VihfSettings.builder().software("SGL-DEMO", "1.0").homologation("LAB-20240001-tmp1")
                        .structureId(STRUCTURE).sector("SA25").softwareInstanceId("1.2.250.1.999.1.1.42").build())
                .signingCertificate(SoftwareCertificate.pkcs12(pki.orgSign().pkcs12(), pki.password()).load())
                .actor(DmpActor.automate(STRUCTURE + "/SGL", "SGL-DEMO, automate, laboratoire"))
                .structure(STRUCTURE, "Laboratoire des charmes").build();
    }

    OperatorSettings operator() {
        return OperatorSettings.builder().domains(Set.of("localhost"))
                .smtp(new Endpoint("localhost", mss.smtpPort(), TlsMode.IMPLICIT))
                .imap(new Endpoint("localhost", mss.imapPort(), TlsMode.IMPLICIT)).build();
    }

    MssClient mssClient(ServiceConnection connection) {
        return MssClient.builder().operator(operator()).mailbox(LAB).connection(connection).build();
    }

    AnnuaireClient annuaireClient(ServiceConnection connection) {
        return AnnuaireClient.builder().connection(connection).baseUri(annuaire.baseUri()).apiKey(ANNUAIRE_KEY)
                .build();
    }

    PscClient pscClient(ServiceConnection connection) {
        PscProvider provider = PscProvider.builder(PscEnvironment.named(psc.issuer().toString()))
                .connection(connection).build();
        return PscClient.builder(provider).clientId(PSC_CLIENT).clientSecret(PSC_SECRET).build();
    }

    /** The messages of a mailbox's folder as the mail server stores them. */
    List<StoredMessage> messages(String address, String folder) {
        try {
            GreenMailUser user = mail.getUserManager().getUserByEmail(address);
            MailFolder f = folder.equals("INBOX") ? mail.getManagers().getImapHostManager().getInbox(user)
                    : mail.getManagers().getImapHostManager().getFolder(user, folder);
            return f == null ? List.of() : f.getMessages();
        } catch (FolderException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes every message of every mailbox and folder as the server stores it, one {@code .eml} each.
     *
     * @param out the folder
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    List<Path> dumpMail(Path out) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (GreenMailUser user : mail.getUserManager().listUser()) {
            java.util.Collection<MailFolder> folders;
            try {
                folders = mail.getManagers().getImapHostManager().listMailboxes(user, "*");
            } catch (FolderException e) {
                throw new IOException(e);
            }
            for (MailFolder folder : folders) {
                int n = 0;
                for (StoredMessage m : folder.getMessages()) {
                    String name = user.getEmail() + "_" + folder.getName() + "_" + String.format("%02d", ++n)
                            + ".eml";
                    Path file = out.resolve(name.replaceAll("[^A-Za-z0-9@._-]", "_"));
                    try (OutputStream o = Files.newOutputStream(file)) {
                        m.getMimeMessage().writeTo(o);
                    } catch (MessagingException e) {
                        throw new IOException(e);
                    }
                    written.add(file);
                }
            }
        }
        return written;
    }

    @Override
    public void close() {
        psc.close();
        annuaire.close();
        mss.close();
        mail.stop();
        if (dmp != null) {
            dmp.close();
        }
        if (insi != null) {
            insi.close();
        }
        pki.close();
    }
}
