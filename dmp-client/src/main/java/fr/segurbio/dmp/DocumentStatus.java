package fr.segurbio.dmp;

import fr.segurbio.dmp.internal.Xds;

/**
 * The availability status of a document in the DMP.
 *
 * <pre>{@code
 * if (doc.status() == DocumentStatus.APPROVED) { ... }
 * }</pre>
 */
public enum DocumentStatus {
    /** Current ({@code …StatusType:Approved}). */
    APPROVED(Xds.APPROVED),
    /** Replaced by a newer version ({@code …StatusType:Deprecated}). */
    DEPRECATED(Xds.DEPRECATED),
    /** Archived ({@code urn:asip:ci-sis:2010:StatusType:Archived}). */
    ARCHIVED(Xds.ARCHIVED),
    /** Deleted ({@code urn:asip:ci-sis:2010:StatusType:Deleted}). */
    DELETED(Xds.DELETED);

    private final String urn;

    DocumentStatus(String urn) {
        this.urn = urn;
    }

    /**
     * The status URN.
     *
     * @return the URN
     */
    public String urn() {
        return urn;
    }

    /**
     * The status of a URN.
     *
     * @param urn the URN
     * @return the status, or {@code null} when unknown
     */
    public static DocumentStatus fromUrn(String urn) {
        for (DocumentStatus s : values()) {
            if (s.urn.equals(urn)) {
                return s;
            }
        }
        return null;
    }
}
