package fr.segurbio.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.namespace.QName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import fr.segurbio.core.SegurException;

/**
 * A SOAP 1.2 client for one service endpoint: builds the envelope (header blocks, WS-Addressing 2005/08, body),
 * sends it (as MTOM/XOP when it has attachments), and reads the answer: a {@link SoapResponse}, or a
 * {@link SoapFaultException} for a fault, a {@link RemoteServiceException} for an HTTP error page or a non-SOAP
 * answer, a {@link TransportException} for anything else. Each call is retried by the {@link RetryPolicy} when
 * the request is idempotent, passes the {@link CircuitBreaker}, gives one {@link AuditEvent}, and goes in full
 * to the {@link WireTraceSink} when one is configured. Thread-safe; build once per endpoint — usually from a
 * {@link ServiceConnection}, which sets all of this once for every client:
 *
 * <pre>{@code
 * SoapClient insi = connection.soapClient(URI.create("https://qualiflps-services-ps-tlsm.ameli.fr/lps"), "INSi");
 * }</pre>
 *
 * or piece by piece:
 *
 * <pre>{@code
 * SoapClient insi = SoapClient.builder()
 *         .transport(http)                                   // shared HttpTransport (mutual TLS)
 *         .endpoint(URI.create("https://qualiflps-services-ps-tlsm.ameli.fr/lps"))
 *         .service("INSi")
 *         .maxResponseBytes(2_000_000)
 *         .retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
 *         .auditListener(rgpdLog::append)
 *         .wireTrace(WireTraceSink.toDirectory(traceDir))    // opt-in, CNDA
 *         .build();
 * SoapResponse r = insi.call(request);
 * }</pre>
 */
public final class SoapClient {

    /** The SOAP 1.2 envelope namespace. */
    public static final String SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
    /** The WS-Addressing 2005/08 namespace. */
    public static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    /** The WS-Addressing anonymous address. */
    public static final String WSA_ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(SoapClient.class);

    private final HttpExchange exchange;
    private final String principal;
    private final URI endpoint;
    private final String service;
    private final long maxResponseBytes;
    private final RetryPolicy retryPolicy;
    private final AuditListener audit;
    private final WireTraceSink wireTrace;
    private final Map<String, String> httpHeaders;
    private final CircuitBreaker breaker;
    private final java.time.Clock clock;

    private SoapClient(Builder b) {
        this.exchange = Objects.requireNonNull(b.exchange, "transport");
        this.principal = b.principal;
        this.breaker = b.breaker;
        this.clock = b.clock;
        this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
        this.service = b.service != null ? b.service : endpoint.getHost();
        this.maxResponseBytes = b.maxResponseBytes;
        this.retryPolicy = b.retryPolicy;
        this.audit = b.audit;
        this.wireTrace = b.wireTrace;
        this.httpHeaders = Map.copyOf(b.httpHeaders);
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
     * The endpoint.
     *
     * @return the address called
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The circuit breaker of this endpoint.
     *
     * @return the breaker
     */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /**
     * The service name used in audit events and messages.
     *
     * @return the name
     */
    public String service() {
        return service;
    }

    /**
     * The envelope a request becomes, with WS-Addressing headers; useful to sign parts of it or to look at it.
     *
     * @param request the request
     * @return a new envelope document
     */
    public Document envelope(SoapRequest request) {
        Document doc = SecureXml.newDocument();
        Element env = doc.createElementNS(SOAP12_NS, "soap:Envelope");
        doc.appendChild(env);
        Element header = doc.createElementNS(SOAP12_NS, "soap:Header");
        for (Element h : request.headers()) {
            header.appendChild(doc.importNode(h, true));
        }
        if (request.addressing()) {
            env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsa", WSA_NS);
            Element action = wsa(doc, header, "Action", request.action());
            action.setAttributeNS(SOAP12_NS, "soap:mustUnderstand", "true");
            wsa(doc, header, "MessageID", request.messageId());
            Element replyTo = doc.createElementNS(WSA_NS, "wsa:ReplyTo");
            header.appendChild(replyTo);
            wsa(doc, replyTo, "Address", WSA_ANONYMOUS);
            Element to = wsa(doc, header, "To", String.valueOf(request.to() != null ? request.to() : endpoint));
            to.setAttributeNS(SOAP12_NS, "soap:mustUnderstand", "true");
        }
        if (header.hasChildNodes()) {
            env.appendChild(header);
        }
        Element body = doc.createElementNS(SOAP12_NS, "soap:Body");
        env.appendChild(body);
        for (Element b : request.body()) {
            body.appendChild(doc.importNode(b, true));
        }
        return doc;
    }

    private static Element wsa(Document doc, Element parent, String name, String value) {
        Element e = doc.createElementNS(WSA_NS, "wsa:" + name);
        e.setTextContent(value);
        parent.appendChild(e);
        return e;
    }

    /**
     * Sends a request and reads the answer.
     *
     * @param request the request
     * @return the answer
     * @throws SoapFaultException the service answered with a SOAP fault
     * @throws RemoteServiceException the service answered with an HTTP error or something that is not SOAP
     * @throws TransportException TLS, connection, timeout, size limit, refused XML
     */
    public SoapResponse call(SoapRequest request) {
        return sendBytes(request, envelopeBytes(request));
    }

    /**
     * The envelope a request becomes, with WS-Addressing headers, serialised as UTF-8 (what {@link #call} sends):
     * the same XML as {@link #envelope} serialised, written straight from the request's elements without copying
     * them into a new document.
     *
     * <pre>{@code
     * byte[] xml = client.envelopeBytes(request);
     * }</pre>
     *
     * @param request the request
     * @return the envelope's bytes, without XML declaration
     */
    public byte[] envelopeBytes(SoapRequest request) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8192);
        ascii(out, "<soap:Envelope xmlns:soap=\"" + SOAP12_NS + "\"");
        if (request.addressing()) {
            ascii(out, " xmlns:wsa=\"" + WSA_NS + "\"");
        }
        ascii(out, ">");
        if (request.addressing() || !request.headers().isEmpty()) {
            ascii(out, "<soap:Header>");
            for (Element h : request.headers()) {
                SecureXml.write(h, out);
            }
            if (request.addressing()) {
                text(out, "<wsa:Action soap:mustUnderstand=\"true\">", request.action(), "</wsa:Action>");
                text(out, "<wsa:MessageID>", request.messageId(), "</wsa:MessageID>");
                text(out, "<wsa:ReplyTo><wsa:Address>", WSA_ANONYMOUS, "</wsa:Address></wsa:ReplyTo>");
                text(out, "<wsa:To soap:mustUnderstand=\"true\">",
                        String.valueOf(request.to() != null ? request.to() : endpoint), "</wsa:To>");
            }
            ascii(out, "</soap:Header>");
        }
        ascii(out, "<soap:Body>");
        for (Element b : request.body()) {
            SecureXml.write(b, out);
        }
        ascii(out, "</soap:Body></soap:Envelope>");
        return out.toByteArray();
    }

    private static void ascii(java.io.ByteArrayOutputStream out, String markup) {
        out.writeBytes(markup.getBytes(StandardCharsets.UTF_8));
    }

    private static void text(java.io.ByteArrayOutputStream out, String open, String value, String close) {
        StringBuilder b = new StringBuilder(open.length() + close.length() + (value == null ? 0 : value.length() + 8));
        b.append(open);
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '&' -> b.append("&amp;");
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    default -> b.append(c);
                }
            }
        }
        b.append(close);
        ascii(out, b.toString());
    }

    /**
     * Sends an envelope already built (and perhaps signed) from a request by {@link #envelope(SoapRequest)}.
     *
     * @param request the request (for its action, attachments, operation and retry flag)
     * @param envelope the envelope to send as it is
     * @return the answer
     * @throws SoapFaultException the service answered with a SOAP fault
     * @throws RemoteServiceException the service answered with an HTTP error or something that is not SOAP
     * @throws TransportException TLS, connection, timeout, size limit, refused XML
     */
    public SoapResponse send(SoapRequest request, Document envelope) {
        return sendBytes(request, SecureXml.toBytes(envelope));
    }

    private SoapResponse sendBytes(SoapRequest request, byte[] xml) {
        String contentType;
        byte[] payload;
        String actionParam = request.action() == null ? "" : "; action=\"" + request.action() + "\"";
        if (request.mtom()) {
            String boundary = "MIMEBoundary_" + UUID.randomUUID();
            String rootId = "root." + UUID.randomUUID() + "@segurbio.fr";
            List<Mime.Part> parts = new ArrayList<>();
            parts.add(new Mime.Part(rootId, "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\""
                    + actionParam, xml));
            for (Attachment a : request.attachments()) {
                parts.add(new Mime.Part(a.contentId(), a.contentType(), a.content()));
            }
            payload = Mime.write(boundary, parts);
            contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/xop+xml\"; start=\"<"
                    + rootId + ">\"; start-info=\"application/soap+xml\"" + actionParam;
        } else {
            payload = xml;
            contentType = "application/soap+xml; charset=UTF-8" + actionParam;
        }
        RetryPolicy policy = request.idempotent() ? retryPolicy : RetryPolicy.none();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        if (!breaker.allow()) {
            TransportException open = new TransportException(TransportError.CIRCUIT_OPEN, service,
                    human(breaker.remainingOpen()));
            emit(request, start, t0, AuditEvent.Outcome.TRANSPORT_ERROR, open.code().id(), 0);
            throw open;
        }
        try {
            SoapResponse r = policy.execute(() -> attempt(request, contentType, payload, attempts.incrementAndGet()),
                    (n, e) -> LOG.info("{}.{} attempt {} failed ({}), retrying [{}]", service, request.operation(), n,
                            e instanceof SegurException s ? s.code().id() : e.getClass().getSimpleName(),
                            request.messageId()));
            breaker.recordSuccess();
            emit(request, start, t0, AuditEvent.Outcome.SUCCESS, null, attempts.get());
            return r.withAttempts(attempts.get());
        } catch (SoapFaultException e) {
            record(e);
            emit(request, start, t0, AuditEvent.Outcome.FAULT,
                    e.serviceCodes().isEmpty() ? e.code().id() : String.join("/", e.serviceCodes()), attempts.get());
            throw e;
        } catch (RemoteServiceException e) {
            record(e);
            emit(request, start, t0, AuditEvent.Outcome.REMOTE_ERROR, e.code().id(), attempts.get());
            throw e;
        } catch (TransportException e) {
            record(e);
            emit(request, start, t0, AuditEvent.Outcome.TRANSPORT_ERROR, e.code().id(), attempts.get());
            throw e;
        } catch (RuntimeException e) {
            breaker.release();
            throw e;
        }
    }

    /**
     * Tells the breaker how a call ended: what the retry policy deems transient is a failure, an answer the
     * service gave on purpose (a fault or an HTTP error it chose) a success, anything else leaves it as it is.
     */
    private void record(RuntimeException e) {
        if (retryPolicy.isRetryable(e) || RetryPolicy.isTransient(e)) {
            breaker.recordFailure();
        } else if (e instanceof RemoteServiceException) {
            breaker.recordSuccess();
        } else {
            breaker.release();
        }
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private void emit(SoapRequest request, Instant start, long t0, AuditEvent.Outcome outcome, String code,
            int attempts) {
        Duration d = Duration.ofNanos(System.nanoTime() - t0);
        LOG.debug("{}.{} {} in {} ms after {} attempt(s) [{}]", service, request.operation(), outcome, d.toMillis(),
                attempts, request.messageId());
        try {
            audit.onCall(new AuditEvent(service, request.operation(), endpoint, principal, start, d,
                    outcome, code, request.messageId(), Math.max(1, attempts)));
        } catch (RuntimeException e) {
            LOG.warn("the audit listener failed: {}", e.toString());
        }
    }

    private SoapResponse attempt(SoapRequest request, String contentType, byte[] payload, int attempt) {
        Instant sent = clock.instant();
        HttpResult result;
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", contentType);
            headers.putAll(httpHeaders);
            result = exchange.exchange(new HttpCall("POST", endpoint, headers, payload, maxResponseBytes));
        } catch (TransportException e) {
            trace(request, attempt, sent, contentType, payload, null, e.getMessage());
            throw e;
        }
        trace(request, attempt, sent, contentType, payload, result, null);
        return interpret(result, request.messageId());
    }

    private void trace(SoapRequest request, int attempt, Instant sent, String contentType, byte[] payload,
            HttpResult result, String failure) {
        if (wireTrace == WireTraceSink.NONE) {
            return;
        }
        try {
            wireTrace.exchange(new WireExchange(request.messageId(), service, request.operation(), endpoint, attempt,
                    sent, contentType, payload, result == null ? 0 : result.status(),
                    result == null ? Map.of() : result.headers(), result == null ? new byte[0] : result.body(),
                    failure));
        } catch (RuntimeException e) {
            LOG.warn("the wire trace sink failed: {}", e.toString());
        }
    }

    private SoapResponse interpret(HttpResult result, String correlationId) {
        String ct = result.contentType();
        byte[] root = result.body();
        String rootType = ct;
        Map<String, Attachment> attachments = new LinkedHashMap<>();
        if (Mime.mediaType(ct).equals("multipart/related")) {
            List<Mime.Part> parts = Mime.parse(result.body(), Mime.parameter(ct, "boundary"));
            if (parts.isEmpty()) {
                throw new TransportException(TransportError.MTOM_MALFORMED, "no part");
            }
            String start = Mime.normalizeId(Mime.parameter(ct, "start"));
            Mime.Part rootPart = parts.get(0);
            if (start != null) {
                rootPart = parts.stream().filter(p -> start.equals(p.contentId())).findFirst().orElseThrow(
                        () -> new TransportException(TransportError.MTOM_MALFORMED, "no root part <" + start + ">"));
            }
            for (Mime.Part p : parts) {
                if (p != rootPart && p.contentId() != null) {
                    if (p.contentId().isBlank() || p.contentId().startsWith("<")) {
                        // "<id" without its closing bracket: not an id an xop:Include can name
                        throw new TransportException(TransportError.MTOM_MALFORMED,
                                "part with a malformed Content-ID: " + p.contentId());
                    }
                    attachments.put(p.contentId(), new Attachment(p.contentId(),
                            p.contentType() == null ? "application/octet-stream" : p.contentType(), p.content()));
                }
            }
            root = rootPart.content();
            rootType = rootPart.contentType();
        }
        String first = new String(root, 0, Math.min(root.length, RemoteServiceException.FIRST_BYTES * 4),
                StandardCharsets.UTF_8);
        if (first.length() > RemoteServiceException.FIRST_BYTES) {
            first = first.substring(0, RemoteServiceException.FIRST_BYTES);
        }
        String media = Mime.mediaType(rootType);
        if (!media.endsWith("xml") && !media.endsWith("+xml")) {
            throw notSoap(result, ct, first);
        }
        Document doc;
        try {
            doc = SecureXml.parse(root);
        } catch (TransportException e) {
            if (e.code() == TransportError.XML_MALFORMED) {
                throw notSoap(result, ct, first);
            }
            throw e;
        }
        Element env = doc.getDocumentElement();
        if (!"Envelope".equals(env.getLocalName()) || !SOAP12_NS.equals(env.getNamespaceURI())) {
            throw notSoap(result, ct, first);
        }
        Element body = child(env, SOAP12_NS, "Body");
        if (body == null) {
            throw notSoap(result, ct, first);
        }
        Element fault = child(body, SOAP12_NS, "Fault");
        if (fault != null) {
            throw fault(fault, result.status(), ct, first);
        }
        if (!result.isSuccess()) {
            throw new RemoteServiceException(TransportError.HTTP_ERROR, service, result.status(), ct, first);
        }
        return new SoapResponse(doc, attachments, result.status(), correlationId, 1);
    }

    private RemoteServiceException notSoap(HttpResult result, String ct, String first) {
        return new RemoteServiceException(result.isSuccess() ? TransportError.NOT_SOAP : TransportError.HTTP_ERROR,
                service, result.status(), ct, first);
    }

    private SoapFaultException fault(Element fault, int status, String ct, String first) {
        Element code = child(fault, SOAP12_NS, "Code");
        QName faultCode = code == null ? new QName(SOAP12_NS, "Receiver") : value(code);
        List<QName> subcodes = new ArrayList<>();
        for (Element sub = code == null ? null : child(code, SOAP12_NS, "Subcode"); sub != null;
                sub = child(sub, SOAP12_NS, "Subcode")) {
            subcodes.add(value(sub));
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        Element reason = child(fault, SOAP12_NS, "Reason");
        if (reason != null) {
            for (Node n = reason.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element t && "Text".equals(t.getLocalName())) {
                    reasons.put(t.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"),
                            t.getTextContent().trim());
                }
            }
        }
        Element detail = child(fault, SOAP12_NS, "Detail");
        Element detached = null;
        if (detail != null) {
            Document d = SecureXml.newDocument();
            detached = (Element) d.importNode(detail, true);
            d.appendChild(detached);
        }
        return new SoapFaultException(service, status, ct, first, faultCode, subcodes, reasons, detached);
    }

    private static QName value(Element codeOrSubcode) {
        Element v = child(codeOrSubcode, SOAP12_NS, "Value");
        String text = v == null ? "" : v.getTextContent().trim();
        int colon = text.indexOf(':');
        String prefix = colon > 0 ? text.substring(0, colon) : null;
        String local = colon > 0 ? text.substring(colon + 1) : text;
        String ns = v == null ? null : v.lookupNamespaceURI(prefix);
        return new QName(ns == null ? "" : ns, local, prefix == null ? "" : prefix);
    }

    static Element child(Element parent, String ns, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** Configures a {@link SoapClient}. Not thread-safe. */
    public static final class Builder {
        private HttpExchange exchange;
        private String principal;
        private CircuitBreaker breaker = CircuitBreaker.disabled();
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private URI endpoint;
        private String service;
        private long maxResponseBytes = 16L * 1024 * 1024;
        private RetryPolicy retryPolicy = RetryPolicy.none();
        private AuditListener audit = AuditListener.NONE;
        private WireTraceSink wireTrace = WireTraceSink.NONE;
        private final Map<String, String> httpHeaders = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The HTTP transport (shared between clients using the same certificate).
         *
         * @param transport the transport
         * @return this builder
         */
        public Builder transport(HttpTransport transport) {
            this.exchange = Objects.requireNonNull(transport, "transport");
            this.principal = transport.principal();
            return this;
        }

        /**
         * The exchange that carries the requests: the network's {@link HttpTransport}, or a stand-in.
         *
         * @param exchange the exchange
         * @return this builder
         */
        public Builder exchange(HttpExchange exchange) {
            this.exchange = Objects.requireNonNull(exchange, "exchange");
            return this;
        }

        /**
         * The CN of the client certificate, for audit events (set by {@link #transport}).
         *
         * @param principal the CN, or {@code null}
         * @return this builder
         */
        public Builder principal(String principal) {
            this.principal = principal;
            return this;
        }

        /**
         * The circuit breaker of this endpoint (default: one that never opens).
         *
         * @param breaker the breaker, not shared with another endpoint
         * @return this builder
         */
        public Builder circuitBreaker(CircuitBreaker breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        /**
         * The clock of audit events and wire traces (default: the UTC system clock).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The endpoint's address.
         *
         * @param endpoint the address
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * The service's name in audit events and messages (default: the endpoint's host).
         *
         * @param service the name, such as {@code INSi}
         * @return this builder
         */
        public Builder service(String service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /**
         * The largest answer accepted, attachments included (default 16 MiB).
         *
         * @param max the size in bytes
         * @return this builder
         */
        public Builder maxResponseBytes(long max) {
            if (max < 1) {
                throw new TransportException(TransportError.INVALID_CONFIGURATION, "maxResponseBytes must be positive");
            }
            this.maxResponseBytes = max;
            return this;
        }

        /**
         * The retry policy of idempotent requests (default: none).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The audit listener (default: none).
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder auditListener(AuditListener listener) {
            this.audit = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The wire trace sink (default: none).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder wireTrace(WireTraceSink sink) {
            this.wireTrace = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * An HTTP header added to every request.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder httpHeader(String name, String value) {
            httpHeaders.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client
         */
        public SoapClient build() {
            return new SoapClient(this);
        }
    }
}
