package fr.segurbio.hl7v2.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.JsonReport;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.read.CrBioMerger;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.insi.InsiSimulator;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TrustStore;

/**
 * The SDK's main flows on the test patients, run in a JVM of its own by {@link HealthDataLoggingTest} with
 * slf4j-simple at TRACE: an INSi search on the testkit simulator, a CR-BIO built, written (N3, N1), read and merged,
 * and a PAM FR identity feed; each flow also on broken input. What a caller would log is printed: every problem's
 * message and every exception's {@code toString()}; never the identities themselves.
 */
public final class HealthDataFlows {

    private HealthDataFlows() {
    }

    /**
     * Runs the flows.
     *
     * @param args none
     * @throws Exception when a flow fails unexpectedly
     */
    public static void main(String[] args) throws Exception {
        insi();
        cda();
        hl7();
        System.out.println("FLOWS DONE");
    }

    private static void insi() {
        Optional<Path> xsd = ConformanceMaterial.find("conformance/insi/xsd");
        if (xsd.isEmpty()) {
            System.out.println("INSI SKIPPED: " + ConformanceMaterial.missing("conformance/insi/xsd"));
            return;
        }
        try (TestPki pki = TestPki.create(); InsiSimulator simulator = InsiSimulator.start(pki, xsd.get())) {
            TestIdentity certificate = pki.insiAuto();
            try (ServiceConnection connection = ServiceConnection.builder()
                    .certificate(certificate.pkcs12(), certificate.password())
                    .trustStore(TrustStore.of(pki.trustAnchors()))
                    .connectTimeout(Duration.ofSeconds(5))
                    .responseTimeout(Duration.ofSeconds(10))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(20)).build())
                    .build()) {
                InsiClient insi = InsiClient.builder().connection(connection).endpoint(simulator.endpoint())
                        .software("LABO-SGL", "4.2.0", UUID.fromString("6f0c3c1e-8a52-4b1e-9a0d-3b5a1f7e2c44"))
                        .idam(InsiSimulator.DEFAULT_IDAM).build();
                for (TraitsSearch s : List.of(
                        TraitsSearch.builder().birthName("ECETINSI").firstName("PIERRE-ALAIN").sex(Sex.M)
                                .birthDate("2009-07-14").build(),
                        TraitsSearch.builder().birthName("HOUILLES").firstName("PIERRE").sex(Sex.M)
                                .birthDate("1990-01-01").build(),
                        TraitsSearch.builder().birthName("PANNE").firstName("SERVICE").sex(Sex.M)
                                .birthDate("1970-01-01").build())) {
                    try {
                        InsiResult r = insi.search(s);
                        System.out.println("INSI " + r.code().orElse("unavailable"));
                        if (r instanceof InsiResult.Found found) {
                            log(found.warnings().problems());
                        } else if (r instanceof InsiResult.Unavailable down) {
                            System.out.println(down.problem());
                        }
                    } catch (SegurException e) {
                        System.out.println(e);
                    }
                }
            }
        }
    }

    private static void cda() throws Exception {
        JsonReport sample = CrBioJson.read(Path.of("..", "examples", "sample-report.json"));
        CrBioReport report = sample.report();
        byte[] pdf = CrBioPdfRenderer.create().render(report);
        byte[] n3 = CrBioWriter.standard().n3(report, pdf).document();
        byte[] n1 = CrBioWriter.standard().n1(report, pdf).document();
        ReadDocument read = CrBioReader.create().read(n3);
        log(read.checks().problems());
        CrBioMerger.merge(read.report(), n3);
        String xml = new String(n3, StandardCharsets.UTF_8);
        for (byte[] broken : List.of(n1,
                xml.replace("279035121518989", "279035121518999").getBytes(StandardCharsets.UTF_8),
                xml.replace("value=\"19790328\"", "value=\"19791328\"").getBytes(StandardCharsets.UTF_8),
                xml.replace("<birthTime", "<birthTime><x/></birthTime><birthTimeX").getBytes(StandardCharsets.UTF_8),
                xml.replace("</recordTarget>", "</recordTargetX>").getBytes(StandardCharsets.UTF_8))) {
            for (CrBioReader reader : List.of(CrBioReader.create(), CrBioReader.lenient())) {
                try {
                    log(reader.read(broken).checks().problems());
                } catch (SegurException e) {
                    System.out.println(e);
                }
            }
        }
        try {
            CrBioMerger.merge(report, n1);
        } catch (SegurException e) {
            System.out.println(e);
        }
        Path json = Files.createTempFile("segur-flows", ".json");
        try {
            Files.writeString(json, CrBioJson.write(report).replace("\"1979-03-28\"", "\"1979-13-28\""));
            CrBioJson.read(json);
        } catch (SegurException e) {
            System.out.println(e);
        } finally {
            Files.deleteIfExists(json);
        }
    }

    private static void hl7() {
        String adt = "MSH|^~\\&|GAM|CHU-X|SGL|LABO|20240306111154||ADT^A28^ADT_A05|3975|P|2.5^FRA^2.11|||||FRA"
                + "|UNICODE UTF-8|FR||2.11^IHE_FRANCE-2.11-PAM\r"
                + "EVN||20240306111154\r"
                + "PID|1||000003^^^CHU-X&1.2.250.1.71.4.2.2&ISO^PI~279035121518989^^^ASIP-SANTE-INS-NIR"
                + "&1.2.250.1.213.1.4.10&ISO^INS||PAT-TROIS^DOMINIQUE^DOMINIQUE MARIE-LOUISE^^^^L||19790328|F|||"
                + "^^^^^^BDL^^51215||||||||||||||||||N||VALI\r";
        for (String message : List.of(adt, adt.replace("279035121518989", "279035121518999"),
                adt.replace("|19790328|", "|19791328|"), adt.replace("|F|||", "|Q|||"),
                adt.replace("VALI", "XXXX"), adt.substring(0, 120))) {
            for (InsEnvironment env : InsEnvironment.values()) {
                try {
                    IdentityFeed feed = PamFrReader.forEnvironment(env).read(message.getBytes(StandardCharsets.UTF_8));
                    log(feed.problems().problems());
                } catch (SegurException e) {
                    System.out.println(e);
                }
            }
        }
    }

    private static void log(List<Problem> problems) {
        for (Problem p : problems) {
            System.out.println(p);
            System.out.println(p.messageFr());
        }
    }
}
