package fr.segurbio.cda.pdf;

import java.util.Optional;

import fr.segurbio.cda.Patient;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.ins.BirthDate;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;

/**
 * The INS Datamatrix of a report's patient, encoded by ins-core's {@link InsDatamatrix} (ANS format v2.2,
 * C40 header, square ECC200), as a grid of modules to draw.
 */
final class PatientDatamatrix {

    /** The modules ({@code [row][column]}, {@code true} = dark), or why there are none. */
    record Outcome(boolean[][] modules, Problem whyNot) {
    }

    private PatientDatamatrix() {
    }

    static Outcome of(Patient p) {
        Optional<Ins> ins = p.shareableIns();
        if (ins.isEmpty()) {
            return new Outcome(null, Problem.of(PdfRenderError.NO_DATAMATRIX, "patient.ins",
                    "identité non qualifiée", "identity not qualified"));
        }
        try {
            IdentityTraits.Builder traits = IdentityTraits.builder()
                    .birthName(p.birthFamilyName())
                    .sex(Sex.fromCode(p.gender().name()))
                    .birthDate(BirthDate.of(p.birthDate().orElseThrow(
                            () -> new IllegalArgumentException("no birth date"))));
            p.birthGivenNames().ifPresent(traits::birthFirstNames);
            p.firstBirthGivenName().ifPresent(traits::firstFirstName);
            p.birthPlace().ifPresent(traits::birthPlace);
            // The report states that the identity is qualified (it carries the INS only then); how the lab
            // qualified it is not part of the report, so nothing about it is invented here.
            DatamatrixSymbol symbol = InsDatamatrix.encodeStatedQualified(ins.get(), traits.build());
            int n = symbol.size();
            boolean[][] modules = new boolean[n][n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    modules[y][x] = symbol.isDark(x, y);
                }
            }
            return new Outcome(modules, null);
        } catch (SegurException | IllegalArgumentException e) {
            return new Outcome(null, Problem.of(PdfRenderError.NO_DATAMATRIX, "patient.ins",
                    e.getMessage(), e.getMessage()));
        }
    }
}
