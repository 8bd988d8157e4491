package fr.segurbio.testkit.psc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/** The PSC CIBA simulator checked by raw HTTP, as the specification reads, without the SDK's client. */
class PscSimulatorsIT {

    static final String NID = "810001234567";
    static PscCibaSimulator psc;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        psc = PscCibaSimulator.builder().client("c", "s").interval(Duration.ofSeconds(1)).start();
        psc.practitioner(NID, Map.of("family_name", "BIOLOGISTE"));
        psc.behaviour(NID, CibaBehaviour.approveAfter(Duration.ZERO));
    }

    @AfterAll
    static void stop() {
        psc.close();
    }

    static HttpResponse<String> post(String path, String auth, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(psc.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void discoveryAnnouncesCibaWithPollAndPing() throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(psc.issuer()
                + "/.well-known/wallet-openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Object> m = JSONObjectUtils.parse(body);
        assertThat(m.get("issuer")).isEqualTo(psc.issuer().toString());
        assertThat(m.get("backchannel_token_delivery_modes_supported").toString()).contains("poll", "ping");
    }

    @Test
    void wrongClientSecretRefused() throws Exception {
        HttpResponse<String> r = post("/ciba", basic("c", "wrong"), "scope=openid&login_hint=" + NID);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("invalid_client");
    }

    @Test
    void scopeWithoutOpenidRefused() throws Exception {
        assertThat(post("/ciba", basic("c", "s"), "scope=profile&login_hint=" + NID).body()).contains("invalid_scope");
    }

    @Test
    void twoHintsRefused() throws Exception {
        assertThat(post("/ciba", basic("c", "s"), "scope=openid&login_hint=" + NID + "&id_token_hint=x").body())
                .contains("invalid_request");
    }

    @Test
    void approvedRequestGivesTokensSignedWithTheSimulatorsKey() throws Exception {
        String id = (String) JSONObjectUtils.parse(post("/ciba", basic("c", "s"), "scope=openid+scope_all&login_hint="
                + NID).body()).get("auth_req_id");
        HttpResponse<String> early = post("/token", basic("c", "s"),
                "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=" + id);
        assertThat(early.body()).contains("slow_down");
        Thread.sleep(1100);
        HttpResponse<String> r = post("/token", basic("c", "s"),
                "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=" + id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        SignedJWT idToken = SignedJWT.parse((String) JSONObjectUtils.parse(r.body()).get("id_token"));
        JWKSet keys = JWKSet.parse(HTTP.send(HttpRequest.newBuilder(URI.create(psc.issuer() + "/jwks")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(idToken.verify(new RSASSAVerifier((RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID()))))
                .isTrue();
        assertThat(idToken.getJWTClaimsSet().getAudience()).containsExactly("c");
        HttpResponse<String> again = post("/token", basic("c", "s"),
                "grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=" + id);
        assertThat(again.body()).contains("invalid_grant");
    }
}
