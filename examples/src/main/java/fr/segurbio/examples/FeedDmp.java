package fr.segurbio.examples;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpStatus;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.DocumentStatus;
import fr.segurbio.dmp.FindQuery;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.SubmissionResult;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

/**
 * Feeds the patient's DMP with a lab report, replaces it, masks it and deletes it, against the testkit's DMP
 * simulator over real mutual TLS.
 *
 * <p>Shows: one {@link ServiceConnection} with the lab's ORG AUTH_CLI certificate, a {@link DmpClient} with the
 * DMP's own settings only (VIHF, the ORG SIGN certificate, the acting automate); TD0.2 before feeding; the N1 and
 * the N3 sent together in "annonce" mode (invisible to the patient until shown); a corrected report sent as a
 * replacement (RPLC); masking to professionals and deletion, each applied to the N1 and its N3 together.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.FeedDmp
 * </pre>
 */
public final class FeedDmp {

    /**
     * What happened.
     *
     * @param status the TD0.2 answer before feeding
     * @param first the first submission
     * @param replacement the replacement
     * @param afterMask the documents after masking
     * @param afterDelete the approved N1/N3 documents after deletion
     */
    public record Outcome(DmpStatus status, SubmissionResult first, SubmissionResult replacement,
            List<DmpDocument> afterMask, List<DmpDocument> afterDelete) {
    }

    private FeedDmp() {
    }

    /**
     * Starts the simulator and runs the scenario.
     *
     * @param shared the shared folder holding {@code conformance/} (XDS and VIHF schemas the simulator checks with)
     * @return what happened
     */
    public static Outcome run(Path shared) {
        try (TestPki pki = TestPki.create();
             // the example report has a production INS: the simulator plays a production DMP
             DmpSimulator simulator = DmpSimulator.builder(pki).conformance(shared)
                     .insOids(DmpSimulator.PRODUCTION_INS_OIDS).start();
             ServiceConnection connection = ServiceConnection.builder()
                     .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.password()).load())
                     .trustStore(TrustStore.of(pki.trustAnchors()))
                     .connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(20))
                     .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofMillis(100)).build())
                     .build()) {
            simulator.patient("275126322074974");
            DmpClient dmp = DmpClient.builder()
                    .connection(connection)                                   // TLS, timeouts, retries, audit
                    .environment(DmpEnvironment.PRODUCTION)
                    .endpoint(simulator.baseUri())                            // the real DMP's URL by default
                    .vihf(VihfSettings.builder().software("LABO-SGL", "4.2.0")
                            .softwareInstanceId("1.2.250.1.213.1.1.9.99")
                            .homologation("LAB-2024-0001")                    // given by the CNAM
                            .structureId("1120459876").sector("SA25").build())
                    // the VIHF and the XAdES signature: ORG SIGN, never the TLS certificate
                    .signingCertificate(SoftwareCertificate.pkcs12(pki.orgSign().pkcs12(), pki.password()).load())
                    .actor(DmpActor.automate("1120459876/SGL", "LABO-SGL, automate, laboratoire"))
                    .structure("1120459876", "Laboratoire des charmes")
                    .build();
            Ins ins = Ins.of("275126322074974", "1.2.250.1.213.1.4.8");
            DmpStatus status = dmp.status(ins);
            System.out.println("DMP : " + status.state() + ", autorisation " + status.authorization());

            // 1. the validated report, invisible to the patient until the consultation d'annonce
            SubmissionResult first = dmp.submit(submission(BuildLabReport.report(
                    InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1"), 1, null), true));
            System.out.println("Déposé : N3 " + first.pair().n3() + " + N1 " + first.pair().n1());
            dmp.showToPatient(ins, first.pair());                           // after the annonce

            // 2. a result changed: version 2 replaces both documents (RPLC)
            SubmissionResult second = dmp.replace(submission(BuildLabReport.report(
                    InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.2"), 2,
                    InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1")), false));
            System.out.println("Remplacé par : N3 " + second.pair().n3());

            // 3. masked to professionals, then deleted: always the N1 and its N3 together
            dmp.mask(ins, second.pair());
            List<DmpDocument> masked = dmp.find(FindQuery.of(ins));
            masked.forEach(d -> System.out.println("  " + d.uniqueId() + " " + d.visibility()));
            dmp.delete(ins, second.pair());
            List<DmpDocument> left = dmp.find(FindQuery.builder(ins).status(DocumentStatus.APPROVED).build())
                    .stream().filter(d -> d.isN1() || d.isN3()).toList();      // the signature documents stay
            System.out.println("Après suppression : " + left.size() + " compte(s) rendu(s) approuvé(s)");
            return new Outcome(status, first, second, masked, left);
        } catch (DmpException e) {
            System.out.println(e.messageFr());
            throw e;
        }
    }

    private static DmpSubmission submission(CrBioReport report, boolean annonce) {
        byte[] pdf = CrBioPdfRenderer.create().render(report);     // PDF/A-1b with the INS Datamatrix
        CrBioWriter writer = CrBioWriter.standard();
        return DmpSubmission.builder()
                .n3(writer.n3(report, pdf))
                .n1(writer.n1(report, pdf))
                .consent(PatientConsent.informedNotOpposed(Instant.now()))   // recorded by the lab
                .annonce(annonce)
                .build();
    }

    /**
     * Runs the example when the conformance material is found.
     *
     * @param args none
     */
    public static void main(String[] args) {
        ConformanceMaterial.root().filter(r -> ConformanceMaterial.find("conformance/xds").isPresent())
                .ifPresentOrElse(FeedDmp::run, () -> System.out.println(ConformanceMaterial.missing("conformance/xds")));
    }
}
