package fr.segurbio.examples;

import fr.segurbio.cda.validation.ConformancePackage;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.Finding;
import fr.segurbio.cda.validation.ValidationReport;
import fr.segurbio.core.Severity;
import fr.segurbio.testkit.ConformanceMaterial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Validates a CDA lab report the way the ANS test tool does: XSD ({@code CDA_extended.xsd}) and the ANS
 * schematrons (structuration minimale, IHE, CI-SIS, ANS, volet CR-BIO), and prints every finding.
 *
 * <p>Shows: the validator takes the ANS "testContenuCDA" tree as a conformance package (the lab downloads it
 * from ANS; the SDK never ships it), compiles it once ({@link CrBioValidator#prepare()}, a few seconds) and is then
 * shared for every document; findings are a list, never the first failure.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.ValidateLabReport -Dexec.args="out/cr-bio/CR-BIO-N3.xml"
 * </pre>
 * Without an argument, the N3 of {@link BuildLabReport} is built and validated.
 */
public final class ValidateLabReport {

    private ValidateLabReport() {
    }

    /**
     * Validates one document.
     *
     * @param cda the CDA file (N3 or N1)
     * @param conformancePackage the ANS testContenuCDA folder
     * @return the findings
     */
    public static ValidationReport run(Path cda, Path conformancePackage) {
        // In an SGL, build the validator once at start-up and keep it: compiling the schematrons is the cost.
        CrBioValidator validator = CrBioValidator.using(ConformancePackage.at(conformancePackage)).prepare();
        ValidationReport report = validator.validate(cda);
        System.out.printf("%s : %s, volet %s — %d erreur(s), %d avertissement(s)%n", cda.getFileName(),
                report.kind().map(Object::toString).orElse("?"), report.volet().orElse("?"),
                report.count(Severity.ERROR), report.count(Severity.WARNING));
        for (Finding f : report.findings()) {
            // source: XSD or the schematron that found it; location: an XPath in the document.
            System.out.printf("  [%s] %s %s %s%n      %s%n", f.severity(), f.source(), f.id(), f.location(), f.message());
        }
        System.out.println(report.isValid() ? "Conforme." : "Non conforme.");
        return report;
    }

    /**
     * Runs the example when the ANS conformance package is found.
     *
     * @param args the CDA file to validate (default: the N3 of {@link BuildLabReport}, built in a temporary folder)
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        Optional<Path> material = ConformanceMaterial.find("conformance/cda");
        if (material.isEmpty()) {
            System.out.println(ConformanceMaterial.missing("conformance/cda"));
            return;
        }
        Path cda = args.length > 0 ? Path.of(args[0])
                : BuildLabReport.run(Files.createTempDirectory("cr-bio")).n3();
        run(cda, material.get());
    }
}
