package fr.segurbio.dmp;

import java.util.Objects;

/**
 * A document retrieved with ITI-43 and streamed to the caller's output: what was written.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("cr.xml"))) {
 *     StreamedDocument d = dmp.retrieveTo(ins, uniqueId, out);
 *     d.size();
 * }
 * }</pre>
 *
 * @param uniqueId the uniqueId
 * @param repositoryUniqueId the repository
 * @param mimeType the MIME type
 * @param size the number of bytes written
 */
public record StreamedDocument(String uniqueId, String repositoryUniqueId, String mimeType, long size) {

    /**
     * Checks the fields.
     *
     * @param uniqueId the uniqueId
     * @param repositoryUniqueId the repository
     * @param mimeType the MIME type
     * @param size the size
     */
    public StreamedDocument {
        Objects.requireNonNull(uniqueId, "uniqueId");
    }
}
