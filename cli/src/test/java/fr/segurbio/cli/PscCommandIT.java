package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.psc.ApiAuthorizationServerSimulator;
import fr.segurbio.testkit.psc.CibaBehaviour;
import fr.segurbio.testkit.psc.PscCibaSimulator;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/** {@code segur psc} against testkit's PSC simulator (CIBA), mock-oauth2-server (browser) and a token exchange AS. */
class PscCommandIT {

    static final String RPPS = "10001234567";
    static final String NATIONAL_ID = "8" + RPPS;

    @TempDir
    static Path dir;

    static TestPki pki;
    static PscCibaSimulator psc;
    static ApiAuthorizationServerSimulator as;
    static MockOAuth2Server op;
    static Path cibaConfig;
    static Path browserConfig;

    static Map<String, Object> userInfo() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("codeSecteurDactivite", "SA07");
        a.put("raisonSocialeSite", "Laboratoire des Lilas");
        a.put("ancienIdentifiantDeLaStructure", "3750000001/LAB1");
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("codeProfession", "21");
        e.put("codeSavoirFaire", "SM99");
        e.put("nomDexercice", "BIOLOGISTE");
        e.put("prenomDexercice", "Anne");
        e.put("activities", List.of(a));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SubjectNameID", NATIONAL_ID);
        m.put("family_name", "BIOLOGISTE");
        m.put("given_name", "ANNE");
        m.put("SubjectRefPro", Map.of("exercices", List.of(e)));
        return m;
    }

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir.resolve("pki"));
        psc = PscCibaSimulator.builder().client("sgl-cli", "cli-secret").interval(Duration.ofSeconds(1)).start();
        psc.practitioner(NATIONAL_ID, userInfo());
        psc.behaviour(NATIONAL_ID, CibaBehaviour.approveAfter(Duration.ofMillis(200)));
        psc.practitioner("810009999999", userInfo());
        psc.behaviour("810009999999", CibaBehaviour.deny(Duration.ZERO));
        as = ApiAuthorizationServerSimulator.builder(pki.serverIdentity(), pki.trustAnchors(),
                psc.issuer().toString(), URI.create(psc.issuer() + "/jwks"))
                .client(pki.orgAuthCli().subject(), "sgl-cli", Set.of("api-lab:read")).start();
        Map<String, Object> claims = new LinkedHashMap<>(userInfo());
        claims.put("sub", NATIONAL_ID);
        claims.put("acr", "eidas1");
        String config = new ObjectMapper().writeValueAsString(Map.of("interactiveLogin", false,
                "httpServer", "NettyWrapper", "tokenCallbacks", List.of(Map.of("issuerId", "psc",
                        "tokenExpiry", 120, "requestMappings", List.of(Map.of("requestParam", "grant_type",
                                "match", "*", "claims", claims))))));
        op = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        op.start();
        cibaConfig = config("ciba.json", psc.issuer().toString());
        browserConfig = config("browser.json", op.issuerUrl("psc").toString());
    }

    @AfterAll
    static void stop() {
        as.close();
        psc.close();
        op.shutdown();
    }

    static Path config(String name, String issuer) throws Exception {
        String json = "{\"environment\":\"" + issuer + "\",\"clientId\":\"sgl-cli\",\"clientSecret\":\"cli-secret\","
                + "\"exchange\":{\"tokenEndpoint\":\"" + as.tokenEndpoint() + "\",\"clientId\":\"sgl-cli\"},"
                + "\"connection\":{\"certificate\":\"" + pki.orgAuthCli().pkcs12() + "\",\"certificatePassword\":\""
                + new String(pki.orgAuthCli().password()) + "\",\"trustStore\":\"" + pki.trustAnchorsPem() + "\"}}";
        return Files.writeString(dir.resolve(name), json);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(Writer errSink, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Writer errWriter = errSink == null ? err : errSink;
        int exit = Segur.run(new PrintWriter(out), new PrintWriter(errWriter, true), args);
        return new Run(exit, out.toString(), errSink == null ? err.toString() : errSink.toString());
    }

    @Test
    void cibaLoginWhoamiTokenExchangeLogout() throws Exception {
        Path tokens = dir.resolve("ciba-tokens.json");
        Run login = run(null, "psc", "login", "--config", cibaConfig.toString(), "--ciba", "--rpps", RPPS,
                "--token-file", tokens.toString(), "--json");
        assertThat(login.exit()).as(login.err()).isZero();
        JsonNode who = new ObjectMapper().readTree(login.out());
        assertThat(who.path("nationalId").asText()).isEqualTo(NATIONAL_ID);
        assertThat(who.path("vihfAir").path("structureId").asText()).isEqualTo("3750000001/LAB1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");

        Run whoami = run(null, "psc", "whoami", "--config", cibaConfig.toString(), "--token-file", tokens.toString());
        assertThat(whoami.exit()).as(whoami.err()).isZero();
        assertThat(whoami.out()).contains("BIOLOGISTE", NATIONAL_ID, "VIHF (AIR)");

        Run token = run(null, "psc", "token", "--config", cibaConfig.toString(), "--token-file", tokens.toString());
        assertThat(token.exit()).as(token.err()).isZero();
        assertThat(token.out().strip()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(token.err()).isEmpty();

        Run exchange = run(null, "psc", "exchange", "--config", cibaConfig.toString(), "--token-file",
                tokens.toString(), "--scope", "api-lab:read", "--json");
        assertThat(exchange.exit()).as(exchange.err() + exchange.out()).isZero();
        assertThat(new ObjectMapper().readTree(exchange.out()).path("scope").asText()).isEqualTo("api-lab:read");

        Run refused = run(null, "psc", "exchange", "--config", cibaConfig.toString(), "--token-file",
                tokens.toString(), "--scope", "api-lab:admin");
        assertThat(refused.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(refused.err()).contains("PSC-071");

        Run url = run(null, "psc", "dmp-url", "--config", cibaConfig.toString(), "--token-file", tokens.toString(),
                "--ins", "279035121518989", "--json");
        assertThat(url.exit()).as(url.err() + url.out()).isZero();
        JsonNode u = new ObjectMapper().readTree(url.out());
        assertThat(u.path("webPsDmp").asText()).isEqualTo("https://wps-psc.dmp.monespacesante.fr/");
        assertThat(u.path("patientIns").asText()).isEqualTo("279035121518989");
        assertThat(u.path("nationalId").asText()).isEqualTo(NATIONAL_ID);
        Run testOid = run(null, "psc", "dmp-url", "--config", cibaConfig.toString(), "--token-file",
                tokens.toString(), "--ins", "279035121518989", "--oid", "1.2.250.1.213.1.4.10");
        assertThat(testOid.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(testOid.err()).contains("DMP-011");

        Run logout = run(null, "psc", "logout", "--config", cibaConfig.toString(), "--token-file", tokens.toString());
        assertThat(logout.exit()).as(logout.err()).isZero();
        assertThat(tokens).doesNotExist();
    }

    @Test
    void cibaDeniedExitsOne() {
        Run r = run(null, "psc", "login", "--config", cibaConfig.toString(), "--ciba", "--rpps", "10009999999");
        assertThat(r.exit()).isEqualTo(ExitCode.INVALID);
        assertThat(r.err()).contains("PSC-051");
    }

    @Test
    void cibaWithoutRppsIsAUsageError() {
        Run r = run(null, "psc", "login", "--config", cibaConfig.toString(), "--ciba");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
    }

    /** One GET as a browser sends it, redirects not followed. */
    static HttpURLConnection get(String address) throws java.io.IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(address).toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.getResponseCode();
        return c;
    }

    @Test
    void browserLoginKeepsTheTokensInMemoryOnly() throws Exception {
        Pattern url = Pattern.compile("(http://\\S+/authorize\\S+)");
        StringWriter seen = new StringWriter() {
            @Override
            public void write(String s, int off, int len) {
                super.write(s, off, len);
                Matcher m = url.matcher(s.substring(off, off + len));
                if (m.find()) {
                    String start = m.group(1);
                    Thread t = new Thread(() -> {
                        try {
                            String callback = get(start).getHeaderField("Location");
                            get(callback).getResponseCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    t.start();
                }
            }
        };
        try (var files = Files.list(dir)) {
            long before = files.count();
            Run r = run(seen, "psc", "login", "--config", browserConfig.toString(), "--timeout-seconds", "20");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("BIOLOGISTE", "3750000001/LAB1");
            try (var after = Files.list(dir)) {
                assertThat(after.count()).isEqualTo(before);
            }
        }
    }
}
