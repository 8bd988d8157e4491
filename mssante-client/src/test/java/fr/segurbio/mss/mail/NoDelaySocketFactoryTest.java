package fr.segurbio.mss.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {

    private static SSLSocketFactory factory() throws Exception {
        return new NoDelaySocketFactory(SSLContext.getDefault().getSocketFactory());
    }

    @Test
    void theSocketJakartaMailConnectsItselfHasNagleOff() throws Exception {
        try (Socket s = factory().createSocket()) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }

    @Test
    void everyConnectedSocketHasNagleOffAndStartTlsLayersOverAPlainSocketWithNagleOff() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 10, loopback)) {
            int port = server.getLocalPort();
            try (Socket byName = factory().createSocket(loopback.getHostAddress(), port);
                    Socket byAddress = factory().createSocket(loopback, port);
                    Socket plain = new Socket(loopback, port)) {
                assertThat(byName.getTcpNoDelay()).isTrue();
                assertThat(byAddress.getTcpNoDelay()).isTrue();
                assertThat(plain.getTcpNoDelay()).isFalse();
                try (Socket layered = factory().createSocket(plain, loopback.getHostAddress(), port, true)) {
                    assertThat(layered.getTcpNoDelay()).isTrue();
                    assertThat(plain.getTcpNoDelay()).isTrue();
                }
            }
        }
    }

    @Test
    void theCipherSuitesAreTheDelegatesOwn() throws Exception {
        SSLSocketFactory d = SSLContext.getDefault().getSocketFactory();
        SSLSocketFactory f = new NoDelaySocketFactory(d);
        assertThat(f.getDefaultCipherSuites()).containsExactly(d.getDefaultCipherSuites());
        assertThat(f.getSupportedCipherSuites()).containsExactly(d.getSupportedCipherSuites());
    }
}
