package fr.segurbio.cda;

import java.util.stream.Collectors;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.loinc.LoincCode;
import fr.segurbio.loinc.Ucum;
import fr.segurbio.cda.internal.Bilingual;

/**
 * The terminology checks the builders run, delegated to {@code loinc-catalog}: LOINC format and check digit,
 * UCUM unit validity.
 */
final class Terminology {

    private Terminology() {
    }

    /**
     * Why a LOINC code is wrong, or {@code null} when it is right.
     */
    static Bilingual loincProblem(String code) {
        if (code != null && LoincCode.isValid(code)) {
            return null;
        }
        return reasons(LoincCode.check(code));
    }

    static void requireLoinc(String code, String path) {
        Bilingual problem = loincProblem(code);
        if (problem != null) {
            throw new CdaException(Problem.of(CdaError.BAD_LOINC, path, String.valueOf(code), problem), null);
        }
    }

    /**
     * Why UCUM rejects a unit, or {@code null} when it accepts it.
     */
    static Bilingual unitProblem(String unit) {
        Ucum ucum = Ucum.standard();
        if (unit != null && ucum.isValid(unit)) {
            return null;
        }
        return reasons(ucum.validate(unit));
    }

    private static Bilingual reasons(ValidationResult r) {
        return Bilingual.of(
                r.errors().stream().map(p -> p.code().id() + " " + p.messageFr()).collect(Collectors.joining("; ")),
                r.errors().stream().map(p -> p.code().id() + " " + p.messageEn()).collect(Collectors.joining("; ")));
    }
}
