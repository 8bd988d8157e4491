package fr.segurbio.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

import fr.segurbio.dmp.internal.Dom;
import fr.segurbio.dmp.internal.Requests;
import fr.segurbio.dmp.internal.Xds;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfIssuer;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.dmp.DmpSimulator;
import fr.segurbio.transport.RemoteServiceException;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.SoapRequest;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.XmlSigner;

/** The simulator refuses a VIHF that lacks any one of its attributes (re-signed, so only the attribute is missing). */
class VihfRefusedIT {

    static final Ins INS = Ins.of("279035121518989", "1.2.250.1.213.1.4.10");

    @TempDir
    static Path dir;
    static TestPki pki;
    static DmpSimulator sim;
    static ServiceConnection connection;
    static SoapClient patients;
    static VihfIssuer vihf;

    @BeforeAll
    static void start() {
        pki = TestPki.create(dir);
        sim = DmpSimulator.builder(pki).conformance(Schemas.shared("")).start();
        sim.patient(INS.matricule().value());
        connection = ServiceConnection.builder().certificate(Fixtures.load(pki.orgAuthCli()))
                .trustStore(TrustStore.fromPem(pki.trustAnchorsPem())).responseTimeout(Duration.ofSeconds(5))
                .retryPolicy(RetryPolicy.none()).noCircuitBreaker().build();
        patients = connection.soapClient(java.net.URI.create(sim.baseUri() + "/patients"), "DMP");
        vihf = VihfIssuer.of(Fixtures.vihf(), Fixtures.load(pki.orgSign()));
    }

    @AfterAll
    static void stop() {
        if (connection != null) {
            connection.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    static Stream<String> attributes() {
        return Stream.of("VIHF_Version", "Authentification_Mode", "Secteur_Activite", VihfIssuer.RESOURCE_ID,
                "Ressource_URN", VihfIssuer.SUBJECT_ID, "Identifiant_Structure", "LPS_Version", "LPS_Nom",
                "LPS_ID_HOMOLOGATION_DMP", VihfIssuer.PURPOSE_OF_USE, VihfIssuer.ROLE);
    }

    static Element vihfWithout(String attribute) {
        Element security = SecureXml.parse(SecureXml.toString(
                vihf.issue(INS, DmpActor.automate("1120459876/SGL", "SGL")))).getDocumentElement();
        Element assertion = Dom.descendants(security, VihfIssuer.SAML_NS, "Assertion").get(0);
        for (Element a : Dom.descendants(assertion, VihfIssuer.SAML_NS, "Attribute")) {
            if (a.getAttribute("Name").equals(attribute)) {
                a.getParentNode().removeChild(a);
            }
        }
        Element signature = Dom.child(assertion, XmlSigner.DSIG_NS, "Signature");
        assertion.removeChild(signature);
        XmlSigner.of(Fixtures.load(pki.orgSign())).sign(assertion,
                Dom.child(assertion, VihfIssuer.SAML_NS, "Subject"));
        return security;
    }

    static SoapRequest td02(Element security) {
        return SoapRequest.builder().operation("TD0.2").action(Xds.ACTION_TD02).header(security)
                .body(Requests.td02(INS, "1.2.250.1.999.1.1.42", "SGL", false, Instant.now())).build();
    }

    @Test
    void theCompleteVihfIsAccepted() {
        assertThat(patients.call(td02(vihfWithout("none"))).payload().getLocalName()).isEqualTo("PRPA_IN201308UV02");
    }

    @ParameterizedTest
    @MethodSource("attributes")
    void eachMissingAttributeIsRefused(String attribute) {
        assertThatThrownBy(() -> patients.call(td02(vihfWithout(attribute))))
                .as(attribute).isInstanceOf(RemoteServiceException.class);
    }
}
