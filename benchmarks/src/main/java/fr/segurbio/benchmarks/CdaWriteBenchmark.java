package fr.segurbio.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.Gender;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Organization;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.PersonName;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;

/**
 * cda-bio writers: the N3 of a 30-result CR-BIO (3 chapters of 10 results with reference ranges, previous
 * results, a comment) streamed with StAX, with the XDS metadata (SHA-1 and size) computed while writing; target
 * under 1 ms plus the PDF's base64. {@code pdfKb} is the size of the embedded PDF copy (0 → a 1 KB PDF), so the
 * XML cost and the base64 cost can be read apart. The N1 (PDF in nonXMLBody) is measured too.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CdaWriteBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CdaWriteBenchmark {

    /** Size of the embedded PDF copy in KB (0: a 1 KB PDF). */
    @Param({"0", "100"})
    public int pdfKb;

    private CrBioReport report;
    private byte[] pdf;
    private CrBioWriter writer;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);

    /** Builds the 30-result report and the PDF. */
    @Setup
    public void setup() {
        report = thirtyResults();
        int size = Math.max(1, pdfKb) * 1024;
        byte[] body = new byte[size];
        new Random(42).nextBytes(body);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, body, 0, head.length);
        pdf = body;
        writer = CrBioWriter.builder().stylesheet("CDA-FO.xsl").build();
        if (report.observationCount() != 30) {
            throw new IllegalStateException("expected 30 results, got " + report.observationCount());
        }
    }

    /**
     * The N3 of a 30-result report, with its XDS metadata.
     *
     * @return the metadata
     */
    @Benchmark
    public XdsMetadata writeN3() {
        out.reset();
        return writer.writeN3(report, pdf, out);
    }

    /**
     * The N1 of the same report.
     *
     * @return the metadata
     */
    @Benchmark
    public XdsMetadata writeN1() {
        out.reset();
        return writer.writeN1(report, pdf, out);
    }

    static CrBioReport thirtyResults() {
        OffsetDateTime t0 = OffsetDateTime.parse("2024-01-04T07:35:00+01:00");
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"), "Laboratoire des charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional bio = HealthProfessional.builder().id(InstanceId.idNatPs("801234534765"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR"))
                .address(Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"))
                .telecom(Telecom.phone("0174589607", "WP")).organization(lab).build();
        Patient patient = Patient.builder().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
                .address(Address.of("28 avenue de Breteuil", "75007", "PARIS"))
                .telecom(Telecom.phone("0144534551", "H")).build();
        String[][] analytes = {
            {"2345-7", "Glucose", "mmol/L", "4.10", "3.90", "6.10"},
            {"2160-0", "Créatinine", "umol/L", "78", "45", "90"},
            {"22664-7", "Urée", "mmol/L", "5.2", "2.5", "7.5"},
            {"2951-2", "Sodium", "mmol/L", "140", "136", "145"},
            {"2823-3", "Potassium", "mmol/L", "4.1", "3.5", "5.1"},
            {"2075-0", "Chlorure", "mmol/L", "101", "98", "107"},
            {"1920-8", "ASAT", "U/L", "22", "5", "34"},
            {"1742-6", "ALAT", "U/L", "25", "5", "55"},
            {"2093-3", "Cholestérol", "mmol/L", "5.1", "3.0", "5.2"},
            {"3016-3", "TSH", "m[IU]/L", "1.950", "0.270", "4.200"},
        };
        String[] chapters = {"18719-5", "18723-7", "18718-7"};
        String[] titles = {"Biochimie", "Hématologie", "Protéines, marqueurs tumoraux, vitamines"};
        CrBioReport.Builder b = CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1.1")).setId(InstanceId.of("1.2.250.1.213.1.1.9.1.2024.1"))
                .effectiveTime(t0.plusHours(9)).patient(patient)
                .author(new Participation(bio, t0.plusHours(9))).custodian(lab)
                .legalAuthenticator(new Participation(bio, t0.plusHours(9)))
                .orderId(InstanceId.of("1.2.250.1.213.1.1.9", "2024123456789"))
                .requestReceived(t0.plusMinutes(20)).performingLab(new Participation(bio, t0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), t0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")));
        for (int c = 0; c < chapters.length; c++) {
            ResultEntry.Builder e = ResultEntry.builder().code(Code.loinc(chapters[c], titles[c]))
                    .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum"))
                            .collected(t0).received(t0.plusMinutes(20)).build());
            List<Observation> results = new ArrayList<>();
            for (String[] a : analytes) {
                Observation.Builder o = Observation.builder().loinc(Code.loinc(a[0], a[1])).label(a[1])
                        .time(t0.plusHours(3)).value(ResultValue.quantity(a[3], a[2]))
                        .interpretation(Interpretation.N).methodText("Automate")
                        .referenceRange(ReferenceRange.between(a[4], a[5], a[2]))
                        .previousResult(new PreviousResult(t0.minusMonths(6), ResultValue.quantity(a[3], a[2]), null));
                if (results.isEmpty()) {
                    o.comment(Comment.of("Résultat contrôlé."));
                }
                results.add(o.build());
            }
            results.forEach(e::result);
            b.chapter(Chapter.of(Code.loinc(chapters[c], titles[c]), titles[c].toUpperCase(java.util.Locale.ROOT),
                    List.of(new SubChapter(Code.loinc(chapters[c], titles[c]), titles[c], e.build()))));
        }
        return b.build();
    }
}
