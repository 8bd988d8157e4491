package fr.segurbio.mss.annuaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.AnnuaireSimulator;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;

class AnnuaireClientIT {

    static TestPki pki;
    static ServiceConnection connection;
    static AnnuaireSimulator annuaire;
    static AnnuaireSimulator throttled;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        connection = ServiceConnection.builder()
                .certificate(SoftwareCertificate.pkcs12(pki.orgAuthCli().pkcs12(), pki.orgAuthCli().password()).load())
                .trustStore(TrustStore.of(pki.trustAnchors())).connectTimeout(Duration.ofSeconds(5))
                .responseTimeout(Duration.ofSeconds(10)).build();
        annuaire = fixtures(AnnuaireSimulator.builder(pki.serverIdentity(), pki.trustAnchors())).pageSize(1).start();
        throttled = fixtures(AnnuaireSimulator.builder(pki.serverIdentity(), pki.trustAnchors())).rateLimitEvery(2)
                .start();
    }

    static AnnuaireSimulator.Builder fixtures(AnnuaireSimulator.Builder b) {
        return b.apiKey("test-key")
                .practitioner("10003456789", "DUPONT", "Jean-Marie")
                .mailbox("jean-marie.dupont@infirmier.mssante.fr", "PER", false, true)
                .roleMailbox("cabinet.dupont@infirmier.mssante.fr", "CAB", false, true)
                .roleMailbox("secretariat@clinique.mssante.fr", "ORG", false, true).done()
                .practitioner("10001111111", "MARTIN", "Claire")
                .mailbox("claire.martin@medecin.mssante.fr", "PER", true, true).done()
                .practitioner("10002222222", "DURAND", "Paul").done()
                .practitioner("10003333333", "PETIT", "Anne")
                .mailbox("anne.petit@medecin.mssante.fr", "PER", false, false)
                .roleMailbox("cabinet.petit@medecin.mssante.fr", "CAB", false, true).done();
    }

    @AfterAll
    static void stop() {
        annuaire.close();
        throttled.close();
        connection.close();
        pki.close();
    }

    static AnnuaireClient.Builder client(AnnuaireSimulator sim) {
        return AnnuaireClient.builder().connection(connection).baseUri(sim.baseUri()).apiKey("test-key");
    }

    @Test
    void findsTheMailboxesOfAnRppsAcrossPages() {
        long before = annuaire.requestCount();
        Professional p = client(annuaire).build().lookup("10003456789");
        assertThat(annuaire.requestCount() - before).isEqualTo(3);   // one resource a page
        assertThat(p.familyName()).isEqualTo("DUPONT");
        assertThat(p.givenName()).contains("Jean-Marie");
        assertThat(p.mailboxes()).extracting(m -> m.address().address()).containsExactly(
                "jean-marie.dupont@infirmier.mssante.fr", "cabinet.dupont@infirmier.mssante.fr",
                "secretariat@clinique.mssante.fr");
        assertThat(p.mailboxes()).extracting(Mailbox::type).containsExactly(MailboxType.PER, MailboxType.CAB,
                MailboxType.ORG);
        assertThat(p.reportMailbox().address()).isEqualTo(MailAddress.of("jean-marie.dupont@infirmier.mssante.fr"));
        p.verifyIdentity("Dupont", "jean marie");
    }

    @Test
    void identityIsCheckedBeforeSending() {
        Professional p = client(annuaire).build().lookup("10003456789");
        assertThatThrownBy(() -> p.verifyIdentity("DUPOND", "Jean-Marie")).hasMessageStartingWith("MSS-108");
        assertThatThrownBy(() -> p.verifyIdentity("DUPONT", "Pierre")).hasMessageStartingWith("MSS-108");
    }

    @Test
    void listeRougeAndMissingMailboxesAreRefused() {
        AnnuaireClient c = client(annuaire).build();
        assertThatThrownBy(() -> c.lookup("10001111111").reportMailbox()).hasMessageStartingWith("MSS-106");
        assertThatThrownBy(() -> c.lookup("10002222222").reportMailbox()).hasMessageStartingWith("MSS-107");
        // a personal mailbox that refuses documents: the practice's mailbox is used
        assertThat(c.lookup("10003333333").reportMailbox().address().address())
                .isEqualTo("cabinet.petit@medecin.mssante.fr");
    }

    @Test
    void unknownAndMalformedRppsAreReported() {
        AnnuaireClient c = client(annuaire).build();
        assertThatThrownBy(() -> c.lookup("19999999999")).hasMessageStartingWith("MSS-406");
        assertThatThrownBy(() -> c.lookup("1234")).hasMessageStartingWith("MSS-405");
    }

    @Test
    void wrongApiKeyIsRefused() {
        assertThatThrownBy(() -> client(annuaire).apiKey("wrong").build().lookup("10003456789"))
                .hasMessageStartingWith("MSS-403");
        assertThatThrownBy(() -> client(annuaire).apiKey(null).build()).hasMessageStartingWith("MSS-403");
    }

    @Test
    void rateLimitIsWaitedOutThenReported() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        AnnuaireClient patient = client(throttled).sleeper(waits::add).build();
        // every second request is throttled (Retry-After: 0): two lookups meet one 429, waited out
        assertThat(patient.lookup("10003456789").mailboxes()).hasSize(3);
        assertThat(patient.lookup("10003456789").mailboxes()).hasSize(3);
        assertThat(waits).hasSize(1);
        // with one attempt only, the next 429 is an error
        AnnuaireClient impatient = client(throttled).rateLimit(1, Duration.ofSeconds(1)).sleeper(waits::add).build();
        assertThatThrownBy(() -> {
            impatient.lookup("10003456789");
            impatient.lookup("10003456789");
        }).hasMessageStartingWith("MSS-402");
        assertThat(waits).isNotEmpty().allMatch(Duration.ZERO::equals);
    }
}
