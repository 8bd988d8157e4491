package fr.segurbio.dmp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import fr.segurbio.core.Problem;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.RegistryError;
import fr.segurbio.dmp.StreamedDocument;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.WireExchange;
import fr.segurbio.transport.WireTraceSink;

/**
 * ITI-43 with the document streamed from the network to the caller: the connection's TLS context, timeouts,
 * audit listener and wire trace, over the JDK's HTTP client (its body is a stream, which the shared transport
 * does not give), the MTOM answer read part by part.
 */
public final class StreamingRetrieve {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dmp-retrieve-watchdog");
        t.setDaemon(true);
        return t;
    });

    private static final Map<ServiceConnection, HttpClient> CLIENTS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private StreamingRetrieve() {
    }

    /**
     * Runs the retrieval.
     *
     * @param connection the connection
     * @param soap the repository's SOAP client (for the envelope)
     * @param request the request
     * @param uniqueId the document
     * @param repositoryUniqueId the repository
     * @param out the sink
     * @param maxBytes the largest document
     * @param trace the (redacting) trace
     * @return what was written
     */
    public static StreamedDocument run(ServiceConnection connection, SoapClient soap, SoapRequest request,
            String uniqueId, String repositoryUniqueId, OutputStream out, long maxBytes, WireTraceSink trace) {
        HttpClient http = CLIENTS.computeIfAbsent(connection, c -> HttpClient.newBuilder()
                .sslContext(c.sslContext().orElseThrow())
                .connectTimeout(c.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        byte[] envelope = soap.envelopeBytes(request);
        String contentType = "application/soap+xml; charset=UTF-8; action=\"" + request.action() + "\"";
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        AuditEvent.Outcome outcome = AuditEvent.Outcome.TRANSPORT_ERROR;
        String code = DmpError.UNAVAILABLE.id();
        int status = 0;
        Map<String, List<String>> headers = Map.of();
        ByteArrayOutputStream root = new ByteArrayOutputStream();
        String failure = null;
        AtomicBoolean expired = new AtomicBoolean();
        try {
            HttpRequest req = HttpRequest.newBuilder(soap.endpoint()).timeout(connection.responseTimeout())
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
            HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            status = res.statusCode();
            headers = res.headers().map();
            try (InputStream body = res.body()) {
                ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
                    expired.set(true);
                    try {
                        body.close();
                    } catch (IOException e) {
                        // closing to interrupt the read: nothing else to do
                    }
                }, connection.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
                try {
                    StreamedDocument d = read(res, body, root, uniqueId, repositoryUniqueId, out, maxBytes,
                            connection.maxResponseBytes());
                    outcome = AuditEvent.Outcome.SUCCESS;
                    code = null;
                    return d;
                } finally {
                    watchdog.cancel(false);
                }
            }
        } catch (MultipartReader.TooLarge e) {
            failure = e.getMessage();
            code = DmpError.TOO_LARGE.id();
            throw new DmpException(e, DmpError.TOO_LARGE, e.max);
        } catch (HttpTimeoutException e) {
            failure = "timeout";
            throw new DmpException(e, DmpError.UNAVAILABLE, "ITI-43: no answer in " + connection.responseTimeout());
        } catch (IOException e) {
            failure = expired.get() ? "timeout" : e.toString();
            throw new DmpException(e, DmpError.UNAVAILABLE, "ITI-43: " + (expired.get()
                    ? "not received within " + connection.totalTimeout() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
            throw new DmpException(e, DmpError.UNAVAILABLE, "ITI-43 interrupted");
        } catch (DmpException e) {
            outcome = e.code() == DmpError.REMOTE_FAULT ? AuditEvent.Outcome.FAULT : AuditEvent.Outcome.REMOTE_ERROR;
            code = e.code().id();
            throw e;
        } catch (TransportException e) {
            code = e.code().id();
            throw new DmpException(List.of(Problem.of(DmpError.RESPONSE_MALFORMED, "", e.getMessage())), List.of(), e);
        } finally {
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            try {
                connection.auditListener().onCall(new AuditEvent(soap.service(), "ITI-43", soap.endpoint(),
                        connection.principal(), start, d, outcome, code, request.messageId(), 1));
            } catch (RuntimeException e) {
                // an audit listener must not break the call
            }
            if (trace != WireTraceSink.NONE) {
                try {
                    trace.exchange(new WireExchange(request.messageId(), soap.service(), "ITI-43", soap.endpoint(), 1,
                            start, contentType, envelope, status, headers, root.toByteArray(), failure));
                } catch (RuntimeException e) {
                    // a trace sink must not break the call
                }
            }
        }
    }

    private static StreamedDocument read(HttpResponse<InputStream> res, InputStream body, ByteArrayOutputStream root,
            String uniqueId, String repositoryUniqueId, OutputStream out, long maxBytes, long maxRoot)
            throws IOException {
        String ct = res.headers().firstValue("content-type").orElse("");
        String boundary = parameter(ct, "boundary");
        if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/related") || boundary == null) {
            copy(body, root, maxRoot);
            Element payload = payload(root.toByteArray(), res.statusCode());
            return inline(payload, uniqueId, repositoryUniqueId, out, maxBytes);
        }
        MultipartReader parts = new MultipartReader(body, boundary);
        Map<String, String> h = parts.nextHeaders();
        if (h == null) {
            throw new DmpException(DmpError.RESPONSE_MALFORMED, "ITI-43: empty multipart answer");
        }
        parts.copyPart(root, maxRoot);
        Element payload = payload(root.toByteArray(), res.statusCode());
        Element doc = documentResponse(payload, uniqueId);
        Element content = Dom.child(doc, Xds.XDSB, "Document");
        Element include = content == null ? null : Dom.child(content, Xds.XOP, "Include");
        if (include == null) {
            return inline(payload, uniqueId, repositoryUniqueId, out, maxBytes);
        }
        String cid = normalize(include.getAttribute("href"));
        for (Map<String, String> ph = parts.nextHeaders(); ph != null; ph = parts.nextHeaders()) {
            if (cid.equals(normalize(ph.getOrDefault("content-id", "")))) {
                long n = parts.copyPart(out, maxBytes);
                return new StreamedDocument(uniqueId, text(doc, "RepositoryUniqueId", repositoryUniqueId),
                        text(doc, "mimeType", "text/xml"), n);
            }
            parts.copyPart(null, Long.MAX_VALUE);
        }
        throw new DmpException(DmpError.RESPONSE_MALFORMED, "ITI-43: no MTOM part " + cid);
    }

    private static StreamedDocument inline(Element payload, String uniqueId, String repositoryUniqueId,
            OutputStream out, long maxBytes) throws IOException {
        Element doc = documentResponse(payload, uniqueId);
        Element content = Dom.child(doc, Xds.XDSB, "Document");
        if (content == null) {
            throw new DmpException(DmpError.RESPONSE_MALFORMED, "ITI-43: DocumentResponse without Document");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(content.getTextContent().trim());
        } catch (IllegalArgumentException e) {
            throw new DmpException(e, DmpError.RESPONSE_MALFORMED, "ITI-43: Document is not base64");
        }
        if (bytes.length > maxBytes) {
            throw new MultipartReader.TooLarge(maxBytes);
        }
        out.write(bytes);
        return new StreamedDocument(uniqueId, text(doc, "RepositoryUniqueId", repositoryUniqueId),
                text(doc, "mimeType", "text/xml"), bytes.length);
    }

    private static Element payload(byte[] xml, int status) {
        Document d;
        try {
            d = SecureXml.parse(xml);
        } catch (TransportException e) {
            throw new DmpException(List.of(Problem.of(DmpError.UNAVAILABLE, "ITI-43", "HTTP " + status)), List.of(),
                    e);
        }
        Element env = d.getDocumentElement();
        Element bodyEl = env == null ? null : Dom.child(env, SoapClient.SOAP12_NS, "Body");
        if (bodyEl == null) {
            throw new DmpException(DmpError.UNAVAILABLE, "ITI-43: HTTP " + status + ", not SOAP");
        }
        Element fault = Dom.child(bodyEl, SoapClient.SOAP12_NS, "Fault");
        if (fault != null) {
            throw new DmpException(DmpError.REMOTE_FAULT, "ITI-43: " + fault.getTextContent().trim());
        }
        for (org.w3c.dom.Node n = bodyEl.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        throw new DmpException(DmpError.RESPONSE_MALFORMED, "ITI-43: empty body");
    }

    private static Element documentResponse(Element payload, String uniqueId) {
        for (Element d : Dom.descendants(payload, Xds.XDSB, "DocumentResponse")) {
            Element uid = Dom.child(d, Xds.XDSB, "DocumentUniqueId");
            if (uid != null && uniqueId.equals(uid.getTextContent().trim())) {
                return d;
            }
        }
        List<RegistryError> errors = Responses.errors(payload);
        if (!errors.isEmpty()) {
            throw Responses.failure(errors, "ITI-43", payload.getAttribute("status"));
        }
        throw new DmpException(DmpError.DOCUMENT_NOT_FOUND, uniqueId);
    }

    private static String text(Element parent, String local, String fallback) {
        Element e = Dom.child(parent, Xds.XDSB, local);
        return e == null ? fallback : e.getTextContent().trim();
    }

    private static void copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] b = new byte[16 * 1024];
        long total = 0;
        for (int n = in.read(b); n >= 0; n = in.read(b)) {
            total += n;
            if (total > max) {
                throw new MultipartReader.TooLarge(max);
            }
            out.write(b, 0, n);
        }
    }

    static String parameter(String contentType, String name) {
        for (String p : contentType.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                return v.startsWith("\"") && v.endsWith("\"") && v.length() > 1 ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    private static String normalize(String id) {
        String s = id.trim();
        if (s.startsWith("cid:")) {
            try {
                s = java.net.URLDecoder.decode(s.substring(4), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new DmpException(e, DmpError.RESPONSE_MALFORMED, "ITI-43: xop:Include href " + id);
            }
        }
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
