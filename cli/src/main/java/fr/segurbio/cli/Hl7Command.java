package fr.segurbio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Charsets;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.SentMessages;
import fr.segurbio.hl7v2.mllp.MessageHandler;
import fr.segurbio.hl7v2.mllp.MllpClient;
import fr.segurbio.hl7v2.mllp.MllpListener;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.hl7v2.report.DmpMssFlags;
import fr.segurbio.hl7v2.report.DocumentAction;
import fr.segurbio.hl7v2.report.MessageFlavour;
import fr.segurbio.hl7v2.report.MetaFlag;
import fr.segurbio.hl7v2.report.Organization;
import fr.segurbio.hl7v2.report.Participant;
import fr.segurbio.hl7v2.report.Person;
import fr.segurbio.hl7v2.report.ReceivedReport;
import fr.segurbio.hl7v2.report.ReportMessage;
import fr.segurbio.hl7v2.report.ReportMessageReader;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.transport.ServiceConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur hl7 ...}: the hospital flows — PAM FR identities in, the CR-BIO to the DPI/PFI out.
 *
 * <pre>{@code
 * segur hl7 identity admission.er7 --environment test
 * segur hl7 oru report-N3.xml --flags DESTDMP --out report.hl7
 * segur hl7 send --mllp pfi.chu.local:6661 report.hl7
 * segur hl7 listen --mllp 2575
 * }</pre>
 */
@Command(name = "hl7", mixinStandardHelpOptions = true,
        description = "HL7 v2 hospital flows: PAM FR identity feed in, CR-BIO (ORU/MDM) to the DPI/PFI out, MLLP.",
        subcommands = {
            HelpCommand.class,
            Hl7Command.Identity.class,
            Hl7Command.Oru.class,
            Hl7Command.Send.class,
            Hl7Command.Listen.class
        })
public final class Hl7Command implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static InsEnvironment environment(String name) {
        return "test".equalsIgnoreCase(name) ? InsEnvironment.TEST : InsEnvironment.PRODUCTION;
    }

    static ServiceConnection connection(Path config) throws IOException {
        JsonNode c = Hl7Json.JSON.readTree(Files.readString(config));
        return ConnectionConfig.read(c.get("connection"), Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** {@code segur hl7 identity FILE.er7}: the identity and DMP consent the SGL would store, as JSON. */
    @Command(name = "identity", mixinStandardHelpOptions = true,
            description = {"Read a PAM FR 2.11 ADT message and print the identity, DMP consent, movement and every",
                "problem as JSON. Exit: 0 valid, 1 the message has errors, 3 I/O error."})
    static final class Identity implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE.er7", description = "The ADT message (ER7, CR or LF segment ends).")
        private Path file;

        @Option(names = "--environment", defaultValue = "production",
                description = "INS environment the OIDs are checked against: production (default) or test.")
        private String environment;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                spec.commandLine().getErr().println("segur hl7 identity: cannot read " + file + ": " + e.getMessage());
                return ExitCode.IO_ERROR;
            }
            IdentityFeed feed = PamFrReader.forEnvironment(environment(environment)).read(bytes);
            out.println(Hl7Json.feed(feed).toPrettyString());
            out.flush();
            return feed.problems().isValid() && feed.event().isPresent() ? ExitCode.OK : ExitCode.INVALID;
        }
    }

    /** {@code segur hl7 oru REPORT-N3.xml}: writes the ORU (or MDM) carrying the report. */
    @Command(name = "oru", mixinStandardHelpOptions = true,
            description = {"Write the ORU^R01 v2.5 (or --mdm: MDM v2.6) of the volet CISIS_CDA_HL7_V2 carrying a CR-BIO N3.",
                "Exit: 0 written, 1 a rule of the volet is broken (every problem printed), 3 I/O error."})
    static final class Oru implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPORT-N3.xml", description = "The CR-BIO N3 (with its PDF copy).")
        private Path report;

        @Option(names = "--out", paramLabel = "FILE.hl7", description = "Where to write (standard output if absent).")
        private Path outFile;

        @Option(names = "--flags", split = ",", paramLabel = "FLAG",
                description = "MetaDMPMSS switches set to Y (others N): MASQUE_PS, INVISIBLE_PATIENT, "
                        + "INVISIBLE_REP_LEGAUX, CONNEXION_SECRETE, MODIF_CONF_CODE, DESTDMP, DESTMSSANTEPS, "
                        + "DESTMSSANTEPAT, ACK_RECEPTION, ACK_LECTURE_MSS.")
        private List<String> flags = new ArrayList<>();

        @Option(names = "--action", defaultValue = "auto",
                description = "transmit, replace or delete (auto: replace when the N3 has a relatedDocument).")
        private String action;

        @Option(names = "--mdm", description = "Write MDM^T02/T10/T04 v2.6 instead of ORU^R01 v2.5.")
        private boolean mdm;

        @Option(names = "--control-id", description = "MSH-10 (a random id if absent).")
        private String controlId;

        @Option(names = "--sending-app", defaultValue = "SGL", description = "MSH-3.")
        private String sendingApp;

        @Option(names = "--sending-facility", defaultValue = "LABO", description = "MSH-4.")
        private String sendingFacility;

        @Option(names = "--receiving-app", defaultValue = "PFI", description = "MSH-5.")
        private String receivingApp;

        @Option(names = "--receiving-facility", defaultValue = "ETABLISSEMENT", description = "MSH-6.")
        private String receivingFacility;

        @Option(names = "--recipient", paramLabel = "MAIL=IDNATPS:FAMILY:GIVEN",
                description = "An MSSanté professional recipient (PRT RCT); repeatable.")
        private List<String> recipients = new ArrayList<>();

        @Option(names = "--patient-mail", description = "Add the patient as MSSanté recipient (INS@patient.mssante.fr).")
        private boolean patientMail;

        @Option(names = "--reply-to", paramLabel = "MAIL", description = "The reply-to MSSanté address (PRT REPLY).")
        private String replyTo;

        @Option(names = "--mail-body", paramLabel = "TEXT", description = "The mail body for the professionals.")
        private String mailBody;

        @Option(names = "--latin9", description = "Encode in ISO-8859-15 (MSH-18 8859/15) instead of UTF-8.")
        private boolean latin9;

        @Option(names = "--processing-id", defaultValue = "P", description = "MSH-11: P, T or D.")
        private String processingId;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            byte[] xml;
            try {
                xml = Files.readAllBytes(report);
            } catch (IOException e) {
                err.println("segur hl7 oru: cannot read " + report + ": " + e.getMessage());
                return ExitCode.IO_ERROR;
            }
            try {
                ReadDocument n3 = CrBioReader.create().read(xml);
                DmpMssFlags.Builder f = DmpMssFlags.builder();
                for (String name : flags) {
                    MetaFlag flag = MetaFlag.fromCode(name.toUpperCase(Locale.ROOT)).orElseThrow(
                            () -> new IllegalArgumentException("unknown flag " + name));
                    f.set(flag, true);
                }
                if (mailBody != null) {
                    f.mailBodyForProfessionals(mailBody);
                }
                ReportMessage.Builder b = ReportMessage.builder()
                        .flavour(mdm ? MessageFlavour.MDM : MessageFlavour.ORU)
                        .header(sendingApp, sendingFacility, receivingApp, receivingFacility)
                        .controlId(controlId != null ? controlId : UUID.randomUUID().toString().substring(0, 20))
                        .processingId(processingId)
                        .charset(latin9 ? Hl7Charsets.ISO_8859_15 : StandardCharsets.UTF_8)
                        .crBio(n3, xml)
                        .flags(f.build());
                if (!"auto".equalsIgnoreCase(action)) {
                    b.action(DocumentAction.valueOf(action.toUpperCase(Locale.ROOT)));
                }
                for (String r : recipients) {
                    b.participant(recipient(r));
                }
                if (patientMail) {
                    n3.report().patient().shareableIns().ifPresent(i -> b.participant(Participant.patient(i,
                            n3.report().patient().birthFamilyName(),
                            n3.report().patient().firstBirthGivenName().orElse(""))));
                }
                if (replyTo != null) {
                    b.participant(Participant.replyTo(replyTo));
                }
                Hl7Message m = b.build();
                if (outFile == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    out.print(m.encode().replace("\r", "\n"));
                    out.flush();
                } else {
                    Files.write(outFile, m.toBytes());
                    err.println("segur hl7 oru: " + outFile + " (" + m + ")");
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                e.problems().forEach(p -> err.println("segur hl7 oru: " + p));
                return ExitCode.INVALID;
            } catch (IllegalArgumentException e) {
                err.println("segur hl7 oru: " + e.getMessage());
                return ExitCode.USAGE;
            } catch (IOException | UncheckedIOException e) {
                err.println("segur hl7 oru: " + e.getMessage());
                return ExitCode.IO_ERROR;
            }
        }

        private static Participant recipient(String spec) {
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("--recipient MAIL=IDNATPS:FAMILY:GIVEN expected, not " + spec);
            }
            String[] p = spec.substring(eq + 1).split(":", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("--recipient MAIL=IDNATPS:FAMILY:GIVEN expected, not " + spec);
            }
            return Participant.recipient(Person.idNatPs(p[0], p[1], p[2]), spec.substring(0, eq));
        }
    }

    /** {@code segur hl7 send --mllp HOST:PORT FILE.hl7}: sends a message and prints the ACK. */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Send an HL7 v2 message over MLLP (TLS with the lab's certificate when --config names a",
                "connection section) and print the ACK as JSON. Exit: 0 AA, 1 AE/AR, 3 transport error."})
    static final class Send implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--mllp", required = true, paramLabel = "HOST:PORT", description = "The PFI/DPI endpoint.")
        private String endpoint;

        @Option(names = "--config", paramLabel = "FILE.json",
                description = "A configuration with a 'connection' section (certificate, trustStore, timeouts): TLS.")
        private Path config;

        @Option(names = "--timeout", defaultValue = "30", description = "Response timeout in seconds (plain TCP).")
        private int timeout;

        @Parameters(index = "0", paramLabel = "FILE.hl7", description = "The message (ER7).")
        private Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int colon = endpoint.lastIndexOf(':');
            if (colon < 1) {
                err.println("segur hl7 send: --mllp HOST:PORT expected");
                return ExitCode.USAGE;
            }
            String host = endpoint.substring(0, colon);
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            Hl7Message m;
            try {
                m = Er7Parser.create().parse(file);
            } catch (UncheckedIOException e) {
                err.println("segur hl7 send: cannot read " + file + ": " + e.getCause().getMessage());
                return ExitCode.IO_ERROR;
            } catch (Hl7Exception e) {
                e.problems().forEach(p -> err.println("segur hl7 send: " + p));
                return ExitCode.INVALID;
            }
            ServiceConnection connection = null;
            try {
                MllpClient.Builder b = MllpClient.builder(host, port).responseTimeout(Duration.ofSeconds(timeout));
                if (config != null) {
                    connection = connection(config);
                    b.connection(connection);
                }
                try (MllpClient client = b.build()) {
                    Acknowledgement ack = client.send(m);
                    out.println(Hl7Json.ack(ack).toPrettyString());
                    out.flush();
                    return ack.code().isAccepted() ? ExitCode.OK : ExitCode.INVALID;
                }
            } catch (Hl7Exception e) {
                e.problems().forEach(p -> err.println("segur hl7 send: " + p));
                return ExitCode.IO_ERROR;
            } catch (IOException | RuntimeException e) {
                err.println("segur hl7 send: " + e.getMessage());
                return ExitCode.IO_ERROR;
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
    }

    /** {@code segur hl7 listen --mllp PORT}: prints what arrives and answers ACKs. */
    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"Listen for HL7 v2 over MLLP: ADT (PAM FR identity feed), ZAM, ORU/MDM; print each message",
                "read as JSON and answer its ACK (AA, or AE with the problems). Runs until stopped (or --count)."})
    static final class Listen implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--mllp", required = true, paramLabel = "PORT", description = "The port to listen on.")
        private int port;

        @Option(names = "--environment", defaultValue = "production",
                description = "INS environment of the identity feed: production (default) or test.")
        private String environment;

        @Option(names = "--config", paramLabel = "FILE.json",
                description = "A configuration with a 'connection' section: TLS, client certificate required.")
        private Path config;

        @Option(names = "--count", defaultValue = "0", description = "Stop after this many messages (0: never).")
        private int count;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            CountDownLatch done = new CountDownLatch(count > 0 ? count : 1);
            AtomicInteger seen = new AtomicInteger();
            PamFrReader reader = PamFrReader.forEnvironment(environment(environment));
            MessageHandler feed = MessageHandler.identityFeed(reader, f -> print(out, Hl7Json.feed(f)));
            MessageHandler zams = MessageHandler.businessAcks(SentMessages.withCapacity(1), z -> {
                ObjectNode n = Hl7Json.JSON.createObjectNode();
                n.put("zam", z.kind().name());
                n.put("acknowledgedControlId", z.acknowledgedControlId());
                n.put("success", z.success());
                z.address().ifPresent(a -> n.put("address", a));
                print(out, n);
            });
            MessageHandler reports = m -> {
                ReceivedReport r = ReportMessageReader.create().read(m);
                ObjectNode n = Hl7Json.JSON.createObjectNode();
                n.put("report", m.messageType() + "^" + m.triggerEvent());
                n.put("controlId", r.controlId());
                r.action().ifPresent(a -> n.put("action", a.name()));
                n.put("flags", r.flags().describe());
                n.put("documentBytes", r.document().map(d -> d.length).orElse(0));
                n.set("problems", Hl7Json.problems(r.problems()));
                print(out, n);
                return Acknowledgement.answer(m, ValidationResult.of(r.problems().errors()), "L-" + m.controlId(),
                        OffsetDateTime.now());
            };
            MessageHandler all = MessageHandler.byType("ADT", feed, MessageHandler.byType("ZAM", zams, reports));
            MessageHandler counting = m -> {
                try {
                    return all.handle(m);
                } finally {
                    if (count > 0 && seen.incrementAndGet() <= count) {
                        done.countDown();
                    }
                }
            };
            ServiceConnection connection = config == null ? null : connection(config);
            MllpListener.Builder b = MllpListener.builder(port).handler(counting);
            if (connection != null) {
                b.sslContext(connection.sslContext().orElseThrow());
            }
            try (MllpListener listener = b.build().start()) {
                spec.commandLine().getErr().println("segur hl7 listen: listening on port " + listener.port()
                        + (connection != null ? " (TLS)" : ""));
                spec.commandLine().getErr().flush();
                done.await();
                // let the last ACK leave before closing
                Thread.sleep(200);
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
            return ExitCode.OK;
        }

        private static synchronized void print(PrintWriter out, ObjectNode n) {
            out.println(n.toPrettyString());
            out.flush();
        }
    }
}
