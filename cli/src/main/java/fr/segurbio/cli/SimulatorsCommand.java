package fr.segurbio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.segurbio.testkit.TestIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segur simulators --dir DIR}: starts the INSi, DMP, MSSanté (with the Annuaire) and Pro Santé Connect
 * simulators on loopback, writes the test PKI and a ready configuration file for each {@code segur} command into
 * DIR ({@code ins-search.json}, {@code dmp.json}, {@code mss.json}, {@code psc.json}, {@code dispatch.json}, and
 * {@code env.sh} with the certificate passwords), prints how to use them and runs until stopped (Ctrl-C).
 */
@Command(name = "simulators", mixinStandardHelpOptions = true,
        description = {"Start the INSi, DMP, MSSanté and PSC simulators on loopback, write the test PKI and a ready"
                + " configuration file for each segur command into DIR, and run until stopped."})
final class SimulatorsCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The environment variable the DMP configuration names for both certificate passwords. */
    static final String PASSWORD_ENV = "SEGUR_SIMULATORS_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where the PKI and configurations go")
    Path dir;

    /** Counted down to stop (tests); Ctrl-C ends the JVM otherwise. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath();
        try (SimulatedWorld world = SimulatedWorld.start(root)) {
            String password = new String(world.pki.password());
            write(root.resolve("env.sh"), "export " + PASSWORD_ENV + "='" + password + "'\n"
                    + "export " + DmpCommand.TLS_PASSWORD_ENV + "='" + password + "'\n"
                    + "export " + DmpCommand.SIGN_PASSWORD_ENV + "='" + password + "'\n"
                    + "export ESANTE_API_KEY='" + SimulatedWorld.ANNUAIRE_KEY + "'\n");
            if (world.insi != null) {
                ObjectNode c = JSON.createObjectNode();
                c.put("endpoint", world.insi.endpoint().toString());
                c.put("idam", fr.segurbio.testkit.insi.InsiSimulator.DEFAULT_IDAM);
                ObjectNode sw = c.putObject("software");
                sw.put("name", "SGL-SIMULATORS");
                sw.put("version", "1.0");
                sw.put("instance", SimulatedWorld.SOFTWARE_INSTANCE);
                c.set("connection", connection(world.pki.insiAuto(), world));
                write(root.resolve("ins-search.json"), JSON.writeValueAsString(c));
                write(root.resolve("traits.json"), "{\"birthName\":\"PAT-TROIS\",\"firstNames\":[\"DOMINIQUE\"],"
                        + "\"sex\":\"F\",\"birthDate\":\"1979-03-28\",\"birthPlace\":\"51215\"}\n");
            }
            if (world.dmp != null) {
                ObjectNode c = JSON.createObjectNode();
                c.put("environment", "test");
                c.put("endpoint", world.dmp.baseUri().toString());
                c.put("tlsCertificate", world.pki.orgAuthCli().pkcs12().toString());
                c.put("tlsPasswordEnv", PASSWORD_ENV);
                c.put("signCertificate", world.pki.orgSign().pkcs12().toString());
                c.put("signPasswordEnv", PASSWORD_ENV);
                c.put("trustStore", world.pki.trustAnchorsPem().toString());
                ObjectNode sw = c.putObject("software");
                sw.put("name", "SGL-SIMULATORS");
                sw.put("version", "1.0");
                sw.put("instanceId", "1.2.250.1.999.1.1.42");
                c.put("homologation", "LAB-20240001-tmp1");
                ObjectNode st = c.putObject("structure");
                st.put("id", SimulatedWorld.STRUCTURE);
                st.put("name", "Laboratoire des charmes");
                st.put("sector", "SA25");
                ObjectNode actor = c.putObject("actor");
                actor.put("nameId", SimulatedWorld.STRUCTURE + "/SGL");
                actor.put("subjectId", "SGL-SIMULATORS, automate, laboratoire");
                c.put("attempts", 2);
                write(root.resolve("dmp.json"), JSON.writeValueAsString(c));
            }
            ObjectNode mss = JSON.createObjectNode();
            mss.put("mailbox", SimulatedWorld.LAB);
            mss.put("sourceId", SimulatedWorld.SOURCE);
            ObjectNode op = mss.putObject("operator");
            ObjectNode smtp = op.putObject("smtp");
            smtp.put("host", "localhost");
            smtp.put("port", world.mss.smtpPort());
            smtp.put("tls", "IMPLICIT");
            ObjectNode imap = op.putObject("imap");
            imap.put("host", "localhost");
            imap.put("port", world.mss.imapPort());
            imap.put("tls", "IMPLICIT");
            op.putArray("domains").add("localhost");
            mss.put("authentication", "certificate");
            mss.put("journal", "mss-journal.json");
            ObjectNode an = mss.putObject("annuaire");
            an.put("base", world.annuaire.baseUri().toString());
            an.put("apiKeyEnv", "ESANTE_API_KEY");
            mss.set("connection", connection(world.pki.orgAuthCli(), world));
            write(root.resolve("mss.json"), JSON.writeValueAsString(mss));

            ObjectNode psc = JSON.createObjectNode();
            psc.put("environment", world.psc.issuer().toString());
            psc.put("clientId", SimulatedWorld.PSC_CLIENT);
            psc.put("clientSecret", SimulatedWorld.PSC_SECRET);
            psc.set("connection", connection(world.pki.orgAuthCli(), world));
            write(root.resolve("psc.json"), JSON.writeValueAsString(psc));

            ObjectNode dispatch = JSON.createObjectNode();
            dispatch.put("journal", "journal");
            dispatch.put("node", "sgl-1");
            if (world.dmp != null) {
                dispatch.put("dmp", "dmp.json");
            }
            dispatch.put("mss", "mss.json");
            write(root.resolve("dispatch.json"), JSON.writeValueAsString(dispatch));

            String segur = "java -jar cli/target/segur.jar";
            out.println("Simulateurs démarrés / simulators running (Ctrl-C pour arrêter / to stop):");
            out.println("  INSi      " + (world.insi != null ? world.insi.endpoint() : "NOT STARTED"));
            out.println("  DMP       " + (world.dmp != null ? world.dmp.baseUri() : "NOT STARTED"));
            out.println("  MSSanté   smtps://localhost:" + world.mss.smtpPort() + "  imaps://localhost:"
                    + world.mss.imapPort() + "  (" + SimulatedWorld.LAB + ", " + SimulatedWorld.PRESCRIBER + ", "
                    + SimulatedWorld.PATIENT + ")");
            out.println("  Annuaire  " + world.annuaire.baseUri());
            out.println("  PSC       " + world.psc.issuer() + "  (CIBA, RPPS " + SimulatedWorld.BIOLOGIST_RPPS + ")");
            world.missing().forEach(m -> out.println("  not started: " + m));
            out.println("Configurations et PKI / configurations and PKI: " + root);
            out.println("Essayez / try (after: source " + root.resolve("env.sh") + "):");
            out.println("  " + segur + " ins search " + root.resolve("traits.json") + " --config "
                    + root.resolve("ins-search.json"));
            out.println("  " + segur + " dmp status --config " + root.resolve("dmp.json") + " --ins "
                    + SimulatedWorld.MATRICULE + " --oid " + SimulatedWorld.INS_OID);
            out.println("  " + segur + " mss lookup 10002422979 --config " + root.resolve("mss.json"));
            out.println("  " + segur + " psc login --ciba --rpps " + SimulatedWorld.BIOLOGIST_RPPS + " --config "
                    + root.resolve("psc.json"));
            out.println("  " + segur + " dispatch --config " + root.resolve("dispatch.json")
                    + " examples/sample-report.json");
            out.println("  " + segur + " dispatch status 1.2.250.1.213.1.1.9.1.2024.1 --config "
                    + root.resolve("dispatch.json") + " --fetch-returns");
            out.flush();
            write(root.resolve("READY"), "ready\n");
            stop.await();
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } finally {
            Files.deleteIfExists(root.resolve("READY"));
        }
    }

    private static ObjectNode connection(TestIdentity id, SimulatedWorld world) {
        ObjectNode c = JSON.createObjectNode();
        c.put("certificate", id.pkcs12().toString());
        c.put("certificatePasswordEnv", PASSWORD_ENV);
        c.put("certificatePassword", new String(id.password()));
        c.put("trustStore", world.pki.trustAnchorsPem().toString());
        c.put("responseTimeoutSeconds", 15);
        c.put("attempts", 2);
        return c;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
