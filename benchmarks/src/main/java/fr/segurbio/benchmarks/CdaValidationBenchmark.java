package fr.segurbio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.testkit.ConformanceMaterial;

/**
 * CR-BIO validation with the full ANS set (XSD, structuration minimale, IHE, modèles de contenus, modèles ANS, and
 * the volet for N3) over the ANS conformance package (budget: under 100 ms per document warm, aiming at 25 ms),
 * and the cold cost of compiling every schematron of the package ({@link #coldCompile}, single shot).
 *
 * <pre>{@code
 * java -Dsegur.shared=../shared -jar benchmarks/target/benchmarks.jar CdaValidationBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
public class CdaValidationBenchmark {

    private static ConformancePackage conformancePackage() {
        Path dir = ConformanceMaterial.find("conformance/cda")
                .orElseThrow(() -> new IllegalStateException(ConformanceMaterial.missing("conformance/cda")));
        return ConformancePackage.at(dir);
    }

    /** A validator compiled once, and one ANS example in memory. */
    @State(Scope.Benchmark)
    public static class Warm {
        /** The ANS example validated. */
        @Param({
            "BIO-CR-BIO_2024.01_TSH_1.xml",
            "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
            "BIO-CR-BIO_2023.01_Electrophorese.xml",
            "BIO-CR-BIO_2021.01_CDA-R2-Niveau-1.xml"
        })
        public String document;

        CrBioValidator validator;
        byte[] xml;

        /** Compiles the package and reads the document. */
        @Setup(Level.Trial)
        public void setUp() {
            ConformancePackage pkg = conformancePackage();
            validator = CrBioValidator.using(pkg).prepare();
            try {
                xml = Files.readAllBytes(pkg.root().resolve("ExemplesCDA").resolve(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ValidationReport first = validator.validate(xml);
            if (!first.isValid()) {
                throw new IllegalStateException(document + " should be valid: " + first.errors());
            }
        }
    }

    /**
     * Validates one document with a warm validator.
     *
     * @param state the validator and the document
     * @return the report
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationReport warmValidation(Warm state) {
        return state.validator.validate(state.xml);
    }

    /**
     * Compiles the XSD and every schematron of the package (generic profiles and the three CR-BIO volets, in
     * parallel): the cold start of a validator.
     *
     * @return the prepared validator
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public CrBioValidator coldCompile() {
        return CrBioValidator.using(conformancePackage()).prepare();
    }
}
