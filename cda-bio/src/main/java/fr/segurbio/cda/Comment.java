package fr.segurbio.cda;

/**
 * A comment on a result, a battery or a report entry: a structured comment entry (FR-Commentaire-ER, coded
 * LOINC {@code 48767-8} "Commentaire") whose text appears in the narrative. Free comments that belong to the
 * whole report go in a {@link CommentSection} ("Commentaire non codé").
 *
 * <pre>{@code
 * Comment c = Comment.of("Prélèvement hémolysé : interpréter le potassium avec prudence.");
 * }</pre>
 *
 * @param text the text of the comment
 */
public record Comment(String text) {

    /**
     * Checks the text.
     *
     * @param text the text
     */
    public Comment {
        text = InstanceId.requireText(text, "comment text");
    }

    /**
     * A comment.
     *
     * @param text the text
     * @return the comment
     */
    public static Comment of(String text) {
        return new Comment(text);
    }
}
