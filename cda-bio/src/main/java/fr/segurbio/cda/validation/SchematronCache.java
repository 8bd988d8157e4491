package fr.segurbio.cda.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The on-disk cache of the XSLT the ISO skeleton generates from the package's schematrons (after the
 * {@link SvrlOptimizer}), so that a new JVM compiles XSLT without running the skeleton again.
 *
 * <p>Entries live in {@code <root>/<key>/<profile>.xsl}, where the key is a SHA-256 over the cache format, the
 * Saxon version and the relative path and content of every file under the package's {@code schematrons/}
 * folder (the schematrons, their includes and abstract patterns, the skeleton): any change to one of them gives
 * another key, so an edited package never reads a stale entry. Entries are written to a temporary file of the
 * same folder and renamed atomically, so that two JVMs filling the same cache at once each read either nothing or
 * a complete file. When the folder cannot be created or written, the cache keeps working in memory only and says
 * so once through the notice consumer.
 *
 * <p>Beside an entry, {@code <profile>.prune} keeps the {@link StylesheetPruner}'s analysis of its text (written by
 * the first JVM that analyses it, the same way), so that later JVMs do not parse the text twice at cold start. It
 * names the text it belongs to (length and hash, checked on reading) and goes with the entry when the entry is
 * discarded.
 */
final class SchematronCache {

    /** Changes whenever the generated text would change for the same package (skeleton call, optimiser). */
    static final String FORMAT = "segur-svrl-cache-6";

    private final Path folder;
    private final Consumer<String> notices;
    private final AtomicBoolean memoryOnly = new AtomicBoolean();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger analysesRead = new AtomicInteger();

    private SchematronCache(Path folder, Consumer<String> notices) {
        this.folder = folder;
        this.notices = notices;
    }

    /**
     * The cache of a package under a root folder; the package's key is computed here (it reads the
     * {@code schematrons/} tree once).
     */
    static SchematronCache open(Path root, ConformancePackage pkg, Consumer<String> notices) {
        return new SchematronCache(root.resolve(key(pkg.root())), notices);
    }

    /** The folder of this package's entries. */
    Path folder() {
        return folder;
    }

    /** The cached text of a profile, when present and readable. */
    Optional<String> read(String profile) {
        Path file = folder.resolve(profile + ".xsl");
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            hits.incrementAndGet();
            return Optional.of(text);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The stored analysis of a profile's text ({@link StylesheetPruner#stored()}), when present and readable. */
    Optional<byte[]> readAnalysis(String profile) {
        try {
            Path file = folder.resolve(profile + ".prune");
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            byte[] analysis = Files.readAllBytes(file);
            analysesRead.incrementAndGet();
            return Optional.of(analysis);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Writes the analysis of a profile's text beside its entry, atomically (nothing when in memory only). */
    void writeAnalysis(String profile, byte[] analysis) {
        writeFile(profile, ".prune", analysis);
    }

    /** Removes an entry that turned out unusable (it will be written again), and its analysis. */
    void discard(String profile) {
        try {
            Files.deleteIfExists(folder.resolve(profile + ".xsl"));
            Files.deleteIfExists(folder.resolve(profile + ".prune"));
        } catch (IOException e) {
            // an entry that cannot be removed is overwritten by the next write
        }
    }

    /** Writes an entry atomically; on failure, switches to memory only and says so once. */
    void write(String profile, String xslt) {
        if (writeFile(profile, ".xsl", xslt.getBytes(StandardCharsets.UTF_8))) {
            writes.incrementAndGet();
        }
    }

    private boolean writeFile(String profile, String suffix, byte[] content) {
        if (memoryOnly.get()) {
            return false;
        }
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempFile(folder, profile + ".", ".tmp");
            Files.write(tmp, content);
            Path target = folder.resolve(profile + suffix);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the folder is not writable: nothing was left
                }
            }
            if (memoryOnly.compareAndSet(false, true)) {
                notices.accept(CrBioValidator.notice(CdaValidationError.CACHE_NOT_WRITABLE, folder,
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
            return false;
        }
    }

    /** Whether writing failed and the cache works in memory only. */
    boolean memoryOnly() {
        return memoryOnly.get();
    }

    /** How many entries were read from disk. */
    int hits() {
        return hits.get();
    }

    /** How many stored analyses were read from disk. */
    int analysesRead() {
        return analysesRead.get();
    }

    /** How many entries were written to disk. */
    int writes() {
        return writes.get();
    }

    /** The key of a package: the hash of its {@code schematrons/} tree, the cache format and Saxon's version. */
    static String key(Path packageRoot) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update((FORMAT + "\n" + net.sf.saxon.Version.getProductVersion() + "\n").getBytes(StandardCharsets.UTF_8));
        Path schematrons = packageRoot.resolve("schematrons");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(schematrons)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            sha.update(schematrons.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }
}
