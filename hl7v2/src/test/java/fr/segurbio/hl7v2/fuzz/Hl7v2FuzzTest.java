package fr.segurbio.hl7v2.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.BusinessAck;
import fr.segurbio.hl7v2.mllp.MllpFraming;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.hl7v2.report.ReportMessageReader;
import fr.segurbio.ins.InsEnvironment;

/**
 * Fuzz targets of hl7v2's readers of outside input: the ER7 parser (what is parsed, encoded and parsed again is the
 * same message), the PAM FR identity reader, the ACK and ZAM readers, the ORU/MDM report reader and the MLLP
 * framing. A result or an {@link Hl7Exception} with its code, never another exception. Seeds:
 * {@code Hl7v2FuzzTestInputs/<method>} and the ANS / IHE France messages of {@code ../shared/conformance/hl7v2}.
 */
class Hl7v2FuzzTest {

    private static final Er7Parser PARSER = Er7Parser.create();
    private static final PamFrReader PAM_TEST = PamFrReader.forEnvironment(InsEnvironment.TEST);
    private static final PamFrReader PAM_PRODUCTION = PamFrReader.forEnvironment(InsEnvironment.PRODUCTION);

    @DictionaryFile(resourcePath = "/fr/segurbio/hl7v2/fuzz/hl7v2.dict")
    @FuzzTest(maxDuration = "2m")
    void er7(byte[] input) {
        FuzzProperty.check(Hl7Exception.class, input.length, () -> PARSER.parse(input)).ifPresent(m -> {
            String encoded = m.encode();
            Hl7Message again = PARSER.parse(m.toBytes());
            assertThat(again.encode()).as("message parsed, encoded, parsed again").isEqualTo(encoded);
            assertThat(again.segments()).hasSameSizeAs(m.segments());
        });
    }

    @DictionaryFile(resourcePath = "/fr/segurbio/hl7v2/fuzz/hl7v2.dict")
    @FuzzTest(maxDuration = "2m")
    void pamFr(byte[] input) {
        FuzzProperty.check(Hl7Exception.class, input.length, () -> PAM_TEST.read(input))
                .ifPresent(feed -> assertThat(feed).isNotNull());
        FuzzProperty.check(Hl7Exception.class, input.length, () -> PAM_PRODUCTION.read(input))
                .ifPresent(feed -> assertThat(feed).isNotNull());
    }

    @DictionaryFile(resourcePath = "/fr/segurbio/hl7v2/fuzz/hl7v2.dict")
    @FuzzTest(maxDuration = "2m")
    void acknowledgements(byte[] input) {
        FuzzProperty.check(Hl7Exception.class, input.length, () -> PARSER.parse(input)).ifPresent(m -> {
            FuzzProperty.check(Hl7Exception.class, input.length, () -> Acknowledgement.read(m));
            FuzzProperty.check(Hl7Exception.class, input.length, () -> BusinessAck.read(m));
        });
    }

    @DictionaryFile(resourcePath = "/fr/segurbio/hl7v2/fuzz/hl7v2.dict")
    @FuzzTest(maxDuration = "2m")
    void report(byte[] input) {
        FuzzProperty.check(Hl7Exception.class, input.length, () -> PARSER.parse(input)).ifPresent(m ->
                FuzzProperty.check(Hl7Exception.class, input.length, () -> ReportMessageReader.create().read(m)));
    }

    @DictionaryFile(resourcePath = "/fr/segurbio/hl7v2/fuzz/hl7v2.dict")
    @FuzzTest(maxDuration = "2m")
    void mllp(byte[] input) {
        FuzzProperty.check(Hl7Exception.class, input.length, () -> {
            ByteArrayInputStream in = new ByteArrayInputStream(input);
            List<byte[]> frames = new ArrayList<>();
            for (byte[] f = MllpFraming.read(in, 64 * 1024); f != null; f = MllpFraming.read(in, 64 * 1024)) {
                frames.add(f);
            }
            return frames;
        });
    }

    @TestFactory
    Stream<DynamicTest> ansMessagesAsSeeds() throws java.io.IOException {
        List<Path> seeds = new ArrayList<>(FuzzProperty.sharedSeeds("hl7v2", "*.er7", 512 * 1024));
        seeds.addAll(FuzzProperty.sharedSeeds("hl7v2", "*.hl7", 512 * 1024));
        assumeTrue(!seeds.isEmpty(), FuzzProperty.missing("hl7v2"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : seeds) {
            byte[] bytes = Files.readAllBytes(p);
            String name = p.getParent().getFileName() + "/" + p.getFileName();
            tests.add(DynamicTest.dynamicTest("er7 " + name, () -> er7(bytes)));
            tests.add(DynamicTest.dynamicTest("pamFr " + name, () -> pamFr(bytes)));
            tests.add(DynamicTest.dynamicTest("acknowledgements " + name, () -> acknowledgements(bytes)));
            tests.add(DynamicTest.dynamicTest("report " + name, () -> report(bytes)));
        }
        return tests.stream();
    }
}
