package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.testkit.ConformanceMaterial;

/**
 * {@code segur cda read --json} then {@code segur cda build} on every CR-BIO N3 of the ANS package: the N3 built
 * from the JSON has 0 errors with the full ANS set, keeps the document's volet version and reads back to the same
 * JSON (every field).
 */
class CdaReadBuildRoundTripTest {

    private static Path cda() {
        Optional<Path> dir = ConformanceMaterial.find("conformance/cda");
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing("conformance/cda"));
        return dir.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
        "BIO-CR-BIO_2023.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml"
    })
    void readJsonThenBuildGivesAValidN3WithTheSameData(String name, @TempDir Path dir) throws IOException {
        Path cda = cda();
        Path example = cda.resolve("ExemplesCDA").resolve(name);
        assumeTrue(Files.isRegularFile(example), ConformanceMaterial.missing("conformance/cda/ExemplesCDA/" + name));

        String json = run("cda", "read", example.toString(), "--json");
        Path report = dir.resolve("report.json");
        Files.writeString(report, json, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        run("cda", "build", report.toString(), "--out", out.toString());
        Path n3;
        try (Stream<Path> files = Files.list(out)) {
            n3 = files.filter(p -> p.getFileName().toString().endsWith("-N3.xml")).findFirst().orElseThrow();
        }
        // validated by `segur cda validate`, whose validator (compiled once per JVM) CdaValidateCommandTest shares
        ObjectMapper mapper = new ObjectMapper();
        JsonNode validation = mapper.readTree(run("cda", "validate", n3.toString(), "--conformance", cda.toString(),
                "--json", "--no-cache").lines().findFirst().orElseThrow());
        assertThat(validation.get("findings")).as("ANS errors of %s read --json then built", name)
                .noneSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("error"));
        assertThat(validation.get("valid").asBoolean()).isTrue();
        String volet = name.substring("BIO-CR-BIO_".length(), "BIO-CR-BIO_".length() + 7);
        assertThat(validation.get("volet").asText()).endsWith(volet);

        JsonNode again = mapper.readTree(run("cda", "read", n3.toString(), "--json"));
        assertThat(again).as("%s: the JSON read back from the built N3", name).isEqualTo(mapper.readTree(json));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Segur.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(exit).as(String.join(" ", args) + "\n" + err).isEqualTo(ExitCode.OK);
        return out.toString();
    }
}
