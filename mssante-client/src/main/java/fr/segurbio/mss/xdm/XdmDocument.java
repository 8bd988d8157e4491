package fr.segurbio.mss.xdm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.xds.XdsMetadata;

/**
 * One CDA document to put into an XDM archive: its bytes and the XDS metadata that cda-bio computed while
 * writing it ({@link WrittenDocument}), so that nothing is parsed again.
 *
 * <pre>{@code
 * WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
 * XdmDocument doc = XdmDocument.of(n3);
 * doc.kind();   // N3
 * }</pre>
 *
 * @param content the document's bytes
 * @param metadata its metadata (size and hash are checked against the bytes)
 */
public record XdmDocument(byte[] content, XdsMetadata metadata) {

    /**
     * Checks that the metadata's size and SHA-1 describe the bytes.
     *
     * @param content the bytes
     * @param metadata the metadata
     */
    public XdmDocument {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.size() != content.length) {
            throw new IllegalArgumentException("metadata size " + metadata.size() + " != " + content.length);
        }
        if (!sha1(content).equalsIgnoreCase(metadata.hash())) {
            throw new IllegalArgumentException("metadata hash does not match the content");
        }
    }

    /**
     * A document written by cda-bio.
     *
     * @param written the document and its metadata
     * @return the XDM document
     */
    public static XdmDocument of(WrittenDocument written) {
        return new XdmDocument(written.document(), written.metadata());
    }

    /**
     * N3 (structured) or N1 (PDF in a CDA level 1).
     *
     * @return the kind
     */
    public DocumentKind kind() {
        return metadata.kind();
    }

    /**
     * The bytes (the array itself, not a copy: the record is a carrier).
     *
     * @return the bytes
     */
    @Override
    public byte[] content() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XdmDocument d && Arrays.equals(content, d.content) && metadata.equals(d.metadata);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + metadata.hashCode();
    }

    @Override
    public String toString() {
        return "XdmDocument[" + metadata.kind() + ", " + content.length + " bytes, " + metadata.uniqueId() + "]";
    }

    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }
}
