package fr.segurbio.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The class-data sharing archive of a cold benchmark run the way {@code scripts/segur} runs {@code segur}: the
 * launcher writes a command's archive at the exit of its first run ({@code -XX:ArchiveClassesAtExit}) and maps it in
 * the next ones; here a child JVM with the launcher's options and this JVM's class path does the measured work once
 * and writes the archive, which the measured forks (started with {@link #FLAGS} and {@code -XX:SharedArchiveFile})
 * map. A JMH fork cannot choose its own JVM options, so the archive is written from the first fork's setup (a JMH
 * warm-up fork, whose shot is discarded) and the measured forks, started after it, map it.
 *
 * <pre>{@code
 * LauncherCds.ensure(Path.of(LauncherCds.SDK_ARCHIVE), CdaValidationBenchmark.FillCache.class, root, cache);
 * }</pre>
 */
public final class LauncherCds {

    /** The launcher's options for a short run: C1 only and the serial collector ({@code scripts/segur}). */
    public static final String[] FLAGS = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    /** Folder of the benchmarks' archives (a constant: JMH's fork options are annotation constants). */
    public static final String DIR = "/tmp/segur-bench-cds";

    /** The archive of {@code CdaValidationBenchmark}'s SDK cold start. */
    public static final String SDK_ARCHIVE = DIR + "/sdk-cold.jsa";

    /** The archive of {@code CdaValidationBenchmark}'s ANS route cold start. */
    public static final String ANS_ARCHIVE = DIR + "/ans-cold.jsa";

    private LauncherCds() {
    }

    /**
     * Writes {@code archive} unless it was written for this class path (each entry's size and date), this JVM and
     * {@code main}: a child JVM with {@link #FLAGS} runs {@code main} once and dumps the classes it loaded when it
     * exits; the archive is written to a temporary file and moved into place, with a key file beside it.
     *
     * @param archive the archive file
     * @param main the class whose {@code main} does the measured work once
     * @param args its arguments
     * @throws IOException if the archive cannot be written
     * @throws InterruptedException if interrupted while the child runs
     */
    public static void ensure(Path archive, Class<?> main, String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        StringBuilder key = new StringBuilder()
                .append(System.getProperty("java.home")).append('\n')
                .append(System.getProperty("java.vm.version")).append('\n')
                .append(main.getName()).append(' ').append(String.join(" ", args)).append('\n');
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            key.append(entry);
            if (Files.exists(p)) {
                key.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
            }
            key.append('\n');
        }
        Path keyFile = archive.resolveSibling(archive.getFileName() + ".key");
        if (Files.isRegularFile(archive) && Files.isRegularFile(keyFile)
                && Files.readString(keyFile, StandardCharsets.UTF_8).contentEquals(key)) {
            return;
        }
        Files.createDirectories(archive.getParent());
        Files.deleteIfExists(keyFile);
        Path tmp = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(FLAGS));
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-Xlog:cds*=off", "-Xlog:class+path=off"));
        String shared = System.getProperty("segur.shared");
        if (shared != null) {
            command.add("-Dsegur.shared=" + shared);
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0 || !Files.isRegularFile(tmp)) {
            Files.deleteIfExists(tmp);
            throw new IllegalStateException("writing the class-data sharing archive " + archive + " failed");
        }
        Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(keyFile, key, StandardCharsets.UTF_8);
    }
}
