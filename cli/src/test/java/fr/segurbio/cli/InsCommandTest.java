package fr.segurbio.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;

class InsCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String IDENTITY = """
            {"matricule":"275126322074974","oid":"1.2.250.1.213.1.4.8","birthName":"ADRUN","firstNames":["ZOE"],
             "sex":"F","birthDate":"1975-12-31","birthPlace":"63220","retrievedFromInsi":true,
             "identityDocument":"CN","attributes":[]}
            """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Segur.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private JsonNode json() throws Exception {
        return JSON.readTree(out.toString());
    }

    @Test
    void insGroupListsItsCommands() {
        assertThat(run("ins")).isEqualTo(0);
        assertThat(out.toString()).contains("check").contains("datamatrix").contains("search");
        assertThat(run("ins", "search", "--help")).isEqualTo(0);
        assertThat(run("ins", "datamatrix", "--help")).isEqualTo(0);
        assertThat(out.toString()).contains("encode").contains("decode");
    }

    // ------------------------------------------------------------------------------------------- check

    @Test
    void checkValidWithAndWithoutOid() throws Exception {
        assertThat(run("ins", "check", "275126322074974", "--oid", "1.2.250.1.213.1.4.9", "--json")).isEqualTo(0);
        JsonNode n = json();
        assertThat(n.get("valid").asBoolean()).isTrue();
        assertThat(n.get("matricule").asText()).isEqualTo("275126322074974");
        assertThat(n.get("kind").asText()).isEqualTo("NIA");
        assertThat(n.get("oid").asText()).isEqualTo("1.2.250.1.213.1.4.9");
        assertThat(n.get("errors")).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("ins", "check", "180032B02040123", "--json")).isEqualTo(0);
        assertThat(json().get("kind").isNull()).isTrue();
        assertThat(json().get("oid").isNull()).isTrue();
    }

    @Test
    void checkWrongKey() throws Exception {
        assertThat(run("ins", "check", "275126322074975", "--json")).isEqualTo(1);
        JsonNode n = json();
        assertThat(n.get("valid").asBoolean()).isFalse();
        assertThat(n.get("kind").isNull()).isTrue();
        assertThat(n.get("errors").get(0).get("code").asText()).isEqualTo("INS-003");
        assertThat(n.get("errors").get(0).get("message").asText()).contains("expected key: 74");
    }

    @Test
    void checkBadInputs() throws Exception {
        String[][] cases = {
            {"27512632207497", "INS-001"}, {"2751263220749744", "INS-001"}, {"27512632207X974", "INS-002"},
            {"2 75 12 63 220 749 74", "INS-002"}, {"253072C07300470", "INS-008"}, {"253072A07300470", "INS-003"}};
        for (String[] c : cases) {
            out.getBuffer().setLength(0);
            assertThat(run("ins", "check", c[0], "--json")).as(c[0]).isEqualTo(1);
            assertThat(json().get("errors").findValuesAsText("code")).as(c[0]).contains(c[1]);
        }
        String nnp = "775126322074" + "9";
        out.getBuffer().setLength(0);
        run("ins", "check", nnp + key(nnp), "--json");
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-005");
    }

    @Test
    void checkOids() throws Exception {
        assertThat(run("ins", "check", "275126322074974", "--oid", "1.2.250.1.213.1.4.10", "--production", "--json"))
                .isEqualTo(1);
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-012");
        out.getBuffer().setLength(0);
        assertThat(run("ins", "check", "275126322074974", "--oid", "1.2.250.1.213.1.4.10", "--json")).isEqualTo(0);
        assertThat(json().get("kind").asText()).isEqualTo("NIR");
        out.getBuffer().setLength(0);
        assertThat(run("ins", "check", "275126322074974", "--oid", "1.2.250.1.213.1.4.2", "--json")).isEqualTo(1);
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-011");
    }

    @Test
    void checkText() {
        assertThat(run("ins", "check", "275126322074975")).isEqualTo(1);
        assertThat(out.toString()).startsWith("invalid: 275126322074975").contains("INS-003");
        out.getBuffer().setLength(0);
        assertThat(run("ins", "check", "275126322074974", "--oid", "1.2.250.1.213.1.4.8")).isEqualTo(0);
        assertThat(out.toString()).contains("valid").contains("NIR");
    }

    @Test
    void checkWithoutMatriculeIsAUsageError() {
        assertThat(run("ins", "check")).isEqualTo(ExitCode.USAGE);
    }

    // ------------------------------------------------------------------------------------------ encode/decode

    @Test
    void encodeThenDecodeThePng() throws Exception {
        Path identity = Files.writeString(dir.resolve("identity.json"), IDENTITY);
        Path png = dir.resolve("ins.png");
        assertThat(run("ins", "datamatrix", "encode", identity.toString(), "--out", png.toString(), "--json"))
                .isEqualTo(0);
        assertThat(json().get("modules").asInt()).isEqualTo(36);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(40 * 10);

        out.getBuffer().setLength(0);
        assertThat(run("ins", "datamatrix", "decode", png.toString(), "--json")).isEqualTo(0);
        JsonNode s = json().get("symbols").get(0);
        assertThat(s.get("matricule").asText()).isEqualTo("275126322074974");
        assertThat(s.get("oid").asText()).isEqualTo("1.2.250.1.213.1.4.8");
        assertThat(s.get("firstNames").get(0).asText()).isEqualTo("ZOE");
        assertThat(s.get("birthName").asText()).isEqualTo("ADRUN");
        assertThat(s.get("sex").asText()).isEqualTo("F");
        assertThat(s.get("birthDate").asText()).isEqualTo("1975-12-31");
        assertThat(s.get("birthPlace").asText()).isEqualTo("63220");
        assertThat(s.get("errors")).isEmpty();
        assertThat(s.has("page")).isFalse();

        out.getBuffer().setLength(0);
        assertThat(run("ins", "datamatrix", "decode", png.toString())).isEqualTo(0);
        assertThat(out.toString()).startsWith("valid INS Datamatrix").contains("ADRUN");
    }

    @Test
    void encodeRefusesANonQualifiedIdentity() throws Exception {
        Path identity = Files.writeString(dir.resolve("recup.json"),
                IDENTITY.replace("\"identityDocument\":\"CN\",", ""));
        Path png = dir.resolve("no.png");
        assertThat(run("ins", "datamatrix", "encode", identity.toString(), "--out", png.toString(), "--json"))
                .isEqualTo(1);
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-042");
        assertThat(Files.exists(png)).isFalse();
    }

    @Test
    void encodeReportsEveryProblemOfTheIdentity() throws Exception {
        Path identity = Files.writeString(dir.resolve("bad.json"), IDENTITY.replace("ADRUN", "Adrun2")
                .replace("275126322074974", "275126322074975").replace("\"F\"", "\"X\""));
        assertThat(run("ins", "datamatrix", "encode", identity.toString(), "--out", dir.resolve("x.png").toString(),
                "--json")).isEqualTo(1);
        assertThat(json().get("errors").findValuesAsText("code")).contains("INS-003", "INS-021", "INS-028");

        out.getBuffer().setLength(0);
        Path test = Files.writeString(dir.resolve("test.json"), IDENTITY.replace("1.2.250.1.213.1.4.8",
                "1.2.250.1.213.1.4.10"));
        assertThat(run("ins", "datamatrix", "encode", test.toString(), "--out", dir.resolve("t.png").toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("INS-012");
        out.getBuffer().setLength(0);
        Path testEnv = Files.writeString(dir.resolve("test-env.json"), IDENTITY.replace("1.2.250.1.213.1.4.8",
                "1.2.250.1.213.1.4.10").replace("\"attributes\":[]", "\"attributes\":[],\"environment\":\"test\""));
        assertThat(run("ins", "datamatrix", "encode", testEnv.toString(), "--out", dir.resolve("t.png").toString()))
                .isEqualTo(0);
    }

    @Test
    void encodeUsageAndIoErrors() throws Exception {
        Path identity = Files.writeString(dir.resolve("identity.json"), IDENTITY);
        assertThat(run("ins", "datamatrix", "encode", identity.toString())).isEqualTo(ExitCode.USAGE);
        assertThat(run("ins", "datamatrix", "encode", dir.resolve("missing.json").toString(), "--out",
                dir.resolve("x.png").toString())).isEqualTo(ExitCode.IO_ERROR);
    }

    @Test
    void decodeTheDatamatrixDrawnOnAPdfPage() throws Exception {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        Path pdf = dir.resolve("report.pdf");
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 10);
                cs.newLineAtOffset(50, 700);
                cs.showText("Compte rendu de biologie medicale - ADRUN ZOE - INS 275126322074974");
                cs.endText();
                float module = 0.5f * 72 / 25.4f;   // 0.5 mm
                float left = 450;
                float top = 800;
                for (int y = 0; y < symbol.size(); y++) {
                    for (int x = 0; x < symbol.size(); x++) {
                        if (symbol.isDark(x, y)) {
                            cs.addRect(left + x * module, top - (y + 1) * module, module, module);
                        }
                    }
                }
                cs.fill();
            }
            doc.addPage(new PDPage(PDRectangle.A4));
            doc.save(pdf.toFile());
        }
        assertThat(run("ins", "datamatrix", "decode", pdf.toString(), "--json")).isEqualTo(0);
        JsonNode symbols = json().get("symbols");
        assertThat(symbols).hasSize(1);
        assertThat(symbols.get(0).get("page").asInt()).isEqualTo(1);
        assertThat(symbols.get(0).get("matricule").asText()).isEqualTo("275126322074974");
        assertThat(symbols.get(0).get("valid").asBoolean()).isTrue();
    }

    @Test
    void decodeFindsNothingInADamagedSymbol() throws Exception {
        BufferedImage image = InsDatamatrix.encode(adrun()).toImage(6, 2);
        for (int y = 60; y < 180; y++) {
            for (int x = 40; x < 200; x++) {
                image.setRGB(x, y, ((x / 6 + y / 6) % 2 == 0) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        Path png = dir.resolve("damaged.png");
        ImageIO.write(image, "png", png.toFile());
        assertThat(run("ins", "datamatrix", "decode", png.toString(), "--json")).isEqualTo(1);
        assertThat(json().get("symbols")).isEmpty();
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-060");
    }

    @Test
    void decodeRejectsWhatIsNeitherImageNorPdf() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image");
        assertThat(run("ins", "datamatrix", "decode", text.toString(), "--json")).isEqualTo(ExitCode.IO_ERROR);
        assertThat(json().get("errors").findValuesAsText("code")).containsExactly("INS-067");
        assertThat(run("ins", "datamatrix", "decode", dir.resolve("missing.png").toString()))
                .isEqualTo(ExitCode.IO_ERROR);
    }

    static PatientIdentity adrun() {
        return PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(java.time.LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8")).retrievedFromInsi(true)
                .checkedOn(HighTrustDocument.PASSEPORT).build();
    }

    static String key(String thirteen) {
        long n = new java.math.BigInteger(thirteen).mod(java.math.BigInteger.valueOf(97)).longValue();
        return String.format("%02d", 97 - n);
    }
}
