package fr.segurbio.dmp;

import java.util.Objects;

/**
 * A document retrieved with ITI-43.
 *
 * <pre>{@code
 * RetrievedDocument d = dmp.retrieve(ins, uniqueId);
 * Files.write(Path.of("report.xml"), d.content());
 * }</pre>
 *
 * @param uniqueId the uniqueId
 * @param repositoryUniqueId the repository
 * @param mimeType the MIME type
 * @param content the bytes
 */
public record RetrievedDocument(String uniqueId, String repositoryUniqueId, String mimeType, byte[] content) {

    /**
     * Checks the fields.
     *
     * @param uniqueId the uniqueId
     * @param repositoryUniqueId the repository
     * @param mimeType the MIME type
     * @param content the bytes
     */
    public RetrievedDocument {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetrievedDocument r && r.uniqueId.equals(uniqueId)
                && java.util.Arrays.equals(r.content, content);
    }

    @Override
    public int hashCode() {
        return uniqueId.hashCode() * 31 + java.util.Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "RetrievedDocument[" + uniqueId + ", " + mimeType + ", " + content.length + " bytes]";
    }
}
