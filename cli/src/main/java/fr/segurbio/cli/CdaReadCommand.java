package fr.segurbio.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda read FILE.xml [--json]}: reads a CR-BIO N3 (2021.01, 2023.01, 2024.01, written by the SDK or not)
 * into the model and prints it — as the JSON report format of {@code segur cda build} with {@code --json}. Exit 0,
 * 1 when the file is not a readable CR-BIO N3 (another volet, N1, DTD, malformed), 3 when it cannot be read.
 */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        description = {
            "Read a CR-BIO N3 into the typed report; --json prints the JSON report format of 'segur cda build'.",
            "Exit 0 when read, 1 when the file is not a readable CR-BIO N3, 3 when it cannot be read."
        })
final class CdaReadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.xml", description = "The CDA document.")
    private Path file;

    @Option(names = "--json", description = "Print the report in the JSON report format.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("segur cda read: cannot read " + file.toAbsolutePath());
            return ExitCode.IO_ERROR;
        }
        ReadDocument doc;
        try {
            doc = CrBioReader.create().read(file);
        } catch (UncheckedIOException e) {
            err.println("segur cda read: " + e.getCause().getMessage());
            return ExitCode.IO_ERROR;
        } catch (SegurException e) {
            err.println("segur cda read: " + e.getMessage());
            return ExitCode.INVALID;
        }
        if (json) {
            out.println(CrBioJson.write(doc.report()));
        } else {
            out.println(file + ": " + doc.volet() + ", " + doc.report().observationCount() + " result(s), PDF copy "
                    + doc.pdfCopy().map(p -> p.length + " bytes").orElse("absent"));
            out.println("  patient: " + doc.report().patient().displayName());
            for (Chapter c : doc.report().chapters()) {
                out.println("  " + c.title() + " (" + c.code().code() + ")");
            }
            for (Problem p : doc.checks().problems()) {
                out.println("  " + p);
            }
        }
        out.flush();
        return ExitCode.OK;
    }
}
