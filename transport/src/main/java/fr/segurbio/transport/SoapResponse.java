package fr.segurbio.transport;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A SOAP 1.2 answer that is not a fault: the envelope (parsed with {@link SecureXml}), its header blocks and
 * body, the MTOM attachments, the HTTP status and headers.
 *
 * <pre>{@code
 * SoapResponse r = client.call(request);
 * Element result = r.payload();                               // first element of soap:Body
 * Optional<Element> relates = r.headerBlock(SoapClient.WSA_NS, "RelatesTo");
 * byte[] pdf = r.binaryContent(documentElement);               // xop:Include or base64 text
 * }</pre>
 */
public final class SoapResponse {

    private final Document envelope;
    private final Map<String, Attachment> attachments;
    private final int status;
    private final String correlationId;
    private final int attempts;

    SoapResponse(Document envelope, Map<String, Attachment> attachments, int status, String correlationId,
            int attempts) {
        this.envelope = envelope;
        this.attachments = Map.copyOf(attachments);
        this.status = status;
        this.correlationId = correlationId;
        this.attempts = attempts;
    }

    SoapResponse withAttempts(int n) {
        return new SoapResponse(envelope, attachments, status, correlationId, n);
    }

    /**
     * The whole envelope.
     *
     * @return the document
     */
    public Document envelope() {
        return envelope;
    }

    /**
     * The {@code soap:Body} element.
     *
     * @return the body
     */
    public Element body() {
        return SoapClient.child(envelope.getDocumentElement(), SoapClient.SOAP12_NS, "Body");
    }

    /**
     * The first element inside the body (the operation's response element).
     *
     * @return the element
     * @throws TransportException when the body is empty
     */
    public Element payload() {
        Element first = SoapClient.firstElement(body());
        if (first == null) {
            throw new TransportException(TransportError.NOT_SOAP, "(response)", "application/soap+xml",
                    "empty soap:Body");
        }
        return first;
    }

    /**
     * The header blocks.
     *
     * @return the elements, in order (empty without a header)
     */
    public List<Element> headerBlocks() {
        List<Element> out = new ArrayList<>();
        Element header = SoapClient.child(envelope.getDocumentElement(), SoapClient.SOAP12_NS, "Header");
        if (header != null) {
            for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * The first header block with this name.
     *
     * @param namespace the namespace
     * @param localName the local name
     * @return the block
     */
    public Optional<Element> headerBlock(String namespace, String localName) {
        return headerBlocks().stream()
                .filter(e -> localName.equals(e.getLocalName()) && namespace.equals(e.getNamespaceURI()))
                .findFirst();
    }

    /**
     * The MTOM attachments by Content-ID (without angle brackets).
     *
     * @return the attachments
     */
    public Map<String, Attachment> attachments() {
        return attachments;
    }

    /**
     * An attachment.
     *
     * @param contentId the Content-ID, with or without {@code cid:} or angle brackets
     * @return the attachment
     */
    public Optional<Attachment> attachment(String contentId) {
        return Optional.ofNullable(attachments.get(Mime.normalizeId(contentId)));
    }

    /**
     * The binary content of an element: the attachment its {@code xop:Include} child points to, or its text
     * decoded from base64.
     *
     * @param element an element of this response
     * @return the bytes
     * @throws TransportException when the included part is missing or the text is not base64
     */
    public byte[] binaryContent(Element element) {
        Element include = SoapClient.child(element, Attachment.XOP_NS, "Include");
        if (include != null) {
            String href = include.getAttribute("href");
            return attachment(href).orElseThrow(() -> new TransportException(TransportError.MTOM_MALFORMED,
                    "no part " + href + " in the message")).content();
        }
        try {
            return Base64.getMimeDecoder().decode(element.getTextContent().trim());
        } catch (IllegalArgumentException e) {
            throw new TransportException(e, TransportError.MTOM_MALFORMED, "content is not base64: "
                    + e.getMessage());
        }
    }

    /**
     * The HTTP status (200 usually).
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The correlation id of the call (its MessageID).
     *
     * @return the id
     */
    public String correlationId() {
        return correlationId;
    }

    /**
     * The number of attempts made.
     *
     * @return at least 1
     */
    public int attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return SecureXml.toString(envelope);
    }
}
