package fr.segurbio.cda;

import java.util.List;
import java.util.Optional;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A chapter of the report (FR-CR-BIO-Chapitre {@code 1.2.250.1.213.1.1.2.70}, usually a LOINC lab specialty such as
 * {@code 18719-5} Biochimie): either one entry directly, or sub-chapters only (the rule of the IHE Laboratory
 * Specialty Section). The volet requires a code ({@code section/code}, CE, 1..1 R) with its code system and
 * recommends the "Circuit de la biologie" value set, but its schematrons bind no code system: a chapter coded in a
 * French terminology (e.g. a second-line laboratory's own chapter codes) is accepted, as the ANS validation
 * accepts it ({@link #CODE_RULE}).
 *
 * <pre>{@code
 * Chapter biochemistry = Chapter.of(Code.loinc("18719-5", "Biochimie"), "BIOCHIMIE", List.of(thyroid, lipids));
 * Chapter microbiology = Chapter.withEntry(Code.loinc("18725-2", "Microbiologie"), "ECBU", ecbuEntry);
 * }</pre>
 *
 * @param code the chapter code (LOINC or another code system)
 * @param title the title
 * @param entry the entry when the chapter has no sub-chapter, else {@code null}
 * @param subChapters the sub-chapters (empty when {@code entry} is given)
 */
public record Chapter(Code code, String title, ResultEntry entry, List<SubChapter> subChapters) {

    /** The volet rule on a chapter's code that the model enforces: present, with its code system, any system. */
    public static final String CODE_RULE = "BIO-CR-BIO 2024.01 FR-CR-BIO-Chapitre (1.2.250.1.213.1.1.2.70): "
            + "section/code CE 1..1 R (code, codeSystem)";

    /**
     * Checks the fields and the structure rule.
     *
     * @param code the chapter code
     * @param title the title
     * @param entry the entry, or {@code null}
     * @param subChapters the sub-chapters
     */
    public Chapter {
        if (code == null) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("code du chapitre (" + CODE_RULE + ")", "chapter code (" + CODE_RULE + ")"));
        }
        title = InstanceId.requireText(title, "chapter title");
        subChapters = subChapters == null ? List.of() : List.copyOf(subChapters);
        if (entry == null && subChapters.isEmpty()) {
            throw new CdaException(CdaError.NO_RESULT);
        }
        if (entry != null && !subChapters.isEmpty()) {
            throw new CdaException(CdaError.BAD_STRUCTURE, Bilingual.of("un chapitre a soit une entrée, soit des sous-chapitres, pas les deux", "a chapter has either one entry or sub-chapters, not both"));
        }
    }

    /**
     * A chapter made of sub-chapters.
     *
     * @param code the chapter code
     * @param title the title
     * @param subChapters at least one sub-chapter
     * @return the chapter
     */
    public static Chapter of(Code code, String title, List<SubChapter> subChapters) {
        return new Chapter(code, title, null, subChapters);
    }

    /**
     * A chapter with its entry directly.
     *
     * @param code the chapter code
     * @param title the title
     * @param entry the entry
     * @return the chapter
     */
    public static Chapter withEntry(Code code, String title, ResultEntry entry) {
        return new Chapter(code, title, entry, List.of());
    }

    /**
     * The direct entry, when the chapter has no sub-chapter.
     *
     * @return the entry
     */
    public Optional<ResultEntry> optionalEntry() {
        return Optional.ofNullable(entry);
    }

    /**
     * Every entry of the chapter, direct or in sub-chapters.
     *
     * @return the entries
     */
    public List<ResultEntry> entries() {
        return entry != null ? List.of(entry) : subChapters.stream().map(SubChapter::entry).toList();
    }
}
