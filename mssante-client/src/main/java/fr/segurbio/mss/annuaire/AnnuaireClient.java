package fr.segurbio.mss.annuaire;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.HttpServiceClient;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;

/**
 * The Annuaire Santé FHIR API (R4, {@code https://gateway.api.esante.gouv.fr/fhir/v2}): a professional's MSSanté
 * mailboxes from the RPPS. One search {@code Practitioner?identifier=urn:oid:1.2.250.1.71.4.2.1|8{RPPS}
 * &_revinclude=PractitionerRole:practitioner}, every page followed ({@code next} links on the same server only),
 * the mailboxes read from the {@code telecom}s carrying the {@code as-ext-mailbox-mss-metadata} extension
 * ({@code type}, {@code listeRouge}, {@code digitization}). The API key goes in {@code ESANTE-API-KEY}; a
 * {@code 429} is waited out ({@code Retry-After}, bounded) a few times before {@code MSS-402}. Thread-safe.
 *
 * <pre>{@code
 * AnnuaireClient annuaire = AnnuaireClient.builder()
 *         .connection(serviceConnection)                 // TLS trust, timeouts, retries, audit
 *         .apiKey(System.getenv("ESANTE_API_KEY"))
 *         .build();
 * Professional p = annuaire.lookup("10003456789");
 * }</pre>
 */
public final class AnnuaireClient implements MailboxDirectory {

    /** The production base. */
    public static final URI PRODUCTION = URI.create("https://gateway.api.esante.gouv.fr/fhir/v2");
    /** The mailbox metadata extension. */
    public static final String MAILBOX_EXTENSION =
            "https://interop.esante.gouv.fr/ig/fhir/annuaire/StructureDefinition/as-ext-mailbox-mss-metadata";
    /** The IDNPS system: {@code 8} followed by the RPPS. */
    public static final String IDNPS = "urn:oid:1.2.250.1.71.4.2.1";
    /** The most pages followed for one professional. */
    public static final int MAX_PAGES = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServiceClient http;
    private final URI base;
    private final int rateLimitAttempts;
    private final Duration maxWait;
    private final RetryPolicy.Sleeper sleeper;

    private AnnuaireClient(Builder b) {
        this.base = b.base;
        this.rateLimitAttempts = b.rateLimitAttempts;
        this.maxWait = b.maxWait;
        this.sleeper = b.sleeper;
        this.http = b.connection.httpClientBuilder("Annuaire Santé").httpHeader("ESANTE-API-KEY", b.apiKey)
                .httpHeader("Accept", "application/fhir+json").build();
    }

    /**
     * A builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Professional lookup(String rpps) {
        Professional.requireRpps(rpps);
        URI uri = URI.create(base + "/Practitioner?identifier=" + URLEncoder.encode(IDNPS + "|8" + rpps,
                StandardCharsets.UTF_8) + "&_revinclude=" + URLEncoder.encode("PractitionerRole:practitioner",
                StandardCharsets.UTF_8));
        String family = null;
        Optional<String> given = Optional.empty();
        List<Mailbox> own = new ArrayList<>();
        List<Mailbox> roles = new ArrayList<>();
        boolean found = false;
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                throw new MssException(MssError.ANNUAIRE_BAD_DATA, "more than " + MAX_PAGES + " pages for " + rpps);
            }
            JsonNode bundle = get(uri);
            if (!"Bundle".equals(bundle.path("resourceType").asText())) {
                throw new MssException(MssError.ANNUAIRE_BAD_DATA, "a Bundle was expected, got "
                        + bundle.path("resourceType").asText("nothing"));
            }
            for (JsonNode e : bundle.path("entry")) {
                JsonNode r = e.path("resource");
                String type = r.path("resourceType").asText();
                if (type.equals("Practitioner")) {
                    if (!hasRpps(r, rpps)) {
                        continue;
                    }
                    found = true;
                    JsonNode name = r.path("name").path(0);
                    family = name.path("family").asText(null);
                    given = Optional.ofNullable(name.path("given").path(0).asText(null));
                    own.addAll(mailboxes(r));
                } else if (type.equals("PractitionerRole")) {
                    roles.addAll(mailboxes(r));
                }
            }
            uri = next(bundle);
        }
        if (!found) {
            throw new MssException(MssError.RPPS_UNKNOWN, rpps);
        }
        if (family == null) {
            throw new MssException(MssError.ANNUAIRE_BAD_DATA, "Practitioner " + rpps + " without a family name");
        }
        List<Mailbox> all = new ArrayList<>(own);
        for (Mailbox m : roles) {
            if (all.stream().noneMatch(x -> x.address().equals(m.address()))) {
                all.add(m);
            }
        }
        return new Professional(rpps, family, given, all);
    }

    private static boolean hasRpps(JsonNode practitioner, String rpps) {
        for (JsonNode id : practitioner.path("identifier")) {
            String v = id.path("value").asText("");
            if (v.equals("8" + rpps) || v.equals(rpps)) {
                return true;
            }
        }
        return false;
    }

    private URI next(JsonNode bundle) {
        for (JsonNode l : bundle.path("link")) {
            if ("next".equals(l.path("relation").asText())) {
                URI next;
                try {
                    next = URI.create(l.path("url").asText());
                } catch (IllegalArgumentException e) {
                    throw new MssException(e, MssError.ANNUAIRE_BAD_DATA, "next page link: " + e.getMessage());
                }
                if (!Objects.equals(next.getHost(), base.getHost()) || next.getPort() != base.getPort()
                        || !Objects.equals(next.getScheme(), base.getScheme())) {
                    throw new MssException(MssError.ANNUAIRE_BAD_DATA, "next page on another server: " + next);
                }
                return next;
            }
        }
        return null;
    }

    private JsonNode get(URI uri) {
        for (int attempt = 1; ; attempt++) {
            HttpResult r = http.get(uri, Map.of(), "searchPractitioner");
            if (r.status() == 429) {
                if (attempt >= rateLimitAttempts) {
                    throw new MssException(MssError.ANNUAIRE_RATE_LIMITED, attempt);
                }
                wait(r.header("Retry-After"), attempt);
                continue;
            }
            if (r.status() == 401 || r.status() == 403) {
                throw new MssException(MssError.ANNUAIRE_KEY_REFUSED, r.status());
            }
            if (r.status() >= 400) {
                throw new MssException(MssError.ANNUAIRE_FAILED, "HTTP " + r.status(), r.firstChars(300));
            }
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new MssException(e, MssError.ANNUAIRE_BAD_DATA, e.getMessage());
            }
        }
    }

    private void wait(String retryAfter, int attempt) {
        Duration d;
        try {
            d = Duration.ofSeconds(Long.parseLong(retryAfter == null ? "" : retryAfter.trim()));
        } catch (NumberFormatException e) {
            d = Duration.ofSeconds(1L << Math.min(attempt, 5));
        }
        if (d.compareTo(maxWait) > 0) {
            d = maxWait;
        }
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MssException(e, MssError.ANNUAIRE_RATE_LIMITED, attempt);
        }
    }

    static List<Mailbox> mailboxes(JsonNode resource) {
        List<Mailbox> out = new ArrayList<>();
        for (JsonNode t : resource.path("telecom")) {
            JsonNode meta = null;
            for (JsonNode ext : t.path("extension")) {
                if (MAILBOX_EXTENSION.equals(ext.path("url").asText())) {
                    meta = ext;
                }
            }
            if (meta == null || !"email".equals(t.path("system").asText("email"))) {
                continue;
            }
            String type = null;
            Boolean listeRouge = null;
            Boolean digitization = null;
            String description = null;
            for (JsonNode sub : meta.path("extension")) {
                switch (sub.path("url").asText()) {
                    case "type" -> type = sub.path("valueCodeableConcept").path("coding").path(0).path("code").asText(null);
                    case "listeRouge" -> listeRouge = sub.has("valueBoolean") ? sub.get("valueBoolean").asBoolean() : null;
                    case "digitization" -> digitization = sub.has("valueBoolean") ? sub.get("valueBoolean").asBoolean() : null;
                    case "description" -> description = sub.path("valueString").asText(null);
                    default -> {
                        // service, responsible, phone: not used
                    }
                }
            }
            MailboxType mt;
            try {
                mt = MailboxType.valueOf(String.valueOf(type).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MssException(MssError.ANNUAIRE_BAD_DATA, "mailbox type " + type + " of "
                        + t.path("value").asText());
            }
            MailAddress address;
            try {
                address = MailAddress.of(t.path("value").asText());
            } catch (MssException e) {
                throw new MssException(e, MssError.ANNUAIRE_BAD_DATA, "mailbox address " + t.path("value").asText());
            }
            // an address whose liste rouge flag is unknown is treated as on liste rouge: never used by default
            out.add(new Mailbox(address, mt, listeRouge == null || listeRouge, Optional.ofNullable(digitization),
                    Optional.ofNullable(description)));
        }
        return out;
    }

    /** Builds an {@link AnnuaireClient}. */
    public static final class Builder {
        private ServiceConnection connection;
        private URI base = PRODUCTION;
        private String apiKey;
        private int rateLimitAttempts = 4;
        private Duration maxWait = Duration.ofSeconds(30);
        private RetryPolicy.Sleeper sleeper = d -> Thread.sleep(d.toMillis());

        private Builder() {
        }

        /**
         * The service connection (trust, timeouts, retries of 5xx, audit, wire trace).
         *
         * @param value the connection
         * @return this builder
         */
        public Builder connection(ServiceConnection value) {
            this.connection = Objects.requireNonNull(value, "connection");
            return this;
        }

        /**
         * The FHIR base; production by default.
         *
         * @param value the base URI, without trailing slash
         * @return this builder
         */
        public Builder baseUri(URI value) {
            String s = Objects.requireNonNull(value, "base").toString();
            this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            return this;
        }

        /**
         * The API key ({@code ESANTE-API-KEY}), from the ANS API portal.
         *
         * @param value the key
         * @return this builder
         */
        public Builder apiKey(String value) {
            this.apiKey = value;
            return this;
        }

        /**
         * How many times a 429 is waited out in total (4 by default) and the longest wait (30 s).
         *
         * @param attempts attempts in all
         * @param longestWait the cap of Retry-After
         * @return this builder
         */
        public Builder rateLimit(int attempts, Duration longestWait) {
            if (attempts < 1) {
                throw new IllegalArgumentException("attempts must be positive");
            }
            this.rateLimitAttempts = attempts;
            this.maxWait = Objects.requireNonNull(longestWait, "longestWait");
            return this;
        }

        /**
         * How waits are made (tests record them instead).
         *
         * @param value the sleeper
         * @return this builder
         */
        public Builder sleeper(RetryPolicy.Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the client
         */
        public AnnuaireClient build() {
            if (connection == null) {
                throw new MssException(MssError.ANNUAIRE_FAILED, "configuration", "connection missing");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new MssException(MssError.ANNUAIRE_KEY_REFUSED, "no key configured");
            }
            return new AnnuaireClient(this);
        }
    }
}
