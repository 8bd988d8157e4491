package fr.segurbio.mss.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    static String autoConfig(String imapHost, String imapSocket, String smtpHost, String smtpSocket) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <clientConfig version="1.1">
                  <emailProvider id="operateur.mssante.fr">
                    <domain>operateur.mssante.fr</domain>
                    <displayName>Opérateur MSSanté</displayName>
                    <incomingServer type="imap">
                      <hostname>%s</hostname><port>993</port><socketType>%s</socketType>
                      <authentication>OAuth2</authentication><username>%%EMAILADDRESS%%</username>
                    </incomingServer>
                    <outgoingServer type="smtp">
                      <hostname>%s</hostname><port>587</port><socketType>%s</socketType>
                      <authentication>OAuth2</authentication><username>%%EMAILADDRESS%%</username>
                    </outgoingServer>
                  </emailProvider>
                </clientConfig>
                """.formatted(imapHost, imapSocket, smtpHost, smtpSocket);
    }

    static OperatorSettings read(String xml) {
        return OperatorSettings.fromAutoConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                Set.of("mssante.fr"));
    }

    @Test
    void readsTheOperatorsAutoConfig() {
        OperatorSettings s = read(autoConfig("imap.operateur.mssante.fr", "SSL", "smtp.operateur.mssante.fr",
                "STARTTLS"));
        assertThat(s.imap()).isEqualTo(new Endpoint("imap.operateur.mssante.fr", 993, TlsMode.IMPLICIT));
        assertThat(s.smtp()).isEqualTo(new Endpoint("smtp.operateur.mssante.fr", 587, TlsMode.STARTTLS));
    }

    @Test
    void serversOutsideTheMssanteDomainsAreRefused() {
        assertThatThrownBy(() -> read(autoConfig("imap.operateur.mssante.fr", "SSL", "smtp.evil.example", "SSL")))
                .hasMessageStartingWith("MSS-201").hasMessageContaining("smtp.evil.example");
        // a look-alike suffix is not the domain
        assertThatThrownBy(() -> read(autoConfig("imap.notmssante.fr", "SSL", "smtp.operateur.mssante.fr", "SSL")))
                .hasMessageStartingWith("MSS-201");
        assertThatThrownBy(() -> OperatorSettings.builder()
                .smtp(new Endpoint("smtp.gmail.com", 465, TlsMode.IMPLICIT))
                .imap(new Endpoint("imap.operateur.mssante.fr", 993, TlsMode.IMPLICIT)).build())
                .hasMessageStartingWith("MSS-201");
    }

    @Test
    void clearTextIsRefused() {
        assertThatThrownBy(() -> read(autoConfig("imap.operateur.mssante.fr", "plain", "smtp.operateur.mssante.fr",
                "SSL"))).hasMessageStartingWith("MSS-201").hasMessageContaining("clear text");
    }

    @Test
    void unreadableOrHostileXmlIsRefused() {
        assertThatThrownBy(() -> read("<clientConfig><incomingServer")).hasMessageStartingWith("MSS-209");
        assertThatThrownBy(() -> read("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<clientConfig>&e;</clientConfig>")).hasMessageStartingWith("MSS-209");
        assertThatThrownBy(() -> read("<other/>")).hasMessageStartingWith("MSS-209");
        assertThatThrownBy(() -> read("<clientConfig/>")).hasMessageStartingWith("MSS-201");
    }

    @Test
    void endpointsAreChecked() {
        assertThatThrownBy(() -> new Endpoint("imap.operateur.mssante.fr", 0, TlsMode.IMPLICIT))
                .hasMessageStartingWith("MSS-201");
        assertThatThrownBy(() -> new Endpoint("bad host", 993, TlsMode.IMPLICIT)).hasMessageStartingWith("MSS-201");
    }
}
