package fr.segurbio.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * A request received by {@link MutualTlsServer}: its HTTP parts, the client certificate the TLS handshake
 * authenticated, and, for SOAP, the envelope (the root part of an MTOM request) and the binary parts.
 *
 * <pre>{@code
 * MutualTlsServer.Handler handler = request -> {
 *     if (!"INSI-AUTO".equals(request.clientCommonName())) {
 *         return ServerResponse.soapFault("soap:Sender", List.of(), "certificat refusé", null);
 *     }
 *     Document envelope = request.soapEnvelope();
 *     byte[] pdf = request.part("doc1@example.org").orElseThrow().content();
 *     return ServerResponse.soap(answer);
 * };
 * }</pre>
 */
public final class ServerRequest {

    /**
     * One part of a multipart body (the whole body for a simple request).
     *
     * @param contentId the Content-ID without angle brackets, or {@code null}
     * @param contentType the part's Content-Type
     * @param headers the part's headers, names in lower case
     * @param content the part's bytes
     */
    public record Part(String contentId, String contentType, Map<String, String> headers, byte[] content) {
        /**
         * Copies the headers.
         *
         * @param contentId the Content-ID without angle brackets, or {@code null}
         * @param contentType the part's Content-Type
         * @param headers the part's headers, names in lower case
         * @param content the part's bytes
         */
        public Part {
            headers = Map.copyOf(headers);
        }
    }

    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final List<X509Certificate> clientChain;
    private volatile List<Part> parts;

    ServerRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
            List<X509Certificate> clientChain) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.clientChain = List.copyOf(clientChain);
    }

    /**
     * The HTTP method.
     *
     * @return {@code POST}, {@code GET}…
     */
    public String method() {
        return method;
    }

    /**
     * The request path.
     *
     * @return the path, such as {@code /insi}
     */
    public String path() {
        return path;
    }

    /**
     * The raw query string.
     *
     * @return the query, or {@code null}
     */
    public String query() {
        return query;
    }

    /**
     * Every header, names in lower case.
     *
     * @return the headers
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, any case
     * @return the value, or {@code null}
     */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * The Content-Type header.
     *
     * @return the content type, or {@code null}
     */
    public String contentType() {
        return header("Content-Type");
    }

    /**
     * The body's bytes.
     *
     * @return the body (a copy)
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The client's certificate chain, end entity first, as the TLS handshake received it.
     *
     * @return the chain
     */
    public List<X509Certificate> clientChain() {
        return clientChain;
    }

    /**
     * The client's certificate.
     *
     * @return the certificate
     */
    public X509Certificate clientCertificate() {
        return clientChain.get(0);
    }

    /**
     * The subject of the client's certificate, RFC 2253 form ({@code CN=INSI-AUTO,OU=...,O=...,C=FR}).
     *
     * @return the subject
     */
    public String clientSubject() {
        return clientCertificate().getSubjectX500Principal().getName();
    }

    /**
     * The CN of the client's certificate.
     *
     * @return the common name, or {@code null} when there is none
     */
    public String clientCommonName() {
        try {
            for (Rdn rdn : new LdapName(clientSubject()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the body is MIME multipart (an MTOM/XOP request).
     *
     * @return {@code true} for a multipart body
     */
    public boolean isMultipart() {
        String ct = contentType();
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * The parts of a multipart body, root first; a simple body is one part.
     *
     * @return the parts
     */
    public List<Part> parts() {
        List<Part> p = parts;
        if (p == null) {
            if (isMultipart()) {
                String boundary = Multipart.parameter(contentType(), "boundary");
                p = List.copyOf(Multipart.parse(body, boundary));
            } else {
                p = List.of(new Part(null, contentType(), Map.of(), body));
            }
            parts = p;
        }
        return p;
    }

    /**
     * The part with this Content-ID.
     *
     * @param contentId the Content-ID, with or without angle brackets or a {@code cid:} prefix
     * @return the part
     */
    public Optional<Part> part(String contentId) {
        String id = contentId.startsWith("cid:")
                ? java.net.URLDecoder.decode(contentId.substring(4), StandardCharsets.UTF_8) : contentId;
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        String wanted = id;
        return parts().stream().filter(p -> wanted.equals(p.contentId())).findFirst();
    }

    /**
     * The SOAP envelope: the body, or the root part of a multipart request, parsed namespace-aware with
     * DTDs refused.
     *
     * @return the envelope document
     */
    public Document soapEnvelope() {
        String start = isMultipart() ? Multipart.parameter(contentType(), "start") : null;
        Part root = start == null ? parts().get(0) : part(start).orElseThrow(
                () -> new IllegalArgumentException("no root part " + start));
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(root.content()));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("the request is not a well-formed XML document: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return method + " " + path + " from " + clientSubject();
    }
}
