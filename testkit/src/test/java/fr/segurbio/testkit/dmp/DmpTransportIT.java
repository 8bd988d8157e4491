package fr.segurbio.testkit.dmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.segurbio.testkit.TestIdentity;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TLS, SOAP 1.2, WS-Addressing and MTOM checks of the simulator, and its production mode. */
class DmpTransportIT extends DmpFixture {

    static final String SOAP = "application/soap+xml; charset=utf-8";

    static DmpTestClient.Response post(DmpTransaction endpoint, String envelope) {
        return client.post(dmp.endpoint(endpoint), SOAP, envelope.getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(10));
    }

    static String find(String ins) {
        return DmpQueries.findDocuments(cx(ins), "('" + DmpQueries.APPROVED + "')");
    }

    @Test
    void theSignCertificateCannotBeUsedForTls() {
        String ins = newPatient();
        DmpTestClient signTls = new DmpTestClient(pki, pki.orgSign(), dmp);
        long before = dmp.exchanges().size();
        assertThatThrownBy(() -> signTls.send(DmpTransaction.ITI_18, vihf(ins).securityXml(), find(ins), Map.of()))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(dmp.exchanges()).hasSize((int) before);
    }

    @Test
    void expiredOrUntrustedClientCertificatesFailTheHandshake() {
        String ins = newPatient();
        for (TestIdentity bad : new TestIdentity[] {pki.expired(), pki.wronglyIssued()}) {
            DmpTestClient c = new DmpTestClient(pki, bad, dmp);
            assertThatThrownBy(() -> c.send(DmpTransaction.ITI_18, vihf(ins).securityXml(), find(ins), Map.of()))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void aVihfSignedWithTheTlsCertificateIsRefusedOnTheWire() {
        String ins = newPatient();
        DmpTestClient.Response r = client.send(DmpTransaction.ITI_41, vihf(ins).signWith(pki.orgAuthCli())
                .securityXml(), crBio(ins).body(TestSubmission.newAttachments()), Map.of());
        fault(r, DmpFaultCode.VIHF_CERTIFICATE);
        assertThat(r.text()).contains("<soap:Value>soap:Sender</soap:Value>",
                "<soap:Subcode><soap:Value>wsse:FailedAuthentication</soap:Value>");
        assertThat(dmp.documents(ins)).isEmpty();
    }

    @Test
    void provideAndRegisterMustBeMtom() {
        String ins = newPatient();
        String env = DmpTestClient.envelope(DmpTransaction.ITI_41, dmp.endpoint(DmpTransaction.ITI_41),
                vihf(ins).securityXml(), crBio(ins).body(TestSubmission.newAttachments()));
        DmpTestClient.Response r = post(DmpTransaction.ITI_41, env);
        fault(r, DmpFaultCode.INVALID_MESSAGE);
        assertThat(r.text()).contains("MTOM");
    }

    @Test
    void actionsAreServedByTheirEndpointOnly() {
        String ins = newPatient();
        String env = DmpTestClient.envelope(DmpTransaction.ITI_18, dmp.endpoint(DmpTransaction.ITI_18),
                vihf(ins).securityXml(), find(ins));
        fault(post(DmpTransaction.ITI_43, env), DmpFaultCode.ACTION_NOT_SUPPORTED);
        fault(post(DmpTransaction.ITI_18, env.replace(DmpTransaction.ITI_18.action(), "urn:ihe:iti:2007:Unknown")),
                DmpFaultCode.ACTION_NOT_SUPPORTED);
        String wrongBody = DmpTestClient.envelope(DmpTransaction.ITI_57, dmp.endpoint(DmpTransaction.ITI_57),
                vihf(ins).securityXml(), find(ins));
        DmpTestClient.Response r = post(DmpTransaction.ITI_57, wrongBody);
        fault(r, DmpFaultCode.ACTION_NOT_SUPPORTED);
        assertThat(r.text()).contains("wsa:ActionNotSupported");
        success(post(DmpTransaction.ITI_18, env));
    }

    @Test
    void wsAddressingHeadersAreRequired() {
        String ins = newPatient();
        String env = DmpTestClient.envelope(DmpTransaction.ITI_18, dmp.endpoint(DmpTransaction.ITI_18),
                vihf(ins).securityXml(), find(ins));
        fault(post(DmpTransaction.ITI_18, env.replaceAll("<wsa:MessageID[^>]*>[^<]*</wsa:MessageID>", "")),
                DmpFaultCode.ADDRESSING_HEADER);
        fault(post(DmpTransaction.ITI_18, env.replace(" soap:mustUnderstand=\"true\"", "")),
                DmpFaultCode.ADDRESSING_HEADER);
        success(post(DmpTransaction.ITI_18, env.replace(" soap:mustUnderstand=\"true\"", " mustUnderstand=\"true\"")));
        fault(post(DmpTransaction.ITI_18, env.replace(dmp.endpoint(DmpTransaction.ITI_18).toString(),
                dmp.endpoint(DmpTransaction.ITI_41).toString())), DmpFaultCode.ADDRESSING_HEADER);
        DmpTestClient.Response r = post(DmpTransaction.ITI_18, env.replaceAll("<wsa:To[^>]*>[^<]*</wsa:To>", ""));
        fault(r, DmpFaultCode.ADDRESSING_HEADER);
        assertThat(r.text()).contains("wsa:MessageAddressingHeaderRequired");
    }

    @Test
    void aRequestWithoutVihfIsAFault() {
        String ins = newPatient();
        DmpTestClient.Response r = client.send(DmpTransaction.ITI_18, "", find(ins), Map.of());
        fault(r, DmpFaultCode.VIHF_MISSING);
        assertThat(r.text()).contains("wsse:InvalidSecurity");
    }

    @Test
    void notSoap12IsRefused() {
        String ins = newPatient();
        fault(post(DmpTransaction.ITI_18, "pas du XML"), DmpFaultCode.INVALID_MESSAGE);
        fault(post(DmpTransaction.ITI_18, "<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"/>"),
                DmpFaultCode.INVALID_MESSAGE);
        String env = DmpTestClient.envelope(DmpTransaction.ITI_18, dmp.endpoint(DmpTransaction.ITI_18),
                vihf(ins).securityXml(), find(ins));
        fault(client.post(dmp.endpoint(DmpTransaction.ITI_18), "text/xml; charset=utf-8",
                env.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10)), DmpFaultCode.INVALID_MESSAGE);
        fault(post(DmpTransaction.ITI_18, "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                DmpFaultCode.INVALID_MESSAGE);
        assertThat(client.post(dmp.endpoint(DmpTransaction.ITI_18), SOAP, null, Duration.ofSeconds(5)).status())
                .isEqualTo(405);
    }

    @Test
    void aProductionSimulatorRefusesTestIns() {
        try (DmpSimulator production = DmpSimulator.builder(pki).conformance(shared)
                .insOids(DmpSimulator.PRODUCTION_INS_OIDS).start()) {
            DmpTestClient c = new DmpTestClient(pki, pki.orgAuthCli(), production);
            String ins = "1800000000001";
            production.patient(ins);
            DmpTestClient.Response r = c.send(DmpTransaction.ITI_18, vihf(ins).securityXml(), find(ins), Map.of());
            fault(r, DmpFaultCode.VIHF_ATTRIBUTE);
            assertThat(r.text()).contains("1.2.250.1.213.1.4.10");
            TestVihf nir = new TestVihf(pki.orgSign()).patient(ins, "1.2.250.1.213.1.4.8");
            String query = DmpQueries.findDocuments(ins + "^^^&1.2.250.1.213.1.4.8&ISO^NH",
                    "('" + DmpQueries.APPROVED + "')");
            success(c.send(DmpTransaction.ITI_18, nir.securityXml(), query, Map.of()));
        }
    }
}
