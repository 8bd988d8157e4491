package fr.segurbio.testkit.mss;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import fr.segurbio.testkit.MutualTlsServer;
import fr.segurbio.testkit.ServerRequest;
import fr.segurbio.testkit.ServerResponse;
import fr.segurbio.testkit.TestIdentity;

/**
 * The Annuaire Santé FHIR API ({@code /fhir/v2}) on loopback, answering from fixtures in the shape of the real
 * API: {@code GET /fhir/v2/Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|8{RPPS}
 * &_revinclude=PractitionerRole:practitioner} gives a {@code searchset} Bundle with the {@code Practitioner}
 * (identifiers IDNPS and RPPS, name, MSSanté {@code telecom}s with the {@code as-ext-mailbox-mss-metadata}
 * extension: {@code type}, {@code listeRouge}, {@code digitization}, {@code description}) and its
 * {@code PractitionerRole}s, split in pages ({@code next} links) of a configurable size. It checks the
 * {@code ESANTE-API-KEY} header (401 otherwise) and can answer {@code 429 Too Many Requests} every n-th request.
 *
 * <pre>{@code
 * try (AnnuaireSimulator annuaire = AnnuaireSimulator.builder(pki.serverIdentity(), pki.trustAnchors())
 *         .apiKey("test-key")
 *         .practitioner("10003456789", "DUPONT", "Jean-Marie")
 *             .mailbox("jean-marie.dupont@infirmier.mssante.fr", "PER", false, true)
 *             .roleMailbox("cabinet.dupont@infirmier.mssante.fr", "CAB", false, true)
 *             .done()
 *         .pageSize(1)
 *         .start()) {
 *     URI base = annuaire.baseUri();   // https://127.0.0.1:PORT/fhir/v2
 * }
 * }</pre>
 */
public final class AnnuaireSimulator implements AutoCloseable {

    /** The mailbox metadata extension. */
    public static final String MAILBOX_EXTENSION =
            "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
    /** The TRE_R257 type of mailbox code system. */
    public static final String TYPE_BAL_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R257-TypeBAL/FHIR/TRE-R257-TypeBAL";
    /** The IDNPS identifier system. */
    public static final String IDNPS_SYSTEM = "urn:oid:1.2.250.1.71.4.2.1";

    private final MutualTlsServer server;
    private final Map<String, Fixture> practitioners;
    private final String apiKey;
    private final int pageSize;
    private final int rateLimitEvery;
    private final AtomicLong requests = new AtomicLong();

    private AnnuaireSimulator(Builder b) {
        this.practitioners = Map.copyOf(b.practitioners);
        this.apiKey = b.apiKey;
        this.pageSize = b.pageSize;
        this.rateLimitEvery = b.rateLimitEvery;
        this.server = MutualTlsServer.builder(b.identity, b.anchors).handle("/fhir/v2", this::answer).start();
    }

    /**
     * A builder.
     *
     * @param identity the server's certificate
     * @param clientTrustAnchors the CAs of accepted client certificates
     * @return the builder
     */
    public static Builder builder(TestIdentity identity, Collection<X509Certificate> clientTrustAnchors) {
        return new Builder(identity, clientTrustAnchors);
    }

    /**
     * The FHIR base, {@code https://127.0.0.1:PORT/fhir/v2}.
     *
     * @return the base URI
     */
    public URI baseUri() {
        return server.uri("/fhir/v2");
    }

    /**
     * How many requests were received.
     *
     * @return the count
     */
    public long requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.close();
    }

    private ServerResponse answer(ServerRequest request) {
        long n = requests.incrementAndGet();
        if (apiKey != null && !apiKey.equals(request.header("esante-api-key"))) {
            return json(401, outcome("security", "Invalid or missing ESANTE-API-KEY"));
        }
        if (rateLimitEvery > 0 && n % rateLimitEvery == 0) {
            return json(429, outcome("throttled", "Too Many Requests")).withHeader("Retry-After", "0");
        }
        if (!request.method().equals("GET") || !request.path().equals("/fhir/v2/Practitioner")) {
            return json(404, outcome("not-found", "Unknown resource " + request.path()));
        }
        Map<String, String> q = query(request.query());
        String identifier = q.getOrDefault("identifier", "");
        String rpps = identifier.startsWith(IDNPS_SYSTEM + "|8") ? identifier.substring(IDNPS_SYSTEM.length() + 2)
                : identifier.replaceFirst("^.*\\|", "");
        if (!rpps.matches("\\d{11}")) {
            return json(400, outcome("invalid", "identifier: urn:oid:1.2.250.1.71.4.2.1|8{RPPS} expected"));
        }
        boolean roles = "PractitionerRole:practitioner".equals(q.get("_revinclude"));
        Fixture f = practitioners.get(rpps);
        List<String> resources = new ArrayList<>();
        if (f != null) {
            resources.add(f.practitioner());
            if (roles) {
                resources.addAll(f.roles());
            }
        }
        int offset = Integer.parseInt(q.getOrDefault("_getpagesoffset", "0"));
        int end = Math.min(resources.size(), offset + pageSize);
        StringBuilder b = new StringBuilder();
        b.append("{\"resourceType\":\"Bundle\",\"id\":\"search-").append(n).append("\",\"type\":\"searchset\",")
                .append("\"total\":").append(f == null ? 0 : 1).append(",\"link\":[{\"relation\":\"self\",\"url\":\"")
                .append(baseUri()).append("/Practitioner?").append(esc(request.query())).append("\"}");
        if (end < resources.size()) {
            String next = baseUri() + "/Practitioner?identifier=" + enc(identifier)
                    + (roles ? "&_revinclude=PractitionerRole%3Apractitioner" : "") + "&_getpagesoffset=" + end;
            b.append(",{\"relation\":\"next\",\"url\":\"").append(esc(next)).append("\"}");
        }
        b.append("],\"entry\":[");
        for (int i = offset; i < end; i++) {
            if (i > offset) {
                b.append(',');
            }
            String r = resources.get(i);
            b.append("{\"fullUrl\":\"").append(baseUri()).append('/').append(i == 0 ? "Practitioner" : "PractitionerRole")
                    .append('/').append(rpps).append('-').append(i).append("\",\"resource\":").append(r)
                    .append(",\"search\":{\"mode\":\"").append(i == 0 ? "match" : "include").append("\"}}");
        }
        b.append("]}");
        return json(200, b.toString());
    }

    private static ServerResponse json(int status, String body) {
        return ServerResponse.of(status, "application/fhir+json;charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String outcome(String code, String text) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + esc(text) + "\"}]}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String p : raw.split("&")) {
            int eq = p.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String telecom(String address, String type, boolean listeRouge, boolean digitization) {
        return "{\"system\":\"email\",\"value\":\"" + esc(address) + "\",\"extension\":[{\"url\":\""
                + MAILBOX_EXTENSION + "\",\"extension\":[{\"url\":\"type\",\"valueCodeableConcept\":{\"coding\":[{"
                + "\"system\":\"" + TYPE_BAL_SYSTEM + "\",\"code\":\"" + type + "\"}]}},"
                + "{\"url\":\"description\",\"valueString\":\"BAL " + type + "\"},"
                + "{\"url\":\"digitization\",\"valueBoolean\":" + digitization + "},"
                + "{\"url\":\"listeRouge\",\"valueBoolean\":" + listeRouge + "}]}]}";
    }

    /** One practitioner's fixture. */
    private record Fixture(String rpps, String family, String given, List<String> telecoms, List<String> roleTelecoms) {
        String practitioner() {
            return "{\"resourceType\":\"Practitioner\",\"id\":\"" + rpps + "\",\"meta\":{\"profile\":["
                    + "\"https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-dp-practitioner\"]},"
                    + "\"identifier\":[{\"system\":\"" + IDNPS_SYSTEM + "\",\"value\":\"8" + rpps + "\"},"
                    + "{\"system\":\"https://rpps.esante.gouv.fr\",\"value\":\"" + rpps + "\"}],"
                    + "\"active\":true,\"name\":[{\"family\":\"" + esc(family) + "\",\"given\":[\"" + esc(given)
                    + "\"]}],\"telecom\":[" + String.join(",", telecoms) + "]}";
        }

        List<String> roles() {
            List<String> out = new ArrayList<>();
            int i = 0;
            for (String t : roleTelecoms) {
                out.add("{\"resourceType\":\"PractitionerRole\",\"id\":\"" + rpps + "-role-" + (++i) + "\","
                        + "\"active\":true,\"practitioner\":{\"reference\":\"Practitioner/" + rpps + "\"},"
                        + "\"telecom\":[" + t + "]}");
            }
            return out;
        }
    }

    /** Configures and starts an {@link AnnuaireSimulator}. */
    public static final class Builder {
        private final TestIdentity identity;
        private final List<X509Certificate> anchors;
        private final Map<String, Fixture> practitioners = new LinkedHashMap<>();
        private String apiKey;
        private int pageSize = 50;
        private int rateLimitEvery;

        private Builder(TestIdentity identity, Collection<X509Certificate> anchors) {
            this.identity = identity;
            this.anchors = List.copyOf(anchors);
        }

        /**
         * The API key every request must carry in {@code ESANTE-API-KEY}; none checked by default.
         *
         * @param value the key
         * @return this builder
         */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /**
         * How many resources a page holds (50 by default; 1 to exercise paging).
         *
         * @param value the page size
         * @return this builder
         */
        public Builder pageSize(int value) {
            this.pageSize = Math.max(1, value);
            return this;
        }

        /**
         * Answers 429 (Retry-After: 0) to every n-th request.
         *
         * @param n the period, 0 for never
         * @return this builder
         */
        public Builder rateLimitEvery(int n) {
            this.rateLimitEvery = n;
            return this;
        }

        /**
         * Starts describing a practitioner.
         *
         * @param rpps the 11-digit RPPS
         * @param family the family name
         * @param given the given name
         * @return the practitioner's builder
         */
        public PractitionerBuilder practitioner(String rpps, String family, String given) {
            return new PractitionerBuilder(this, rpps, family, given);
        }

        /**
         * Starts the server on a free loopback port.
         *
         * @return the simulator
         */
        public AnnuaireSimulator start() {
            return new AnnuaireSimulator(this);
        }
    }

    /** Describes one practitioner's mailboxes. */
    public static final class PractitionerBuilder {
        private final Builder parent;
        private final String rpps;
        private final String family;
        private final String given;
        private final List<String> telecoms = new ArrayList<>();
        private final List<String> roleTelecoms = new ArrayList<>();

        private PractitionerBuilder(Builder parent, String rpps, String family, String given) {
            this.parent = parent;
            this.rpps = rpps;
            this.family = family;
            this.given = given;
        }

        /**
         * A mailbox on the Practitioner resource.
         *
         * @param address the address
         * @param type PER, ORG, APP or CAB
         * @param listeRouge whether it is on liste rouge
         * @param digitization whether it accepts dematerialised documents
         * @return this builder
         */
        public PractitionerBuilder mailbox(String address, String type, boolean listeRouge, boolean digitization) {
            telecoms.add(telecom(address, type, listeRouge, digitization));
            return this;
        }

        /**
         * A mailbox on one of the practitioner's PractitionerRole resources (one role per call).
         *
         * @param address the address
         * @param type PER, ORG, APP or CAB
         * @param listeRouge whether it is on liste rouge
         * @param digitization whether it accepts dematerialised documents
         * @return this builder
         */
        public PractitionerBuilder roleMailbox(String address, String type, boolean listeRouge, boolean digitization) {
            roleTelecoms.add(telecom(address, type, listeRouge, digitization));
            return this;
        }

        /**
         * Ends this practitioner.
         *
         * @return the simulator's builder
         */
        public Builder done() {
            parent.practitioners.put(rpps, new Fixture(rpps, family, given, List.copyOf(telecoms),
                    List.copyOf(roleTelecoms)));
            return parent;
        }
    }
}
