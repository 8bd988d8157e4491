package fr.segurbio.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.LoincTable;
import fr.segurbio.loinc.ValueSet;
import fr.segurbio.loinc.catalog.Catalogue;
import fr.segurbio.loinc.catalog.CatalogueChecker;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.catalog.ResultType;
import fr.segurbio.loinc.catalog.Transcoding;
import fr.segurbio.loinc.catalog.TranscodingStatus;
import fr.segurbio.loinc.io.CatalogueCsv;
import fr.segurbio.loinc.io.CatalogueFhir;
import fr.segurbio.loinc.io.CsvOptions;
import fr.segurbio.loinc.io.ImportResult;

/**
 * loinc-catalog hot paths: the LOINC check digit (target ≥ 10 million codes/s) and the import + check of a
 * 10,000-exam transcoded catalogue (target &lt; 1 s on one core). The catalogue and the LOINC table are
 * synthetic (generated codes with invented names), not LOINC content.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar LoincBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LoincBenchmark {

    private static final int CODES = 1024;
    private static final int EXAMS = 10_000;

    private String[] codes;
    private byte[] csv;
    private Catalogue catalogue;
    private Path tableDir;
    private CatalogueChecker checker;

    /**
     * Builds the inputs.
     *
     * @throws IOException when the synthetic table cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        codes = new String[CODES];
        for (int i = 0; i < CODES; i++) {
            String valid = LoincCode.of(1 + i * 97).value();
            // one code in eight has a wrong check digit
            codes[i] = i % 8 == 0 ? valid.substring(0, valid.length() - 1) + ((valid.charAt(valid.length() - 1) - '0' + 1) % 10)
                    : valid;
        }
        String[][] kinds = {{"MCnc", "g/L", "mg/dL", "0.01"}, {"SCnc", "mmol/L", "umol/L", "0.001"},
            {"NCnc", "10*9/L", "G/L", null}, {"CCnc", "U/L", "U/L", null}};
        tableDir = Files.createTempDirectory("loinc-bench");
        StringBuilder table = new StringBuilder("\"LOINC_NUM\",\"COMPONENT\",\"PROPERTY\",\"TIME_ASPCT\",\"SYSTEM\","
                + "\"SCALE_TYP\",\"STATUS\",\"EXAMPLE_UCUM_UNITS\",\"LONG_COMMON_NAME\"\n");
        ValueSet.Builder jdv = ValueSet.builder("bench-jdv");
        Catalogue.Builder cat = Catalogue.builder().systemUri("urn:oid:1.2.250.1.999.1");
        for (int i = 0; i < EXAMS; i++) {
            LoincCode code = LoincCode.of(10_000 + i);
            String[] k = kinds[i % kinds.length];
            table.append('"').append(code).append("\",\"Synthetic analyte ").append(i).append("\",\"").append(k[0])
                    .append("\",\"Pt\",\"Ser/Plas\",\"Qn\",\"").append(i % 50 == 0 ? "DEPRECATED" : "ACTIVE")
                    .append("\",\"").append(k[1]).append("\",\"Synthetic analyte ").append(i).append("\"\n");
            if (i % 10 != 0) {
                jdv.add(ValueSet.Concept.of(LoincCode.SYSTEM_OID, code.value(), "Analyte " + i));
            }
            Exam.Builder e = Exam.builder("L" + i, "Examen local n° " + i + "; sérum").chapter("18719-5")
                    .specimen("Sérum").method("Méthode " + (i % 7)).localUnit(k[2]).resultType(ResultType.NUMERIC);
            if (i % 20 != 0) {
                Transcoding.Builder t = Transcoding.builder(code).ucumUnit(k[1])
                        .status(i % 3 == 0 ? TranscodingStatus.PROPOSED : TranscodingStatus.VALIDATED)
                        .author("Dr Martin");
                if (k[3] != null) {
                    t.conversionFactor(new BigDecimal(k[3]));
                }
                e.transcoding(t.build());
            }
            cat.add(e.build());
        }
        Files.writeString(tableDir.resolve("Loinc.csv"), table, StandardCharsets.UTF_8);
        catalogue = cat.build();
        csv = CatalogueCsv.toBytes(catalogue, CsvOptions.defaults());
        checker = CatalogueChecker.builder().loincTable(LoincTable.load(tableDir)).valueSets(List.of(jdv.build()))
                .build();
        ImportResult r = CatalogueCsv.read(csv, "bench.csv", CsvOptions.defaults(), null);
        if (!r.rejected().isEmpty() || r.catalogue().size() != EXAMS) {
            throw new IllegalStateException("the benchmark catalogue does not import cleanly: " + r.rejected());
        }
    }

    /**
     * Removes the synthetic table.
     *
     * @throws IOException when it cannot be removed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(tableDir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * LOINC format and check digit, allocation-free; the score is per code.
     *
     * @param bh the sink
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(CODES)
    public void loincCheck(Blackhole bh) {
        String[] c = codes;
        for (int i = 0; i < c.length; i++) {
            bh.consume(LoincCode.isValid(c[i]));
        }
    }

    /**
     * Import of the 10,000-exam CSV (decode, parse, build the model, diff against the current catalogue) and the
     * checks against the LOINC table and a value set.
     *
     * @return the check report
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ValidationResult importAndCheck10k() {
        ImportResult r = CatalogueCsv.read(csv, "bench.csv", CsvOptions.defaults(), catalogue);
        return checker.check(r.catalogue());
    }

    /**
     * Export of the 10,000-exam catalogue as FHIR R4 CodeSystem and ConceptMap.
     *
     * @return the total JSON length
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int exportFhir10k() {
        return CatalogueFhir.codeSystem(catalogue).length() + CatalogueFhir.conceptMap(catalogue).length();
    }

    /**
     * Collects the generated codes, for tests of this class.
     *
     * @return the codes checked by {@link #loincCheck(Blackhole)}
     */
    List<String> codes() {
        return new ArrayList<>(List.of(codes));
    }
}
