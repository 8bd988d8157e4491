package fr.segurbio.dmp;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.testkit.TestPki;
import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.HttpExchange;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;

/** Reports, submissions and clients for the tests. */
final class Fixtures {

    static final String STRUCTURE = "1120459876";
    static final String ROOT = "1.2.250.1.213.1.1.9.1.2024.1.1";
    static final byte[] PDF = pdf(2_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    static byte[] pdf(int size) {
        byte[] b = new byte[size];
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = head.length; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    static Path sampleJson() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("examples/sample-report.json");
            if (Files.exists(f)) {
                return f;
            }
        }
        throw new IllegalStateException("examples/sample-report.json not found");
    }

    /** The sample report with its own id extension, version and (optionally) the replaced version. */
    static CrBioReport report(String ext, int version, String replacesExt, String matricule, String oid,
            boolean qualified) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(sampleJson().toFile());
            ObjectNode doc = (ObjectNode) root.get("document");
            ((ObjectNode) doc.get("id")).put("extension", ext);
            ((ObjectNode) doc.get("setId")).put("extension", "SET-" + ext.replaceAll("-V\\d+$", ""));
            doc.put("version", version);
            if (replacesExt != null) {
                ObjectNode r = doc.putObject("replaces");
                r.put("root", ROOT);
                r.put("extension", replacesExt);
            }
            ObjectNode patient = (ObjectNode) root.get("patient");
            ((ObjectNode) patient.get("ins")).put("matricule", matricule);
            ((ObjectNode) patient.get("ins")).put("oid", oid);
            patient.put("insQualified", qualified);
            byte[] json = JSON.writeValueAsBytes(root);
            return CrBioJson.read(new ByteArrayInputStream(json), sampleJson().getParent()).report();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static CrBioReport report(String ext) {
        return report(ext, 1, null, "279035121518989", "1.2.250.1.213.1.4.10", true);
    }

    static DmpSubmission submission(CrBioReport report) {
        return submission(report, PDF, false);
    }

    static DmpSubmission submission(CrBioReport report, byte[] pdf, boolean annonce) {
        WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
        WrittenDocument n1 = CrBioWriter.standard().n1(report, pdf);
        return DmpSubmission.builder().n3(n3).n1(n1)
                .consent(PatientConsent.informedNotOpposed(Instant.now())).annonce(annonce).build();
    }

    static VihfSettings vihf() {
        return vihfBuilder().build();
    }

    static VihfSettings.Builder vihfBuilder() {
        return VihfSettings.builder().software("SGL-LABO", "4.2.0").homologation("LAB-20240001-tmp1")
                .structureId(STRUCTURE).sector("SA25").softwareInstanceId("1.2.250.1.999.1.1.42");
    }

    static SoftwareCertificate load(fr.segurbio.testkit.TestIdentity id) {
        return SoftwareCertificate.pkcs12(id.pkcs12(), id.password()).load();
    }

    static DmpClient.Builder client(TestPki pki, ServiceConnection connection) {
        return DmpClient.builder().connection(connection).environment(DmpEnvironment.TEST)
                .endpoint(java.net.URI.create("https://dmp.test/si-dmp-server/v2/services"))
                .vihf(vihf()).signingCertificate(load(pki.orgSign()))
                .actor(DmpActor.automate(STRUCTURE + "/SGL", "SGL-LABO, automate, laboratoire"))
                .structure(STRUCTURE, "Laboratoire des charmes");
    }

    /** A stand-in DMP that records every call and answers by SOAP action. */
    static final class Recorder implements HttpExchange {
        final List<HttpCall> calls = new CopyOnWriteArrayList<>();
        final Map<String, Function<HttpCall, HttpResult>> answers = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public HttpResult exchange(HttpCall call) {
            calls.add(call);
            String ct = call.contentType();
            for (var e : answers.entrySet()) {
                if (ct.contains("action=\"" + e.getKey() + "\"")) {
                    return e.getValue().apply(call);
                }
            }
            throw new IllegalStateException("no answer for " + ct);
        }

        List<String> actions() {
            List<String> out = new ArrayList<>();
            for (HttpCall c : calls) {
                String ct = c.contentType();
                int i = ct.lastIndexOf("action=\"");
                out.add(ct.substring(i + 8, ct.indexOf('"', i + 8)));
            }
            return out;
        }
    }

    static HttpResult soap(String bodyXml) {
        String env = "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>" + bodyXml
                + "</soap:Body></soap:Envelope>";
        return new HttpResult(200, Map.of("content-type", List.of("application/soap+xml; charset=UTF-8")),
                env.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResult success() {
        return soap("<rs:RegistryResponse xmlns:rs=\"urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0\" "
                + "status=\"urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success\"/>");
    }

    static HttpResult td02(String state, String authorization) {
        return soap("<PRPA_IN201308UV02 xmlns=\"urn:hl7-org:v3\"><controlActProcess><subject><registrationEvent>"
                + "<statusCode code=\"" + state + "\"/><authorization code=\"" + authorization + "\"/>"
                + "</registrationEvent></subject></controlActProcess></PRPA_IN201308UV02>");
    }

    /** The SOAP envelope (root MIME part) of a recorded call. */
    static String envelope(HttpCall call) {
        String s = new String(call.body(), StandardCharsets.UTF_8);
        int start = s.indexOf("<soap:Envelope");
        int end = s.indexOf("</soap:Envelope>");
        return s.substring(start, end + "</soap:Envelope>".length());
    }
}
