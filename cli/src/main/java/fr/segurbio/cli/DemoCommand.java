package fr.segurbio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.store.StoredMessage;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.core.Severity;
import fr.segurbio.dispatch.Consent;
import fr.segurbio.dispatch.Decision;
import fr.segurbio.dispatch.DispatchPlan;
import fr.segurbio.dispatch.Dispatcher;
import fr.segurbio.dispatch.DmpSender;
import fr.segurbio.dispatch.MssReturns;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dispatch.Publication;
import fr.segurbio.dispatch.ReportPublication;
import fr.segurbio.dispatch.journal.Channel;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.returns.Checkpoint;
import fr.segurbio.mss.returns.FetchSummary;
import fr.segurbio.mss.returns.MdnBuilder;
import fr.segurbio.mss.returns.Reception;
import fr.segurbio.psc.CibaRequest;
import fr.segurbio.psc.PscClient;
import fr.segurbio.psc.PscLogin;
import fr.segurbio.psc.Practitioner;
import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.WireTraceSink;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segur demo [--out DIR] [--json] [--report FILE]}: the SDK end to end against its simulators, in-process
 * on loopback, with nothing to install: the test PKI; the biologist logs in with Pro Santé Connect (CIBA); the
 * sample patient is qualified by INSi; the sample report is built (N3, N1, PDF/A with the INS Datamatrix) and
 * checked (ANS schemas and schematrons when the shared conformance folder is there); the dispatcher sends it to
 * the DMP (mutual TLS, VIHF, XDS.b), to the prescriber and the copy recipient and to the patient by MSSanté
 * (through the certificate-enforcing operator front), exactly once, recorded in an embedded journal; the
 * recipients' software answers MDNs, which are read back into the status. Under {@code --out DIR}: the documents,
 * {@code trace/} (each SOAP and HTTP request and response as on the wire), {@code mail/} (each message as the
 * mail server stored it) and {@code summary.json}; a run into the same folder replaces those of the earlier run
 * (the simulators start empty at every run), and leaves anything else there. Exit code 0 when every sending went
 * through.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The SDK end to end against its in-process simulators: PSC login, INSi qualification, CR-BIO"
                + " (N3, N1, PDF/A), validation, dispatch to the DMP and by MSSanté exactly once, returns read back.",
            "Writes the documents, trace/, mail/ and summary.json under --out DIR (those of an earlier run"
                + " replaced)."})
final class DemoCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the documents, trace/, mail/ and"
            + " summary.json (kept); a temporary folder otherwise (removed)")
    Path out;

    @Option(names = "--json", description = "print summary.json instead of the readable summary")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", description = "the report (JSON); default"
            + " examples/sample-report.json found from the working folder up")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path sample = reportFile != null ? reportFile : findSample().orElse(null);
        if (sample == null || !Files.isRegularFile(sample)) {
            err.println("segur demo: examples/sample-report.json not found from " + Path.of("").toAbsolutePath()
                    + "; run it from the SDK's folder or give --report FILE");
            return ExitCode.IO_ERROR;
        }
        boolean keep = out != null;
        Path dir = keep ? Files.createDirectories(out) : Files.createTempDirectory("segur-demo");
        if (keep) {
            // The simulators start empty at every run: an earlier run's journal would find its sendings done
            // (nothing sent, stale statuses) and its trace/ and mail/ would mix with this run's. What the demo
            // writes is replaced; anything else in the folder (and the test PKI under work/) is left as it is.
            for (String own : List.of("documents", "trace", "mail", "work/journal", "summary.json")) {
                delete(dir.resolve(own));
            }
        }
        List<String> lines = new ArrayList<>();
        ObjectNode summary = JSON.createObjectNode();
        ObjectNode timings = JSON.createObjectNode();
        long[] mark = {System.nanoTime()};
        java.util.function.Consumer<String> step = name -> {
            long now = System.nanoTime();
            timings.put(name, (now - mark[0]) / 1_000_000);
            mark[0] = now;
        };
        // The ANS schematrons take seconds to compile: warm the validator up on the sample while the
        // simulators start (an SGL builds its validator once at start-up).
        Optional<Path> cda = ConformanceMaterial.find("conformance/cda");
        java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "segur-demo");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Future<CrBioValidator> validatorReady = background.submit(() -> {
            if (cda.isEmpty()) {
                return null;
            }
            // cached: the XSLT generated from the schematrons is kept on disk, so a second demo (or a CLI
            // validation before it) skips the ISO skeleton, the longest part of the demo's first run
            CrBioValidator v = CrBioValidator.cached(ConformancePackage.at(cda.get()),
                    CrBioValidator.defaultCacheFolder(), CrBioValidator.DEFAULT_MAX_BYTES);
            CrBioReport warm = CrBioJson.read(sample).report();
            v.validate(CrBioWriter.standard().n3(warm, "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    .document());
            return v;
        });
        try (SimulatedWorld world = SimulatedWorld.start(dir.resolve("work"))) {
            step.accept("simulators");
            WireTraceSink trace = keep ? WireTraceSink.toDirectory(dir.resolve("trace")) : WireTraceSink.NONE;
            ArrayNode notes = summary.putArray("notes");
            world.missing().forEach(m -> notes.add("not started: " + m));
            try (ServiceConnection lab = world.connection(world.pki.orgAuthCli(), trace);
                 ServiceConnection insiConnection = world.connection(world.pki.insiAuto(), trace)) {
                line(lines, "Simulateurs / simulators", "INSi " + (world.insi != null ? "on" : "OFF") + ", DMP "
                        + (world.dmp != null ? "on" : "OFF") + ", MSSanté (GreenMail + front TLS mutuel) on,"
                        + " Annuaire on, PSC on; PKI " + world.pki.trustAnchorsPem().getParent());

                // 1. The biologist who validates logs in with Pro Santé Connect (CIBA), while the rest goes on
                PscClient psc = world.pscClient(lab);
                java.util.concurrent.Future<Practitioner> biologistLogin = background.submit(() -> {
                    PscLogin login = psc.loginWithCiba(CibaRequest.forRpps(SimulatedWorld.BIOLOGIST_RPPS)
                            .bindingMessage("CR-BIO").build());
                    return psc.userInfo(login.tokens().accessToken());
                });

                // 2. The patient's identity qualified by INSi
                ObjectNode sampleJson = (ObjectNode) JSON.readTree(sample.toFile());
                ObjectNode patient = (ObjectNode) sampleJson.get("patient");
                ObjectNode ins = summary.putObject("ins");
                if (world.insi != null) {
                    InsiResult r = world.insiClient(insiConnection).search(TraitsSearch.builder()
                            .birthName(patient.path("birthFamilyName").asText())
                            .firstName(patient.path("birthGivenNames").asText())
                            .sex(fr.segurbio.ins.Sex.fromCode(patient.path("gender").asText()))
                            .birthDate(patient.path("birthDate").asText())
                            .birthPlace(patient.path("birthPlace").asText()).build());
                    if (!(r instanceof InsiResult.Found f)) {
                        throw new IllegalStateException("INSi did not find the sample patient: " + r);
                    }
                    Ins found = f.identity().active();
                    ((ObjectNode) patient.get("ins")).put("matricule", found.matricule().value());
                    ((ObjectNode) patient.get("ins")).put("oid", found.oid());
                    patient.put("insQualified", true);
                    ins.put("matricule", found.matricule().value());
                    ins.put("oid", found.oid());
                    ins.put("qualifiedBy", "INSi (simulator)");
                    line(lines, "INSi", patient.path("birthFamilyName").asText() + " "
                            + patient.path("firstBirthGivenName").asText() + ": INS " + found.matricule().value()
                            + " (" + f.label() + ") -> identité qualifiée / qualified identity");
                } else {
                    ins.put("matricule", patient.path("ins").path("matricule").asText());
                    ins.put("qualifiedBy", "the sample file (INSi simulator not started)");
                    line(lines, "INSi", "NOT RUN (schemas absent): the sample's INS is used as qualified");
                }

                step.accept("insi");
                // 3. The report: N3, N1, PDF/A with the INS Datamatrix
                CrBioReport report = CrBioJson.read(new ByteArrayInputStream(JSON.writeValueAsBytes(sampleJson)),
                        sample.toAbsolutePath().getParent()).report();
                byte[] pdf = CrBioPdfRenderer.create().render(report);
                WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
                WrittenDocument n1 = CrBioWriter.standard().n1(report, pdf);
                Path docs = dir.resolve("documents");
                Files.createDirectories(docs);
                Files.write(docs.resolve("CR-BIO-N3.xml"), n3.document());
                Files.write(docs.resolve("CR-BIO-N1.xml"), n1.document());
                Files.write(docs.resolve("CR-BIO.pdf"), pdf);
                ObjectNode rep = summary.putObject("report");
                rep.put("id", ReportPublication.reportId(report));
                rep.put("version", report.version());
                rep.put("n3UniqueId", n3.metadata().uniqueId());
                rep.put("n1UniqueId", n1.metadata().uniqueId());
                rep.put("patient", report.patient().displayName());
                line(lines, "CR-BIO", "N3 " + kb(n3.document().length) + ", N1 " + kb(n1.document().length)
                        + ", PDF/A " + kb(pdf.length) + " (Datamatrix INS), " + report.observationCount()
                        + " résultats / results");

                step.accept("build");
                // 4. Validation with the ANS material when it is there
                ObjectNode v = summary.putObject("validation");
                if (cda.isPresent()) {
                    ValidationReport vr = validatorReady.get().validate(n3.document());
                    v.put("performed", true);
                    v.put("valid", vr.isValid());
                    v.put("errors", vr.count(Severity.ERROR));
                    v.put("warnings", vr.count(Severity.WARNING));
                    v.put("package", cda.get().toString());
                    line(lines, "Validation", (vr.isValid() ? "valide / valid" : "INVALIDE / INVALID") + ": "
                            + vr.count(Severity.ERROR) + " erreur(s), " + vr.count(Severity.WARNING)
                            + " avertissement(s) (XSD + schématrons ANS, " + cda.get() + ")");
                } else {
                    v.put("performed", false);
                    v.put("reason", ConformanceMaterial.missing("conformance/cda"));
                    line(lines, "Validation", "NON FAITE / NOT DONE: " + ConformanceMaterial.missing("conformance/cda"));
                }

                step.accept("validation");
                Practitioner who = biologistLogin.get();
                String biologist = who.givenName().orElse("") + " " + who.familyName().orElse("");
                ObjectNode b = summary.putObject("biologist");
                b.put("nationalId", who.nationalId());
                b.put("name", biologist.strip());
                b.put("authentication", "Pro Santé Connect CIBA");
                line(lines, "Pro Santé Connect", biologist.strip() + " (" + who.nationalId() + "), CIBA, a validé /"
                        + " validated");
                step.accept("psc");
                // 5. Dispatch: DMP, prescriber and copy recipient, patient; exactly once, journaled
                MssClient mss = world.mssClient(lab);
                try (Journal journal = Journal.embedded(dir.resolve("work/journal"))) {
                    Dispatcher.Builder db = Dispatcher.builder(journal).node("demo")
                            .sender(MssSender.professionals(mss, SimulatedWorld.SOURCE))
                            .sender(MssSender.patient(mss, SimulatedWorld.SOURCE));
                    if (world.dmp != null) {
                        var dmp = world.dmpClient(lab);
                        db.sender(DmpSender.submitting(dmp)).sender(DmpSender.releasing(dmp));
                    }
                    Dispatcher dispatcher = db.build();
                    Publication publication = ReportPublication.builder(report, n3, n1, pdf).consent(Consent.NONE)
                            .directory(world.annuaireClient(lab)).build();
                    DispatchPlan plan = dispatcher.publish(publication);
                    ArrayNode decisions = summary.putArray("plan");
                    for (Decision d : plan.decisions()) {
                        decisions.add(d.channel() + " " + d.recipient() + ": " + d.message(Locale.FRENCH));
                    }
                    dispatcher.drain();
                    step.accept("dispatch");

                    // 6. The recipients' software acknowledges; the lab reads its returns
                    int answered = 0;
                    for (JournalEntry e : dispatcher.status(publication.reportId())) {
                        if (e.key().channel() == Channel.MSSANTE_PROFESSIONAL && e.state() == SendingState.SENT) {
                            answered += answer(world, e.key().recipient(), e.remoteIds().orElse(""));
                        }
                    }
                    FetchSummary returns = MssReturns.of(mss, dispatcher).poll(Checkpoint.START);
                    line(lines, "Retours / returns", returns.returns() + " accusé(s) lu(s) dans la BAL du labo"
                            + " / acknowledgement(s) read from the lab's mailbox (" + answered + " MDN envoyé(s))");

                    step.accept("returns");
                    ArrayNode sendings = summary.putArray("sendings");
                    lines.add("Envois / sendings:");
                    boolean allGood = true;
                    for (JournalEntry e : dispatcher.status(publication.reportId())) {
                        ObjectNode s = sendings.addObject();
                        s.put("channel", e.key().channel().name());
                        s.put("recipient", e.key().recipient());
                        ArrayNode ids = s.putArray("remoteIds");
                        e.remoteIds().ifPresent(t -> List.of(t.split(" ")).forEach(ids::add));
                        s.put("status", e.state().name());
                        s.put("attempts", e.attempts());
                        s.put("detail", e.detail().orElse(null));
                        s.put("errorCode", e.lastErrorCode().orElse(null));
                        s.put("error", e.lastError().orElse(null));
                        allGood &= e.state() == SendingState.SENT || e.state() == SendingState.ACKNOWLEDGED;
                        lines.add(String.format(Locale.ROOT, "  %-21s %-38s %-12s %s", e.key().channel(),
                                e.key().recipient(), e.state(), e.lastError().or(e::detail).orElse("")));
                    }
                    summary.put("allDelivered", allGood);
                }
            }
            Path mailDir = dir.resolve("mail");
            summary.set("timingsMillis", timings);
            ArrayNode log = summary.putArray("log");
            lines.forEach(log::add);
            List<Path> mails = keep ? world.dumpMail(mailDir) : List.of();
            ObjectNode files = summary.putObject("files");
            if (keep) {
                files.put("n3", dir.resolve("documents/CR-BIO-N3.xml").toString());
                files.put("n1", dir.resolve("documents/CR-BIO-N1.xml").toString());
                files.put("pdf", dir.resolve("documents/CR-BIO.pdf").toString());
                files.put("trace", dir.resolve("trace").toString());
                files.put("traceFiles", count(dir.resolve("trace")));
                files.put("mail", mailDir.toString());
                files.put("mailFiles", mails.size());
                files.put("summary", dir.resolve("summary.json").toString());
                lines.add("Fichiers / files: " + dir.resolve("documents") + " (N3, N1, PDF), " + count(dir.resolve("trace"))
                        + " trace/ , " + mails.size() + " mail/ .eml, " + dir.resolve("summary.json"));
            }
        } finally {
            background.shutdownNow();
            summary.put("elapsedMillis", (System.nanoTime() - t0) / 1_000_000);
            if (keep) {
                Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(summary));
            } else {
                delete(dir);
            }
        }
        if (json) {
            stdout.println(JSON.writeValueAsString(summary));
        } else {
            stdout.println("Ségur Bio SDK — démo de bout en bout / end-to-end demo");
            lines.forEach(stdout::println);
            summary.path("notes").forEach(n -> stdout.println("Note: " + n.asText()));
            stdout.printf(Locale.ROOT, "Terminé en / done in %.1f s%n", summary.path("elapsedMillis").asLong() / 1000.0);
        }
        stdout.flush();
        return summary.path("allDelivered").asBoolean(false) ? ExitCode.OK : ExitCode.INVALID;
    }

    /** The recipient's software reads the message and answers a "processed" MDN to the lab. */
    private static int answer(SimulatedWorld world, String recipient, String messageId) throws Exception {
        for (StoredMessage m : world.messages(recipient, "INBOX")) {
            MimeMessage received = copy(m.getMimeMessage());
            if (messageId.equals(received.getMessageID())) {
                MimeMessage mdn = MdnBuilder.from(recipient).build(received, Reception.of(received));
                world.mail.getUserManager().getUserByEmail(SimulatedWorld.LAB).deliver(copy(mdn));
                return 1;
            }
        }
        return 0;
    }

    private static MimeMessage copy(MimeMessage m) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }

    private static void line(List<String> lines, String what, String text) {
        lines.add(String.format(Locale.ROOT, "  %-24s %s", what, text));
    }

    private static String kb(int bytes) {
        return String.format(Locale.ROOT, "%.1f ko", bytes / 1024.0);
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    static Optional<Path> findSample() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("examples/sample-report.json");
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
