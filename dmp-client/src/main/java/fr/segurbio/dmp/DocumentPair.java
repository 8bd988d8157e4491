package fr.segurbio.dmp;

import java.util.Objects;

/**
 * The N1 and the N3 of one CR-BIO in the DMP, acted on together (mask, visibility, archive, delete), identified
 * by their uniqueIds. {@link #ofN1(String)} finds the N3 by cda-bio's naming rule ({@code CrBioWriter.n1Id}: the
 * N1's id is the N3's with {@code -N1} appended to the extension, or extension {@code N1} when the N3 id has none).
 *
 * <pre>{@code
 * DocumentPair p = DocumentPair.ofN1("1.2.250.1.999.1^CR-2024-0001-N1");
 * p.n3();   // 1.2.250.1.999.1^CR-2024-0001
 * }</pre>
 *
 * @param n1 the N1's uniqueId
 * @param n3 the N3's uniqueId
 */
public record DocumentPair(String n1, String n3) {

    /**
     * Checks the fields.
     *
     * @param n1 the N1's uniqueId
     * @param n3 the N3's uniqueId
     */
    public DocumentPair {
        Objects.requireNonNull(n1, "n1");
        Objects.requireNonNull(n3, "n3");
        if (n1.isBlank() || n3.isBlank() || n1.equals(n3)) {
            throw new DmpException(DmpError.PAIR_MISMATCH, "N1 " + n1 + " / N3 " + n3);
        }
    }

    /**
     * The pair of an N1 written by cda-bio.
     *
     * @param n1UniqueId the N1's uniqueId
     * @return the pair
     * @throws DmpException {@code DMP-021} when the N1 id does not follow the rule
     */
    public static DocumentPair ofN1(String n1UniqueId) {
        Objects.requireNonNull(n1UniqueId, "n1UniqueId");
        int caret = n1UniqueId.indexOf('^');
        if (caret > 0) {
            String root = n1UniqueId.substring(0, caret);
            String ext = n1UniqueId.substring(caret + 1);
            if ("N1".equals(ext)) {
                return new DocumentPair(n1UniqueId, root);
            }
            if (ext.endsWith("-N1") && ext.length() > 3) {
                return new DocumentPair(n1UniqueId, root + "^" + ext.substring(0, ext.length() - 3));
            }
        }
        throw new DmpException(DmpError.PAIR_MISMATCH,
                n1UniqueId + " is not an N1 id written by cda-bio: give the N3 uniqueId too");
    }
}
