package fr.segurbio.cda;

/**
 * A document-level free-text comment section ("Commentaire non codé", LOINC {@code 55112-7}), e.g. a
 * non-conformity of the specimen or the biologist's overall conclusion.
 *
 * <pre>{@code
 * CommentSection c = new CommentSection("Non conformité", "Tube reçu non étiqueté, recontrôlé.");
 * }</pre>
 *
 * @param title the title
 * @param text the text (paragraphs separated by blank lines)
 */
public record CommentSection(String title, String text) {

    /**
     * Checks the fields.
     *
     * @param title the title
     * @param text the text
     */
    public CommentSection {
        title = InstanceId.requireText(title, "comment section title");
        text = InstanceId.requireText(text, "comment section text");
    }
}
