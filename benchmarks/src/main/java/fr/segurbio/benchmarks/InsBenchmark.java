package fr.segurbio.benchmarks;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.Matricule;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.DecodedSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;

/**
 * The INS hot paths: the allocation-free matricule check (target: over 10 million per second on one core), the
 * full check that lists every problem, and the INS Datamatrix encoded to a module grid (target: under 1 ms),
 * parsed, and read back from a rendered image.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar InsBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Thread)
public class InsBenchmark {

    private static final int MASK = 1023;

    /** 1024 matricules: valid ones (NIR, Corsica, born abroad) and invalid ones (key, length, NNP, letters). */
    private final String[] matricules = new String[MASK + 1];
    private int next;
    private PatientIdentity identity;
    private String payload;
    private BufferedImage image;

    /** Builds the inputs once. */
    @Setup
    public void setUp() {
        List<String> samples = List.of("109076322083489", "180032B02040123", "275126322074974", "295109912611193",
                "253072A07300443", "275126322074975", "27512632207497", "775126322074974", "27512632207X974",
                "253072C07300470", "236066322083656", "110086322083060");
        for (int i = 0; i < matricules.length; i++) {
            matricules[i] = samples.get(i % samples.size());
        }
        identity = PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ECETINSI").birthFirstNames("PIERRE-ALAIN MURIEL FLORIANT")
                        .sex(Sex.M).birthDate(LocalDate.of(2009, 7, 14)).birthPlace("63220").build())
                .ins(Ins.of("109076322083489", "1.2.250.1.213.1.4.8"))
                .retrievedFromInsi(true).checkedOn(HighTrustDocument.CARTE_NATIONALE_IDENTITE).build();
        payload = InsDatamatrix.payload(identity);
        image = InsDatamatrix.encode(identity).toImage(4, 2);
        if (InsDatamatrix.decode(image).isEmpty()) {
            throw new IllegalStateException("the rendered symbol cannot be read back");
        }
    }

    /**
     * {@link Matricule#isValid(CharSequence)}: one check per operation.
     *
     * @return the verdict, so that the JIT keeps the work
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean matriculeIsValid() {
        return Matricule.isValid(matricules[next++ & MASK]);
    }

    /**
     * {@link Matricule#validate(CharSequence)}: the check that lists every problem (allocates the result).
     *
     * @return the result
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ValidationResult matriculeValidate() {
        return Matricule.validate(matricules[next++ & MASK]);
    }

    /**
     * {@link InsDatamatrix#encode(PatientIdentity)}: payload, C40 + ECC 200 with zxing, module grid (ECETINSI,
     * 129 characters, 40x40).
     *
     * @return the symbol
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public DatamatrixSymbol datamatrixEncode() {
        return InsDatamatrix.encode(identity);
    }

    /**
     * {@link InsDatamatrix#parse(String)}: fields, key, OID and traits checked.
     *
     * @return the decoded symbol
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public DecodedSymbol datamatrixParse() {
        return InsDatamatrix.parse(payload);
    }

    /**
     * {@link InsDatamatrix#decode(BufferedImage)} of a 176 x 176 pixel image of the symbol.
     *
     * @return the decoded symbols
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<DecodedSymbol> datamatrixDecodeImage() {
        return InsDatamatrix.decode(image);
    }
}
