package fr.segurbio.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.mss.annuaire.AnnuaireClient;
import fr.segurbio.mss.mail.Authentication;
import fr.segurbio.mss.mail.Endpoint;
import fr.segurbio.mss.mail.MssClient;
import fr.segurbio.mss.mail.OperatorSettings;
import fr.segurbio.mss.mail.SaslMechanism;
import fr.segurbio.mss.mail.TlsMode;
import fr.segurbio.transport.ServiceConnection;

/**
 * The configuration file of {@code segur mss} (JSON):
 *
 * <pre>{@code
 * {"mailbox": "labo.charmes@labo.mssante.fr",
 *  "sourceId": "1.2.250.1.213.1.1.9",
 *  "operator": {"smtp": {"host": "smtp.operateur.mssante.fr", "port": 465, "tls": "IMPLICIT"},
 *               "imap": {"host": "imap.operateur.mssante.fr", "port": 993, "tls": "IMPLICIT"},
 *               "domains": ["mssante.fr"]},          // or "autoconfig": "config-v1.1.xml"
 *  "authentication": "certificate",                   // or "XOAUTH2" / "OAUTHBEARER" with "tokenEnv"
 *  "tokenEnv": "MSS_ACCESS_TOKEN",
 *  "journal": "mss-journal.json",
 *  "annuaire": {"base": "https://gateway.api.esante.gouv.fr/fhir/v2", "apiKeyEnv": "ESANTE_API_KEY"},
 *  "connection": {"certificate": "lab.p12", "certificatePasswordEnv": "MSS_P12_PASSWORD",
 *                 "trustStore": "igc-sante.pem"}}
 * }</pre>
 *
 * <p>Secrets never sit in the file: the certificate password, the PSC access token and the Annuaire API key come
 * from the environment variables it names, or are asked on the terminal when the variable is unset.
 */
final class MssConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    final JsonNode root;
    final Path file;

    private MssConfig(JsonNode root, Path file) {
        this.root = root;
        this.file = file;
    }

    static MssConfig read(Path file) throws IOException {
        return new MssConfig(JSON.readTree(Files.readString(file)), file);
    }

    ServiceConnection connection() {
        JsonNode c = root.get("connection");
        if (c != null && c.isObject() && ConnectionConfig.text(c, "certificatePassword") == null
                && ConnectionConfig.text(c, "certificatePasswordEnv") != null
                && System.getenv(ConnectionConfig.text(c, "certificatePasswordEnv")) == null) {
            String pw = prompt("Mot de passe du certificat / certificate password: ");
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).put("certificatePassword", pw);
        }
        return ConnectionConfig.read(c, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    String mailbox() {
        return ConnectionConfig.required(root, "mailbox");
    }

    String sourceId() {
        return ConnectionConfig.required(root, "sourceId");
    }

    Path journal() {
        String j = ConnectionConfig.text(root, "journal");
        Path p = Path.of(j == null ? "mss-journal.json" : j);
        return p.isAbsolute() || file.getParent() == null ? p : file.getParent().resolve(p);
    }

    OperatorSettings operator() {
        JsonNode op = root.get("operator");
        if (op == null) {
            throw new IllegalArgumentException("config: \"operator\" is required");
        }
        Set<String> domains = new LinkedHashSet<>();
        op.path("domains").forEach(d -> domains.add(d.asText()));
        if (domains.isEmpty()) {
            domains.add(OperatorSettings.MSSANTE_DOMAIN);
        }
        String auto = ConnectionConfig.text(op, "autoconfig");
        if (auto != null) {
            Path p = Path.of(auto);
            return OperatorSettings.fromAutoConfig(p.isAbsolute() || file.getParent() == null ? p
                    : file.getParent().resolve(p), domains);
        }
        return OperatorSettings.builder().domains(domains).smtp(endpoint(op.get("smtp"), "smtp"))
                .imap(endpoint(op.get("imap"), "imap")).build();
    }

    private static Endpoint endpoint(JsonNode n, String name) {
        if (n == null) {
            throw new IllegalArgumentException("config: operator." + name + " is required");
        }
        return new Endpoint(ConnectionConfig.required(n, "host"), n.path("port").asInt(),
                TlsMode.valueOf(n.path("tls").asText("IMPLICIT").toUpperCase(Locale.ROOT)));
    }

    Authentication authentication() {
        String a = ConnectionConfig.text(root, "authentication");
        if (a == null || a.equalsIgnoreCase("certificate")) {
            return Authentication.clientCertificate();
        }
        SaslMechanism m = SaslMechanism.valueOf(a.toUpperCase(Locale.ROOT));
        String env = ConnectionConfig.text(root, "tokenEnv");
        String variable = env == null ? "MSS_ACCESS_TOKEN" : env;
        return Authentication.token(m, () -> {
            String t = System.getenv(variable);
            return t != null ? t : prompt("Jeton d'accès Pro Santé Connect / PSC access token: ");
        });
    }

    MssClient client(ServiceConnection connection) {
        return MssClient.builder().operator(operator()).mailbox(mailbox()).authentication(authentication())
                .connection(connection).build();
    }

    AnnuaireClient annuaire(ServiceConnection connection) {
        JsonNode a = root.get("annuaire");
        if (a == null) {
            throw new IllegalArgumentException("config: \"annuaire\" is required for an RPPS (or give --extract)");
        }
        String env = ConnectionConfig.text(a, "apiKeyEnv");
        String key = System.getenv(env == null ? "ESANTE_API_KEY" : env);
        if (key == null) {
            key = prompt("Clé d'API Annuaire Santé / Annuaire Santé API key: ");
        }
        AnnuaireClient.Builder b = AnnuaireClient.builder().connection(connection).apiKey(key);
        String base = ConnectionConfig.text(a, "base");
        if (base != null) {
            b.baseUri(java.net.URI.create(base));
        }
        return b.build();
    }

    static String prompt(String question) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("a secret is missing (no environment variable, no terminal to ask): "
                    + question.trim());
        }
        char[] v = console.readPassword("%s", question);
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException("no value given: " + question.trim());
        }
        return new String(v);
    }
}
