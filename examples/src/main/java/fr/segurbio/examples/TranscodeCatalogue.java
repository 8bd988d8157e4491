package fr.segurbio.examples;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.Ucum;
import fr.segurbio.loinc.catalog.CatalogueChecker;
import fr.segurbio.loinc.catalog.Exam;
import fr.segurbio.loinc.io.CatalogueCsv;
import fr.segurbio.loinc.io.CatalogueFhir;
import fr.segurbio.loinc.io.CsvOptions;
import fr.segurbio.loinc.io.ImportResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Imports a lab's local exam catalogue with its LOINC transcoding, checks it, and exports it as FHIR R4.
 *
 * <p>Shows: {@link CatalogueCsv#read} never stops at the first bad line (a LOINC code with a wrong check digit
 * rejects its line with the reason and the line number); {@link CatalogueChecker} lists what a biologist must
 * look at before validating the transcoding (untranscoded exams, a conversion factor UCUM disagrees with…);
 * {@link Ucum} maps the SGL's unit spellings to UCUM; {@link CatalogueFhir} writes the CodeSystem and the
 * ConceptMap local → LOINC. Pass a LOINC table ({@code .loincTable(LoincTable.load(dir))}) and the JDV
 * ({@code .valueSets(...)}) to the checker for the checks that need them.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.TranscodeCatalogue -Dexec.args="out/fhir"
 * </pre>
 */
public final class TranscodeCatalogue {

    /** What the example ends with. */
    public record Outcome(ImportResult imported, ValidationResult checks, List<Path> fhirFiles) {
    }

    private TranscodeCatalogue() {
    }

    /**
     * Imports, checks and exports the example catalogue ({@code catalogue-labo.csv} beside this class).
     *
     * @param fhirDir the folder the FHIR CodeSystem and ConceptMap are written to
     * @return the import, the checks and the FHIR files
     */
    public static Outcome run(Path fhirDir) {
        ImportResult imported = CatalogueCsv.read(resource("catalogue-labo.csv"), "catalogue-labo.csv",
                CsvOptions.defaults(), null);   // null: no current catalogue to compare with
        System.out.printf("%d examens importés, %d lignes rejetées (%s)%n", imported.catalogue().size(),
                imported.rejected().size(), imported.encoding());
        imported.rejected().forEach(line -> line.reasons().forEach(r -> System.out.printf("  ligne %d : %s%n",
                line.line(), r.message(Locale.FRENCH))));

        // The units the SGL prints are not always UCUM: the CDA and the ConceptMap carry UCUM only.
        Ucum ucum = Ucum.standard();
        for (Exam exam : imported.catalogue().exams()) {
            String local = exam.localUnit();
            if (local != null && !local.isEmpty() && !ucum.isValid(local)) {
                System.out.printf("  unité « %s » de %s : UCUM %s%n", local, exam.localCode(),
                        ucum.fromLabSpelling(local).orElse("inconnue"));
            }
        }

        ValidationResult checks = CatalogueChecker.builder().build().check(imported.catalogue());
        for (Problem p : checks.problems()) {
            System.out.printf("  %s %s %s : %s%n", p.code().id(), p.severity(), p.path(), p.messageFr());
        }

        List<Path> files = CatalogueFhir.write(imported.catalogue(), fhirDir);
        files.forEach(f -> System.out.println("Écrit : " + f.toAbsolutePath()));
        return new Outcome(imported, checks, files);
    }

    private static byte[] resource(String name) {
        try (InputStream in = TranscodeCatalogue.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the example.
     *
     * @param args the output folder (default {@code out/fhir})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "out/fhir"));
    }
}
