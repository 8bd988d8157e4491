package fr.segurbio.cda;

/**
 * The two forms of a CR-BIO.
 *
 * <pre>{@code
 * if (metadata.kind() == DocumentKind.N3) { ... }
 * }</pre>
 */
public enum DocumentKind {
    /** CDA R2 level 3: structured body with the PDF copy section. */
    N3,
    /** CDA R2 level 1: the PDF in {@code nonXMLBody}. */
    N1
}
