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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.testkit.ConformanceMaterial;

class CdaReadCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private static Path example(String name) {
        Optional<Path> dir = ConformanceMaterial.find("conformance/cda/ExemplesCDA/" + name);
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing("conformance/cda/ExemplesCDA/" + name));
        return dir.get();
    }

    @Test
    void readPrintsTheJsonReportFormat() throws IOException {
        int exit = run("cda", "read", example("BIO-CR-BIO_2024.01_TSH_1.xml").toString(), "--json");
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("chapters").isArray()).isTrue();
        assertThat(out.toString()).contains("3016-3").contains("m[IU]/L");
    }

    @Test
    void readRefusesAnotherVolet() {
        int exit = run("cda", "read", example("BIO-TROD_2024.01_Angine.xml").toString());
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("CDA-601");
    }

    @Test
    void mergeWritesTheMergedN3(@TempDir Path dir) {
        Path merged = dir.resolve("merged.xml");
        int exit = run("cda", "merge", example("BIO-CR-BIO_2024.01_TSH_1.xml").toString(),
                example("BIO-CR-BIO_2024.01_Glycemie_mole.xml").toString(), "--out", merged.toString());
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        CrBioReader reader = CrBioReader.create();
        int own = reader.read(example("BIO-CR-BIO_2024.01_TSH_1.xml")).report().observationCount();
        int sub = reader.read(example("BIO-CR-BIO_2024.01_Glycemie_mole.xml")).report().observationCount();
        assertThat(reader.read(merged).report().observationCount()).isEqualTo(own + sub);
    }

    @Test
    void mergeRefusesAnotherPatient(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.xml");
        Files.writeString(other, Files.readString(example("BIO-CR-BIO_2024.01_Glycemie_mole.xml"),
                StandardCharsets.UTF_8).replace("279035121518989", "180017512345660"), StandardCharsets.UTF_8);
        int exit = run("cda", "merge", example("BIO-CR-BIO_2024.01_TSH_1.xml").toString(), other.toString(),
                "--out", dir.resolve("merged.xml").toString());
        assertThat(exit).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("CDA-603");
    }
}
