package fr.segurbio.cda;

import java.util.Optional;

import fr.segurbio.cda.internal.Bilingual;

/**
 * A sub-chapter (FR-CR-BIO-Sous-Chapitre): a title, an optional LOINC code and one entry. A code, when given, is
 * LOINC: the IHE rule the ANS validation applies ({@link #CODE_RULE}).
 *
 * <pre>{@code
 * SubChapter thyroid = new SubChapter(Code.loinc("18719-5", "Biochimie"), "Bilan thyroïdien", entry);
 * }</pre>
 *
 * @param code the LOINC code (panel or chapter), or {@code null}
 * @param title the title
 * @param entry the entry
 */
public record SubChapter(Code code, String title, ResultEntry entry) {

    /** The rule on a sub-chapter's code: LOINC when present. */
    public static final String CODE_RULE = "IHE S_laboratoryReportItem (1.3.6.1.4.1.19376.1.3.3.2.2): le code d'une "
            + "section de niveau 2, s'il existe, appartient à LOINC / a level-2 section code, if any, is LOINC";

    /**
     * Checks the fields.
     *
     * @param code the code, or {@code null}
     * @param title the title
     * @param entry the entry
     */
    public SubChapter {
        if (code != null && !code.isLoinc()) {
            throw new CdaException(CdaError.BAD_VALUE, code.code() + "@" + code.codeSystem(),
                    Bilingual.of("un code LOINC (" + CODE_RULE + ")", "a LOINC code (" + CODE_RULE + ")"));
        }
        title = InstanceId.requireText(title, "sub-chapter title");
        if (entry == null) {
            throw new CdaException(CdaError.NO_RESULT);
        }
    }

    /**
     * The code, if any.
     *
     * @return the code
     */
    public Optional<Code> optionalCode() {
        return Optional.ofNullable(code);
    }
}
