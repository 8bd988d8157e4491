package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.mss.returns.MdnBuilder;
import fr.segurbio.mss.returns.Reception;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.testkit.mss.AnnuaireSimulator;
import fr.segurbio.testkit.mss.MssOperatorFront;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * {@code segur mss} end to end: a report built by {@code segur cda build} is sent to a professional found by RPPS
 * and to the patient through a real SMTP/IMAP server behind a front that requires the lab's certificate, read back
 * from the server's mailboxes, unpacked by {@code segur mss xdm unpack} and read as a CR-BIO; the doctor's MDN is
 * fetched and shown per recipient by {@code segur mss status}.
 */
class MssCommandIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LAB = "labo.charmes@labo.mssante.fr";
    static final String DOCTOR = "jean-marie.dupont@infirmier.mssante.fr";
    static final String PATIENT = "279035121518989@patient.mssante.fr";

    static TestPki pki;
    static GreenMail greenMail;
    static MssOperatorFront front;
    static AnnuaireSimulator annuaire;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        pki = TestPki.create();
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        greenMail.setUser(LAB, LAB, "store-lab");
        greenMail.setUser(DOCTOR, DOCTOR, "store-dr");
        front = MssOperatorFront.builder(pki.serverIdentity(), pki.trustAnchors())
                .store(greenMail)
                .smtpMode(MssOperatorFront.TlsMode.STARTTLS)
                .applicationMailbox(LAB, TestPki.ORGANIZATION, "store-lab").start();
        annuaire = AnnuaireSimulator.builder(pki.serverIdentity(), pki.trustAnchors()).apiKey("cli-key")
                .practitioner("10003456789", "DUPONT", "Jean-Marie").mailbox(DOCTOR, "PER", false, true).done()
                .practitioner("10001111111", "MARTIN", "Claire")
                .mailbox("claire.martin@medecin.mssante.fr", "PER", true, true).done().start();
    }

    @AfterAll
    static void stop() {
        annuaire.close();
        front.close();
        greenMail.stop();
        pki.close();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    static Path config(Path where) throws Exception {
        String json = """
                {"mailbox": "%s", "sourceId": "1.2.250.1.213.1.1.9",
                 "operator": {"smtp": {"host": "localhost", "port": %d, "tls": "STARTTLS"},
                              "imap": {"host": "localhost", "port": %d, "tls": "IMPLICIT"},
                              "domains": ["localhost"]},
                 "authentication": "certificate",
                 "journal": "journal.json",
                 "annuaire": {"base": "%s", "apiKeyEnv": "SEGUR_TEST_NO_SUCH_VARIABLE"},
                 "connection": {"certificate": "%s", "certificatePassword": "%s", "trustStore": "%s"}}
                """.formatted(LAB, front.smtpPort(), front.imapPort(), annuaire.baseUri(),
                pki.orgAuthCli().pkcs12().toString().replace("\\", "\\\\"), new String(pki.orgAuthCli().password()),
                pki.trustAnchorsPem().toString().replace("\\", "\\\\"));
        Path f = where.resolve("mss.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void reportBuiltBySegurIsSentReadBackUnpackedAndItsReturnsShown() throws Exception {
        Path build = dir.resolve("build");
        assertThat(run("cda", "build", CdaCommandTest.SAMPLE.toString(), "--out", build.toString())).isEqualTo(0);
        Path cfg = config(dir);
        Path saved = dir.resolve("sent");
        // the doctor by address (the Annuaire lookup needs the API key, which is not in the environment here)
        assertThat(run("mss", "send", build.toString(), "--config", cfg.toString(), "--to", DOCTOR, "--patient",
                "--save", saved.toString(), "--json")).as(err.toString() + out).isEqualTo(0);
        JsonNode sent = JSON.readTree(out.toString());
        String messageId = sent.get("messageId").asText();
        assertThat(sent.at("/recipients/" + DOCTOR.replace("/", "~1") + "/accepted").asBoolean()).isTrue();
        assertThat(sent.at("/recipients/" + PATIENT + "/accepted").asBoolean()).isTrue();

        // the .eml kept is the message as submitted
        List<Path> eml;
        try (var s = Files.list(saved)) {
            eml = s.toList();
        }
        assertThat(eml).hasSize(1);
        MimeMessage kept = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(Files.readAllBytes(eml.get(0))));
        assertThat(kept.getMessageID()).isEqualTo(messageId);

        // read back from the server's mailboxes, unpacked and read as a CR-BIO
        for (String box : List.of(DOCTOR, PATIENT)) {
            StoredMessage stored = greenMail.getManagers().getImapHostManager()
                    .getInbox(greenMail.getUserManager().getUserByEmail(box)).getMessages().stream()
                    .filter(m -> messageId.equals(id(m))).findFirst().orElseThrow();
            MimeMultipart mp = (MimeMultipart) stored.getMimeMessage().getContent();
            Part zip = mp.getBodyPart(1);
            Path zipFile = dir.resolve(box.substring(0, 5) + "-IHE_XDM.ZIP");
            try (var in = zip.getInputStream()) {
                Files.write(zipFile, in.readAllBytes());
            }
            Path unpacked = dir.resolve("unpacked-" + box.substring(0, 5));
            assertThat(run("mss", "xdm", "unpack", zipFile.toString(), "--out", unpacked.toString(), "--json"))
                    .as(out.toString()).isEqualTo(0);
            JsonNode u = JSON.readTree(out.toString());
            assertThat(u.get("documents")).hasSize(2);
            Path n3 = Path.of(u.at("/documents/0/file").asText());
            assertThat(CrBioReader.create().read(n3).report().patient().birthFamilyName()).isEqualTo("PAT-TROIS");
            assertThat(Files.readAllBytes(n3)).isEqualTo(Files.readAllBytes(build.resolve("sample-report-N3.xml")));
        }

        // the doctor's system answers an MDN; the lab fetches it
        StoredMessage atDoctor = greenMail.getManagers().getImapHostManager()
                .getInbox(greenMail.getUserManager().getUserByEmail(DOCTOR)).getMessages().stream()
                .filter(m -> messageId.equals(id(m))).findFirst().orElseThrow();
        MimeMessage received = copy(atDoctor.getMimeMessage());
        MimeMessage mdn = MdnBuilder.from(DOCTOR).build(received, Reception.of(received));
        greenMail.getUserManager().getUserByEmail(LAB).deliver(copy(mdn));
        assertThat(run("mss", "fetch-returns", "--config", cfg.toString(), "--json")).as(err.toString() + out)
                .isEqualTo(0);
        assertThat(JSON.readTree(out.toString()).get("returns").asInt()).isEqualTo(1);
        assertThat(run("mss", "status", messageId, "--config", cfg.toString(), "--json")).isEqualTo(0);
        JsonNode status = JSON.readTree(out.toString()).at("/messages/0/recipients");
        assertThat(status.at("/" + DOCTOR + "/status").asText()).isEqualTo("PROCESSED");
        assertThat(status.at("/" + PATIENT + "/status").asText()).isEqualTo("SENT");
        assertThat(run("mss", "status", "--config", cfg.toString())).isEqualTo(0);
        assertThat(out.toString()).contains(messageId).contains("PROCESSED");
    }

    @Test
    void badInputsAreRefusedWithTheirCodes() throws Exception {
        Path build = dir.resolve("build2");
        assertThat(run("cda", "build", CdaCommandTest.SAMPLE.toString(), "--out", build.toString())).isEqualTo(0);
        Path cfg = config(dir);
        // an address outside MSSanté
        assertThat(run("mss", "send", build.toString(), "--config", cfg.toString(), "--to", "x@gmail.com", "--json"))
                .isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("MSS-103");
        // the patient opposed
        assertThat(run("mss", "send", build.toString(), "--config", cfg.toString(), "--patient", "--patient-opposed",
                "--json")).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("MSS-102");
        // a recipient on liste rouge, from the offline extraction
        Path extract = dir.resolve("bal.csv");
        Files.writeString(extract, "identifiant_pp;adresse_bal_mssante;type_bal;liste_rouge;nom;prenom\n"
                + "10001111111;claire.martin@medecin.mssante.fr;PER;1;MARTIN;Claire\n");
        assertThat(run("mss", "send", build.toString(), "--config", cfg.toString(), "--to-rpps", "10001111111",
                "--extract", extract.toString(), "--json")).isEqualTo(ExitCode.INVALID);
        assertThat(out.toString()).contains("MSS-106");
        // a corrupt archive
        Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "PK\u0003\u0004 not really a zip");
        assertThat(run("mss", "xdm", "unpack", bad.toString(), "--out", dir.resolve("x").toString()))
                .isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("MSS-001");
    }

    @Test
    void lookupAndPackRoundTrip() throws Exception {
        Path extract = dir.resolve("bal2.csv");
        Files.writeString(extract, "identifiant_pp;adresse_bal_mssante;type_bal;liste_rouge;nom;prenom\n"
                + "10003456789;" + DOCTOR + ";PER;0;DUPONT;Jean-Marie\n");
        assertThat(run("mss", "lookup", "10003456789", "--extract", extract.toString(), "--json")).isEqualTo(0);
        assertThat(JSON.readTree(out.toString()).at("/mailboxes/0/address").asText()).isEqualTo(DOCTOR);
        assertThat(run("mss", "lookup", "123", "--extract", extract.toString())).isEqualTo(ExitCode.INVALID);
        assertThat(err.toString()).contains("MSS-405");

        Path build = dir.resolve("build3");
        assertThat(run("cda", "build", CdaCommandTest.SAMPLE.toString(), "--out", build.toString())).isEqualTo(0);
        Path zip = dir.resolve("packed.zip");
        assertThat(run("mss", "xdm", "pack", build.toString(), "--source-id", "1.2.250.1.213.1.1.9", "--recipient",
                DOCTOR, "--out", zip.toString())).as(err.toString()).isEqualTo(0);
        assertThat(run("mss", "xdm", "unpack", zip.toString(), "--out", dir.resolve("packed").toString(), "--json"))
                .isEqualTo(0);
        assertThat(JSON.readTree(out.toString()).get("documents")).hasSize(2);
    }

    static String id(StoredMessage m) {
        try {
            return m.getMimeMessage().getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    static MimeMessage copy(MimeMessage m) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
    }
}
