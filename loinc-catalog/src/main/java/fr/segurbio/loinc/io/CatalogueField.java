package fr.segurbio.loinc.io;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The columns of a catalogue file, each with the header this SDK writes and the other names French and English
 * tools give it (compared without case, accents, spaces or punctuation).
 *
 * <pre>{@code
 * CatalogueField.LOCAL_CODE.header();          // "code_local"
 * CatalogueField.LOCAL_CODE.matches("Code local"); // true
 * }</pre>
 */
public enum CatalogueField {
    /** The local code (required). */
    LOCAL_CODE(true, "code_local", "code", "code analyse", "code examen", "local code", "code sgl", "code interne"),
    /** The label (required). */
    LABEL(true, "libelle", "libellé", "libelle examen", "label", "designation", "nom", "libelle local"),
    /** The chapter. */
    CHAPTER(false, "chapitre", "chapter", "discipline", "section"),
    /** The specimen. */
    SPECIMEN(false, "specimen", "prelevement", "nature prelevement", "echantillon", "milieu", "nature"),
    /** The method. */
    METHOD(false, "methode", "méthode", "technique", "method"),
    /** The local unit. */
    LOCAL_UNIT(false, "unite_locale", "unite", "unité", "unite locale", "local unit", "unit"),
    /** The result type. */
    RESULT_TYPE(false, "type_resultat", "type", "type resultat", "result type", "type de resultat"),
    /** The LOINC code. */
    LOINC_CODE(false, "code_loinc", "loinc", "code loinc", "loinc code", "loinc_num"),
    /** The UCUM unit of the LOINC result. */
    UCUM_UNIT(false, "unite_ucum", "ucum", "unite ucum", "ucum unit", "unite loinc"),
    /** The conversion factor local → UCUM. */
    CONVERSION_FACTOR(false, "facteur_conversion", "facteur", "facteur de conversion", "conversion factor",
            "coefficient"),
    /** The transcoding status. */
    STATUS(false, "statut", "status", "etat", "statut transcodage", "validation"),
    /** The comment. */
    COMMENT(false, "commentaire", "comment", "remarque", "observations"),
    /** Who decided. */
    AUTHOR(false, "auteur", "author", "valide par", "validateur", "biologiste"),
    /** When. */
    DATE(false, "date", "date validation", "date de validation", "horodatage");

    private final boolean required;
    private final String header;
    private final List<String> names;

    CatalogueField(boolean required, String header, String... synonyms) {
        this.required = required;
        this.header = header;
        this.names = java.util.stream.Stream.concat(java.util.stream.Stream.of(header),
                java.util.stream.Stream.of(synonyms)).map(CatalogueField::normalize).distinct().toList();
    }

    /**
     * Whether a file must have this column.
     *
     * @return {@code true} for the local code and the label
     */
    public boolean required() {
        return required;
    }

    /**
     * The header this SDK writes.
     *
     * @return the header
     */
    public String header() {
        return header;
    }

    /**
     * The names recognised, normalised.
     *
     * @return the names
     */
    public List<String> names() {
        return names;
    }

    /**
     * Whether a header names this column.
     *
     * @param headerText a header as found in a file
     * @return {@code true} when it is one of this column's names
     */
    public boolean matches(String headerText) {
        return names.contains(normalize(headerText));
    }

    /**
     * The form headers are compared in: lower case, no accents, letters and digits only.
     *
     * @param text a header
     * @return the normalised header
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "");
    }
}
