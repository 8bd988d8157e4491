package fr.segurbio.testkit.insi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.segurbio.testkit.ConformanceMaterial;
import fr.segurbio.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's request checks and answers, called directly (no network). */
class InsiServiceTest {

    private static final String SOAP = "application/soap+xml; charset=utf-8";

    @TempDir
    static Path dir;

    static TestPki pki;
    static X509Certificate auto;
    static Path samples;
    static InsiService service;

    @BeforeAll
    static void setUp() {
        Optional<Path> xsd = ConformanceMaterial.find("conformance/insi/xsd");
        assumeTrue(xsd.isPresent(), ConformanceMaterial.missing("conformance/insi/xsd"));
        samples = ConformanceMaterial.find("conformance/insi/samples").orElse(null);
        pki = TestPki.create(dir);
        auto = pki.insiAuto().certificate();
        service = new InsiService(xsd.get(), InsiPersona.defaults(), Set.of("INSI-AUTO", "INSI-MANU"),
                Set.of(InsiRequests.IDAM));
    }

    private static InsiService.Reply call(byte[] request) {
        return service.handle(SOAP, request, auto);
    }

    @Test
    void oneIdentityWithHistory() {
        InsiService.Reply r = call(InsiRequests.traits("ECETINSI", "PIERRE-ALAIN", "M", "2009-07-14"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).contains("rechercherInsAvecTraitsIdentiteResponse");
        assertThat(r.text()).contains("<CodeCR>00</CodeCR>", "<NumIdentifiant>1090763220834</NumIdentifiant>",
                "<Cle>89</Cle>", "<ListePrenom>PIERRE-ALAIN MURIEL FLORIANT</ListePrenom>",
                "<wsa:RelatesTo>uuid:42</wsa:RelatesTo>");
        assertThat(r.text().split("<INSHISTO>")).hasSize(3);
    }

    @Test
    void anotherFirstNameOfTheListAlsoMatches() {
        assertThat(call(InsiRequests.traits("ECETINSI", "FLORIANT", "M", "2009-07-14")).text())
                .contains("<CodeCR>00</CodeCR>");
    }

    @Test
    void noIdentity() {
        InsiService.Reply r = call(InsiRequests.traits("HOUILLES", "PIERRE", "M", "1990-01-01"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("<CodeCR>01</CodeCR>", "Aucune identite trouvee").doesNotContain("INDIVIDU");
    }

    @Test
    void severalIdentitiesThenOneWithTheBirthPlace() {
        assertThat(call(InsiRequests.traits("HOMONYME", "CAMILLE", "F", "1990-01-01")).text())
                .contains("<CodeCR>02</CodeCR>", "Plusieurs identites trouvees");
        byte[] refined = InsiRequests.envelope(InsiRequests.headers(InsiService.ACTION_TRAITS, InsiRequests.IDAM),
                InsiRequests.traitsBody("HOMONYME", List.of("CAMILLE"), "F", "1990-01-01", "75056"))
                .getBytes(StandardCharsets.UTF_8);
        String text = call(refined).text();
        assertThat(text).contains("<CodeCR>00</CodeCR>", "<NumIdentifiant>2900175056031</NumIdentifiant>");
        assertThat(text).contains("<Cle>" + InsiPersona.Ins.computeKey("2900175056031") + "</Cle>");
    }

    @Test
    void wrongKeysAreSentAsTheCndaCaseHasThem() {
        assertThat(call(InsiRequests.traits("HERMANN", "GATIEN", "M", "1981-03-24")).text())
                .contains("<NumIdentifiant>1810363220456</NumIdentifiant><Cle>60</Cle>", "<Cle>10</Cle>");
        assertThat(InsiPersona.Ins.computeKey("1810363220456")).isEqualTo("76");
    }

    @Test
    void faultPersona() {
        InsiService.Reply r = call(InsiRequests.traits("PANNE", "SERVICE", "M", "1970-01-01"));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("soap:Receiver", "siram:siram_40", "code=\"insi_102\"",
                "<wsa:RelatesTo>uuid:42</wsa:RelatesTo>");
    }

    @Test
    void searchWithCarteVitaleData() {
        InsiService.Reply r = call(InsiRequests.vitale("180032B020401", "23", "CORSE", "1980-03-02"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).contains("rechercherInsAvecCarteVitaleResponse");
        assertThat(r.text()).contains("<CodeCR>00</CodeCR>", "<LieuNaissance>2B020</LieuNaissance>");
        assertThat(call(InsiRequests.vitale("180032B020401", "23", "CORSE", "1980-03-03")).text())
                .contains("<CodeCR>01</CodeCR>");
    }

    @Test
    void certificateWithAnotherCommonNameIsRefusedWithDesir560() {
        InsiService.Reply r = service.handle(SOAP, InsiRequests.traits("ADRUN", "ZOE", "F", "1975-12-31"),
                pki.orgAuthCli().certificate());
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("soap:Sender", "code=\"DESIR_560\"");
        assertThat(service.handle(SOAP, InsiRequests.traits("ADRUN", "ZOE", "F", "1975-12-31"), null).text())
                .contains("DESIR_560");
    }

    @Test
    void unknownIdamIsRefusedWithDesir550() {
        byte[] req = InsiRequests.envelope(InsiRequests.headers(InsiService.ACTION_TRAITS, "UNKNOWN-IDAM"),
                InsiRequests.traitsBody("ADRUN", List.of("ZOE"), "F", "1975-12-31", null))
                .getBytes(StandardCharsets.UTF_8);
        InsiService.Reply r = call(req);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("siram:siram_100", "code=\"desir_550\"");
    }

    @Test
    void requestThatTheSchemasRefuseListsEveryProblem() {
        // Sexe before Prenom violates the RECSANSVITALE sequence; Temps is not an xs:dateTime; no MessageID.
        String headers = InsiRequests.headers(InsiService.ACTION_TRAITS, InsiRequests.IDAM)
                .replace("<ctxbam:Temps>2026-11-22T10:29:58.604Z", "<ctxbam:Temps>hier")
                .replaceAll("<wsa:MessageID[^>]*>uuid:42</wsa:MessageID>", "");
        String body = "<r:RECSANSVITALE xmlns:r=\"http://www.cnamts.fr/INSiRecSans\"><r:NomNaissance>ADRUN"
                + "</r:NomNaissance><r:Sexe>F</r:Sexe><r:Prenom>ZOE</r:Prenom></r:RECSANSVITALE>";
        InsiService.Reply r = call(InsiRequests.envelope(headers, body).getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("SIMULATEUR_XSD", "ContexteBAM :", "RECSANSVITALE :", "wsa:MessageID");
    }

    @Test
    void wrongActionMissingContextsAndUnknownOperation() {
        String noContexts = InsiRequests.envelope("<soap:Header><wsa:Action xmlns:wsa=\"http://www.w3.org/2005/08/"
                + "addressing\">" + InsiService.ACTION_VITALE + "</wsa:Action></soap:Header>",
                InsiRequests.traitsBody("ADRUN", List.of("ZOE"), "F", "1975-12-31", null));
        assertThat(call(noContexts.getBytes(StandardCharsets.UTF_8)).text())
                .contains("ContexteBAM absent", "ContexteLPS absent", "ne correspond pas");
        String unknown = InsiRequests.envelope(InsiRequests.headers(InsiService.ACTION_TRAITS, InsiRequests.IDAM),
                "<x:VERIFIER xmlns:x=\"urn:x\"/>");
        assertThat(call(unknown.getBytes(StandardCharsets.UTF_8)).text()).contains("opération inconnue");
    }

    @Test
    void doctypesAndNonSoapContentAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>&x;"
                + "</soap:Body></soap:Envelope>";
        InsiService.Reply r = call(xxe.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.text()).contains("XML mal formé").doesNotContain("root:");
        assertThat(service.handle("text/xml", InsiRequests.traits("ADRUN", "ZOE", "F", "1975-12-31"), auto).text())
                .contains("SOAP 1.2");
        String soap11 = "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body/></e:Envelope>";
        assertThat(call(soap11.getBytes(StandardCharsets.UTF_8)).text()).contains("SOAP 1.2");
    }

    @Test
    void cndaSampleIsSentBackVerbatim() throws Exception {
        assumeTrue(samples != null, ConformanceMaterial.missing("conformance/insi/samples"));
        InsiPersona ecetinsi = InsiPersona.fromResponseFile(samples.resolve("TEST_2.04_cas2.xml"));
        assertThat(ecetinsi.birthName()).isEqualTo("ECETINSI");
        assertThat(ecetinsi.firstNames()).containsExactly("PIERRE-ALAIN", "MURIEL", "FLORIANT");
        assertThat(ecetinsi.history()).hasSize(2);
        assertThat(ecetinsi.source()).contains("TEST_2.04_cas2.xml");
        InsiService fromFiles = new InsiService(ConformanceMaterial.find("conformance/insi/xsd").orElseThrow(),
                List.of(ecetinsi), Set.of("INSI-AUTO"), Set.of(InsiRequests.IDAM));
        InsiService.Reply r = fromFiles.handle(SOAP, InsiRequests.traits("ECETINSI", "PIERRE-ALAIN", "M",
                "2009-07-14"), auto);
        assertThat(r.body()).isEqualTo(java.nio.file.Files.readAllBytes(samples.resolve("TEST_2.04_cas2.xml")));
        assertThatThrownBy(() -> InsiPersona.fromResponseFile(samples.resolve("REP_CR01.xml")))
                .hasMessageContaining("no identity");
    }

    @Test
    void everyCndaSampleWithAnIdentityBecomesAPersona() throws Exception {
        assumeTrue(samples != null, ConformanceMaterial.missing("conformance/insi/samples"));
        List<InsiPersona> read = new ArrayList<>();
        for (String f : List.of("TEST_2.04_cas2.xml", "TEST_2.05.xml", "TEST_2.08_cas1.xml", "TEST_2.08_cas2.xml")) {
            read.add(InsiPersona.fromResponseFile(samples.resolve(f)));
        }
        assertThat(read).extracting(InsiPersona::birthName)
                .containsExactly("ECETINSI", "PROVISOIRE", "CORSE", "HERMANN");
        assertThat(read.get(1).active().orElseThrow().oid()).isEqualTo(InsiPersona.OID_NIA);
        assertThat(read.get(2).birthPlace()).contains("2B020");
    }

    @Test
    void serviceNeedsTheSchemas() {
        assertThatThrownBy(() -> new InsiService(dir.resolve("nowhere"), List.of(), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INSi schema not found");
    }

    @Test
    void personaNeedsItsTraits() {
        assertThatThrownBy(() -> InsiPersona.builder().birthName("X").sex("M").birthDate("2000-01-01")
                .active("1000175056001", null, InsiPersona.OID_NIR).build())
                .hasMessageContaining("first name");
        assertThatThrownBy(() -> new InsiPersona.Ins("12345", null, InsiPersona.OID_NIR, null, null))
                .hasMessageContaining("13-character");
    }
}
