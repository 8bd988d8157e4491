package fr.segurbio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.SegurException;
import fr.segurbio.dispatch.Consent;
import fr.segurbio.dispatch.Decision;
import fr.segurbio.dispatch.DispatchPlan;
import fr.segurbio.dispatch.Dispatcher;
import fr.segurbio.dispatch.DmpSender;
import fr.segurbio.dispatch.MssReturns;
import fr.segurbio.dispatch.MssSender;
import fr.segurbio.dispatch.Publication;
import fr.segurbio.dispatch.ReportPublication;
import fr.segurbio.dispatch.journal.Journal;
import fr.segurbio.dispatch.journal.JournalEntry;
import fr.segurbio.dispatch.journal.SendingState;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.returns.Checkpoint;
import fr.segurbio.transport.ServiceConnection;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur dispatch --config FILE REPORT.json|N3.xml ...} publishes validated reports to the DMP and by
 * MSSanté through the dispatcher (exactly once, with an embedded journal), and {@code segur dispatch status
 * REPORT-ID --config FILE} shows every sending of a report. The configuration file names the journal folder and
 * the configuration files of {@code segur dmp} and {@code segur mss} (either may be absent: that channel then
 * has no sender and its sendings fail with {@code DISPATCH-008}):
 *
 * <pre>{@code
 * {"journal": "journal", "node": "sgl-1", "dmp": "dmp.json", "mss": "mss.json"}
 * }</pre>
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = {"Publish validated reports to the DMP, the prescriber, the copy recipients and the patient,"
                + " exactly once, with a durable journal; 'status' shows every sending of a report.",
            "Config: {\"journal\": DIR, \"node\": NAME, \"dmp\": dmp.json, \"mss\": mss.json}"},
        subcommands = DispatchCommand.Status.class)
final class DispatchCommand implements Callable<Integer> {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the dispatch configuration (required)")
    Path config;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--hold", description = "the \"annonce\" hold: DMP documents invisible to the patient and the"
            + " patient's message held until released")
    boolean hold;

    @Option(names = "--dmp-opposition", description = "the patient opposed feeding the DMP")
    boolean dmpOpposition;

    @Option(names = "--patient-opposition", description = "the patient opposed receiving it in Mon espace santé")
    boolean patientOpposition;

    @Parameters(arity = "0..*", paramLabel = "REPORT.json|N3.xml", description = "validated reports (one or more)")
    List<Path> reports;

    /** The configured channels, journal and dispatcher. */
    static final class Setup implements AutoCloseable {
        final Journal journal;
        final Dispatcher dispatcher;
        final List<AutoCloseable> open = new ArrayList<>();
        MssClient mss;

        Setup(Path file) throws IOException {
            JsonNode cfg = Json.MAPPER.readTree(file.toFile());
            Path base = file.toAbsolutePath().getParent();
            String dir = ConnectionConfig.text(cfg, "journal");
            journal = Journal.embedded(base.resolve(dir == null ? "journal" : dir));
            open.add(journal);
            try {
                Dispatcher.Builder b = Dispatcher.builder(journal).node(
                        cfg.path("node").asText("sgl"));
                if (ConnectionConfig.text(cfg, "dmp") != null) {
                    DmpCommand.Common c = new DmpCommand.Common();
                    c.config = base.resolve(ConnectionConfig.text(cfg, "dmp"));
                    DmpCommand.Session s = DmpCommand.Session.open(c);
                    open.add(s);
                    b.sender(DmpSender.submitting(s.client)).sender(DmpSender.releasing(s.client));
                }
                if (ConnectionConfig.text(cfg, "mss") != null) {
                    MssConfig m = MssConfig.read(base.resolve(ConnectionConfig.text(cfg, "mss")));
                    ServiceConnection connection = m.connection();
                    open.add(connection);
                    mss = m.client(connection);
                    b.sender(MssSender.professionals(mss, m.sourceId()))
                            .sender(MssSender.patient(mss, m.sourceId()));
                }
                dispatcher = b.build();
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Reads the MSSanté returns since the checkpoint kept beside the journal. */
        void fetchReturns(Path file) throws IOException {
            if (mss == null) {
                return;
            }
            Path cp = file.toAbsolutePath().getParent().resolve("mss-returns.checkpoint");
            Checkpoint since = Checkpoint.START;
            if (Files.isRegularFile(cp)) {
                String[] v = Files.readString(cp).strip().split(" ");
                since = new Checkpoint(Long.parseLong(v[0]), Long.parseLong(v[1]));
            }
            Checkpoint next = MssReturns.of(mss, dispatcher).poll(since).checkpoint();
            Files.writeString(cp, next.uidValidity() + " " + next.lastUid());
        }

        @Override
        public void close() {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception ignored) {
                    // closing the others matters more
                }
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config == null || reports == null || reports.isEmpty()) {
            err.println("segur dispatch: --config FILE and at least one REPORT.json or N3.xml are required");
            spec.commandLine().usage(err);
            return ExitCode.USAGE;
        }
        try (Setup setup = new Setup(config)) {
            ArrayNode result = Json.MAPPER.createArrayNode();
            int exit = ExitCode.OK;
            for (Path file : reports) {
                Publication p = publication(file);
                DispatchPlan plan = setup.dispatcher.publish(p);
                setup.dispatcher.drain();
                ObjectNode o = result.addObject();
                o.put("file", file.toString());
                o.put("reportId", p.reportId());
                o.put("version", p.version());
                ArrayNode decisions = o.putArray("plan");
                for (Decision d : plan.decisions()) {
                    ObjectNode x = decisions.addObject();
                    x.put("channel", d.channel().name());
                    x.put("recipient", d.recipient());
                    x.put("outcome", d.outcome().name());
                    x.put("fr", d.message(Locale.FRENCH));
                    x.put("en", d.message(Locale.ENGLISH));
                }
                List<JournalEntry> status = setup.dispatcher.status(p.reportId()).stream()
                        .filter(e -> e.key().reportVersion() == p.version()).toList();
                o.set("sendings", sendings(status));
                exit = Math.max(exit, exitCode(status));
                if (!json) {
                    out.println(p.reportId() + " v" + p.version() + " (" + file + ")");
                    plan.decisions().forEach(d -> out.println("  plan: " + d.channel() + " " + d.recipient() + ": "
                            + d.message(Locale.FRENCH)));
                    print(out, status);
                }
            }
            if (json) {
                out.println(Json.MAPPER.writeValueAsString(result));
            }
            out.flush();
            return exit;
        } catch (SegurException e) {
            err.println("segur dispatch: " + e.getMessage());
            return ExitCode.IO_ERROR;
        } catch (IOException | RuntimeException e) {
            err.println("segur dispatch: " + e.getMessage());
            return e instanceof IllegalArgumentException || e instanceof DmpCommand.UsageProblem
                    ? ExitCode.INVALID : ExitCode.IO_ERROR;
        }
    }

    private Publication publication(Path file) throws IOException {
        CrBioReport report;
        WrittenDocument n3;
        WrittenDocument n1;
        byte[] pdf;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            report = CrBioJson.read(file).report();
            pdf = CrBioPdfRenderer.create().render(report);
            n3 = CrBioWriter.standard().n3(report, pdf);
            n1 = CrBioWriter.standard().n1(report, pdf);
        } else {
            byte[] bytes = Files.readAllBytes(file);
            ReadDocument read = CrBioReader.create().read(bytes);
            report = read.report();
            pdf = read.pdf();
            n3 = new WrittenDocument(bytes, XdsProjection.n3(report, bytes));
            n1 = CrBioWriter.standard().n1(report, pdf);
        }
        return ReportPublication.builder(report, n3, n1, pdf)
                .consent(new Consent(dmpOpposition, patientOpposition, hold)).build();
    }

    static int exitCode(List<JournalEntry> status) {
        int exit = ExitCode.OK;
        for (JournalEntry e : status) {
            if (e.state() == SendingState.FAILED) {
                exit = Math.max(exit, ExitCode.INVALID);
            } else if (e.state() == SendingState.TO_RETRY || e.state() == SendingState.IN_FLIGHT) {
                exit = Math.max(exit, ExitCode.IO_ERROR);
            }
        }
        return exit;
    }

    static ArrayNode sendings(List<JournalEntry> status) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (JournalEntry e : status) {
            ObjectNode s = a.addObject();
            s.put("version", e.key().reportVersion());
            s.put("channel", e.key().channel().name());
            s.put("recipient", e.key().recipient());
            s.put("status", e.state().name());
            s.put("attempts", e.attempts());
            ArrayNode ids = s.putArray("remoteIds");
            e.remoteIds().ifPresent(t -> List.of(t.split(" ")).forEach(ids::add));
            s.put("nextAttemptAt", e.state() == SendingState.TO_RETRY ? e.nextAttemptAt().toString() : null);
            s.put("detail", e.detail().orElse(null));
            s.put("errorCode", e.lastErrorCode().orElse(null));
            s.put("error", e.lastError().orElse(null));
            s.put("updatedAt", e.updatedAt().toString());
        }
        return a;
    }

    static void print(PrintWriter out, List<JournalEntry> status) {
        for (JournalEntry e : status) {
            out.printf(Locale.ROOT, "  v%d %-21s %-38s %-12s %s%n", e.key().reportVersion(), e.key().channel(),
                    e.key().recipient(), e.state(), e.lastError().or(e::detail).orElse(""));
        }
    }

    /** {@code segur dispatch status REPORT-ID --config FILE}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every sending of a report (all versions): status, attempts, remote ids, last error;"
                    + " with --fetch-returns, the MSSanté returns are read first.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the dispatch configuration")
        Path config;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Option(names = "--fetch-returns", description = "read the MSSanté returns (MDN, DSN) first")
        boolean fetchReturns;

        @Parameters(index = "0", paramLabel = "REPORT-ID", description = "the report's id (its set id)")
        String reportId;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Setup setup = new Setup(config)) {
                if (fetchReturns) {
                    setup.fetchReturns(config);
                }
                List<JournalEntry> status = setup.dispatcher.status(reportId);
                if (status.isEmpty()) {
                    spec.commandLine().getErr().println("segur dispatch status: no sending of " + reportId);
                    return ExitCode.INVALID;
                }
                if (json) {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("reportId", reportId);
                    o.set("sendings", sendings(status));
                    out.println(Json.MAPPER.writeValueAsString(o));
                } else {
                    out.println(reportId);
                    print(out, status);
                }
                out.flush();
                return ExitCode.OK;
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("segur dispatch status: " + e.getMessage());
                return ExitCode.IO_ERROR;
            }
        }
    }
}
