package fr.segurbio.psc.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import fr.segurbio.core.fuzz.FuzzProperty;
import fr.segurbio.psc.PscClient;
import fr.segurbio.psc.PscEnvironment;
import fr.segurbio.psc.PscException;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.psc.PscTokens;
import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;

/**
 * Fuzz targets of psc-auth's readers of what Pro Santé Connect's endpoints answer, through {@link PscClient} and a
 * stand-in exchange (discovery and keys answered as the realm does): {@code token} (the token endpoint's answer to
 * a refresh: tokens, lifetimes, errors), {@code introspection} (RFC 7662) and {@code userInfoResponse} (the userinfo
 * endpoint's answer, JSON or JWT, mapped to a practitioner). A result or a {@link PscException} with its code, never
 * another exception. Input: the first line is the HTTP status and the Content-Type ({@code 200 application/json}),
 * the rest the body (502, 503 and 504 are read as 500: transport refuses those itself, by design). Seeds: {@code PscEndpointFuzzTestInputs/<method>}.
 */
class PscEndpointFuzzTest {

    private static final URI ISSUER = URI.create("https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet");
    private static final String REALM = ISSUER + "/protocol/openid-connect";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final RSAKey KEY = PscFuzzTest.newKey();
    private static final String DISCOVERY = "{\"issuer\":\"" + ISSUER + "\",\"authorization_endpoint\":\"" + REALM
            + "/auth\",\"token_endpoint\":\"" + REALM + "/token\",\"userinfo_endpoint\":\"" + REALM
            + "/userinfo\",\"jwks_uri\":\"" + REALM + "/certs\",\"response_types_supported\":[\"code\"],"
            + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"],"
            + "\"introspection_endpoint\":\"" + REALM + "/token/introspect\"}";
    private static final PscTokens TOKENS = new PscTokens("access-token", Optional.of("refresh-token"),
            Optional.empty(), Optional.of("openid scope_all"), NOW.plusSeconds(120), Optional.empty());

    private static volatile HttpResult fuzzed;

    private static final PscClient CLIENT = PscClient.builder(PscProvider.builder(PscEnvironment.ofIssuer(ISSUER))
                    .connection(ServiceConnection.builder()
                            .retryPolicy(RetryPolicy.builder().maxAttempts(1).sleeper(d -> { }).build())
                            .circuitBreaker(1_000_000, Duration.ofSeconds(1))
                            .standIn(PscEndpointFuzzTest::exchange).build())
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build())
            .clientId("segur-bio-fuzz").clientSecret("s3cret").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

    @FuzzTest(maxDuration = "2m")
    void token(byte[] input) {
        fuzzed = answer(input);
        FuzzProperty.check(PscException.class, input.length, () -> CLIENT.refresh(TOKENS)).ifPresent(t -> {
            assertThat(t.accessToken()).isNotBlank();
            assertThat(t.expiresAt()).isNotNull();
        });
    }

    @FuzzTest(maxDuration = "2m")
    void introspection(byte[] input) {
        fuzzed = answer(input);
        FuzzProperty.check(PscException.class, input.length, () -> CLIENT.introspect("access-token"))
                .ifPresent(i -> assertThat(i).isNotNull());
    }

    @FuzzTest(maxDuration = "2m")
    void userInfoResponse(byte[] input) {
        fuzzed = answer(input);
        FuzzProperty.check(PscException.class, input.length, () -> CLIENT.userInfo("access-token"))
                .ifPresent(p -> assertThat(p.situations()).isNotNull());
    }

    private static HttpResult exchange(HttpCall call) {
        String path = call.uri().getPath();
        if (path.endsWith("/.well-known/openid-configuration")) {
            return json(DISCOVERY);
        }
        if (path.endsWith("/certs")) {
            return json(new JWKSet(KEY.toPublicJWK()).toString());
        }
        return fuzzed;
    }

    private static HttpResult json(String body) {
        return new HttpResult(200, Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** First line: the status and the Content-Type; the rest: the body. */
    static HttpResult answer(byte[] input) {
        int nl = 0;
        while (nl < input.length && input[nl] != '\n') {
            nl++;
        }
        String[] first = new String(input, 0, nl, StandardCharsets.ISO_8859_1).strip().split(" ", 2);
        int status = 200;
        String type = first[0];
        try {
            status = Integer.parseInt(first[0]);
            type = first.length > 1 ? first[1] : "";
        } catch (NumberFormatException e) {
            type = String.join(" ", first);
        }
        if (status < 100 || status > 599) {
            status = 200;
        }
        if (status == 502 || status == 503 || status == 504) {
            // answered by transport itself (RemoteServiceException, the TransportException PscHttp documents for a
            // gateway failure) before any PSC reader sees the answer: read as a 500, which does reach them
            status = 500;
        }
        byte[] body = nl >= input.length ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
        return new HttpResult(status, type.isEmpty() ? Map.of() : Map.of("content-type", List.of(type)), body);
    }
}
