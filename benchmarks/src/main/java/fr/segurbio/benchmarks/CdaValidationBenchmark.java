package fr.segurbio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.testkit.ConformanceMaterial;

/**
 * CR-BIO validation with the full ANS set (XSD, structuration minimale, IHE, modèles de contenus, modèles ANS, and
 * the volet for N3), the SDK beside the ANS route ({@link AnsValidationRoute}: the untouched skeleton on Saxon-HE)
 * in the same run: warm per example of the package on one thread ({@link #sdkWarm}, {@link #ansWarm}; budget
 * 25 ms per 2024.01 example and at most a fifth of the ANS route), throughput on two threads
 * ({@link #sdkThroughputTwoThreads}, {@link #ansThroughputTwoThreads}), and the cold start from a fresh JVM to
 * the first report (single shot, one fork per measurement; budget 3 s): the SDK with its compiled-schematron cache
 * filled ({@link #sdkColdFromCache}), with no cache ({@link #sdkColdNoCache}), and the ANS route
 * ({@link #ansCold}), with the JVM's default options; and both again as {@code scripts/segur} runs a short command
 * ({@link #sdkColdLauncher}, {@link #ansColdLauncher}): C1 only, the serial collector and a class-data sharing
 * archive of the same work written beforehand ({@link LauncherCds}).
 *
 * <pre>{@code
 * java -Dsegur.shared=../shared -jar benchmarks/target/benchmarks.jar CdaValidationBenchmark -f 1 -wi 5 -w 2 -i 5 -r 2
 * }</pre>
 */
public class CdaValidationBenchmark {

    static final String COLD_DOCUMENT = "BIO-CR-BIO_2024.01_TSH_1.xml";

    private static ConformancePackage conformancePackage() {
        Path dir = ConformanceMaterial.find("conformance/cda")
                .orElseThrow(() -> new IllegalStateException(ConformanceMaterial.missing("conformance/cda")));
        return ConformancePackage.at(dir);
    }

    private static byte[] example(ConformancePackage pkg, String name) {
        try {
            return Files.readAllBytes(pkg.root().resolve("ExemplesCDA").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SDK's validator and the ANS route, both compiled once, and one example of the package in memory. */
    @State(Scope.Benchmark)
    public static class Warm {
        /** The ANS example validated. */
        @Param({
            "BIO-CR-BIO_2024.01_TSH_1.xml",
            "BIO-CR-BIO_2024.01_TSH_2.xml",
            "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
            "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
            "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
            "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
            "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
            "BIO-CR-BIO_2023.01_Electrophorese.xml",
            "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
            "BIO-CR-BIO_2021.01_Electrophorese.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
            "BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml",
            "DOC_NON_STRUCTURE_CDA-R2-N1.xml"
        })
        public String document;

        CrBioValidator validator;
        AnsValidationRoute ans;
        byte[] xml;

        /** Compiles both and reads the document; checks the SDK finds it valid. */
        @Setup(Level.Trial)
        public void setUp() {
            ConformancePackage pkg = conformancePackage();
            validator = CrBioValidator.using(pkg).prepare();
            ans = new AnsValidationRoute(pkg.root());
            xml = example(pkg, document);
            ValidationReport first = validator.validate(xml);
            if (!first.isValid()) {
                throw new IllegalStateException(document + " should be valid: " + first.errors());
            }
        }
    }

    /**
     * The SDK on one document, warm, one thread.
     *
     * @param state the validator and the document
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationReport sdkWarm(Warm state) {
        return state.validator.validate(state.xml);
    }

    /**
     * The ANS route on the same document, warm, one thread.
     *
     * @param state the route and the document
     * @return the number of failures
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int ansWarm(Warm state) {
        return state.ans.validate(state.xml);
    }

    /**
     * The SDK's throughput on two threads sharing one validator.
     *
     * @param state the validator and the document
     * @return the report
     */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ValidationReport sdkThroughputTwoThreads(Warm state) {
        return state.validator.validate(state.xml);
    }

    /**
     * The ANS route's throughput on two threads sharing its compiled stylesheets.
     *
     * @param state the route and the document
     * @return the number of failures
     */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int ansThroughputTwoThreads(Warm state) {
        return state.ans.validate(state.xml);
    }

    /** A compiled-schematron cache filled before the measured fork's first report (in a child JVM). */
    @State(Scope.Benchmark)
    public static class FilledCache {
        Path folder;
        ConformancePackage pkg;
        byte[] xml;

        /** Fills the cache in a separate JVM when it has no entry yet, so this JVM stays cold. */
        @Setup(Level.Trial)
        public void setUp() throws IOException, InterruptedException {
            pkg = conformancePackage();
            xml = example(pkg, COLD_DOCUMENT);
            folder = Path.of(System.getProperty("java.io.tmpdir"), "segur-bench-schematron-cache");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    FillCache.class.getName(), pkg.root().toString(), folder.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("filling the cache failed");
            }
        }
    }

    /**
     * The {@link FilledCache}, and the SDK's class-data sharing archive written as {@code scripts/segur} writes it:
     * by a run of the same work with the launcher's options, before the measured forks start.
     */
    @State(Scope.Benchmark)
    public static class LauncherFilledCache extends FilledCache {
        /**
         * Writes the archive (in a child JVM) unless it is there for this class path and JVM.
         *
         * @throws IOException if the archive cannot be written
         * @throws InterruptedException if interrupted
         */
        @Setup(Level.Trial)
        public void writeArchive() throws IOException, InterruptedException {
            LauncherCds.ensure(Path.of(LauncherCds.SDK_ARCHIVE), FillCache.class, pkg.root().toString(),
                    folder.toString());
        }
    }

    /** The {@link Cold} state, and the ANS route's class-data sharing archive, written as for the SDK. */
    @State(Scope.Benchmark)
    public static class LauncherCold extends Cold {
        /**
         * Writes the archive (in a child JVM) unless it is there for this class path and JVM.
         *
         * @throws IOException if the archive cannot be written
         * @throws InterruptedException if interrupted
         */
        @Setup(Level.Trial)
        public void writeArchive() throws IOException, InterruptedException {
            LauncherCds.ensure(Path.of(LauncherCds.ANS_ARCHIVE), AnsOnce.class, pkg.root().toString());
        }
    }

    /** Validates the cold document once on the ANS route (the work the ANS route's archive is written from). */
    public static final class AnsOnce {
        private AnsOnce() {
        }

        /**
         * Entry point of the child JVM.
         *
         * @param args the package folder
         */
        public static void main(String[] args) {
            ConformancePackage pkg = ConformancePackage.at(Path.of(args[0]));
            new AnsValidationRoute(pkg.root()).validate(example(pkg, COLD_DOCUMENT));
        }
    }

    /** Fills a cache folder: validates one document with a cached validator. */
    public static final class FillCache {
        private FillCache() {
        }

        /**
         * Entry point of the child JVM.
         *
         * @param args the package folder and the cache folder
         */
        public static void main(String[] args) {
            CrBioValidator.cached(ConformancePackage.at(Path.of(args[0])), Path.of(args[1]),
                    CrBioValidator.DEFAULT_MAX_BYTES).validate(Path.of(args[0], "ExemplesCDA", COLD_DOCUMENT));
        }
    }

    /** A package and a document, nothing compiled. */
    @State(Scope.Benchmark)
    public static class Cold {
        ConformancePackage pkg;
        byte[] xml;

        /** Reads the document. */
        @Setup(Level.Trial)
        public void setUp() {
            pkg = conformancePackage();
            xml = example(pkg, COLD_DOCUMENT);
        }
    }

    /**
     * Fresh JVM to the first report, the compiled-schematron cache filled by an earlier JVM.
     *
     * @param state the cache and the document
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationReport sdkColdFromCache(FilledCache state) {
        return CrBioValidator.cached(state.pkg, state.folder, CrBioValidator.DEFAULT_MAX_BYTES).validate(state.xml);
    }

    /**
     * Fresh JVM to the first report with no cache: the skeleton runs on the profiles the document needs.
     *
     * @param state the package and the document
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(3)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationReport sdkColdNoCache(Cold state) {
        return CrBioValidator.using(state.pkg).validate(state.xml);
    }

    /**
     * Fresh JVM to the first report of the ANS route (compiling every profile and volet, then validating).
     *
     * @param state the package and the document
     * @return the number of failures
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(3)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int ansCold(Cold state) {
        return new AnsValidationRoute(state.pkg.root()).validate(state.xml);
    }

    /**
     * Fresh JVM to the first report, the compiled-schematron cache filled, as {@code scripts/segur cda validate FILE}
     * runs: C1 only, serial collector, the class-data sharing archive of an earlier run mapped. The first fork (a
     * warm-up fork, discarded) writes the archive.
     *
     * @param state the cache and the document
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 5, warmups = 1, jvmArgsPrepend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:SharedArchiveFile=" + LauncherCds.SDK_ARCHIVE, "-XX:+VerifySharedSpaces", "-Xlog:cds*=off",
        "-Xlog:class+path=off"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationReport sdkColdLauncher(LauncherFilledCache state) {
        return CrBioValidator.cached(state.pkg, state.folder, CrBioValidator.DEFAULT_MAX_BYTES).validate(state.xml);
    }

    /**
     * Fresh JVM to the first report of the ANS route with the same JVM options as {@link #sdkColdLauncher}, its own
     * class-data sharing archive written the same way.
     *
     * @param state the package and the document
     * @return the number of failures
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(value = 3, warmups = 1, jvmArgsPrepend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-XX:SharedArchiveFile=" + LauncherCds.ANS_ARCHIVE, "-XX:+VerifySharedSpaces", "-Xlog:cds*=off",
        "-Xlog:class+path=off"})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int ansColdLauncher(LauncherCold state) {
        return new AnsValidationRoute(state.pkg.root()).validate(state.xml);
    }
}
