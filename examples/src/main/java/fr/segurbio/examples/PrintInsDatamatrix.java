package fr.segurbio.examples;

import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.DecodedSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Prints the INS Datamatrix of a qualified identity as a PNG, then reads it back as a scanner would.
 *
 * <p>Shows: {@link InsDatamatrix#encode(PatientIdentity)} accepts a qualified identity only (the Datamatrix
 * carries the INS, which may be shared only once the identity is qualified); {@link InsDatamatrix#decode} finds
 * the symbols of an image and checks the key, the OID and the traits of each.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.PrintInsDatamatrix -Dexec.args="out/ins.png"
 * </pre>
 */
public final class PrintInsDatamatrix {

    /** What the example ends with. */
    public record Outcome(PatientIdentity encoded, Path png, DecodedSymbol decoded) {
    }

    private PrintInsDatamatrix() {
    }

    /**
     * The qualified identity of the example: retrieved via INSi and checked on an identity card.
     *
     * @return the identity
     */
    public static PatientIdentity qualifiedIdentity() {
        return PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8", InsEnvironment.PRODUCTION))
                .retrievedFromInsi(true)
                .checkedOn(HighTrustDocument.CARTE_NATIONALE_IDENTITE)
                .build();
    }

    /**
     * Encodes, writes and decodes.
     *
     * @param png the PNG file to write
     * @return the identity, the file and the symbol read back
     */
    public static Outcome run(Path png) {
        PatientIdentity patient = qualifiedIdentity();
        DatamatrixSymbol symbol = InsDatamatrix.encode(patient);   // INS-042 if the identity is not qualified
        System.out.printf("Datamatrix %d × %d modules%n", symbol.size(), symbol.size());
        try {
            if (png.toAbsolutePath().getParent() != null) {
                Files.createDirectories(png.toAbsolutePath().getParent());
            }
            // 10 pixels per module: printed at 300 dpi that is 0.85 mm, well above the 0.4 mm minimum.
            Files.write(png, symbol.toPng(10));
            List<DecodedSymbol> read = InsDatamatrix.decode(ImageIO.read(png.toFile()));
            if (read.isEmpty()) {
                throw new IllegalStateException("no Datamatrix found in " + png);
            }
            DecodedSymbol decoded = read.get(0);
            System.out.println("Écrit : " + png.toAbsolutePath());
            System.out.printf("Relu : valide=%s, %s %s %s né(e) le %s, INS %s%n", decoded.isValid(),
                    decoded.birthName().orElse("?"), decoded.firstNames(), decoded.sex().orElse("?"),
                    decoded.birthDateText().orElse("?"), decoded.ins().map(Ins::kind).orElse(null));
            decoded.problems().problems().forEach(p -> System.out.println("  " + p.code().id() + " " + p.messageFr()));
            return new Outcome(patient, png, decoded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the example.
     *
     * @param args the PNG file to write (default {@code out/ins-datamatrix.png})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "out/ins-datamatrix.png"));
    }
}
