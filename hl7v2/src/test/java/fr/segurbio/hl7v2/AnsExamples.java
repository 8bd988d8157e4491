package fr.segurbio.hl7v2;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.testkit.ConformanceMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The ANS example messages of ../shared/conformance/hl7v2 (tests are skipped, saying so, when absent). */
public final class AnsExamples {

    public static final String ROOT = "conformance/hl7v2";
    public static final String ORU = "Vague 2/Trans_Doc-CDA-HL7V2/TRANSMISSION_DOCS_CDA_EN_HL7V2_V2.1/ORU/";
    public static final String ORU_INIT = ORU + "Transmission initiale ORU/message_ORU_CR_Bio_INIT_N3_SEGUR.hl7";
    public static final String ORU_RPLC = ORU + "Remplacement ORU/message_ORU_CR_Bio_RPLC_N3_SEGUR.hl7";
    public static final String ORU_DEL = ORU + "Suppression ORU/message_ORU_CR_Bio_DEL_N3_SEGUR.hl7";
    public static final String CDA_INIT = ORU + "Transmission initiale ORU/SEGUR_CR-BIO_2023.01_Electrophorese.xml";
    public static final String ADMISSION = "SGL/admission.er7";
    public static final String SORTIE = "SGL/sortie.er7";
    public static final String CONSENT = "Vague 2/Consentement_DMP_PAMFR/";

    private AnsExamples() {
    }

    public static Path root() {
        Optional<Path> p = ConformanceMaterial.find(ROOT);
        assumeTrue(p.isPresent(), ConformanceMaterial.missing(ROOT));
        return p.get();
    }

    public static Path path(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "ANS example absent: " + p);
        return p;
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .hl7 and .er7 file under the ANS tree. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".hl7") || p.toString().endsWith(".er7"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
