package fr.segurbio.transport;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.xml.transform.Source;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A SOAP 1.2 request: header blocks, body content, WS-Addressing 2005/08 ({@code Action}, {@code MessageID},
 * {@code To}, {@code ReplyTo} anonymous), optional MTOM attachments, and whether it may be retried. Immutable
 * once built; the elements given are copied into the envelope when it is sent, never modified.
 *
 * <pre>{@code
 * SoapRequest request = SoapRequest.builder()
 *         .operation("rechercherInsAvecTraitsIdentite")
 *         .action("urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite")
 *         .messageId("uuid:" + UUID.randomUUID())
 *         .header(contexteLps)
 *         .header(contexteBam)
 *         .body(rechercherIns)
 *         .idempotent(true)
 *         .build();
 * }</pre>
 */
public final class SoapRequest {

    private final String operation;
    private final String action;
    private final String messageId;
    private final URI to;
    private final boolean addressing;
    private final List<Element> headers;
    private final List<Element> body;
    private final List<Attachment> attachments;
    private final boolean mtom;
    private final boolean idempotent;

    private SoapRequest(Builder b) {
        this.action = b.action;
        this.operation = b.operation != null ? b.operation : b.action != null ? shortName(b.action) : "call";
        this.messageId = b.messageId != null ? b.messageId : "urn:uuid:" + UUID.randomUUID();
        this.to = b.to;
        this.addressing = b.addressing;
        this.headers = List.copyOf(b.headers);
        this.body = List.copyOf(b.body);
        this.attachments = List.copyOf(b.attachments);
        this.mtom = b.mtom || !b.attachments.isEmpty();
        this.idempotent = b.idempotent;
        if (addressing && action == null) {
            throw new TransportException(TransportError.INVALID_CONFIGURATION,
                    "a WS-Addressing request needs an action");
        }
    }

    private static String shortName(String action) {
        int i = Math.max(action.lastIndexOf(':'), action.lastIndexOf('/'));
        return i >= 0 && i < action.length() - 1 ? action.substring(i + 1) : action;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The operation's name, for audit and traces.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }

    /**
     * The SOAP action (WS-Addressing {@code Action} and the Content-Type's {@code action} parameter).
     *
     * @return the action, or {@code null}
     */
    public String action() {
        return action;
    }

    /**
     * The WS-Addressing {@code MessageID}, also the call's correlation id.
     *
     * @return the message id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The WS-Addressing {@code To}, when set; the endpoint otherwise.
     *
     * @return the address, or {@code null}
     */
    public URI to() {
        return to;
    }

    /**
     * Whether WS-Addressing headers are added.
     *
     * @return {@code true} by default
     */
    public boolean addressing() {
        return addressing;
    }

    /**
     * The header blocks, in order.
     *
     * @return the elements
     */
    public List<Element> headers() {
        return headers;
    }

    /**
     * The body content, in order.
     *
     * @return the elements
     */
    public List<Element> body() {
        return body;
    }

    /**
     * The MTOM attachments.
     *
     * @return the attachments
     */
    public List<Attachment> attachments() {
        return attachments;
    }

    /**
     * Whether the request is sent as MTOM/XOP multipart/related.
     *
     * @return {@code true} when there are attachments or MTOM was asked for
     */
    public boolean mtom() {
        return mtom;
    }

    /**
     * Whether the call may be retried (a query, or a submission made idempotent by unique ids).
     *
     * @return {@code true} when retries are allowed
     */
    public boolean idempotent() {
        return idempotent;
    }

    /** Builds a {@link SoapRequest}. Not thread-safe. */
    public static final class Builder {
        private String operation;
        private String action;
        private String messageId;
        private URI to;
        private boolean addressing = true;
        private final List<Element> headers = new ArrayList<>();
        private final List<Element> body = new ArrayList<>();
        private final List<Attachment> attachments = new ArrayList<>();
        private boolean mtom;
        private boolean idempotent;

        private Builder() {
        }

        /**
         * The operation's name for audit and traces (default: the end of the action).
         *
         * @param operation the name
         * @return this builder
         */
        public Builder operation(String operation) {
            this.operation = Objects.requireNonNull(operation, "operation");
            return this;
        }

        /**
         * The SOAP action.
         *
         * @param action the action URI
         * @return this builder
         */
        public Builder action(String action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * The {@code MessageID} (default {@code urn:uuid:} and a random UUID).
         *
         * @param messageId the id
         * @return this builder
         */
        public Builder messageId(String messageId) {
            this.messageId = Objects.requireNonNull(messageId, "messageId");
            return this;
        }

        /**
         * The {@code To} (default: the endpoint called).
         *
         * @param to the address
         * @return this builder
         */
        public Builder to(URI to) {
            this.to = Objects.requireNonNull(to, "to");
            return this;
        }

        /**
         * Turns WS-Addressing headers off (on by default).
         *
         * @param on whether to add them
         * @return this builder
         */
        public Builder addressing(boolean on) {
            this.addressing = on;
            return this;
        }

        /**
         * Adds a header block.
         *
         * @param element the block (copied when sent)
         * @return this builder
         */
        public Builder header(Element element) {
            headers.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /**
         * Adds a body element.
         *
         * @param element the element (copied when sent)
         * @return this builder
         */
        public Builder body(Element element) {
            body.add(Objects.requireNonNull(element, "element"));
            return this;
        }

        /**
         * Adds a body element given as XML text (parsed with {@link SecureXml}).
         *
         * @param xml the element's XML
         * @return this builder
         */
        public Builder body(String xml) {
            return body(SecureXml.parse(xml).getDocumentElement());
        }

        /**
         * Adds a header block given as a {@link Source}: a JAXB object through {@code new JAXBSource(context,
         * object)}, a {@code StreamSource}, a {@code DOMSource}… It is copied at once into a DOM element.
         *
         * <pre>{@code
         * builder.header(new JAXBSource(jaxbContext, contexteLps));
         * }</pre>
         *
         * @param source the block
         * @return this builder
         */
        public Builder header(Source source) {
            return header(toElement(source));
        }

        /**
         * Adds a body element given as a {@link Source} (a JAXB object through {@code JAXBSource}, for example).
         *
         * @param source the element
         * @return this builder
         */
        public Builder body(Source source) {
            return body(toElement(source));
        }

        private static Element toElement(Source source) {
            Objects.requireNonNull(source, "source");
            DOMResult result = new DOMResult(SecureXml.newDocument());
            try {
                SecureXml.newTransformerFactory().newTransformer().transform(source, result);
            } catch (TransformerException e) {
                throw new TransportException(e, TransportError.XML_MALFORMED, e.getMessage());
            }
            Element root = ((Document) result.getNode()).getDocumentElement();
            if (root == null) {
                throw new TransportException(TransportError.XML_MALFORMED, "the source produced no element");
            }
            return root;
        }

        /**
         * Adds an MTOM attachment (makes the request MTOM).
         *
         * @param attachment the attachment
         * @return this builder
         */
        public Builder attachment(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /**
         * Sends as MTOM/XOP even without attachments (some services expect it always).
         *
         * @param on whether to use MTOM
         * @return this builder
         */
        public Builder mtom(boolean on) {
            this.mtom = on;
            return this;
        }

        /**
         * Marks the call as idempotent, so the client's {@link RetryPolicy} applies (off by default).
         *
         * @param on whether it may be retried
         * @return this builder
         */
        public Builder idempotent(boolean on) {
            this.idempotent = on;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public SoapRequest build() {
            return new SoapRequest(this);
        }
    }
}
