package fr.segurbio.psc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import fr.segurbio.core.auth.AuthenticatedPractitioner;
import fr.segurbio.testkit.psc.CibaBehaviour;
import fr.segurbio.testkit.psc.PscCibaSimulator;
import fr.segurbio.transport.ServiceConnection;

/** CIBA (poll and ping) against testkit's PSC simulator, which follows the CIBA specification with its own keys. */
class CibaIT {

    static final String DENIER = "810009999999";
    static final String SLOW = "810008888888";
    static final String SILENT = "810007777777";
    static final String NO_SITUATION = "810006666666";

    static PscCibaSimulator simulator;
    static HttpServer notifications;
    static ServiceConnection http;
    static PscClient psc;
    static PscClient pingPsc;

    @BeforeAll
    static void start() throws IOException {
        notifications = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        notifications.createContext("/ciba-notify", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = 204;
                try {
                    pingPsc.acceptCibaPing(exchange.getRequestHeaders().getFirst("Authorization"), body);
                } catch (PscException e) {
                    status = 400;
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        notifications.start();
        URI notify = URI.create("http://127.0.0.1:" + notifications.getAddress().getPort() + "/ciba-notify");
        simulator = PscCibaSimulator.builder()
                .client(Fixtures.CLIENT_ID, Fixtures.SECRET)
                .pingClient("sgl-ping", "ping-secret", notify)
                .interval(Duration.ofSeconds(1))
                .expiresIn(Duration.ofSeconds(20))
                .start();
        simulator.practitioner(Fixtures.NATIONAL_ID, Fixtures.oneSituation());
        simulator.behaviour(Fixtures.NATIONAL_ID, CibaBehaviour.approveAfter(Duration.ofMillis(1500)));
        simulator.practitioner(DENIER, Fixtures.oneSituation());
        simulator.behaviour(DENIER, CibaBehaviour.deny(Duration.ofMillis(500)));
        simulator.practitioner(SLOW, Fixtures.oneSituation());
        simulator.behaviour(SLOW, CibaBehaviour.approveAfter(Duration.ZERO).withSlowDownOnFirstPoll());
        simulator.practitioner(SILENT, Fixtures.oneSituation());
        simulator.behaviour(SILENT, CibaBehaviour.ignore());
        simulator.practitioner(NO_SITUATION, Fixtures.noSituation());
        simulator.behaviour(NO_SITUATION, CibaBehaviour.approveAfter(Duration.ZERO));
        http = Fixtures.transport();
        PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(simulator.issuer())).connection(http)
                .build();
        psc = PscClient.builder(provider).clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.SECRET).build();
        pingPsc = PscClient.builder(provider).clientId("sgl-ping").clientSecret("ping-secret").build();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        notifications.stop(0);
        http.close();
    }

    @Test
    void pollUntilApprovedAtTheInterval() {
        CibaAuthorization pending = psc.startCiba(CibaRequest.forRpps(Fixtures.RPPS)
                .bindingMessage("SGL : connexion").channel("MOBILE").build());
        PscLogin login = psc.awaitCiba(pending);

        assertThat(login.idToken().subject()).isEqualTo(Fixtures.NATIONAL_ID);
        List<Instant> polls = simulator.polls(pending.authReqId());
        assertThat(polls).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < polls.size(); i++) {
            assertThat(Duration.between(polls.get(i - 1), polls.get(i))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        PscSession session = psc.session(login);
        AuthenticatedPractitioner who = session.authenticated(session.practitioner().onlySituation());
        assertThat(who.rpps()).contains(Fixtures.RPPS);
    }

    @Test
    void deniedOnTheApp() {
        assertThatThrownBy(() -> psc.loginWithCiba(CibaRequest.forLoginHint(DENIER).build()))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.CIBA_DENIED));
    }

    @Test
    void expiredWithoutAnswer() {
        CibaAuthorization pending = psc.startCiba(CibaRequest.forLoginHint(SILENT).build());
        CibaAuthorization shortened = new CibaAuthorization(pending.authReqId(), Instant.now().plusMillis(2500),
                pending.interval(), pending.request());
        assertThatThrownBy(() -> psc.awaitCiba(shortened))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.CIBA_EXPIRED));
    }

    @Test
    void expiredTokenAnsweredByTheProvider() {
        try (PscCibaSimulator shortLived = PscCibaSimulator.builder().client(Fixtures.CLIENT_ID, Fixtures.SECRET)
                .interval(Duration.ofSeconds(1)).expiresIn(Duration.ofSeconds(1)).start()) {
            shortLived.practitioner(SILENT, Fixtures.oneSituation());
            shortLived.behaviour(SILENT, CibaBehaviour.ignore());
            PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(shortLived.issuer())).connection(http)
                    .build();
            PscClient client = PscClient.builder(provider).clientId(Fixtures.CLIENT_ID).clientSecret(Fixtures.SECRET)
                    .build();
            CibaAuthorization pending = client.startCiba(CibaRequest.forLoginHint(SILENT).build());
            // this client's clock runs late: it would poll for 20 s, the provider expires the request after 1 s
            CibaAuthorization late = new CibaAuthorization(pending.authReqId(), Instant.now().plusSeconds(20),
                    pending.interval(), pending.request());
            assertThatThrownBy(() -> client.awaitCiba(late)).isInstanceOfSatisfying(PscException.class,
                    e -> assertThat(e.code()).isEqualTo(PscError.CIBA_EXPIRED));
            assertThat(shortLived.polls(pending.authReqId())).hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void slowDownAddsFiveSecondsToTheInterval() {
        CibaAuthorization pending = psc.startCiba(CibaRequest.forLoginHint(SLOW).build());
        psc.awaitCiba(pending);
        List<Instant> polls = simulator.polls(pending.authReqId());
        assertThat(polls).hasSize(2);
        assertThat(Duration.between(polls.get(0), polls.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(5950));
    }

    @Test
    void pollingTooFastIsAnsweredSlowDown() throws Exception {
        CibaAuthorization pending = psc.startCiba(CibaRequest.forLoginHint(SILENT).build());
        HttpClient raw = HttpClient.newHttpClient();
        String basic = Base64.getEncoder().encodeToString((Fixtures.CLIENT_ID + ":" + Fixtures.SECRET)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = raw.send(HttpRequest.newBuilder(URI.create(simulator.issuer() + "/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba"
                        + "&auth_req_id=" + pending.authReqId())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("slow_down");
    }

    @Test
    void pingModeFetchesTheTokensWhenNotified() {
        PscLogin login = pingPsc.loginWithCiba(CibaRequest.forRpps(Fixtures.RPPS).ping("notify-token-123").build());
        assertThat(login.tokens().accessToken()).isNotBlank();
    }

    @Test
    void pingWithAWrongTokenRefused() {
        CibaAuthorization pending = pingPsc.startCiba(CibaRequest.forLoginHint(SILENT).ping("right").build());
        assertThatThrownBy(() -> pingPsc.acceptCibaPing("Bearer wrong",
                "{\"auth_req_id\":\"" + pending.authReqId() + "\"}"))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.CIBA_PING_INVALID));
    }

    @Test
    void unknownProfessionalRefused() {
        assertThatThrownBy(() -> psc.startCiba(CibaRequest.forRpps("19999999999").build()))
                .isInstanceOfSatisfying(PscException.class,
                        e -> assertThat(e.code()).isEqualTo(PscError.CIBA_REQUEST_REFUSED));
    }

    @Test
    void revokedRefreshTokenEndsTheSession() {
        PscClient eager = PscClient.builder(psc.provider()).clientId(Fixtures.CLIENT_ID)
                .clientSecret(Fixtures.SECRET).refreshMargin(Duration.ofMinutes(5)).build();
        PscSession session = eager.session(eager.loginWithCiba(CibaRequest.forRpps(Fixtures.RPPS).build()));
        assertThat(session.accessToken()).isNotBlank();           // refreshed once (margin > lifetime)
        assertThat(session.refreshCount()).isEqualTo(1);
        simulator.revokeSessions(Fixtures.NATIONAL_ID);

        assertThatThrownBy(session::accessToken)
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.REFRESH_REFUSED));
        assertThat(session.ended()).isTrue();
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        PscLogin login = psc.loginWithCiba(CibaRequest.forRpps(Fixtures.RPPS).build());
        assertThat(psc.logout(login.tokens())).isTrue();
        assertThatThrownBy(() -> psc.refresh(login.tokens()))
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.REFRESH_REFUSED));
    }

    @Test
    void signedUserInfoVerifiedWithTheRealmKeys() {
        PscLogin login = psc.loginWithCiba(CibaRequest.forRpps(Fixtures.RPPS).build());
        simulator.signedUserInfo(true);
        try {
            Practitioner p = psc.userInfo(login.tokens().accessToken());
            assertThat(p.nationalId()).isEqualTo(Fixtures.NATIONAL_ID);
            assertThat(p.situations()).hasSize(1);
        } finally {
            simulator.signedUserInfo(false);
        }
    }

    @Test
    void userInfoWithoutAnySituationIsATypedError() {
        PscLogin login = psc.loginWithCiba(CibaRequest.forLoginHint(NO_SITUATION).build());
        Practitioner p = psc.userInfo(login.tokens().accessToken());
        assertThat(p.situations()).isEmpty();
        assertThatThrownBy(p::onlySituation)
                .isInstanceOfSatisfying(PscException.class, e -> assertThat(e.code()).isEqualTo(PscError.NO_SITUATION));
    }
}
