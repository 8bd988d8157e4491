package fr.segurbio.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.read.CrBioMerger;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.SegurException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur cda merge MAIN.xml SUBCONTRACTOR.xml --out FILE.xml}: inserts the subcontracting lab's results (its
 * lab as performer) into the lab's own CR-BIO N3, or its PDF as an attachment when it is an N1; refused when the
 * patient differs. The merged N3 carries a PDF/A copy rendered by the SDK from the merged report. Exit 0 written, 1 refused, 3 I/O error.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merge a subcontractor's CR-BIO (N3 results, or N1 PDF) into the lab's own N3; refused for another patient.",
            "Exit 0 when written, 1 when refused, 3 on an I/O error."
        })
final class CdaMergeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MAIN.xml", description = "The lab's own CR-BIO N3.")
    private Path main;

    @Parameters(index = "1", paramLabel = "SUBCONTRACTOR.xml", description = "The subcontracting lab's CR-BIO.")
    private Path subcontractor;

    @Option(names = "--out", required = true, paramLabel = "FILE.xml", description = "The merged N3.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : new Path[] {main, subcontractor}) {
            if (!Files.isRegularFile(p)) {
                err.println("segur cda merge: cannot read " + p.toAbsolutePath());
                return ExitCode.IO_ERROR;
            }
        }
        try {
            ReadDocument own = CrBioReader.create().read(main);
            CrBioReport merged = CrBioMerger.merge(own.report(), Files.readAllBytes(subcontractor));
            byte[] pdf = CrBioPdfRenderer.create().render(merged);
            try (OutputStream o = Files.newOutputStream(out)) {
                CrBioWriter.standard().writeN3(merged, pdf, o);
            }
            spec.commandLine().getOut().println(out + ": " + merged.observationCount() + " result(s)");
            return ExitCode.OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("segur cda merge: " + e.getMessage());
            return ExitCode.IO_ERROR;
        } catch (SegurException e) {
            err.println("segur cda merge: " + e.getMessage());
            return ExitCode.INVALID;
        }
    }
}
