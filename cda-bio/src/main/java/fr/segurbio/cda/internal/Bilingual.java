package fr.segurbio.cda.internal;

import java.util.Formattable;
import java.util.Formatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A detail said in French and in English, given as an argument of a {@link fr.segurbio.core.ErrorCode}'s message
 * templates: {@link fr.segurbio.core.Problem#of} formats the French template with a French formatter and the English
 * one with an English formatter, and this argument writes itself in the formatter's language. So a model refusal's
 * reason reads in the language of the message it is in.
 *
 * <pre>{@code
 * throw new CdaException(CdaError.BAD_VALUE, code, Bilingual.of("le sexe est F, M ou U", "gender is F, M or U"));
 * }</pre>
 *
 * @param fr the detail in French
 * @param en the detail in English
 */
public record Bilingual(String fr, String en) implements Formattable {

    /**
     * Checks both texts.
     *
     * @param fr the detail in French
     * @param en the detail in English
     */
    public Bilingual {
        Objects.requireNonNull(fr, "fr");
        Objects.requireNonNull(en, "en");
    }

    /**
     * A detail in both languages.
     *
     * @param fr the detail in French
     * @param en the detail in English
     * @return the detail
     */
    public static Bilingual of(String fr, String en) {
        return new Bilingual(fr, en);
    }

    /**
     * The detail in a language: French for a French locale, English otherwise.
     *
     * @param locale the locale
     * @return the text
     */
    public String in(Locale locale) {
        return locale != null && "fr".equals(locale.getLanguage()) ? fr : en;
    }

    @Override
    public void formatTo(Formatter formatter, int flags, int width, int precision) {
        formatter.format("%s", in(formatter.locale()));
    }

    @Override
    public String toString() {
        return en;
    }
}
