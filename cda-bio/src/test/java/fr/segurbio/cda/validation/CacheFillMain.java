package fr.segurbio.cda.validation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A child JVM of {@link SchematronCacheTest}: validates the mini package's document with a cache folder. */
public final class CacheFillMain {

    private CacheFillMain() {
    }

    /**
     * Validates once and prints the findings' ids.
     *
     * @param args the package folder and the cache folder
     */
    public static void main(String[] args) {
        CrBioValidator v = CrBioValidator.cached(ConformancePackage.at(Path.of(args[0])), Path.of(args[1]),
                CrBioValidator.DEFAULT_MAX_BYTES);
        ValidationReport r = v.validate(MiniPackage.DOCUMENT.getBytes(StandardCharsets.UTF_8));
        StringBuilder ids = new StringBuilder();
        r.findings().forEach(f -> ids.append(f.source()).append(':').append(f.id()).append(' '));
        System.out.println("FINDINGS " + ids.toString().trim());
    }
}
