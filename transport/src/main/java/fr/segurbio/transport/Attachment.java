package fr.segurbio.transport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A binary part of an MTOM/XOP message, identified by its Content-ID. The XML refers to it with
 * {@code <xop:Include href="cid:..."/>} ({@link #xopInclude(Document)}).
 *
 * <pre>{@code
 * Attachment cda = Attachment.of("application/xml", cdaBytes);
 * Element document = body.getOwnerDocument().createElementNS(XDS_B, "xdsb:Document");
 * document.setAttribute("id", "Document01");
 * document.appendChild(cda.xopInclude(body.getOwnerDocument()));
 * SoapRequest request = SoapRequest.builder().action(ITI_41).body(body).attachment(cda).build();
 * }</pre>
 *
 * @param contentId the Content-ID, without angle brackets
 * @param contentType the part's Content-Type
 * @param content the bytes (not copied: do not modify)
 */
public record Attachment(String contentId, String contentType, byte[] content) {

    /** The XOP namespace. */
    public static final String XOP_NS = "http://www.w3.org/2004/08/xop/include";

    /**
     * Checks the fields.
     *
     * @param contentId the Content-ID, without angle brackets
     * @param contentType the part's Content-Type
     * @param content the bytes
     */
    public Attachment {
        Objects.requireNonNull(contentId, "contentId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        if (contentId.startsWith("<") || contentId.isBlank()) {
            throw new IllegalArgumentException("a Content-ID is given without angle brackets: " + contentId);
        }
    }

    /**
     * An attachment with a new unique Content-ID.
     *
     * @param contentType the Content-Type
     * @param content the bytes
     * @return the attachment
     */
    public static Attachment of(String contentType, byte[] content) {
        return new Attachment(UUID.randomUUID() + "@segurbio.fr", contentType, content);
    }

    /**
     * The {@code cid:} URL of this part, as an {@code href} (RFC 2392, URL-encoded).
     *
     * @return the URL
     */
    public String cidUrl() {
        return "cid:" + URLEncoder.encode(contentId, StandardCharsets.UTF_8);
    }

    /**
     * A new {@code <xop:Include href="cid:..."/>} element pointing at this part, owned by the given document.
     *
     * @param owner the document the element will be placed in
     * @return the element (not yet attached)
     */
    public Element xopInclude(Document owner) {
        Element e = owner.createElementNS(XOP_NS, "xop:Include");
        e.setAttributeNS(null, "href", cidUrl());
        return e;
    }
}
