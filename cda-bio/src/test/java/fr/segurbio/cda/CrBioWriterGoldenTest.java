package fr.segurbio.cda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.validation.SharedValidator;

/**
 * The writer's output, byte for byte: the SHA-256 of the N3 and N1 of the fixture report (every optional part),
 * of a minimal report, of the examples' sample report and of the ANS examples read and written again, held
 * against {@code golden/cda-writer.sha256}. A change of the writer's bytes must be deliberate: regenerate the
 * file with {@code -Dgolden.update=true} and review the documents left in {@code target/golden/}.
 */
class CrBioWriterGoldenTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "cda-writer.sha256");
    private static final Path OUT = Path.of("target", "golden");

    static final List<String> ANS_EXAMPLES = List.of(
            "BIO-CR-BIO_2024.01_TSH_1.xml",
            "BIO-CR-BIO_2024.01_TSH_2.xml",
            "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
            "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
            "BIO-CR-BIO_2023.01_Electrophorese.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
            "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
            "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml");

    @Test
    void theWrittenBytesAreTheRecordedOnes() throws IOException {
        Map<String, String> actual = new TreeMap<>();
        byte[] pdf = Fixtures.pdf();
        write(actual, "fixture", CrBioWriter.standard(), Fixtures.report(), pdf);
        write(actual, "fixture-stylesheet", CrBioWriter.builder().stylesheet("CDA-FO.xsl").build(),
                Fixtures.report(), pdf);
        write(actual, "minimal", CrBioWriter.standard(), minimal(), pdf);
        JsonReport sample = CrBioJson.read(Path.of("..", "examples", "sample-report.json"));
        write(actual, "sample", CrBioWriter.standard(), sample.report(), pdf);
        CrBioReader reader = CrBioReader.create();
        for (String name : ANS_EXAMPLES) {
            CrBioReport read = reader.read(Files.readAllBytes(SharedValidator.example(name))).report();
            write(actual, name.replace(".xml", ""), CrBioWriter.standard(), read, pdf);
        }

        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            StringBuilder b = new StringBuilder();
            actual.forEach((k, v) -> b.append(v).append("  ").append(k).append('\n'));
            Files.writeString(GOLDEN, b.toString(), StandardCharsets.UTF_8);
        }
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(GOLDEN, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String[] parts = line.split("  ", 2);
                expected.put(parts[1], parts[0]);
            }
        }
        assertThat(actual).as("SHA-256 of the written documents (see target/golden/)").isEqualTo(expected);
    }

    /** A report without any optional part: unqualified identity, no recipient, prescriber, sampler, order. */
    static CrBioReport minimal() {
        HealthProfessional bio = Fixtures.biologist();
        Patient patient = Patient.builder()
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "IPP-77"))
                .birthFamilyName("SANS-INS").gender(Gender.M).birthDate(LocalDate.of(1990, 1, 2))
                .build();
        ResultEntry entry = ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .result(Fixtures.tsh(1)).build();
        return CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.7", "CR-1")).setId(InstanceId.of("1.2.250.1.213.1.1.9.7", "S-1"))
                .effectiveTime(Fixtures.T0.plusHours(9))
                .patient(patient)
                .author(new Participation(bio, Fixtures.T0.plusHours(9)))
                .custodian(Fixtures.lab())
                .legalAuthenticator(new Participation(bio, Fixtures.T0.plusHours(9)))
                .requestReceived(Fixtures.T0.plusMinutes(20))
                .performingLab(new Participation(bio, Fixtures.T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V-7"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), Fixtures.T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")))
                .chapter(Chapter.withEntry(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE", entry))
                .build();
    }

    private static void write(Map<String, String> into, String name, CrBioWriter writer, CrBioReport report,
            byte[] pdf) {
        Map<String, WrittenDocument> docs = new LinkedHashMap<>();
        docs.put(name + "-N3", writer.n3(report, pdf));
        docs.put(name + "-N1", writer.n1(report, pdf));
        docs.forEach((k, d) -> {
            into.put(k, sha256(d.document()));
            into.put(k + ".metadata", sha256(d.metadata().toString().getBytes(StandardCharsets.UTF_8)));
            try {
                Files.createDirectories(OUT);
                Files.write(OUT.resolve(k + ".xml"), d.document());
                Files.writeString(OUT.resolve(k + ".metadata.txt"), d.metadata().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
