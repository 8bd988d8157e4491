package fr.segurbio.cda.validation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

import fr.segurbio.testkit.ConformanceMaterial;

/** One validator per test JVM: compiling the ANS schematrons takes seconds. */
public final class SharedValidator {

    static final String CDA = "conformance/cda";

    private static CrBioValidator validator;

    private SharedValidator() {
    }

    /** The conformance package, or skips the calling test when the material is absent. */
    public static Path material() {
        Optional<Path> dir = ConformanceMaterial.find(CDA);
        assumeTrue(dir.isPresent(), ConformanceMaterial.missing(CDA));
        return dir.get();
    }

    public static Path example(String name) {
        Path p = material().resolve("ExemplesCDA").resolve(name);
        assumeTrue(p.toFile().isFile(), ConformanceMaterial.missing(CDA + "/ExemplesCDA/" + name));
        return p;
    }

    public static synchronized CrBioValidator get() {
        Path dir = material();
        if (validator == null) {
            validator = CrBioValidator.using(ConformancePackage.at(dir)).prepare();
        }
        return validator;
    }
}
