package fr.segurbio.ins.internal;

import java.util.Locale;

import fr.segurbio.core.ErrorCode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.Severity;
import fr.segurbio.ins.Trait;

/**
 * Builds problems whose arguments differ between French and English ({@link Bilingual} arguments and
 * {@link Trait} labels).
 */
public final class Messages {

    private Messages() {
    }

    /**
     * A message argument with a French and an English form.
     *
     * @param fr the French form
     * @param en the English form
     */
    public record Bilingual(String fr, String en) {
    }

    /**
     * A problem with the code's default severity.
     *
     * @param code the code
     * @param path where it is
     * @param args the arguments; {@link Bilingual} and {@link Trait} ones are translated
     * @return the problem
     */
    public static Problem problem(ErrorCode code, String path, Object... args) {
        return problem(code, code.severity(), path, args);
    }

    /**
     * A problem with an explicit severity.
     *
     * @param code the code
     * @param severity the severity
     * @param path where it is
     * @param args the arguments; {@link Bilingual} and {@link Trait} ones are translated
     * @return the problem
     */
    public static Problem problem(ErrorCode code, Severity severity, String path, Object... args) {
        Object[] fr = new Object[args.length];
        Object[] en = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Bilingual b) {
                fr[i] = b.fr();
                en[i] = b.en();
            } else if (a instanceof Trait t) {
                fr[i] = t.label(true);
                en[i] = t.label(false);
            } else {
                fr[i] = a;
                en[i] = a;
            }
        }
        return new Problem(code, severity, path, String.format(Locale.FRENCH, code.frenchTemplate(), fr),
                String.format(Locale.ENGLISH, code.englishTemplate(), en));
    }
}
