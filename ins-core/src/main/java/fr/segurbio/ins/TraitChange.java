package fr.segurbio.ins;

import java.util.Objects;

/**
 * One change the {@link TraitNormalizer} made to what a receptionist typed.
 *
 * <pre>{@code
 * TraitNormalizer.normalize(Trait.BIRTH_NAME, "Lœuvre").changes();
 * // [TraitChange[kind=LIGATURE_EXPANDED, from=œ, to=OE], TraitChange[kind=UPPER_CASED, from=l, to=L], …]
 * }</pre>
 *
 * @param kind what kind of change
 * @param from the characters typed
 * @param to what they became
 */
public record TraitChange(Kind kind, String from, String to) {

    /**
     * Checks the fields.
     *
     * @param kind what kind of change
     * @param from the characters typed
     * @param to what they became
     */
    public TraitChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** The kinds of change. */
    public enum Kind {
        /** Lower case letter put in upper case. */
        UPPER_CASED("minuscule mise en majuscule", "lower case put in upper case"),
        /** Accent, diaeresis or cedilla removed. */
        ACCENT_REMOVED("diacritique supprimé", "diacritic removed"),
        /** Ligature expanded ({@code Œ} → {@code OE}). */
        LIGATURE_EXPANDED("ligature développée", "ligature expanded"),
        /** Typographic apostrophe replaced by {@code '}. */
        APOSTROPHE_REPLACED("apostrophe remplacée", "apostrophe replaced"),
        /** Dash replaced by {@code -}. */
        HYPHEN_REPLACED("tiret remplacé", "dash replaced"),
        /** Tab or non-breaking space replaced by a space. */
        SPACE_REPLACED("espace remplacé", "space replaced"),
        /** Spaces removed at the start or the end. */
        TRIMMED("espaces de début ou de fin supprimés", "leading or trailing spaces removed"),
        /** Several spaces in a row made one. */
        SPACES_COLLAPSED("espaces multiples réduits à un", "repeated spaces reduced to one");

        private final String fr;
        private final String en;

        Kind(String fr, String en) {
            this.fr = fr;
            this.en = en;
        }

        /**
         * A description for a reader.
         *
         * @param french {@code true} for French
         * @return the description
         */
        public String label(boolean french) {
            return french ? fr : en;
        }
    }
}
