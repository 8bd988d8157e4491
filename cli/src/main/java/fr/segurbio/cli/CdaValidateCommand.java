package fr.segurbio.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import fr.segurbio.cda.validation.CdaValidationException;
import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.Finding;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.core.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda validate FILE.xml [--conformance DIR] [--json]}: {@code CDA_extended.xsd}, the ANS profiles and,
 * for N3, the CR-BIO volet schematron; prints every finding. Exit 0 when there is no error, 1 when there is one,
 * 3 when the file or the conformance package cannot be read.
 *
 * <p>JSON output: {@code {"valid":true|false,"kind":"N3"|"N1"|null,"volet":"BIO-CR-BIO_2024.01"|null,
 * "findings":[{"severity":"error|warning|info","source":"…","id":"…","message":"…","location":"…"}]}}
 * ({@code id} only when the assertion or the SDK gives one).
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a CR-BIO (N3 or N1) as the ANS does: CDA_extended.xsd, structuration minimale, IHE,"
                    + " modèles de contenus, modèles ANS, terminologies (when the package has them), then the"
                    + " volet schematron chosen from the templateId 1.2.250.1.213.1.1.1.55 extension (N3 only).",
            "Exit 0 when there is no error, 1 otherwise, 3 when the file or the package cannot be read."
        })
final class CdaValidateCommand implements Callable<Integer> {

    /** Compiled validators, one per package, kept for the process (compiling takes seconds). */
    private static final Map<Path, CrBioValidator> VALIDATORS = new ConcurrentHashMap<>();

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xml", description = "The CDA document.")
    private Path file;

    @Option(names = "--conformance", paramLabel = "DIR",
            description = "The ANS conformance package (a testContenuCDA tree). Default: the conformance/cda folder"
                    + " of the segur.shared system property, else ../shared/conformance/cda.")
    private Path conformance;

    @Option(names = "--json", description = "Print the report as JSON.")
    private boolean json;

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
        if (!Files.isRegularFile(file)) {
            err.println("segur cda validate: cannot read " + file.toAbsolutePath());
            return ExitCode.IO_ERROR;
        }
        ConformancePackage pkg;
        try {
            pkg = ConformancePackage.at(dir);
        } catch (CdaValidationException e) {
            err.println("segur cda validate: " + e.getMessage());
            return ExitCode.IO_ERROR;
        }
        CrBioValidator validator = VALIDATORS.computeIfAbsent(pkg.root(), p -> CrBioValidator.using(pkg));
        ValidationReport report = validator.validate(file);
        if (json) {
            out.println(report.toJson());
        } else {
            out.println((report.isValid() ? "valid" : "INVALID") + ": " + file
                    + " (" + report.kind().map(Enum::name).orElse("not a CDA")
                    + report.volet().map(v -> ", volet " + v).orElse("") + "): "
                    + report.count(Severity.ERROR) + " error(s), " + report.count(Severity.WARNING) + " warning(s)");
            for (Finding f : report.findings()) {
                out.println("  " + f);
            }
        }
        out.flush();
        return report.isValid() ? ExitCode.OK : ExitCode.INVALID;
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
