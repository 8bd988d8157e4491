package fr.segurbio.cda.validation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A conformance package: a directory laid out like the ANS testContenuCDA tree ({@code infrastructure/cda/},
 * {@code schematrons/} with {@code moteur/}, {@code profils/} and the volet {@code .sch} files,
 * {@code jeuxDeValeurs/}). The vendor downloads it from the ANS; the SDK never ships it. The tree is used as it
 * is, read-only: schematrons resolve value sets by relative paths.
 *
 * <pre>{@code
 * ConformancePackage pkg = ConformancePackage.at(Path.of("/opt/ans/testContenuCDA"));
 * CrBioValidator validator = CrBioValidator.using(pkg);
 * }</pre>
 */
public final class ConformancePackage {

    static final String PROFILE_STRUCMIN = "structuration-minimale";
    static final String PROFILE_IHE = "IHE";
    static final String PROFILE_MDC = "modeles-de-contenus-CDA";
    static final String PROFILE_ANS = "modeles-ANS";
    static final String PROFILE_TERMINOLOGY = "terminologies";

    private static final String UCUM_TERMINOLOGY = "2.16.840.1.113883.6.8.xml";

    private final Path root;

    private ConformancePackage(Path root) {
        this.root = root;
    }

    /**
     * The package at a directory, after checking that the XSD, the ISO schematron skeleton and the generic
     * profiles are present.
     *
     * @param directory the package root (the folder holding {@code infrastructure/} and {@code schematrons/})
     * @return the package
     * @throws CdaValidationException {@code CDA-501} naming the first missing file
     */
    public static ConformancePackage at(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Path root = directory.toAbsolutePath().normalize();
        ConformancePackage pkg = new ConformancePackage(root);
        List<Path> required = new ArrayList<>();
        required.add(pkg.xsd());
        required.add(pkg.skeleton("iso_dsdl_include.xsl"));
        required.add(pkg.skeleton("iso_abstract_expand.xsl"));
        required.add(pkg.skeleton("iso_svrl_for_xslt2.xsl"));
        required.add(pkg.skeleton("iso_schematron_skeleton_for_saxon.xsl"));
        for (Profile p : pkg.genericProfiles()) {
            required.add(p.schematron());
        }
        for (Path p : required) {
            if (!Files.isRegularFile(p)) {
                throw new CdaValidationException(CdaValidationError.PACKAGE_INCOMPLETE, root, root.relativize(p));
            }
        }
        return pkg;
    }

    /**
     * The package root.
     *
     * @return the absolute, normalised root directory
     */
    public Path root() {
        return root;
    }

    /**
     * The CDA schema, {@code infrastructure/cda/CDA_extended.xsd}.
     *
     * @return its path
     */
    public Path xsd() {
        return root.resolve("infrastructure/cda/CDA_extended.xsd");
    }

    /**
     * Whether the terminology profile can run: its schematron and the UCUM code-system file it reads without
     * checking ({@code profils/terminologies/terminologie/2.16.840.1.113883.6.8.xml}) are present. The public
     * ANS tree lacks the code-system files, so the profile is skipped there.
     *
     * @return {@code true} when the terminology profile is applied
     */
    public boolean terminologyUsable() {
        return Files.isRegularFile(terminologySchematron())
                && Files.isRegularFile(root.resolve("schematrons/profils/terminologies/terminologie/" + UCUM_TERMINOLOGY));
    }

    /**
     * The volet schematron of a CR-BIO version, such as {@code "2024.01"}.
     *
     * @param version the templateId extension
     * @return the schematron, when the package has it
     */
    public Optional<Path> voletSchematron(String version) {
        Path p = voletPath(version);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    Path voletPath(String version) {
        return root.resolve("schematrons/CI-SIS_BIO-CR-BIO_" + version + ".sch");
    }

    Path skeleton(String name) {
        return root.resolve("schematrons/moteur/" + name);
    }

    Path terminologySchematron() {
        return root.resolve("schematrons/profils/terminologies/schematron/terminologie.sch");
    }

    /** The generic profiles, terminology excluded. */
    List<Profile> genericProfiles() {
        Path profils = root.resolve("schematrons/profils");
        return List.of(
                new Profile(PROFILE_STRUCMIN, profils.resolve("structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch")),
                new Profile(PROFILE_IHE, profils.resolve("IHE.sch")),
                new Profile(PROFILE_MDC, profils.resolve("CI-SIS_ModelesDeContenusCDA.sch")),
                new Profile(PROFILE_ANS, profils.resolve("CI-SIS_Modeles_ANS.sch")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConformancePackage other && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public String toString() {
        return "ConformancePackage[" + root + "]";
    }

    /** A schematron profile: the name findings carry and its {@code .sch} file. */
    record Profile(String name, Path schematron) {
    }
}
