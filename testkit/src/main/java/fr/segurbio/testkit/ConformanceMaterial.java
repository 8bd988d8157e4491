package fr.segurbio.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the official conformance material (the ANS CDA tree, INSi WSDL and samples, XDS and VIHF schemas) that
 * tests read but the SDK never ships: the folder named by the system property {@code segur.shared}, else a
 * {@code shared/} folder beside the working directory or one of its parents.
 *
 * <pre>{@code
 * Optional<Path> cda = ConformanceMaterial.find("conformance/cda");
 * assumeTrue(cda.isPresent(), ConformanceMaterial.missing("conformance/cda"));
 * }</pre>
 */
public final class ConformanceMaterial {

    /** The system property that names the shared folder. */
    public static final String PROPERTY = "segur.shared";

    private ConformanceMaterial() {
    }

    /**
     * The shared folder, if it can be found.
     *
     * @return the folder holding {@code specs/} and {@code conformance/}
     */
    public static Optional<Path> root() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (Files.isDirectory(p.resolve("conformance"))) {
                return Optional.of(p);
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("conformance"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A file or folder of the shared material, if present.
     *
     * @param relative a path inside the shared folder, such as {@code "conformance/cda"}
     * @return the existing path
     */
    public static Optional<Path> find(String relative) {
        return root().map(r -> r.resolve(relative)).filter(Files::exists);
    }

    /**
     * The message a skipped test gives when the material is absent.
     *
     * @param relative the path that was looked for
     * @return a message naming what is missing and how to point at it
     */
    public static String missing(String relative) {
        return "Skipped: the conformance material '" + relative + "' was not found (set -D" + PROPERTY
                + "=DIR to the folder holding conformance/, or put shared/ beside the project)";
    }
}
