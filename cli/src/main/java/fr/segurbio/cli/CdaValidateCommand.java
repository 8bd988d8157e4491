package fr.segurbio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.validation.CdaValidationError;
import fr.segurbio.cda.validation.CdaValidationException;
import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.Finding;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda validate FILE|DIR... [--conformance DIR] [--json] [--fail-fast] [--threads N]}:
 * {@code CDA_extended.xsd}, the ANS profiles and, for N3, the CR-BIO volet schematron, on every document given,
 * in one JVM. A directory is walked for {@code *.xml} files; its other files are listed as skipped. Documents are
 * validated in parallel within a memory budget (a document too large for it is refused with {@code CDA-515}
 * rather than risking the JVM). Exit 0 when no document has an error, 1 when one has, 3 when a path or the
 * conformance package cannot be read.
 *
 * <p>JSON output is JSON Lines: one object per document, {@code {"file":"…","valid":true|false,
 * "kind":"N3"|"N1"|null,"volet":"BIO-CR-BIO_2024.01"|null,"findings":[{"severity","source","id","message",
 * "location"}]}}, one {@code {"file":"…","skipped":"…"}} per file of a directory that is not {@code .xml}, and a
 * last {@code {"summary":{…}}} line. The compiled schematrons are kept in the cache folder
 * ({@link CrBioValidator#defaultCacheFolder()}, or {@code --cache DIR}) for the next run.
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate CR-BIO documents (N3 or N1) as the ANS does: CDA_extended.xsd, structuration minimale, IHE,"
                    + " modèles de contenus, modèles ANS, terminologies (when the package has them), then the"
                    + " volet schematron chosen from the templateId 1.2.250.1.213.1.1.1.55 extension (N3 only).",
            "Many files and directories (walked for *.xml) in one run, in parallel.",
            "Exit 0 when no document has an error, 1 otherwise, 3 when a path or the package cannot be read."
        })
final class CdaValidateCommand implements Callable<Integer> {

    /** Compiled validators, one per package, kept for the process (compiling takes seconds). */
    private static final Map<Path, CrBioValidator> VALIDATORS = new ConcurrentHashMap<>();

    /** Heap a document costs while validated, per byte of file (Saxon tree, XSD, findings), estimated high. */
    static final int BYTES_OF_HEAP_PER_BYTE = 12;

    /** Heap kept for the compiled schematrons and value sets, outside the documents' budget. */
    static final long RESERVED_HEAP = 384L * 1024 * 1024;

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "CDA documents, or directories walked for *.xml files.")
    private List<Path> paths;

    @Option(names = "--conformance", paramLabel = "DIR",
            description = "The ANS conformance package (a testContenuCDA tree). Default: the conformance/cda folder"
                    + " of the segur.shared system property, else ../shared/conformance/cda.")
    private Path conformance;

    @Option(names = "--json", description = "Print JSON Lines: one object per document, then a summary object.")
    private boolean json;

    @Option(names = "--fail-fast", description = "Stop at the first document with an error.")
    private boolean failFast;

    @Option(names = "--threads", paramLabel = "N",
            description = "Documents validated at once (default: the number of processors, at most 4).")
    private Integer threads;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Folder of the compiled-schematron cache (default: -Dsegur.cache, else ~/.cache/segur-bio).")
    private Path cache;

    @Option(names = "--memory-budget", paramLabel = "MiB",
            description = "Heap the documents being validated may use at once, in MiB (default: the JVM's maximum"
                    + " heap less 384 MiB). A document needing more is refused (CDA-515).")
    private Long memoryBudgetMiB;

    @Option(names = "--no-cache", description = "Compile the schematrons in memory only.")
    private boolean noCache;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = conformance != null ? conformance : defaultPackage();
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("segur cda validate: no conformance package"
                    + (dir == null ? "" : " at " + dir.toAbsolutePath())
                    + ". Give --conformance DIR (an ANS testContenuCDA tree), or set -Dsegur.shared=DIR to the folder"
                    + " holding conformance/cda.");
            return ExitCode.IO_ERROR;
        }
        List<Path> documents = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(f -> (isXmlName(f) ? documents : skipped).add(f));
                } catch (IOException | UncheckedIOException e) {
                    err.println("segur cda validate: cannot read the directory " + p.toAbsolutePath() + ": "
                            + e.getMessage());
                    return ExitCode.IO_ERROR;
                }
            } else if (Files.isRegularFile(p)) {
                documents.add(p);
            } else {
                err.println("segur cda validate: cannot read " + p.toAbsolutePath());
                return ExitCode.IO_ERROR;
            }
        }
        ConformancePackage pkg;
        try {
            pkg = ConformancePackage.at(dir);
        } catch (CdaValidationException e) {
            err.println("segur cda validate: " + e.getMessage());
            return ExitCode.IO_ERROR;
        }
        CrBioValidator validator = VALIDATORS.computeIfAbsent(pkg.root(), p -> noCache ? CrBioValidator.using(pkg)
                : CrBioValidator.cached(pkg, cache != null ? cache : CrBioValidator.defaultCacheFolder(),
                        CrBioValidator.DEFAULT_MAX_BYTES));
        int noticesBefore = validator.notices().size();
        long start = System.nanoTime();

        Batch batch = new Batch(validator, out);
        for (Path s : skipped) {
            batch.skipped(s);
        }
        int exitCode = batch.run(documents);
        List<String> notices = validator.notices();
        for (String n : notices.subList(Math.min(noticesBefore, notices.size()), notices.size())) {
            err.println("segur cda validate: " + n);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            ObjectNode summary = Json.MAPPER.createObjectNode();
            ObjectNode s = summary.putObject("summary");
            s.put("documents", batch.done.get());
            s.put("valid", batch.valid.get());
            s.put("invalid", batch.invalid.get());
            s.put("skipped", skipped.size());
            s.put("notValidated", documents.size() - batch.done.get());
            s.put("seconds", Math.round(seconds * 1000) / 1000.0);
            out.println(summary);
        } else {
            out.println(String.format(Locale.ROOT,
                    "%d document(s): %d valid, %d invalid, %d skipped (not .xml)%s in %.1f s",
                    batch.done.get(), batch.valid.get(), batch.invalid.get(), skipped.size(),
                    documents.size() > batch.done.get()
                            ? ", " + (documents.size() - batch.done.get()) + " not validated (--fail-fast)" : "",
                    seconds));
        }
        out.flush();
        return exitCode;
    }

    private static boolean isXmlName(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml");
    }

    /** The documents of one run: validated in parallel within a heap budget, printed as they finish. */
    private final class Batch {
        private final CrBioValidator validator;
        private final PrintWriter out;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger valid = new AtomicInteger();
        private final AtomicInteger invalid = new AtomicInteger();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final long budgetKiB;
        private final Semaphore heap;

        Batch(CrBioValidator validator, PrintWriter out) {
            this.validator = validator;
            this.out = out;
            long budget = memoryBudgetMiB != null ? Math.max(1, memoryBudgetMiB) * 1024 * 1024
                    : Math.max(Runtime.getRuntime().maxMemory() - RESERVED_HEAP, Runtime.getRuntime().maxMemory() / 4);
            this.budgetKiB = Math.max(1, budget / 1024);
            this.heap = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetKiB));
        }

        void skipped(Path file) {
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("file", file.toString());
                o.put("skipped", "not an .xml file / pas un fichier .xml");
                print(o.toString());
            } else {
                print("skipped: " + file + " (not an .xml file / pas un fichier .xml)");
            }
        }

        int run(List<Path> documents) {
            int n = threads != null ? Math.max(1, threads)
                    : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
            n = Math.min(n, Math.max(1, documents.size()));
            ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "segur-validate");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (Path d : documents) {
                    futures.add(pool.submit(() -> validateOne(d)));
                }
                for (Future<?> f : futures) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                pool.shutdownNow();
            }
            return invalid.get() > 0 ? ExitCode.INVALID : ExitCode.OK;
        }

        private void validateOne(Path file) {
            if (stop.get()) {
                return;
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = 0;
            }
            long costKiB = Math.max(1, size / 1024 * BYTES_OF_HEAP_PER_BYTE);
            ValidationReport report;
            if (costKiB > budgetKiB) {
                Problem p = Problem.of(CdaValidationError.BATCH_MEMORY, "", size, budgetKiB * 1024);
                report = ValidationReport.refused(new Finding(Severity.ERROR, "xml",
                        CdaValidationError.BATCH_MEMORY.id(), p.messageFr() + " / " + p.messageEn(), ""));
            } else {
                int permits = (int) costKiB;
                heap.acquireUninterruptibly(permits);
                try {
                    if (stop.get()) {
                        return;
                    }
                    report = validator.validate(file);
                } finally {
                    heap.release(permits);
                }
            }
            done.incrementAndGet();
            if (report.isValid()) {
                valid.incrementAndGet();
            } else {
                invalid.incrementAndGet();
                if (failFast) {
                    stop.set(true);
                }
            }
            if (json) {
                print(report.toJson(file.toString()));
            } else {
                StringBuilder sb = new StringBuilder();
                sb.append(report.isValid() ? "valid" : "INVALID").append(": ").append(file)
                        .append(" (").append(report.kind().map(Enum::name).orElse("not a CDA"))
                        .append(report.volet().map(v -> ", volet " + v).orElse("")).append("): ")
                        .append(report.count(Severity.ERROR)).append(" error(s), ")
                        .append(report.count(Severity.WARNING)).append(" warning(s)");
                for (Finding f : report.findings()) {
                    sb.append(System.lineSeparator()).append("  ").append(f);
                }
                print(sb.toString());
            }
        }

        private void print(String text) {
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        }
    }

    /** {@code <segur.shared>/conformance/cda}, else {@code ../shared/conformance/cda}. */
    private static Path defaultPackage() {
        String shared = System.getProperty("segur.shared");
        if (shared != null && !shared.isBlank()) {
            return Path.of(shared, "conformance", "cda");
        }
        Path sibling = Path.of("..", "shared", "conformance", "cda");
        return Files.isDirectory(sibling) ? sibling : null;
    }
}
