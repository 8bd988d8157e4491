package fr.segurbio.testkit;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Node;

/**
 * What a {@link MutualTlsServer.Handler} answers: a status, headers, a body, and optionally a delay before
 * answering (to test timeouts). Immutable.
 *
 * <pre>{@code
 * ServerResponse.soap(envelopeXml);                                   // 200 application/soap+xml
 * ServerResponse.soapFault("soap:Sender",
 *         List.of(new QName("urn:insi", "insi_102", "insi")), "Certificat non autorisé", "<d:info xmlns:d='urn:d'/>");
 * ServerResponse.mtom(envelopeXml, Map.of("doc@lab", pdfBytes));      // multipart/related XOP
 * ServerResponse.html(503, "<html><body>Service indisponible</body></html>");
 * ServerResponse.soap(xml).afterDelay(Duration.ofSeconds(5));         // a slow server
 * }</pre>
 */
public final class ServerResponse {

    /** The SOAP 1.2 envelope namespace. */
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";

    private static final int DROP = -1;

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;
    private final Duration delay;

    private ServerResponse(int status, Map<String, String> headers, byte[] body, Duration delay) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.delay = delay;
    }

    /**
     * Any response.
     *
     * @param status the HTTP status
     * @param contentType the Content-Type
     * @param body the body
     * @return the response
     */
    public static ServerResponse of(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        return new ServerResponse(status, h, body.clone(), Duration.ZERO);
    }

    /**
     * Any response, whose body is taken as it is, not copied (for large answers, such as a retrieved document):
     * the caller must not change the array afterwards.
     *
     * <pre>{@code
     * byte[] answer = buildLargeAnswer();
     * return ServerResponse.wrap(200, "application/octet-stream", answer);   // answer is not changed after this
     * }</pre>
     *
     * @param status the HTTP status
     * @param contentType the Content-Type
     * @param body the body, owned by the response from now on
     * @return the response
     */
    public static ServerResponse wrap(int status, String contentType, byte[] body) {
        Map<String, String> h = new LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        return new ServerResponse(status, h, java.util.Objects.requireNonNull(body, "body"), Duration.ZERO);
    }

    /**
     * No response at all: the server reads the request, then closes the connection without sending a status
     * line, as when a service or a proxy fails after having processed a request. Combine with
     * {@link #afterDelay} to close it late.
     *
     * @return the response
     */
    public static ServerResponse dropConnection() {
        return new ServerResponse(DROP, Map.of(), new byte[0], Duration.ZERO);
    }

    /**
     * Whether this response is {@link #dropConnection()}.
     *
     * @return {@code true} when the server closes the connection instead of answering
     */
    public boolean dropsConnection() {
        return status == DROP;
    }

    /**
     * A 200 SOAP 1.2 response.
     *
     * @param envelope the whole envelope as XML text
     * @return the response
     */
    public static ServerResponse soap(String envelope) {
        return of(200, "application/soap+xml; charset=utf-8", envelope.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 SOAP 1.2 response.
     *
     * @param envelope the envelope document or element
     * @return the response
     */
    public static ServerResponse soap(Node envelope) {
        return soap(serialize(envelope));
    }

    /**
     * A 200 SOAP 1.2 response whose envelope wraps the given body content.
     *
     * @param bodyContent the XML placed inside {@code soap:Body}
     * @return the response
     */
    public static ServerResponse soapBody(String bodyContent) {
        return soap(envelope(bodyContent));
    }

    /**
     * A SOAP 1.2 envelope (prefix {@code soap}) around the given body content.
     *
     * @param bodyContent the XML placed inside {@code soap:Body}
     * @return the envelope text
     */
    public static String envelope(String bodyContent) {
        return "<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"><soap:Body>" + bodyContent
                + "</soap:Body></soap:Envelope>";
    }

    /**
     * A 500 SOAP 1.2 fault.
     *
     * @param code the fault code value, {@code soap:Sender} or {@code soap:Receiver}
     * @param subcodes the nested subcodes, outermost first (may be empty)
     * @param reason the reason text (in French, as the services answer)
     * @param detailXml the XML inside {@code soap:Detail}, or {@code null} for no detail
     * @return the response
     */
    public static ServerResponse soapFault(String code, List<QName> subcodes, String reason, String detailXml) {
        StringBuilder ns = new StringBuilder();
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (QName q : subcodes) {
            String prefix = q.getPrefix().isEmpty() ? "sc" + open.length() : q.getPrefix();
            ns.append(" xmlns:").append(prefix).append("=\"").append(escape(q.getNamespaceURI())).append('"');
            open.append("<soap:Subcode><soap:Value>").append(prefix).append(':').append(q.getLocalPart())
                    .append("</soap:Value>");
            close.insert(0, "</soap:Subcode>");
        }
        String xml = "<soap:Envelope xmlns:soap=\"" + SOAP12 + "\"" + ns + "><soap:Body><soap:Fault>"
                + "<soap:Code><soap:Value>" + code + "</soap:Value>" + open + close + "</soap:Code>"
                + "<soap:Reason><soap:Text xml:lang=\"fr\">" + escape(reason) + "</soap:Text></soap:Reason>"
                + (detailXml == null ? "" : "<soap:Detail>" + detailXml + "</soap:Detail>")
                + "</soap:Fault></soap:Body></soap:Envelope>";
        return of(500, "application/soap+xml; charset=utf-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A 200 MTOM/XOP response: the envelope as root part, then one binary part per attachment. The envelope
     * refers to them with {@code <xop:Include href="cid:ID"/>}.
     *
     * @param envelope the envelope text
     * @param attachments binary parts by Content-ID (without angle brackets), in order
     * @return the response
     */
    public static ServerResponse mtom(String envelope, Map<String, byte[]> attachments) {
        String boundary = "uuid:" + UUID.randomUUID();
        String rootId = "root.message@segurbio.test";
        List<ServerRequest.Part> parts = new ArrayList<>();
        parts.add(new ServerRequest.Part(rootId,
                "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"", Map.of(),
                envelope.getBytes(StandardCharsets.UTF_8)));
        attachments.forEach((id, bytes) -> parts.add(
                new ServerRequest.Part(id, "application/octet-stream", Map.of(), bytes)));
        String ct = "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary + "\"; start=\"<"
                + rootId + ">\"; start-info=\"application/soap+xml\"";
        return wrap(200, ct, Multipart.write(boundary, parts));
    }

    /**
     * An HTML page, as a proxy or load balancer answers when the service is down.
     *
     * @param status the HTTP status, such as 503
     * @param html the page
     * @return the response
     */
    public static ServerResponse html(int status, String html) {
        return of(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same response with one more header.
     *
     * @param name the header name
     * @param value the value
     * @return a new response
     */
    public ServerResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return new ServerResponse(status, h, body, delay);
    }

    /**
     * The same response, sent only after the given delay.
     *
     * @param delay how long the server waits before answering
     * @return a new response
     */
    public ServerResponse afterDelay(Duration delay) {
        return new ServerResponse(status, headers, body, Objects.requireNonNull(delay));
    }

    /**
     * The HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The headers.
     *
     * @return the headers
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The body.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body itself, not a copy (for large answers): the caller must not change it.
     *
     * <pre>{@code
     * ServerResponse r = ServerResponse.mtom(envelope, Map.of("doc@lab", document));
     * ServerResponse same = ServerResponse.wrap(r.status(), r.headers().get("Content-Type"), r.bodyArray());
     * }</pre>
     *
     * @return the body array
     */
    public byte[] bodyArray() {
        return body;
    }

    /**
     * The delay before answering.
     *
     * @return the delay
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Serialises a DOM node as UTF-8 XML text without declaration.
     *
     * @param node the node
     * @return the text
     */
    public static String serialize(Node node) {
        try {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
