package fr.segurbio.psc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import fr.segurbio.transport.ServiceConnection;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/** Shared test material: PSC-shaped userinfo claims and a real OpenID provider (mock-oauth2-server). */
final class Fixtures {

    static final String RPPS = "10001234567";
    static final String NATIONAL_ID = "8" + RPPS;
    static final String CLIENT_ID = "sgl-labo-lilas";
    static final String SECRET = "s3cret";

    private Fixtures() {
    }

    static Map<String, Object> activity(String legacyId, String name, String sector) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("codeModeExercice", "S");
        a.put("codeSecteurDactivite", sector);
        a.put("codeRole", "FON-05");
        a.put("numeroSiretSite", "12345678900011");
        a.put("numeroFinessSite", "750000001");
        a.put("identifiantTechniqueDeLaStructure", "R10000001");
        a.put("raisonSocialeSite", name);
        a.put("ancienIdentifiantDeLaStructure", legacyId);
        a.put("autoriteDenregistrement", "ARS/ARS/ARS");
        return a;
    }

    static Map<String, Object> exercise(String profession, String savoirFaire, List<Map<String, Object>> activities) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("codeProfession", profession);
        e.put("codeCategorieProfessionnelle", "C");
        e.put("codeCiviliteDexercice", "DR");
        e.put("nomDexercice", "BIOLOGISTE");
        e.put("prenomDexercice", "Anne");
        e.put("codeTypeSavoirFaire", "S");
        e.put("codeSavoirFaire", savoirFaire);
        e.put("activities", activities);
        return e;
    }

    /** Userinfo of a biologist (pharmacien, one structure). */
    static Map<String, Object> userInfo(List<Map<String, Object>> exercises) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sub", "f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:" + RPPS);
        m.put("SubjectNameID", NATIONAL_ID);
        m.put("given_name", "ANNE");
        m.put("family_name", "BIOLOGISTE");
        m.put("preferred_username", NATIONAL_ID);
        m.put("Palier_Authentification", "APPPRIP3^1.2.250.1.213.1.5.1.1.1");
        m.put("SubjectRefPro", Map.of("codeCivilite", "MME", "exercices", exercises));
        return m;
    }

    static Map<String, Object> oneSituation() {
        return userInfo(List.of(exercise("21", "SM99",
                List.of(activity("3750000001/LAB1", "Laboratoire des Lilas", "SA07")))));
    }

    static Map<String, Object> twoSituations() {
        return userInfo(List.of(exercise("21", "SM99", List.of(
                activity("3750000001/LAB1", "Laboratoire des Lilas", "SA07"),
                activity("3750000002/LAB2", "Laboratoire des Roses", "SA07")))));
    }

    static Map<String, Object> noSituation() {
        return userInfo(List.of());
    }

    /**
     * mock-oauth2-server with an issuer "psc" whose tokens carry PSC's claims (acr eidas1, SubjectNameID,
     * SubjectRefPro), valid for {@code lifetime}.
     */
    static MockOAuth2Server mockPsc(Map<String, Object> userInfo, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>(userInfo);
        claims.put("acr", "eidas1");
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("requestParam", "grant_type");
        mapping.put("match", "*");
        mapping.put("claims", claims);
        Map<String, Object> callback = new LinkedHashMap<>();
        callback.put("issuerId", "psc");
        callback.put("tokenExpiry", lifetime.toSeconds());
        callback.put("requestMappings", List.of(mapping));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("interactiveLogin", false);
        config.put("httpServer", "NettyWrapper");
        config.put("tokenCallbacks", List.of(callback));
        MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(
                JSONObjectUtils.toJSONString(config)));
        server.start();
        return server;
    }

    static ServiceConnection transport() {
        return ServiceConnection.builder().connectTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofSeconds(20))
                .totalTimeout(Duration.ofSeconds(30)).maxConnections(200, 200).noCircuitBreaker().build();
    }
}
