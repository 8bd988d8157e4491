package fr.segurbio.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssMessage;
import fr.segurbio.mss.annuaire.BalExtract;
import fr.segurbio.mss.annuaire.Mailbox;
import fr.segurbio.mss.annuaire.MailboxDirectory;
import fr.segurbio.mss.annuaire.Professional;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.SubmissionResult;
import fr.segurbio.mss.returns.DeliveryTracker;
import fr.segurbio.mss.returns.FetchSummary;
import fr.segurbio.mss.returns.ReturnsReader;
import fr.segurbio.mss.xdm.XdmDocument;
import fr.segurbio.mss.xdm.XdmEntry;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;
import fr.segurbio.mss.xdm.XdmSubmission;
import fr.segurbio.mss.xdm.XdmWriter;
import fr.segurbio.transport.ServiceConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur mss send|fetch-returns|status|lookup|xdm}: the report by MSSanté (configuration: {@link MssConfig}).
 */
@Command(name = "mss", mixinStandardHelpOptions = true,
        description = {"MSSanté: send a report (IHE XDM) to professionals and the patient, read the returns,",
            "look up mailboxes by RPPS, pack and unpack IHE_XDM.ZIP."},
        subcommands = {HelpCommand.class, MssCommand.Send.class, MssCommand.FetchReturns.class,
            MssCommand.Status.class, MssCommand.Lookup.class, MssCommand.Xdm.class})
public final class MssCommand implements Runnable {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The N3, N1 and PDF written by {@code segur cda build}, read back. */
    record Documents(CrBioReport report, WrittenDocument n3, WrittenDocument n1, byte[] pdf, String pdfName) {
        static Documents read(Path dir, Path n3File, Path n1File, Path pdfFile) throws IOException {
            Path n3 = n3File != null ? n3File : single(dir, "*-N3.xml");
            Path n1 = n1File != null ? n1File : single(dir, "*-N1.xml");
            Path pdf = pdfFile != null ? pdfFile : single(dir, "*.pdf");
            byte[] n3Bytes = Files.readAllBytes(n3);
            byte[] n1Bytes = Files.readAllBytes(n1);
            CrBioReport report = CrBioReader.create().read(n3Bytes).report();
            return new Documents(report, new WrittenDocument(n3Bytes, XdsProjection.n3(report, n3Bytes)),
                    new WrittenDocument(n1Bytes, XdsProjection.n1(report, n1Bytes)), Files.readAllBytes(pdf),
                    pdf.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_"));
        }

        private static Path single(Path dir, String glob) throws IOException {
            if (dir == null) {
                throw new IllegalArgumentException("give the folder written by 'segur cda build' or --n3/--n1/--pdf");
            }
            List<Path> found = new ArrayList<>();
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
                s.forEach(found::add);
            }
            if (found.size() != 1) {
                throw new IllegalArgumentException(dir + ": " + found.size() + " files match " + glob
                        + " (exactly one expected; name them with --n3/--n1/--pdf)");
            }
            return found.get(0);
        }
    }

    static ObjectNode problem(Problem p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("code", p.code().id());
        n.put("severity", p.severity().jsonName());
        if (!p.path().isEmpty()) {
            n.put("path", p.path());
        }
        n.put("fr", p.messageFr());
        n.put("en", p.messageEn());
        return n;
    }

    static int fail(PrintWriter out, PrintWriter err, boolean json, int exit, SegurException e) {
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("ok", false);
            ArrayNode a = root.putArray("problems");
            e.problems().forEach(p -> a.add(problem(p)));
            print(out, root);
        } else {
            e.problems().forEach(p -> err.println(p.code().id() + (p.path().isEmpty() ? "" : " [" + p.path() + "]")
                    + ": " + p.messageFr() + " / " + p.messageEn()));
        }
        return exit;
    }

    static int failText(PrintWriter out, PrintWriter err, boolean json, int exit, String code, String message) {
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("ok", false);
            root.putArray("problems").addObject().put("code", code).put("en", message);
            print(out, root);
        } else {
            err.println("segur: " + message);
        }
        return exit;
    }

    static void print(PrintWriter out, ObjectNode n) {
        try {
            out.println(Json.MAPPER.writeValueAsString(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A remote failure (TLS, authentication, connection) is exit 3; a refused input (address, XDM…) exit 1. */
    static int exitOf(SegurException e) {
        String id = e.code().id();
        return id.startsWith("MSS-2") || id.startsWith("MSS-40") && !id.equals("MSS-405") && !id.equals("MSS-406")
                || id.startsWith("TRANSPORT") ? ExitCode.IO_ERROR : ExitCode.INVALID;
    }

    /**
     * {@code segur mss send [DIR] --config FILE [--to ADDRESS]... [--to-rpps RPPS[:NOM[:Prénom]]]... [--patient]
     * [--patient-opposed] [--save DIR] [--json]}.
     */
    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Send the N3, N1 (in IHE_XDM.ZIP) and PDF written by 'segur cda build' to professionals",
                "(by address or RPPS, checked in the Annuaire) and to the patient (qualified INS only).",
                "Exit: 0 every recipient accepted, 1 invalid input or a recipient refused, 3 TLS/auth/network."})
    public static final class Send implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the folder of 'segur cda build'")
        private Path dir;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "segur mss configuration")
        private Path config;

        @Option(names = "--n3", paramLabel = "FILE", description = "the N3 (instead of DIR/*-N3.xml)")
        private Path n3;

        @Option(names = "--n1", paramLabel = "FILE", description = "the N1 (instead of DIR/*-N1.xml)")
        private Path n1;

        @Option(names = "--pdf", paramLabel = "FILE", description = "the PDF (instead of DIR/*.pdf)")
        private Path pdf;

        @Option(names = "--to", paramLabel = "ADDRESS", description = "a professional's MSSanté address")
        private List<String> to = new ArrayList<>();

        @Option(names = "--to-rpps", paramLabel = "RPPS[:NOM[:Prénom]]",
                description = "a professional by RPPS, looked up (and the name checked) in the Annuaire Santé")
        private List<String> toRpps = new ArrayList<>();

        @Option(names = "--extract", paramLabel = "FILE",
                description = "look RPPS up in the BAL MSSanté extraction file instead of the Annuaire API")
        private Path extract;

        @Option(names = "--patient", description = "also to the patient's Mon espace santé (qualified INS only)")
        private boolean patient;

        @Option(names = "--patient-opposed", description = "the patient opposed: refuse --patient")
        private boolean opposed;

        @Option(names = "--save", paramLabel = "DIR", description = "keep the message as submitted (.eml)")
        private Path save;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                MssConfig cfg = MssConfig.read(config);
                Documents docs = Documents.read(dir, n3, n1, pdf);
                try (ServiceConnection connection = cfg.connection()) {
                    MssMessage.Builder b = MssMessage.builder().from(cfg.mailbox()).sourceId(cfg.sourceId())
                            .report(docs.report(), docs.n3(), docs.n1(), docs.pdf()).pdfName(docs.pdfName());
                    to.forEach(b::to);
                    if (!toRpps.isEmpty()) {
                        MailboxDirectory directory = extract != null ? BalExtract.load(extract)
                                : cfg.annuaire(connection);
                        for (String spec : toRpps) {
                            String[] parts = spec.split(":", 3);
                            Professional p = directory.lookup(parts[0]);
                            if (parts.length > 1) {
                                p.verifyIdentity(parts[1], parts.length > 2 ? parts[2] : null);
                            }
                            b.to(p.reportMailbox().address().address());
                        }
                    }
                    if (patient) {
                        b.toPatient(docs.report().patient(), opposed);
                    }
                    MssMessage message = b.build();
                    if (save != null) {
                        Files.createDirectories(save);
                        String name = message.messageId().replaceAll("[<>]", "").replaceAll("[^A-Za-z0-9._@-]", "_");
                        try (OutputStream o = Files.newOutputStream(save.resolve(name + ".eml"))) {
                            message.writeTo(o);
                        }
                    }
                    MssClient client = cfg.client(connection);
                    SubmissionResult result = client.send(message);
                    DeliveryTracker tracker = DeliveryTracker.load(cfg.journal());
                    tracker.record(message.subject(), result);
                    tracker.save(cfg.journal());
                    if (json) {
                        ObjectNode root = Json.MAPPER.createObjectNode();
                        root.put("ok", result.allAccepted());
                        root.put("messageId", message.messageId());
                        root.put("subject", message.subject());
                        ObjectNode rs = root.putObject("recipients");
                        result.recipients().forEach((a, o) -> rs.putObject(a.address()).put("accepted", o.accepted())
                                .put("replyCode", o.replyCode()).put("reply", o.reply()));
                        print(out, root);
                    } else {
                        out.println("Message-ID: " + message.messageId());
                        out.println("Objet / Subject: " + message.subject());
                        result.recipients().forEach((a, o) -> out.printf(Locale.ROOT, "%-50s %s%n", a.address(),
                                o.accepted() ? "accepté / accepted" : "REFUSÉ / REFUSED " + o.reply()));
                    }
                    return result.allAccepted() ? ExitCode.OK : ExitCode.INVALID;
                }
            } catch (SegurException e) {
                return fail(out, err, json, exitOf(e), e);
            } catch (IOException | UncheckedIOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            } catch (IllegalArgumentException e) {
                return failText(out, err, json, ExitCode.INVALID, "usage", e.getMessage());
            }
        }
    }

    /** {@code segur mss fetch-returns --config FILE [--json]}. */
    @Command(name = "fetch-returns", mixinStandardHelpOptions = true,
            description = {"Read the returns (MDN, DSN, KO messages) that arrived since the last reading and update",
                "the journal. Exit: 0 read, 1 malformed returns found, 3 TLS/auth/network."})
    public static final class FetchReturns implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "segur mss configuration")
        private Path config;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                MssConfig cfg = MssConfig.read(config);
                try (ServiceConnection connection = cfg.connection()) {
                    DeliveryTracker tracker = DeliveryTracker.load(cfg.journal());
                    FetchSummary s = ReturnsReader.of(cfg.client(connection)).fetch(tracker.checkpoint(), tracker::apply);
                    tracker.checkpoint(s.checkpoint());
                    tracker.save(cfg.journal());
                    if (json) {
                        ObjectNode root = Json.MAPPER.createObjectNode();
                        root.put("ok", s.problems().isEmpty());
                        root.put("scanned", s.scanned());
                        root.put("returns", s.returns());
                        root.put("lastUid", s.checkpoint().lastUid());
                        ArrayNode a = root.putArray("problems");
                        s.problems().forEach(p -> a.add(problem(p)));
                        tracker.unmatched().forEach(p -> a.add(problem(p)));
                        print(out, root);
                    } else {
                        out.printf(Locale.ROOT, "%d nouveaux messages lus, %d retours / %d new messages, %d returns%n",
                                s.scanned(), s.returns(), s.scanned(), s.returns());
                        s.problems().forEach(p -> out.println(p.code().id() + " [" + p.path() + "]: " + p.messageFr()));
                    }
                    return s.problems().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
                }
            } catch (SegurException e) {
                return fail(out, err, json, exitOf(e), e);
            } catch (IOException | UncheckedIOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            } catch (IllegalArgumentException e) {
                return failText(out, err, json, ExitCode.INVALID, "usage", e.getMessage());
            }
        }
    }

    /** {@code segur mss status --config FILE [MESSAGE-ID] [--json]}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Show each sent message's status per recipient (sent, refused, delivered, read,",
                "processed, failed with the code). Exit: 0, 1 unknown Message-ID."})
    public static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "MESSAGE-ID", description = "one message only")
        private String messageId;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "segur mss configuration")
        private Path config;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                DeliveryTracker tracker = DeliveryTracker.load(MssConfig.read(config).journal());
                List<DeliveryTracker.Sent> list = new ArrayList<>();
                for (DeliveryTracker.Sent s : tracker.messages()) {
                    if (messageId == null || s.messageId().equals(messageId)
                            || s.messageId().equals("<" + messageId + ">")) {
                        list.add(s);
                    }
                }
                if (messageId != null && list.isEmpty()) {
                    return failText(out, err, json, ExitCode.INVALID, "MSS-303", "unknown Message-ID " + messageId);
                }
                if (json) {
                    ObjectNode root = Json.MAPPER.createObjectNode();
                    ArrayNode a = root.putArray("messages");
                    for (DeliveryTracker.Sent s : list) {
                        ObjectNode m = a.addObject().put("messageId", s.messageId()).put("subject", s.subject())
                                .put("sentAt", s.sentAt().toString());
                        ObjectNode rs = m.putObject("recipients");
                        for (Map.Entry<MailAddress, DeliveryTracker.Entry> e : s.recipients().entrySet()) {
                            ObjectNode r = rs.putObject(e.getKey().address()).put("status", e.getValue().status().name());
                            e.getValue().code().ifPresent(c -> r.put("code", c));
                            e.getValue().detail().ifPresent(d -> r.put("detail", d));
                        }
                    }
                    print(out, root);
                } else {
                    for (DeliveryTracker.Sent s : list) {
                        out.println(s.messageId() + "  " + s.sentAt() + "  " + s.subject());
                        s.recipients().forEach((addr, e) -> out.printf(Locale.ROOT, "  %-50s %-10s %s%n",
                                addr.address(), e.status(), e.code().map(c -> c + " ").orElse("")
                                        + e.detail().orElse("")));
                    }
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                return fail(out, err, json, exitOf(e), e);
            } catch (IOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            }
        }
    }

    /** {@code segur mss lookup RPPS --config FILE [--extract FILE] [--json]}. */
    @Command(name = "lookup", mixinStandardHelpOptions = true,
            description = {"A professional's MSSanté mailboxes by RPPS (Annuaire Santé API, or --extract FILE).",
                "Exit: 0 found, 1 bad or unknown RPPS, 3 Annuaire unavailable or key refused."})
    public static final class Lookup implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "RPPS", description = "the 11-digit RPPS")
        private String rpps;

        @Option(names = "--config", paramLabel = "FILE", description = "segur mss configuration (annuaire section)")
        private Path config;

        @Option(names = "--extract", paramLabel = "FILE", description = "the BAL MSSanté extraction file")
        private Path extract;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Professional p;
                if (extract != null) {
                    p = BalExtract.load(extract).lookup(rpps);
                } else {
                    if (config == null) {
                        return failText(out, err, json, ExitCode.USAGE, "usage", "--config or --extract is required");
                    }
                    MssConfig cfg = MssConfig.read(config);
                    try (ServiceConnection connection = cfg.connection()) {
                        p = cfg.annuaire(connection).lookup(rpps);
                    }
                }
                if (json) {
                    ObjectNode root = Json.MAPPER.createObjectNode().put("rpps", p.rpps()).put("familyName", p.familyName());
                    p.givenName().ifPresent(g -> root.put("givenName", g));
                    ArrayNode a = root.putArray("mailboxes");
                    for (Mailbox m : p.mailboxes()) {
                        ObjectNode n = a.addObject().put("address", m.address().address()).put("type", m.type().name())
                                .put("listeRouge", m.listeRouge()).put("usableForReports", m.usableForReports());
                        m.acceptsDocuments().ifPresent(d -> n.put("acceptsDocuments", d));
                    }
                    print(out, root);
                } else {
                    out.println(p.rpps() + "  " + p.familyName() + p.givenName().map(g -> " " + g).orElse(""));
                    for (Mailbox m : p.mailboxes()) {
                        out.printf(Locale.ROOT, "  %-50s %s%s%s%n", m.address().address(), m.type(),
                                m.listeRouge() ? " liste rouge" : "", m.usableForReports() ? " (comptes rendus)" : "");
                    }
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                return fail(out, err, json, exitOf(e), e);
            } catch (IOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            } catch (IllegalArgumentException e) {
                return failText(out, err, json, ExitCode.INVALID, "usage", e.getMessage());
            }
        }
    }

    /** {@code segur mss xdm pack|unpack}. */
    @Command(name = "xdm", mixinStandardHelpOptions = true, description = "Pack and unpack IHE_XDM.ZIP archives.",
            subcommands = {HelpCommand.class, MssCommand.Pack.class, MssCommand.Unpack.class})
    public static final class Xdm implements Runnable {
        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** {@code segur mss xdm pack [DIR] --source-id OID --out FILE [--recipient ADDRESS]... [--json]}. */
    @Command(name = "pack", mixinStandardHelpOptions = true,
            description = {"Pack the N3 and N1 of 'segur cda build' into IHE_XDM.ZIP.", "Exit: 0, 1 invalid, 3 I/O."})
    public static final class Pack implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "the folder of 'segur cda build'")
        private Path dir;

        @Option(names = "--n3", paramLabel = "FILE", description = "the N3")
        private Path n3;

        @Option(names = "--n1", paramLabel = "FILE", description = "the N1")
        private Path n1;

        @Option(names = "--source-id", required = true, paramLabel = "OID", description = "the lab's OID")
        private String sourceId;

        @Option(names = "--recipient", paramLabel = "ADDRESS", description = "an intended recipient's mailbox")
        private List<String> recipients = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "the archive to write")
        private Path outFile;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path n3File = n3 != null ? n3 : Documents.single(dir, "*-N3.xml");
                Path n1File = n1 != null ? n1 : Documents.single(dir, "*-N1.xml");
                byte[] n3Bytes = Files.readAllBytes(n3File);
                byte[] n1Bytes = Files.readAllBytes(n1File);
                CrBioReport report = CrBioReader.create().read(n3Bytes).report();
                XdmSubmission.Builder b = XdmSubmission.builder()
                        .n3(new XdmDocument(n3Bytes, XdsProjection.n3(report, n3Bytes)))
                        .n1(new XdmDocument(n1Bytes, XdsProjection.n1(report, n1Bytes))).sourceId(sourceId);
                recipients.forEach(r -> b.intendedRecipient(MailAddress.of(r).address()));
                byte[] zip = XdmWriter.create().write(b.build());
                Files.write(outFile, zip);
                if (json) {
                    print(out, Json.MAPPER.createObjectNode().put("ok", true).put("file", outFile.toString())
                            .put("size", zip.length));
                } else {
                    out.println(outFile + " (" + zip.length + " bytes)");
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                return fail(out, err, json, ExitCode.INVALID, e);
            } catch (IOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            } catch (IllegalArgumentException e) {
                return failText(out, err, json, ExitCode.INVALID, "usage", e.getMessage());
            }
        }
    }

    /** {@code segur mss xdm unpack FILE --out DIR [--allow-n3-alone] [--json]}. */
    @Command(name = "unpack", mixinStandardHelpOptions = true,
            description = {"Check an IHE_XDM.ZIP (hashes, sizes, paths, bombs, N3 without N1) and write its documents.",
                "Exit: 0 written, 1 refused archive, 3 I/O."})
    public static final class Unpack implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the archive")
        private Path zip;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write the documents")
        private Path outDir;

        @Option(names = "--allow-n3-alone", description = "accept an N3 without its N1 (to display, not integrate)")
        private boolean allowAlone;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                XdmPackage p;
                try (var in = Files.newInputStream(zip)) {
                    p = XdmReader.builder().requireN1(!allowAlone).build().read(in);
                }
                Files.createDirectories(outDir);
                ObjectNode root = Json.MAPPER.createObjectNode().put("ok", true)
                        .put("submissionSet", p.submissionSetUniqueId()).put("sourceId", p.sourceId())
                        .put("patientId", p.patientId());
                ArrayNode docs = root.putArray("documents");
                for (XdmEntry e : p.documents()) {
                    // the written name is the entry's own file name (checked: no path) in the output folder
                    Path target = outDir.resolve(Path.of(e.path()).getFileName().toString());
                    Files.write(target, e.content());
                    docs.addObject().put("file", target.toString()).put("kind", e.isN3() ? "N3" : "N1")
                            .put("formatCode", e.formatCode()).put("uniqueId", e.uniqueId())
                            .put("size", e.content().length).put("hash", e.slot("hash").orElse(""));
                }
                if (json) {
                    print(out, root);
                } else {
                    for (XdmEntry e : p.documents()) {
                        out.printf(Locale.ROOT, "%s  %s  %s (%d bytes, SHA-1 checked)%n", e.isN3() ? "N3" : "N1",
                                outDir.resolve(Path.of(e.path()).getFileName().toString()), e.formatCode(),
                                e.content().length);
                    }
                }
                return ExitCode.OK;
            } catch (SegurException e) {
                return fail(out, err, json, ExitCode.INVALID, e);
            } catch (IOException e) {
                return failText(out, err, json, ExitCode.IO_ERROR, "io", e.getMessage());
            }
        }
    }
}
