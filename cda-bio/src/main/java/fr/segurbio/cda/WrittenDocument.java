package fr.segurbio.cda;

import java.util.Arrays;
import java.util.Objects;

import fr.segurbio.cda.xds.XdsMetadata;

/**
 * A CDA document written in memory and its XDS metadata.
 *
 * <pre>{@code
 * WrittenDocument n1 = CrBioWriter.standard().n1(report, pdf);
 * Files.write(dir.resolve("report-N1.xml"), n1.document());
 * }</pre>
 *
 * @param document the UTF-8 XML bytes
 * @param metadata the XDS metadata
 */
public record WrittenDocument(byte[] document, XdsMetadata metadata) {

    /**
     * Checks the fields.
     *
     * @param document the bytes
     * @param metadata the metadata
     */
    public WrittenDocument {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrittenDocument w && Arrays.equals(w.document, document) && w.metadata.equals(metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(document) * 31 + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "WrittenDocument[" + metadata.kind() + ", " + document.length + " bytes, " + metadata.uniqueId() + "]";
    }
}
