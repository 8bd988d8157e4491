package fr.segurbio.benchmarks;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import fr.segurbio.hl7v2.Er7Parser;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.ack.Acknowledgement;
import fr.segurbio.hl7v2.mllp.MessageHandler;
import fr.segurbio.hl7v2.mllp.MllpClient;
import fr.segurbio.hl7v2.mllp.MllpListener;
import fr.segurbio.hl7v2.pam.IdentityFeed;
import fr.segurbio.hl7v2.pam.PamFrReader;
import fr.segurbio.hl7v2.report.DmpMssFlags;
import fr.segurbio.hl7v2.report.MetaFlag;
import fr.segurbio.hl7v2.report.Organization;
import fr.segurbio.hl7v2.report.Participant;
import fr.segurbio.hl7v2.report.Person;
import fr.segurbio.hl7v2.report.ReportMessage;
import fr.segurbio.hl7v2.report.ReportPatient;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;

/**
 * The hl7v2 hot paths, against the targets: parse and read a PAM FR ADT (target under 0.2 ms), build and
 * encode a 300 KB ORU carrying the CDA (target under 3 ms), and PAM FR ADT received over MLLP on loopback with
 * their ACK (target at least 500 per second on 2 cores). Self-contained: the ADT is the ANS admission template,
 * the CDA a 220 KB document of the size of the ANS example.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar Hl7Benchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Thread)
public class Hl7Benchmark {

    /** The ANS SGL admission template (PAM FR 2.11 ADT^A01 with ZBE, ZFA) plus a ZFD. */
    static final String ADT = "MSH|^~\\&|GAM|CHU-X|DPI|CHU-X|20240306111154||ADT^A01^ADT_A01|3975|D|2.5^FRA^2.11|||||"
            + "FRA|UNICODE UTF-8|FR||2.11^IHE_FRANCE-2.11-PAM\r"
            + "EVN||20240306111154||||20240306111154\r"
            + "PID|1||000003^^^CHU-X&000897406&N^PI~279035121518989^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.10&ISO^INS"
            + "^^20101207||PAT-TROIS^DOMINIQUE^DOMINIQUE^^^^L||19790328|F|||28 Av de Breteuil^^PARIS^^75007^FRA^H^^^^^^^"
            + "~^^^^^^BDL^^63220|||||S||24000006^^^CHU-X&000897406&M^AN|||||||1|||||N||VALI|20240306111153\r"
            + "PV1|1|I|^^^CHU-X&000897406&M^O^^||||||||||||||||000897406^^^CHU-X&000897406&M^VN^^20210409\r"
            + "ZBE|001^CHU-X^000897406|20240306110000||INSERT|N||Chir V^^^^^CHU-X&000897406&N^UF^^^6268|"
            + "Chir V^^^^^CHU-X&000897406&N^UF^^^6268|HMS\r"
            + "ZFA|ACTIF|20240306111154|||||||INO|20240306111154|IC|20240306111154\r"
            + "ZFD|||Y|N|INSI|20211201|CN|\r";

    private byte[] adt;
    private Hl7Message adtMessage;
    private PamFrReader reader;
    private byte[] cda;
    private ReportPatient patient;
    private DmpMssFlags flags;
    private MllpListener listener;
    private MllpClient client;

    /** Builds the inputs and starts the loopback listener once. */
    @Setup(Level.Trial)
    public void setUp() {
        adt = ADT.getBytes(StandardCharsets.UTF_8);
        adtMessage = Er7Parser.create().parse(adt);
        reader = PamFrReader.forEnvironment(InsEnvironment.TEST);
        if (reader.read(adtMessage).event().isEmpty()) {
            throw new IllegalStateException("the ADT does not read");
        }
        StringBuilder xml = new StringBuilder(230_000).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument>");
        while (xml.length() < 220_000) {
            xml.append("<observation><code code=\"2951-2\" codeSystem=\"2.16.840.1.113883.6.1\"/>"
                    + "<value value=\"140\" unit=\"mmol/L\"/></observation>\n");
        }
        cda = xml.append("</ClinicalDocument>").toString().getBytes(StandardCharsets.UTF_8);
        Ins ins = Ins.of("279035121518989", "1.2.250.1.213.1.4.10", InsEnvironment.TEST);
        patient = ReportPatient.builder().ins(ins, true).identifier(PatientIdentifier.ipp("000003", "CHU-X", ""))
                .birthName("PAT-TROIS").firstGiven("DOMINIQUE").givenNames("DOMINIQUE").sex("F")
                .birthDate(LocalDate.of(1979, 3, 28)).birthPlace("63220").status("QUAL").build();
        flags = DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).set(MetaFlag.DESTMSSANTEPS, true)
                .set(MetaFlag.DESTMSSANTEPAT, true).set(MetaFlag.ACK_RECEPTION, false)
                .set(MetaFlag.ACK_LECTURE_MSS, false).build();
        if (buildAndEncodeOru().length < 290_000) {
            throw new IllegalStateException("the ORU is not 300 KB");
        }
        listener = MllpListener.builder(0).bindAddress(InetAddress.getLoopbackAddress())
                .handler(MessageHandler.identityFeed(reader, (IdentityFeed f) -> { })).build().start();
        client = MllpClient.builder("localhost", listener.port()).build();
    }

    /** Stops the listener. */
    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        listener.close();
    }

    /**
     * Parse the ADT bytes (charset from MSH-18) and read the identity, consent and movement.
     *
     * @return the feed
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public IdentityFeed parseAndReadAdt() {
        return reader.read(adt);
    }

    /**
     * Build the ORU^R01 with a 220 KB CDA (base64 in OBX-5.5, PRT, MetaDMPMSS) and encode it to UTF-8 bytes.
     *
     * @return the bytes
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] buildAndEncodeOru() {
        return ReportMessage.builder()
                .header("SIL-Y", "labo", "PFI-X", "Organisation-X")
                .controlId("015")
                .time(OffsetDateTime.of(2021, 6, 6, 9, 31, 0, 0, ZoneOffset.UTC))
                .patient(patient)
                .document(cda)
                .participant(Participant.sender(Person.idNatPs("801234567866", "DIAZ", "Thierry"),
                        Organization.finessGeographic("labo", "1120459876")))
                .participant(Participant.recipient(Person.idNatPs("801234567897", "Hoda", "Adam"),
                        "adam.hoda@test-ci-sis.mssante.fr"))
                .participant(Participant.patient(patient.ins().orElseThrow(), "PAT-TROIS", "DOMINIQUE"))
                .flags(flags)
                .build()
                .toBytes();
    }

    /**
     * One ADT sent over MLLP on loopback, read by the listener's identity feed, and its ACK read back: the
     * throughput is the number of ADT received per second.
     *
     * @return the ACK
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Acknowledgement adtOverMllp() {
        return client.send(adtMessage);
    }
}
