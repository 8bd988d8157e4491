package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.segurbio.testkit.ConformanceMaterial;

/**
 * {@code scripts/segur}, the launcher, run as users run it (bash, the built {@code segur.jar}, the JVM of this test):
 * a command's first run writes its class-data sharing archive, the next runs map it, and the archive never changes
 * what a run prints or returns — missing, truncated, corrupt, written by concurrent first runs, or with no cache
 * folder to put it in.
 */
class SegurLauncherIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = MODULE.resolveSibling("scripts").resolve("segur");
    private static final Path JAR = MODULE.resolve("target").resolve("segur.jar");
    /** {@code segur<words>-<family>-<build>.<size>.jsa}. */
    private static final Pattern ARCHIVE = Pattern.compile("segur(-[a-z-]+)?-\\d+-\\d+\\.(\\d+)\\.jsa");
    private static final String FROM_ARCHIVE = "fr.segurbio.cli.Segur source: shared objects file (top)";

    @TempDir
    Path dir;

    private Path cds;
    private int runs;

    /** What a run returned and printed. */
    private record Run(int exit, String out, String err) {
    }

    /** A run started, not yet waited for. */
    private record Started(Process process, Path out, Path err) {
        Run finish() throws Exception {
            assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    @BeforeEach
    void needsBashAndTheJar() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")),
                "bash runs scripts/segur");
        assumeTrue(Files.isRegularFile(JAR), JAR + " is built by the package phase");
        cds = dir.resolve("cds");
    }

    private Started start(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = pb.environment();
        for (String name : List.of("SEGUR_JAVA_OPTS", "SEGUR_CDS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS")) {
            environment.remove(name);
        }
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        environment.put("SEGUR_JAR", JAR.toString());
        environment.put("SEGUR_CDS_DIR", cds.toString());
        environment.putAll(env);
        int n = ++runs;
        Path out = dir.resolve("run" + n + ".out");
        Path err = dir.resolve("run" + n + ".err");
        return new Started(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    private Run run(Map<String, String> env, String... args) throws Exception {
        return start(env, args).finish();
    }

    /** A run that logs where its classes came from: its output and whether Segur came from the archive. */
    private Run runLoggingClasses(Path log, String... args) throws Exception {
        Run run = run(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + log), args);
        assertThat(run.err()).as("only the java launcher's note").startsWith("NOTE: Picked up JDK_JAVA_OPTIONS")
                .hasLineCount(1);
        return new Run(run.exit(), run.out(), "");
    }

    private List<Path> archives() throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> !Files.isDirectory(f)).sorted().toList();
        }
    }

    /** The only file of the cache folder: a whole archive, its size in its name. */
    private Path theArchive() throws IOException {
        List<Path> files = archives();
        assertThat(files).as("one archive, no temporary file left").hasSize(1);
        Path archive = files.get(0);
        Matcher m = ARCHIVE.matcher(archive.getFileName().toString());
        assertThat(m.matches()).as(archive.toString()).isTrue();
        assertThat(Files.size(archive)).isEqualTo(Long.parseLong(m.group(2))).isGreaterThan(100_000);
        return archive;
    }

    @Test
    void theFirstRunWritesTheArchiveAndTheNextOnesMapItWithTheSameOutput() throws Exception {
        Run plain = run(Map.of("SEGUR_CDS", "off"), "--version");
        assertThat(plain.exit()).isZero();
        assertThat(plain.err()).isEmpty();
        assertThat(plain.out()).startsWith("segur 0.");
        assertThat(archives()).as("SEGUR_CDS=off writes nothing").isEmpty();

        assertThat(run(Map.of(), "--version")).as("the first run, writing the archive").isEqualTo(plain);
        Path archive = theArchive();

        Path log = dir.resolve("classes.log");
        assertThat(runLoggingClasses(log, "--version")).isEqualTo(new Run(0, plain.out(), ""));
        assertThat(Files.readString(log)).contains(FROM_ARCHIVE);
        assertThat(theArchive()).isEqualTo(archive);

        Run help = run(Map.of(), "help");
        assertThat(help.exit()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(run(Map.of(), "help")).isEqualTo(help);
        assertThat(archives()).as("another command, another archive").hasSize(2)
                .anySatisfy(f -> assertThat(f.getFileName().toString()).startsWith("segur-help-"));
    }

    @Test
    void aTruncatedArchiveIsReplacedAndACorruptOneIsIgnoredSilently() throws Exception {
        Run plain = run(Map.of(), "--version");
        assertThat(plain.exit()).isZero();
        Path archive = theArchive();
        long size = Files.size(archive);

        // truncated (JDK 17 crashes on one): the launcher sees its size differ from its name, drops and rewrites it
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(size / 3);
        }
        assertThat(run(Map.of(), "--version")).isEqualTo(plain);
        assertThat(Files.size(theArchive())).isEqualTo(size);

        // same size, corrupt header and contents: the JVM's checksums refuse it, the run goes on without it
        archive = theArchive();
        archive.toFile().setWritable(true);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            for (long at : new long[] {16, size / 2, size - 4096}) {
                f.seek(at);
                f.write(new byte[1024]);
            }
        }
        assertThat(run(Map.of(), "--version")).isEqualTo(plain);
        Path log = dir.resolve("classes.log");
        assertThat(runLoggingClasses(log, "--version")).isEqualTo(new Run(0, plain.out(), ""));
        assertThat(Files.readString(log)).contains("fr.segurbio.cli.Segur source: ").doesNotContain(FROM_ARCHIVE);
    }

    @Test
    void concurrentFirstRunsLeaveOneWholeArchive() throws Exception {
        Run plain = run(Map.of("SEGUR_CDS", "off"), "--version");
        List<Started> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(start(Map.of(), "--version"));
        }
        for (Started s : started) {
            assertThat(s.finish()).isEqualTo(plain);
        }
        theArchive();
        Path log = dir.resolve("classes.log");
        assertThat(runLoggingClasses(log, "--version")).isEqualTo(new Run(0, plain.out(), ""));
        assertThat(Files.readString(log)).contains(FROM_ARCHIVE);
    }

    @Test
    void withNoCacheFolderToWriteTheRunIsTheSame() throws Exception {
        Run plain = run(Map.of("SEGUR_CDS", "off"), "--version");
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        cds = file.resolve("cds");
        assertThat(run(Map.of(), "--version")).as("SEGUR_CDS_DIR under a file").isEqualTo(plain);
        assertThat(run(Map.of("SEGUR_CDS_DIR", "", "XDG_CACHE_HOME", "", "HOME", file.toString()), "--version"))
                .as("HOME a file: no ~/.cache").isEqualTo(plain);
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void aFolderGivenAsAnOptionsValueIsNotABatch() throws Exception {
        Path echo = Path.of("/bin/echo");
        assumeTrue(Files.isExecutable(echo), "/bin/echo shows the JVM's command line");
        Path folder = Files.createDirectories(dir.resolve("documents"));
        Path document = Files.writeString(folder.resolve("one.xml"), "<x/>");
        Map<String, String> env = Map.of("JAVA", echo.toString(), "SEGUR_CDS", "off");
        assertThat(run(env, "cda", "validate", document.toString(), "--conformance", folder.toString(), "--cache",
                folder.toString()).out()).as("one document: a short run").contains("-XX:TieredStopAtLevel=1");
        assertThat(run(env, "cda", "validate", folder.toString()).out()).as("a folder of documents: a batch")
                .doesNotContain("-XX:TieredStopAtLevel=1").contains("-jar");
    }

    @Test
    void aValidationMappingTheArchiveFindsWhatItFindsWithout() throws Exception {
        Optional<Path> cda = ConformanceMaterial.find("conformance/cda");
        assumeTrue(cda.isPresent(), ConformanceMaterial.missing("conformance/cda"));
        Path document = cda.get().resolve("ExemplesCDA").resolve("BIO-CR-BIO_2024.01_TSH_1.xml");
        // the compiled-schematron cache kept in target/ between builds: filling it is most of this test's time
        String[] args = {"cda", "validate", document.toString(), "--conformance", cda.get().toString(), "--json",
            "--cache", MODULE.resolve("target").resolve("launcher-it-schematron").toString()};
        Run plain = run(Map.of("SEGUR_CDS", "off"), args);
        Run writing = run(Map.of(), args);
        Path archive = theArchive();
        assertThat(archive.getFileName().toString()).startsWith("segur-cda-validate-");
        Path log = dir.resolve("classes.log");
        Run mapping = runLoggingClasses(log, args);
        assertThat(Files.readString(log)).contains(FROM_ARCHIVE);
        for (Run r : List.of(writing, mapping)) {
            assertThat(r.exit()).isEqualTo(plain.exit()).isZero();
            assertThat(withoutSeconds(r.out())).isEqualTo(withoutSeconds(plain.out())).contains("\"valid\":true");
        }
        assertThat(plain.err()).isEqualTo(writing.err()).isEmpty();
    }

    /** The JSON lines with the summary's duration left out. */
    private static String withoutSeconds(String out) {
        return out.replaceAll("\"seconds\":[0-9.E-]+", "\"seconds\":_");
    }
}
