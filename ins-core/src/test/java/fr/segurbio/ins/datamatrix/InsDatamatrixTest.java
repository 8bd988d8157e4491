package fr.segurbio.ins.datamatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.datamatrix.DataMatrixReader;
import com.google.zxing.datamatrix.DataMatrixWriter;
import com.google.zxing.datamatrix.encoder.SymbolShapeHint;

import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityAttribute;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;

class InsDatamatrixTest {

    /** specs/ins.md §5.1: the payload for the SDK's own tests (ADRUN ZOE, 101 characters). */
    static final String ADRUN = "IS010000000000000000000000S1275126322074974S21.2.250.1.213.1.4.8\u001DS3ZOE\u001DS4ADRUN"
            + "\u001DS5FS631-12-1975S763220";

    static PatientIdentity adrun() {
        return PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"))
                .retrievedFromInsi(true)
                .checkedOn(HighTrustDocument.CARTE_NATIONALE_IDENTITE)
                .build();
    }

    @Test
    void payloadOfTheSpec() {
        String payload = InsDatamatrix.payload(adrun());
        assertThat(payload).isEqualTo(ADRUN).hasSize(101);
    }

    @Test
    void noGsAfterAFieldAtItsMaximumAndNoS7WhenUnknown() {
        String hundred = "A".repeat(100);
        PatientIdentity id = adrun().toBuilder()
                .traits(IdentityTraits.builder().birthName(hundred).birthFirstNames(hundred).sex(Sex.M)
                        .birthDate(LocalDate.of(2009, 7, 14)).birthPlace("99134").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.10")).build();
        String payload = InsDatamatrix.payload(id);
        assertThat(payload).isEqualTo(InsDatamatrix.HEADER + "S1275126322074974S21.2.250.1.213.1.4.10S3" + hundred
                + "S4" + hundred + "S5MS614-07-2009S799134").hasSize(291);
        // worst case of the spec: 52x52
        assertThat(InsDatamatrix.encode(id).size()).isEqualTo(52);
        assertThat(InsDatamatrix.parse(payload).isValid()).isTrue();
    }

    @Test
    void tooLongTraitsAreRefused() {
        PatientIdentity id = adrun().toBuilder().traits(IdentityTraits.builder().birthName("A".repeat(101))
                .birthFirstNames("ZOE").sex(Sex.F).birthDate(LocalDate.of(1975, 12, 31)).build()).build();
        assertThatThrownBy(() -> InsDatamatrix.encode(id)).isInstanceOf(InsException.class)
                .hasMessageStartingWith("INS-065").hasMessageContaining("S4");
    }

    @Test
    void onlyAQualifiedIdentityIsEncoded() {
        PatientIdentity q = adrun();
        List<PatientIdentity> notQualified = List.of(
                q.toBuilder().checkedOn(null).build(),                       // RECUPEREE
                q.withoutInsi(),                                              // VALIDEE
                q.toBuilder().checkedOn(null).retrievedFromInsi(false).build(), // PROVISOIRE with an INS
                q.toBuilder().attributes(IdentityAttribute.DOUTEUSE).build()); // doubtful
        for (PatientIdentity id : notQualified) {
            assertThatThrownBy(() -> InsDatamatrix.encode(id)).isInstanceOf(InsException.class)
                    .hasMessageStartingWith("INS-042")
                    .satisfies(e -> assertThat(((InsException) e).code()).isEqualTo(InsError.NOT_QUALIFIED));
        }
    }

    @Test
    void aQualificationStatedByADocumentEncodesTheSameSymbol() {
        PatientIdentity q = adrun();
        DatamatrixSymbol stated = InsDatamatrix.encodeStatedQualified(q.ins().orElseThrow(), q.traits());
        assertThat(stated.text()).isEqualTo(ADRUN).isEqualTo(InsDatamatrix.encode(q).text());
        IdentityTraits tooLong = IdentityTraits.builder().birthName("A".repeat(101))
                .birthFirstNames("ZOE").sex(Sex.F).birthDate(LocalDate.of(1975, 12, 31)).build();
        assertThatThrownBy(() -> InsDatamatrix.encodeStatedQualified(q.ins().orElseThrow(), tooLong))
                .isInstanceOf(InsException.class).hasMessageStartingWith("INS-065");
    }

    @Test
    void squareSymbolWhosePngZxingReadsBack() throws Exception {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        assertThat(symbol.size()).isEqualTo(36);
        assertThat(symbol.text()).isEqualTo(ADRUN);
        assertThat(symbol.toString()).doesNotContain("ADRUN");
        byte[] png = symbol.toPng(6);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo((36 + 4) * 6).isEqualTo(image.getHeight());

        // zxing's reader, independently of InsDatamatrix.decode
        Result r = zxingRead(image);
        assertThat(r.getText()).isEqualTo(ADRUN);
        // the header is C40: latch 230, then 8 C40 pairs giving the first 24 header characters
        byte[] raw = r.getRawBytes();
        assertThat(raw[0] & 0xFF).isEqualTo(230);
        assertThat(c40(raw, 1, 8)).isEqualTo(InsDatamatrix.HEADER.substring(0, 24));

        List<DecodedSymbol> decoded = InsDatamatrix.decode(image);
        assertThat(decoded).singleElement().satisfies(d -> {
            assertThat(d.isValid()).as(d.problems().toString()).isTrue();
            assertThat(d.problems().problems()).isEmpty();
            assertThat(d.ins()).contains(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"));
            assertThat(d.firstNames()).containsExactly("ZOE");
            assertThat(d.birthName()).contains("ADRUN");
            assertThat(d.sex()).contains("F");
            assertThat(d.birthDate()).contains(LocalDate.of(1975, 12, 31));
            assertThat(d.birthPlace()).contains("63220");
            assertThat(d.traits()).contains(adrun().traits());
        });
    }

    @Test
    void modulesMatchWhatZxingDraws() {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        BitMatrix m = zxingEncode(ADRUN);
        assertThat(m.getWidth()).isEqualTo(symbol.size());
        for (int y = 0; y < symbol.size(); y++) {
            for (int x = 0; x < symbol.size(); x++) {
                assertThat(symbol.isDark(x, y)).isEqualTo(m.get(x, y));
            }
        }
        // the finder pattern: solid left column and bottom row
        for (int i = 0; i < symbol.size(); i++) {
            assertThat(symbol.isDark(0, i)).isTrue();
            assertThat(symbol.isDark(i, symbol.size() - 1)).isTrue();
        }
        assertThat(symbol.toAscii().lines()).hasSize(36);
        assertThatThrownBy(() -> symbol.isDark(36, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void symbolAmongTheTextOfAPageIsFound() {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        BufferedImage page = new BufferedImage(1700, 2200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1700, 2200);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 28));
        for (int line = 0; line < 40; line++) {
            g.drawString("Hémoglobine 14,2 g/dL  Leucocytes 6,3 G/L  Plaquettes 250 G/L " + line, 60, 500 + line * 40);
        }
        g.drawImage(symbol.toImage(5, 2), 1300, 80, null);
        g.drawString("INS 2 75 12 63 220 749 74 ADRUN ZOE", 60, 200);
        g.dispose();
        List<DecodedSymbol> decoded = InsDatamatrix.decode(page);
        assertThat(decoded).singleElement().satisfies(d -> assertThat(d.isValid()).isTrue());
    }

    @Test
    void slightlyDamagedSymbolIsCorrectedHeavilyDamagedIsNotRead() {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        BufferedImage light = symbol.toImage(6, 2);
        paint(light, 12, 12, 3, 3);   // a few modules
        assertThat(InsDatamatrix.decode(light)).singleElement().satisfies(d -> assertThat(d.isValid()).isTrue());

        BufferedImage heavy = symbol.toImage(6, 2);
        paint(heavy, 6, 6, 24, 24);   // most of the data region
        assertThat(InsDatamatrix.decode(heavy)).isEmpty();

        BufferedImage cut = symbol.toImage(6, 2);
        BufferedImage half = cut.getSubimage(0, 0, cut.getWidth(), cut.getHeight() / 2);
        assertThat(InsDatamatrix.decode(half)).isEmpty();

        BufferedImage blank = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(InsDatamatrix.decode(blank)).isEmpty();
    }

    @Test
    void truncatedPayloadInASymbolIsReportedField() {
        String truncated = ADRUN.substring(0, 92);   // ends inside S6
        BufferedImage image = image(zxingEncode(truncated), 6);
        assertThat(InsDatamatrix.decode(image)).singleElement().satisfies(d -> {
            assertThat(d.isValid()).isFalse();
            assertThat(codes(d)).contains("INS-066");
            assertThat(d.problems().errors()).filteredOn(p -> p.code() == InsError.DM_TRUNCATED)
                    .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("S6"));
            assertThat(d.ins()).isPresent();
            assertThat(d.traits()).isEmpty();
        });
    }

    @Test
    void truncatedPayloads() {
        DecodedSymbol s = InsDatamatrix.parse(ADRUN.substring(0, 40));   // inside S1
        assertThat(codes(s)).contains("INS-066", "INS-063");
        assertThat(s.problems().errors()).filteredOn(p -> p.code() == InsError.DM_MISSING_FIELD)
                .extracting(p -> p.path()).containsExactly("S2", "S3", "S4", "S5", "S6");
        // cut inside the OID: what is left is not an INS OID
        assertThat(codes(InsDatamatrix.parse(ADRUN.substring(0, 50)))).contains("INS-010", "INS-063");
        // cut before S7: S7 is optional, the rest is a valid identity without birth place
        DecodedSymbol noPlace = InsDatamatrix.parse(ADRUN.substring(0, ADRUN.indexOf("S7")));
        assertThat(noPlace.isValid()).isTrue();
        assertThat(noPlace.birthPlace()).isEmpty();
        assertThat(codes(InsDatamatrix.parse(ADRUN.substring(0, 20)))).containsExactly("INS-061");
        assertThat(codes(InsDatamatrix.parse(ADRUN.substring(0, 27)))).containsExactly("INS-062", "INS-063",
                "INS-063", "INS-063", "INS-063", "INS-063", "INS-063");
        assertThat(codes(InsDatamatrix.parse(null))).containsExactly("INS-061");
    }

    @Test
    void fieldsInAnyOrderAndScannerSeparators() {
        String reordered = InsDatamatrix.HEADER + "S763220S5FS4ADRUN\u001DS631-12-1975S3ZOE\u001DS1275126322074974"
                + "S21.2.250.1.213.1.4.8";
        DecodedSymbol d = InsDatamatrix.parse(reordered);
        assertThat(d.isValid()).as(d.problems().toString()).isTrue();
        assertThat(d.traits()).contains(adrun().traits());

        assertThat(InsDatamatrix.parse(ADRUN.replace("\u001D", "<GS>")).problems().problems()).isEmpty();
        assertThat(InsDatamatrix.parse(ADRUN.replace("\u001D", "^029")).problems().problems()).isEmpty();
        DecodedSymbol noGs = InsDatamatrix.parse(ADRUN.replace("\u001D", ""));
        assertThat(noGs.isValid()).isTrue();
        assertThat(noGs.problems().warnings()).extracting(p -> p.path()).containsExactly("S2", "S3", "S4");
        assertThat(noGs.birthName()).contains("ADRUN");
    }

    @Test
    void zxingPaddingSampleWithSpacesInsteadOfGsAndFieldsOutOfOrder() {
        // zxing HighLevelEncodeTestCase.testPadding (specs/ins.md §5.1): its matricule key is made up
        String sample = "IS010000000000000000000000S1118058599124123S21.2.250.1.213.1.4.8 S3FIRST NAMETEST "
                + "S5MS618-06-1985S713201S4LASTNAMETEST";
        DecodedSymbol d = InsDatamatrix.parse(sample);
        assertThat(d.oid()).contains("1.2.250.1.213.1.4.8");
        assertThat(d.firstNames()).containsExactly("FIRST", "NAMETEST");
        assertThat(d.birthName()).contains("LASTNAMETEST");
        assertThat(d.sex()).contains("M");
        assertThat(d.birthDate()).contains(LocalDate.of(1985, 6, 18));
        assertThat(d.birthPlace()).contains("13201");
        assertThat(d.problems().warnings()).extracting(p -> p.path()).containsExactly("S2", "S3");
        assertThat(d.problems().errors()).extracting(p -> p.code().id() + " " + p.path())
                .containsExactly("INS-003 S1.matricule");
    }

    @Test
    void everyProblemOfTheFieldsIsReported() {
        String bad = InsDatamatrix.HEADER + "S1275126322074975S21.2.250.1.213.1.4.2\u001DS3Zoé\u001DS4ADRUN\u001D"
                + "S5XS631-02-1975S76322";
        DecodedSymbol d = InsDatamatrix.parse(bad);
        assertThat(d.isValid()).isFalse();
        assertThat(codes(d)).contains("INS-003", "INS-011", "INS-021", "INS-028", "INS-065", "INS-066");
        assertThat(d.problems().errors()).filteredOn(p -> p.code() == InsError.WRONG_KEY)
                .extracting(p -> p.path()).containsExactly("S1.matricule");
        assertThat(d.ins()).isEmpty();
    }

    @Test
    void unknownAndDuplicateFields() {
        assertThat(codes(InsDatamatrix.parse(ADRUN + "S8XYZ"))).containsExactly("INS-062");
        assertThat(codes(InsDatamatrix.parse(ADRUN + "S5M"))).containsExactly("INS-064");
        assertThat(codes(InsDatamatrix.parse("DC04FR000001" + ADRUN.substring(12)))).containsExactly("INS-061");
    }

    @Test
    void testOidIsRefusedInProduction() {
        String test = ADRUN.replace("1.2.250.1.213.1.4.8", "1.2.250.1.213.1.4.10");
        assertThat(InsDatamatrix.parse(test).isValid()).isTrue();
        assertThat(codes(InsDatamatrix.parse(test, InsEnvironment.PRODUCTION))).containsExactly("INS-012");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static List<String> codes(DecodedSymbol d) {
        return d.problems().problems().stream().map(p -> p.code().id()).toList();
    }

    static BitMatrix zxingEncode(String text) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.DATA_MATRIX_SHAPE, SymbolShapeHint.FORCE_SQUARE);
        hints.put(EncodeHintType.FORCE_C40, true);
        return new DataMatrixWriter().encode(text, BarcodeFormat.DATA_MATRIX, 0, 0, hints);
    }

    static BufferedImage image(BitMatrix m, int module) {
        int side = (m.getWidth() + 4) * module;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLACK);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    g.fillRect((x + 2) * module, (y + 2) * module, module, module);
                }
            }
        }
        g.dispose();
        return img;
    }

    static Result zxingRead(BufferedImage image) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, true);
        return new DataMatrixReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), hints);
    }

    /** Flips a block of modules (in module units, quiet zone of 2 included) to a chequerboard. */
    static void paint(BufferedImage image, int mx, int my, int w, int h) {
        for (int y = my; y < my + h; y++) {
            for (int x = mx; x < mx + w; x++) {
                int rgb = (image.getRGB(x * 6, y * 6) & 0xFFFFFF) == 0 ? 0xFFFFFFFF : 0xFF000000;
                for (int dy = 0; dy < 6; dy++) {
                    for (int dx = 0; dx < 6; dx++) {
                        image.setRGB(x * 6 + dx, y * 6 + dy, rgb);
                    }
                }
            }
        }
    }

    /** Decodes {@code pairs} C40 codeword pairs (basic set: space, digits, upper-case letters). */
    static String c40(byte[] raw, int from, int pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            int v = (raw[from + 2 * i] & 0xFF) * 256 + (raw[from + 2 * i + 1] & 0xFF) - 1;
            for (int c : new int[] {v / 1600, (v / 40) % 40, v % 40}) {
                sb.append(c == 3 ? ' ' : c < 14 ? (char) ('0' + c - 4) : (char) ('A' + c - 14));
            }
        }
        return sb.toString();
    }
}
