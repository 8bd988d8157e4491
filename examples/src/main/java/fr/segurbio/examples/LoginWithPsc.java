package fr.segurbio.examples;

import fr.segurbio.core.auth.AuthenticatedPractitioner;
import fr.segurbio.psc.Practitioner;
import fr.segurbio.psc.PscClient;
import fr.segurbio.psc.PscEnvironment;
import fr.segurbio.psc.PscLogin;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.psc.PscSession;
import fr.segurbio.transport.ServiceConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A biologist logs in with Pro Santé Connect from a desktop SGL (authorization code + PKCE, the answer received
 * by a one-shot listener on 127.0.0.1), and the SGL gets the practitioner for the DMP VIHF in AIR mode.
 *
 * <p>The OpenID provider is a real one running in-process (mock-oauth2-server, signing with its own keys) and
 * answering with PSC's claims; the "browser" is two HTTP requests, where a real SGL calls
 * {@code java.awt.Desktop.getDesktop().browse(uri)}. Against PSC, only the provider line changes:
 * {@code PscEnvironment.BAC_A_SABLE} or {@code PscEnvironment.PRODUCTION}.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=fr.segurbio.examples.LoginWithPsc
 * </pre>
 */
public final class LoginWithPsc {

    private LoginWithPsc() {
    }

    /**
     * Logs in and returns the practitioner as dmp-client and mssante-client take it.
     *
     * @return the practitioner in their situation d'exercice
     */
    public static AuthenticatedPractitioner run() {
        MockOAuth2Server op = pscLikeProvider();
        try (ServiceConnection connection = ServiceConnection.builder()   // trust store, timeouts, audit...
                .connectTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(5)).build()) {
            // ---- the whole code flow on one screen ----
            PscProvider provider = PscProvider.builder(PscEnvironment.ofIssuer(URI.create(
                    op.issuerUrl("psc").toString())))                       // PscEnvironment.BAC_A_SABLE in real life
                    .connection(connection).build();                        // discovery read, issuer checked
            PscClient psc = PscClient.builder(provider)
                    .clientId("sgl-labo-lilas").clientSecret("secret")       // given by ANS at registration
                    .scopes("openid", "scope_all").acrValues("eidas1")
                    .build();
            PscLogin login = psc.loginWithBrowser(LoginWithPsc::browser, Duration.ofMinutes(2));
            PscSession session = psc.session(login);                       // refreshes the token before expiry
            Practitioner p = session.practitioner();                       // userinfo: SubjectNameID, SubjectRefPro
            AuthenticatedPractitioner who = session.authenticated(p.onlySituation());   // or p.situation(key)
            // --------------------------------------------
            System.out.printf("%s %s, RPPS %s, %s (%s), niveau %s%n", who.givenName(), who.familyName(),
                    who.rpps().orElse("-"), who.structureName().orElse("?"), who.structureId(),
                    who.authenticationLevel().orElse("-"));
            session.logout();
            return who;
        } finally {
            op.shutdown();
        }
    }

    /** What the system browser does: GET the PSC page, which (the professional authenticated) redirects back. */
    private static void browser(URI authorization) {
        try {
            HttpURLConnection page = (HttpURLConnection) authorization.toURL().openConnection();
            page.setInstanceFollowRedirects(false);
            String callback = page.getHeaderField("Location");
            HttpURLConnection back = (HttpURLConnection) URI.create(callback).toURL().openConnection();
            back.getResponseCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenID provider that answers like PSC for a biologist with one situation d'exercice. */
    private static MockOAuth2Server pscLikeProvider() {
        String claims = "{\"sub\":\"810001234567\",\"acr\":\"eidas1\",\"SubjectNameID\":\"810001234567\","
                + "\"given_name\":\"ANNE\",\"family_name\":\"BIOLOGISTE\","
                + "\"Palier_Authentification\":\"APPPRIP3^1.2.250.1.213.1.5.1.1.1\","
                + "\"SubjectRefPro\":{\"exercices\":[{\"codeProfession\":\"21\",\"codeSavoirFaire\":\"SM99\","
                + "\"nomDexercice\":\"BIOLOGISTE\",\"prenomDexercice\":\"Anne\",\"activities\":[{"
                + "\"codeSecteurDactivite\":\"SA07\",\"raisonSocialeSite\":\"Laboratoire des Lilas\","
                + "\"ancienIdentifiantDeLaStructure\":\"3750000001/LAB1\"}]}]}}";
        String config = "{\"interactiveLogin\":false,\"httpServer\":\"NettyWrapper\",\"tokenCallbacks\":[{"
                + "\"issuerId\":\"psc\",\"tokenExpiry\":120,\"requestMappings\":[{\"requestParam\":\"grant_type\","
                + "\"match\":\"*\",\"claims\":" + claims + "}]}]}";
        MockOAuth2Server op = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config));
        op.start();
        return op;
    }

    /**
     * Runs the example.
     *
     * @param args none
     */
    public static void main(String[] args) {
        run();
    }
}
