package fr.segurbio.cda.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchematronCacheTest {

    private static final byte[] DOC = MiniPackage.DOCUMENT.getBytes(StandardCharsets.UTF_8);

    private static List<String> ids(ValidationReport r) {
        List<String> ids = new ArrayList<>();
        r.findings().forEach(f -> ids.add(f.source() + ":" + f.id()));
        return ids;
    }

    private static List<Path> entries(Path cache) throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void theSecondValidatorReadsEveryProfileFromTheCacheWithTheSameFindings(@TempDir Path tmp) throws IOException {
        Path pkgDir = MiniPackage.create(tmp.resolve("pkg"), SharedValidator.material());
        ConformancePackage pkg = ConformancePackage.at(pkgDir);
        Path cache = tmp.resolve("cache");
        CrBioValidator first = CrBioValidator.cached(pkg, cache, CrBioValidator.DEFAULT_MAX_BYTES);
        List<String> expected = ids(first.validate(DOC));
        assertThat(expected).contains("structuration-minimale:SM-1", "modeles-ANS:ANS-1", "BIO-CR-BIO_2024.01:V-1");
        assertThat(first.cache().writes()).isEqualTo(5);
        assertThat(entries(cache)).hasSize(5).allMatch(p -> p.toString().endsWith(".xsl"));

        CrBioValidator second = CrBioValidator.cached(pkg, cache, CrBioValidator.DEFAULT_MAX_BYTES);
        assertThat(ids(second.validate(DOC))).isEqualTo(expected);
        assertThat(second.cache().hits()).isEqualTo(5);
        assertThat(second.cache().writes()).isZero();
        assertThat(second.notices()).isEmpty();
        // the second validator analysed each text for its variants and kept the analysis beside the entry
        assertThat(entries(cache)).hasSize(10).filteredOn(p -> p.toString().endsWith(".prune")).hasSize(5);

        CrBioValidator third = CrBioValidator.cached(pkg, cache, CrBioValidator.DEFAULT_MAX_BYTES);
        assertThat(ids(third.validate(DOC))).isEqualTo(expected);
        assertThat(third.cache().analysesRead()).isEqualTo(5);
        assertThat(third.cache().hits()).isEqualTo(5);

        // an analysis that is not its entry's text's (an entry written again by another JVM) is not used
        Path volet = entries(cache).stream().filter(p -> p.getFileName().toString().equals("BIO-CR-BIO_2024.01.xsl"))
                .findFirst().orElseThrow();
        Path stored = volet.resolveSibling("BIO-CR-BIO_2024.01.prune");
        byte[] voletAnalysis = Files.readAllBytes(stored);
        Path ihe = volet.resolveSibling("IHE.prune");
        Files.write(stored, Files.readAllBytes(ihe));
        CrBioValidator fourth = CrBioValidator.cached(pkg, cache, CrBioValidator.DEFAULT_MAX_BYTES);
        assertThat(ids(fourth.validate(DOC))).isEqualTo(expected);
        assertThat(Files.readAllBytes(stored)).isEqualTo(voletAnalysis); // analysed again and stored again

        fourth.cache().discard("IHE");
        assertThat(ihe).doesNotExist();
        assertThat(volet.resolveSibling("IHE.xsl")).doesNotExist();
    }

    @Test
    void aSchematronEditedAfterCachingIsCompiledAgain(@TempDir Path tmp) throws IOException {
        Path pkgDir = MiniPackage.create(tmp.resolve("pkg"), SharedValidator.material());
        Path cache = tmp.resolve("cache");
        CrBioValidator before = CrBioValidator.cached(ConformancePackage.at(pkgDir), cache,
                CrBioValidator.DEFAULT_MAX_BYTES);
        assertThat(ids(before.validate(DOC))).contains("BIO-CR-BIO_2024.01:V-1");

        MiniPackage.volet(pkgDir, "V-2");
        CrBioValidator after = CrBioValidator.cached(ConformancePackage.at(pkgDir), cache,
                CrBioValidator.DEFAULT_MAX_BYTES);
        List<String> ids = ids(after.validate(DOC));
        assertThat(ids).contains("BIO-CR-BIO_2024.01:V-2").doesNotContain("BIO-CR-BIO_2024.01:V-1");
        assertThat(after.cache().folder()).isNotEqualTo(before.cache().folder());
        assertThat(after.cache().hits()).isZero();
        assertThat(after.cache().writes()).isEqualTo(5);
    }

    @Test
    void aProfileThatDoesNotCompileIsReportedAndTheRestStillRuns(@TempDir Path tmp) throws IOException {
        Path pkgDir = MiniPackage.create(tmp.resolve("pkg"), SharedValidator.material());
        MiniPackage.write(pkgDir.resolve("schematrons/profils/IHE.sch"), "IHE-1", "count((cda:templateId");
        CrBioValidator v = CrBioValidator.cached(ConformancePackage.at(pkgDir), tmp.resolve("cache"),
                CrBioValidator.DEFAULT_MAX_BYTES);
        ValidationReport r = v.validate(DOC);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.id()).isEqualTo(CdaValidationError.PROFILE_FAILED.id());
            assertThat(f.source()).isEqualTo("IHE");
            assertThat(f.isError()).isTrue();
        });
        assertThat(ids(r)).contains("structuration-minimale:SM-1", "modeles-ANS:ANS-1", "BIO-CR-BIO_2024.01:V-1");
        assertThat(r.isValid()).isFalse();
    }

    @Test
    void aCacheFolderThatCannotBeWrittenFallsBackToMemoryAndSaysSoOnce(@TempDir Path tmp) throws IOException {
        Path pkgDir = MiniPackage.create(tmp.resolve("pkg"), SharedValidator.material());
        Path notAFolder = Files.writeString(tmp.resolve("a-file"), "not a folder");
        CrBioValidator v = CrBioValidator.cached(ConformancePackage.at(pkgDir), notAFolder.resolve("cache"),
                CrBioValidator.DEFAULT_MAX_BYTES);
        List<String> first = ids(v.validate(DOC));
        List<String> second = ids(v.validate(DOC));
        assertThat(first).contains("structuration-minimale:SM-1", "BIO-CR-BIO_2024.01:V-1");
        assertThat(second).isEqualTo(first);
        assertThat(v.notices()).singleElement().asString()
                .contains(CdaValidationError.CACHE_NOT_WRITABLE.id()).contains("memory only");
        assertThat(v.cache().memoryOnly()).isTrue();
        assertThat(Files.readString(notAFolder)).isEqualTo("not a folder");
    }

    @Test
    void twoJvmsFillingTheSameCacheAtOnceLeaveCompleteEntries(@TempDir Path tmp) throws Exception {
        Path pkgDir = MiniPackage.create(tmp.resolve("pkg"), SharedValidator.material());
        Path cache = tmp.resolve("cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            children.add(new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CacheFillMain.class.getName(), pkgDir.toString(),
                    cache.toString()).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : children) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isZero();
            outputs.add(output.lines().filter(l -> l.startsWith("FINDINGS ")).findFirst().orElse(output));
        }
        assertThat(outputs.get(0)).contains("BIO-CR-BIO_2024.01:V-1").isEqualTo(outputs.get(1));
        // five complete entries, and the analyses a child made of entries the other had written, nothing else
        assertThat(entries(cache)).filteredOn(p -> p.toString().endsWith(".xsl")).hasSize(5);
        assertThat(entries(cache)).allMatch(p -> p.toString().endsWith(".xsl") || p.toString().endsWith(".prune"));

        CrBioValidator third = CrBioValidator.cached(ConformancePackage.at(pkgDir), cache,
                CrBioValidator.DEFAULT_MAX_BYTES);
        List<String> ids = ids(third.validate(DOC));
        assertThat(third.cache().hits()).isEqualTo(5);
        assertThat(third.cache().writes()).isZero();
        assertThat("FINDINGS " + String.join(" ", ids)).isEqualTo(outputs.get(0));
    }
}
