package fr.segurbio.cda;

import java.util.Optional;

/**
 * A sub-chapter (FR-CR-BIO-Sous-Chapitre): a title, an optional LOINC code and one entry.
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

    /**
     * Checks the fields.
     *
     * @param code the code, or {@code null}
     * @param title the title
     * @param entry the entry
     */
    public SubChapter {
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
