package fr.segurbio.hl7v2.mllp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.AnsExamples;
import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Charsets;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.ack.AckCode;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.ack.BusinessAck;
import fr.segurbio.hl7v2.ack.ErrorDetail;
import fr.segurbio.hl7v2.ack.SentMessages;
import fr.segurbio.hl7v2.ack.VoletError;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.hl7v2.report.ReceivedReport;
import fr.segurbio.hl7v2.report.ReportMessageReader;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.testkit.TestIdentity;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.AuditEvent;
import fr.segurbio.transport.MutualTls;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireExchange;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLLP exchanges with a test DPI/PFI on loopback. */
class MllpTest {

    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @AfterAll
    static void closePki() {
        pki.close();
    }

    static SSLContext tls(TestIdentity id) {
        return MutualTls.sslContext(SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load(),
                TrustStore.of(pki.trustAnchors()));
    }

    static Hl7Message oru() {
        return Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ORU_INIT));
    }

    /** The test PFI: reads the report as a PFI does, answers AA, or AE with the problems. */
    static MessageHandler pfi(List<ReceivedReport> received) {
        return m -> {
            ReceivedReport r = ReportMessageReader.create().read(m);
            received.add(r);
            return Acknowledgement.answer(m, ValidationResult.of(r.problems().warnings()), "PFI-" + m.controlId(),
                    OffsetDateTime.now());
        };
    }

    static MllpListener.Builder loopback() {
        return MllpListener.builder(0).bindAddress(InetAddress.getLoopbackAddress());
    }

    @Test
    void anOruToTheTestPfiIsAcknowledged() {
        List<ReceivedReport> received = new CopyOnWriteArrayList<>();
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        List<WireExchange> wire = new CopyOnWriteArrayList<>();
        try (MllpListener pfi = loopback().handler(pfi(received)).build().start();
                MllpClient client = MllpClient.builder("localhost", pfi.port()).auditListener(audit::add)
                        .wireTrace(wire::add).build()) {
            Acknowledgement ack = client.send(oru());
            assertThat(ack.code()).isEqualTo(AckCode.AA);
            assertThat(ack.acknowledgedControlId()).isEqualTo("015");
            // the same connection serves the next message
            Acknowledgement again = client.send(oru());
            assertThat(again.code()).isEqualTo(AckCode.AA);
        }
        assertThat(received).hasSize(2);
        assertThat(received.get(0).document().orElseThrow()).hasSizeGreaterThan(200_000);
        assertThat(audit).extracting(AuditEvent::outcome).containsOnly(AuditEvent.Outcome.SUCCESS);
        assertThat(audit.get(0).operation()).isEqualTo("ORU^R01");
        assertThat(wire.get(0).requestBody()).isEqualTo(oru().toBytes());
    }

    @Test
    void aeAndArAreResultsWithTheirErrors() {
        MessageHandler rejecting = m -> Acknowledgement.answer(m, "015".equals(m.controlId()) ? AckCode.AE : AckCode.AR,
                List.of(ErrorDetail.application("PID^1^3", VoletError.UNKNOWN_PATIENT)), "X", OffsetDateTime.now());
        try (MllpListener pfi = loopback().handler(rejecting).build().start();
                MllpClient client = MllpClient.builder("localhost", pfi.port()).build()) {
            Acknowledgement ae = client.send(oru());
            assertThat(ae.code()).isEqualTo(AckCode.AE);
            assertThat(ae.errors().get(0).voletError()).contains(VoletError.UNKNOWN_PATIENT);
            Hl7Message other = oru().toBuilder().set(0, oru().msh().toBuilder().set(10, "016").build()).build();
            Acknowledgement ar = client.send(other);
            assertThat(ar.code()).isEqualTo(AckCode.AR);
            assertThat(ar.code().isRetryable()).isTrue();
        }
    }

    @Test
    void anAnswerForAnotherMessageIsRefused() {
        MessageHandler confused = m -> Acknowledgement.answer(
                m.toBuilder().set(0, m.msh().toBuilder().set(10, "999").build()).build(), AckCode.AA, List.of(), "X",
                OffsetDateTime.now());
        try (MllpListener pfi = loopback().handler(confused).build().start();
                MllpClient client = MllpClient.builder("localhost", pfi.port()).build()) {
            assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                    e -> assertThat(e.code()).isEqualTo(Hl7Error.ACK_MISMATCH));
        }
    }

    @Test
    void aSlowPeerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageHandler slow = m -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Acknowledgement.answer(m, AckCode.AA, List.of(), "X", OffsetDateTime.now());
        };
        List<AuditEvent> audit = new CopyOnWriteArrayList<>();
        try (MllpListener pfi = loopback().handler(slow).build().start();
                MllpClient client = MllpClient.builder("localhost", pfi.port())
                        .responseTimeout(Duration.ofMillis(300)).auditListener(audit::add).build()) {
            assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                    e -> assertThat(e.code()).isEqualTo(Hl7Error.TIMEOUT));
            release.countDown();
        }
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(AuditEvent.Outcome.TRANSPORT_ERROR);
            assertThat(a.errorCode()).isEqualTo("HL7-402");
        });
    }

    /** A peer that reads one frame per connection and hangs up without answering the first {@code drops}. */
    static ServerSocket droppingPeer(int drops, AtomicInteger connections) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    int n = connections.incrementAndGet();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    byte[] frame = MllpFraming.read(in, 1 << 24);
                    if (n <= drops || frame == null) {
                        continue;
                    }
                    Hl7Message m = Er7Parser.create().parse(frame);
                    OutputStream out = s.getOutputStream();
                    MllpFraming.write(out, Acknowledgement.answer(m, AckCode.AA, List.of(), "X", OffsetDateTime.now())
                            .toBytes());
                    MllpFraming.read(in, 1 << 24);
                } catch (IOException | RuntimeException e) {
                    // the test peer goes on with the next connection
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void aDroppedConnectionIsReopenedOnceAndTheMessageSentAgain() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket peer = droppingPeer(1, connections);
                MllpClient client = MllpClient.builder("localhost", peer.getLocalPort()).build()) {
            assertThat(client.send(oru()).code()).isEqualTo(AckCode.AA);
            assertThat(connections.get()).isEqualTo(2);
        }
        AtomicInteger always = new AtomicInteger();
        try (ServerSocket peer = droppingPeer(Integer.MAX_VALUE, always);
                MllpClient client = MllpClient.builder("localhost", peer.getLocalPort()).build()) {
            assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                    e -> assertThat(e.code()).isEqualTo(Hl7Error.CLOSED));
            assertThat(always.get()).isEqualTo(2);
        }
    }

    @Test
    void nobodyListeningAndGarbageInsteadOfAFrame() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        try (MllpClient client = MllpClient.builder("localhost", free).connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                    e -> assertThat(e.code()).isEqualTo(Hl7Error.CONNECT));
        }
        try (ServerSocket peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = peer.accept()) {
                    MllpFraming.read(new BufferedInputStream(s.getInputStream()), 1 << 24);
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (IOException | InterruptedException e) {
                    // test peer
                }
            });
            t.setDaemon(true);
            t.start();
            try (MllpClient client = MllpClient.builder("localhost", peer.getLocalPort()).reconnects(0).build()) {
                assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isEqualTo(Hl7Error.FRAMING));
            }
        }
    }

    @Test
    void mutualTlsWithTheLabCertificateFromTheServiceConnection() {
        List<ReceivedReport> received = new CopyOnWriteArrayList<>();
        TestIdentity lab = pki.orgAuthCli();
        try (MllpListener pfi = loopback().sslContext(tls(pki.serverIdentity())).handler(pfi(received)).build()
                .start();
                ServiceConnection connection = ServiceConnection.builder()
                        .certificate(lab.pkcs12(), lab.password())
                        .trustStore(TrustStore.of(pki.trustAnchors()))
                        .responseTimeout(Duration.ofSeconds(10)).build();
                MllpClient client = MllpClient.builder("localhost", pfi.port()).connection(connection).build()) {
            assertThat(client.endpoint().getScheme()).isEqualTo("mllps");
            assertThat(client.send(oru()).code()).isEqualTo(AckCode.AA);
        }
        assertThat(received).hasSize(1);
    }

    @Test
    void tlsWithoutAClientCertificateOrWithAnUntrustedServerFails() {
        try (MllpListener pfi = loopback().sslContext(tls(pki.serverIdentity())).handler(pfi(new CopyOnWriteArrayList<>()))
                .build().start()) {
            SSLContext noCert = MutualTls.sslContext(TrustStore.of(pki.trustAnchors()));
            try (MllpClient client = MllpClient.builder("localhost", pfi.port()).sslContext(noCert).reconnects(0)
                    .build()) {
                assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isIn(Hl7Error.TLS, Hl7Error.CLOSED));
            }
        }
        try (MllpListener rogue = loopback().sslContext(tls(pki.rogueServerIdentity())).needClientAuth(false)
                .handler(pfi(new CopyOnWriteArrayList<>())).build().start();
                MllpClient client = MllpClient.builder("localhost", rogue.port()).sslContext(tls(pki.orgAuthCli()))
                        .reconnects(0).build()) {
            assertThatThrownBy(() -> client.send(oru())).isInstanceOfSatisfying(Hl7Exception.class,
                    e -> assertThat(e.code()).isEqualTo(Hl7Error.TLS));
        }
    }

    @Test
    void theIdentityFeedListenerAnswersEachAdtAndSaysWhy() {
        List<IdentityFeed> feeds = new CopyOnWriteArrayList<>();
        try (MllpListener listener = loopback()
                .handler(MessageHandler.identityFeed(PamFrReader.forEnvironment(InsEnvironment.PRODUCTION), feeds::add))
                .build().start();
                MllpClient gam = MllpClient.builder("localhost", listener.port()).build()) {
            Hl7Message adt = Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ADMISSION));
            Acknowledgement ack = gam.send(adt);
            // a test-environment INS sent to a production SGL
            assertThat(ack.code()).isEqualTo(AckCode.AE);
            assertThat(ack.errors()).extracting(ErrorDetail::applicationCode).contains("HL7-102");
        }
        assertThat(feeds).singleElement().satisfies(f -> assertThat(f.update()).isPresent());
    }

    @Test
    void charsetFromMsh18SizeLimitAndUnparseableBytes() throws Exception {
        List<Hl7Message> got = new CopyOnWriteArrayList<>();
        MessageHandler echo = m -> {
            got.add(m);
            return Acknowledgement.answer(m, AckCode.AA, List.of(), "X", OffsetDateTime.now());
        };
        try (MllpListener listener = loopback().handler(echo).maxMessageBytes(64 * 1024).build().start();
                MllpClient client = MllpClient.builder("localhost", listener.port()).build()) {
            Hl7Message latin9 = Er7Parser.create().parse(("MSH|^~\\&|GAM|CHU|SGL|LAB|20240101||ADT^A28^ADT_A05|L9|P|"
                    + "2.5^FRA^2.11|||||FRA|8859/15\rEVN||20240101\rPID|1||1^^^X&1.2.3&ISO^PI||HÉBERT^ÉLÉONORE^^^^^L||"
                    + "19800101|F\r").getBytes(Hl7Charsets.ISO_8859_15));
            assertThat(client.send(latin9).code()).isEqualTo(AckCode.AA);
            assertThat(got.get(0).segment("PID").orElseThrow().value(5, 1)).isEqualTo("HÉBERT");
            // larger than the listener's limit: AE HL7-004, and the connection still serves
            Acknowledgement tooLarge = Acknowledgement.read(client.exchange(oru()));
            assertThat(tooLarge.code()).isEqualTo(AckCode.AE);
            assertThat(tooLarge.errors()).extracting(ErrorDetail::applicationCode).containsExactly("HL7-004");
            assertThat(client.send(latin9).code()).isEqualTo(AckCode.AA);
        }
        // bytes that are not HL7 inside a frame: AE with the parser's problems
        try (MllpListener listener = loopback().handler(echo).build().start();
                Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.port())) {
            MllpFraming.write(s.getOutputStream(), "MSH|^~|oops".getBytes(StandardCharsets.US_ASCII));
            byte[] reply = MllpFraming.read(new BufferedInputStream(s.getInputStream()), 1 << 20);
            Acknowledgement ack = Acknowledgement.read(Er7Parser.create().parse(reply));
            assertThat(ack.code()).isEqualTo(AckCode.AE);
            assertThat(ack.errors()).extracting(ErrorDetail::applicationCode).contains("HL7-003");
        }
    }

    @Test
    void aReplyThatDoesNotFitTheLatin9OfTheMessageGoesOutInUtf8() {
        MessageHandler typographic = m -> Acknowledgement.answer(m, AckCode.AE, List.of(new ErrorDetail("", "207",
                "Application internal error", "E", "906", "l\u2019identit\u00e9 est inconnue", "applicationErrorCode")),
                "X", OffsetDateTime.now());
        try (MllpListener listener = loopback().handler(typographic).build().start();
                MllpClient client = MllpClient.builder("localhost", listener.port()).build()) {
            Hl7Message latin9 = Er7Parser.create().parse(("MSH|^~\\&|GAM|CHU|SGL|LAB|20240101||ADT^A28^ADT_A05|L9|P|"
                    + "2.5^FRA^2.11|||||FRA|8859/15\rEVN||20240101\r").getBytes(Hl7Charsets.ISO_8859_15));
            Hl7Message reply = client.exchange(latin9);
            assertThat(reply.charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(Acknowledgement.read(reply).errors().get(0).applicationText()).isEqualTo("l\u2019identit\u00e9 est inconnue");
        }
    }

    @Test
    void zamsAreMatchedAndAnswered() {
        SentMessages sent = SentMessages.withCapacity(100);
        // the ORU goes to the test PFI through a client that registers it with its ACK
        try (MllpListener pfi = loopback().handler(pfi(new CopyOnWriteArrayList<>())).build().start();
                MllpClient toPfi = MllpClient.builder("localhost", pfi.port()).sentMessages(sent).build()) {
            toPfi.send(oru());
        }
        assertThat(sent.tracking("015").orElseThrow().ack().orElseThrow().code()).isEqualTo(AckCode.AA);
        List<BusinessAck> zams = new CopyOnWriteArrayList<>();
        try (MllpListener listener = loopback().handler(MessageHandler.businessAcks(sent, zams::add)).build().start();
                MllpClient pfi = MllpClient.builder("localhost", listener.port()).build()) {
            BusinessAck z01 = new BusinessAck("Z1", BusinessAck.Kind.DMP_RECEPTION, "015", true, Optional.empty(),
                    List.of());
            Acknowledgement ack = pfi.send(z01.toMessage("PFI-X", "Organisation-X", "SIL-Y", "labo", OffsetDateTime.now()));
            assertThat(ack.code()).isEqualTo(AckCode.AA);
            BusinessAck unknown = new BusinessAck("Z2", BusinessAck.Kind.MSS_READ, "404", true,
                    Optional.of("adam.hoda@test-ci-sis.mssante.fr"), List.of());
            Acknowledgement ack2 = pfi.send(unknown.toMessage("PFI-X", "Organisation-X", "SIL-Y", "labo",
                    OffsetDateTime.now()));
            assertThat(ack2.code()).isEqualTo(AckCode.AA); // a warning: matched nothing, said in the sink's data
        }
        assertThat(zams).hasSize(2);
        assertThat(sent.tracking("015").orElseThrow().businessAcks()).extracting(BusinessAck::kind)
                .containsExactly(BusinessAck.Kind.DMP_RECEPTION);
    }

    @Test
    void filesOnDisk(@TempDir Path dir) throws Exception {
        FileExchange files = FileExchange.of(dir.resolve("in"), dir.resolve("out"));
        Path written = files.send(oru());
        assertThat(written.getFileName().toString()).isEqualTo("015.hl7");
        assertThat(Files.readAllBytes(written)).isEqualTo(oru().toBytes());
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/001-admission.er7"), AnsExamples.bytes(AnsExamples.ADMISSION));
        Files.writeString(dir.resolve("in/002-broken.hl7"), "PID|||nothing");
        List<IdentityFeed> feeds = new CopyOnWriteArrayList<>();
        List<FileExchange.Received> results = files.poll(
                MessageHandler.identityFeed(PamFrReader.forEnvironment(InsEnvironment.TEST), feeds::add));
        assertThat(results).hasSize(2);
        assertThat(results.get(0).reply()).isPresent();
        assertThat(results.get(1).problems().has(Hl7Error.NO_MSH)).isTrue();
        assertThat(dir.resolve("in/done/001-admission.er7")).exists();
        assertThat(dir.resolve("in/error/002-broken.hl7")).exists();
        assertThat(Files.readString(dir.resolve("in/error/002-broken.hl7.problems.txt"))).contains("HL7-002");
        assertThat(dir.resolve("out/ACK" + "")).doesNotExist();
        try (var out = Files.list(dir.resolve("out"))) {
            assertThat(out.filter(p -> p.getFileName().toString().startsWith("ACK")).count()).isEqualTo(1);
        }
        assertThat(feeds).hasSize(1);
        assertThat(files.poll(m -> null)).isEmpty();
    }
}
