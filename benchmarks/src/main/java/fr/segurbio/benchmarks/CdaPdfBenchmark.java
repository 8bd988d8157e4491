package fr.segurbio.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;

import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.FopFactoryBuilder;
import org.apache.xmlgraphics.util.MimeConstants;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
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
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.ins.BirthPlace;
import fr.segurbio.ins.Ins;
import fr.segurbio.testkit.ConformanceMaterial;

/**
 * A 30-result CR-BIO to PDF: the SDK's renderer (PDFBox, PDF/A-1b, embedded font subsets, INS Datamatrix;
 * target under 15 ms on one core) side by side with the ANS route that vendors use today: the N3 of the same
 * report through the ANS {@code CDA-FO.xsl} (compiled once, Saxon-HE) streamed by SAX into Apache FOP (plain
 * PDF, its base-14 fonts not embedded, no Datamatrix: the route's best case). The ratio of the two scores is
 * the speed-up. Needs {@code ../shared/conformance/cda/FeuilleDeStyle} (or {@code -Dsegur.shared=DIR}).
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar CdaPdfBenchmark -f 1 -wi 3 -w 1 -i 5 -r 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CdaPdfBenchmark {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-20T07:35:00+01:00");

    private CrBioPdfRenderer renderer;
    private CrBioReport report;
    private byte[] n3;
    private Templates cdaFo;
    private FopFactory fop;
    private Path styleDir;

    /** Builds the report, the renderer, the N3 of the same report, and compiles CDA-FO.xsl once. */
    @Setup
    public void setUp() throws Exception {
        report = thirtyResults();
        renderer = CrBioPdfRenderer.create();
        byte[] pdf = renderer.render(report);
        n3 = CrBioWriter.standard().n3(report, pdf).document();
        Path xsl = ConformanceMaterial.find("conformance/cda/FeuilleDeStyle/CDA-FO.xsl").orElseThrow(
                () -> new IllegalStateException(ConformanceMaterial.missing("conformance/cda/FeuilleDeStyle/CDA-FO.xsl")));
        styleDir = xsl.getParent();
        net.sf.saxon.TransformerFactoryImpl saxon = new net.sf.saxon.TransformerFactoryImpl();
        cdaFo = saxon.newTemplates(new StreamSource(xsl.toFile()));
        // Relaxed FO validation (FOP's -r): CDA-FO.xsl emits empty table cells for some header parts.
        fop = new FopFactoryBuilder(styleDir.toUri()).setStrictFOValidation(false).build();
        if (ansRoute().length < 1000) {
            throw new IllegalStateException("the ANS route produced no PDF");
        }
    }

    /** The SDK: model → PDF/A-1b with the INS Datamatrix. */
    @Benchmark
    public byte[] sdkPdfA() {
        return renderer.render(report);
    }

    /** The ANS route: N3 → CDA-FO.xsl (Saxon-HE) → XSL-FO SAX events → Apache FOP → PDF. */
    @Benchmark
    public byte[] ansXslFoFop() throws Exception {
        return ansRoute();
    }

    private byte[] ansRoute() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        Fop f = fop.newFop(MimeConstants.MIME_PDF, out);
        Transformer t = cdaFo.newTransformer();
        t.setParameter("vocFile", styleDir.resolve("cda_l10n.xml").toUri().toString());
        // Streamed as SAX: the FO begins with a stray DOCTYPE that FOP rejects when it is parsed from a file.
        t.transform(new StreamSource(new ByteArrayInputStream(n3)), new SAXResult(f.getDefaultHandler()));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ the 30-result report

    static CrBioReport thirtyResults() {
        Organization lab = new Organization(InstanceId.idNatStruct("1120459876"),
                "Laboratoire de biologie médicale des Charmes",
                Address.of("8 rue Frédéric Bastia", "92100", "BOULOGNE-BILLANCOURT"),
                List.of(Telecom.phone("0174589607", "WP")),
                Code.of("AMBULATOIRE", CodeSystems.PRACTICE_SETTING, "Ambulatoire"));
        HealthProfessional bio = HealthProfessional.builder().id(InstanceId.rpps("10001234567"))
                .profession(Code.of("G15_10/SM03", CodeSystems.PROFESSION, "Médecin - Biologie médicale (SM)"))
                .name(new PersonName("M", "Marcel", "CAMPARINI", "DR")).organization(lab).build();
        Patient patient = Patient.builder()
                .ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "1234567890121"))
                .birthFamilyName("PAT-TROIS").birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE")
                .gender(Gender.F).birthDate(LocalDate.of(1979, 3, 28)).birthPlace(BirthPlace.of("51215"))
                .build();
        Specimen blood = Specimen.builder().type(Code.of("BLD", CodeSystems.SPECIMEN_TYPE, "Sang total"))
                .collected(T0).received(T0.plusMinutes(25)).build();
        String[][] analytes = {
            {"718-7", "Hémoglobine", "13.2", "g/dL", "12.0", "16.0"},
            {"6690-2", "Leucocytes", "11.6", "10*9/L", "4.0", "10.0"},
            {"777-3", "Plaquettes", "250", "10*9/L", "150", "400"},
            {"14682-9", "Créatinine", "72", "umol/L", "45", "84"},
            {"14749-6", "Glucose", "5.6", "mmol/L", "3.9", "6.1"},
            {"2823-3", "Potassium", "3.1", "mmol/L", "3.5", "5.1"},
        };
        CrBioReport.Builder b = CrBioReport.builder()
                .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2026.7.1")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2026.7"))
                .version(1).effectiveTime(T0.plusHours(9)).patient(patient)
                .author(new Participation(bio, T0.plusHours(9))).custodian(lab)
                .legalAuthenticator(new Participation(bio, T0.plusHours(9)))
                .prescriber(new Participation(HealthProfessional.builder().id(InstanceId.rpps("10002422979"))
                        .name(new PersonName(null, "Pascal", "CHARLES", "DR")).build(), T0.minusDays(3)))
                .requestReceived(T0.plusMinutes(25)).performingLab(new Participation(bio, T0.plusHours(8)))
                .encounter(new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V2026-1"),
                        Code.of("AMB", CodeSystems.ACT_CODE, "Ambulatoire"), T0, bio,
                        Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale")));
        for (int c = 0; c < 3; c++) {
            ResultEntry.Builder e1 = ResultEntry.builder().code(Code.loinc("18723-7", "Hématologie")).specimen(blood);
            ResultEntry.Builder e2 = ResultEntry.builder().code(Code.loinc("18723-7", "Hématologie")).specimen(blood);
            for (int i = 0; i < 10; i++) {
                String[] a = analytes[i % analytes.length];
                BigDecimal value = new BigDecimal(a[2]).add(BigDecimal.valueOf(c));
                boolean high = value.compareTo(new BigDecimal(a[5])) > 0;
                boolean low = value.compareTo(new BigDecimal(a[4])) < 0;
                Observation.Builder o = Observation.builder().loinc(Code.loinc(a[0], a[1]))
                        .label(a[1] + " " + (c * 10 + i + 1)).time(T0.plusHours(2))
                        .value(ResultValue.quantity(value.toPlainString(), a[3]))
                        .interpretation(high ? Interpretation.H : low ? Interpretation.L : Interpretation.N)
                        .referenceRange(ReferenceRange.between(a[4], a[5], a[3]));
                if (i % 3 == 0) {
                    o.previousResult(new PreviousResult(T0.minusMonths(3), ResultValue.quantity(a[2], a[3]), null));
                }
                (i < 5 ? e1 : e2).result(o.build());
            }
            b.chapter(Chapter.of(Code.loinc("18723-7", "Hématologie"), "Chapitre " + (c + 1),
                    List.of(new SubChapter(null, "Sous-chapitre " + (c + 1) + ".1", e1.build()),
                            new SubChapter(null, "Sous-chapitre " + (c + 1) + ".2", e2.build()))));
        }
        return b.build();
    }
}
