package fr.segurbio.cda.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** The pieces the renderer writes itself: font subsets, content stream numbers, paragraphs, PDF dates. */
class FontSubsetTest {

    private static final FontSet FONTS = load();

    private static FontSet load() {
        try {
            return FontSet.load(LabStyle.defaults());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(ContentBuilder out) {
        return new String(out.array(), 0, out.length(), StandardCharsets.US_ASCII);
    }

    @Test
    void subsetNumbersGlyphsInDrawingOrderAndHoldsTheComponentsOfCompositeGlyphs() throws IOException {
        FontProgram regular = FONTS.regular;
        FontSubset subset = new FontSubset(regular, "F1");
        ContentBuilder out = new ContentBuilder();
        subset.showHex("éA≤A", out);
        assertThat(text(out)).isEqualTo("<0001000200030002>");
        assertThat(subset.size()).isEqualTo(4);

        try (PDDocument doc = new PDDocument(); Flate flate = new Flate()) {
            subset.finish(doc.getDocument(), flate);
            // "é" is a composite glyph in DejaVu Sans: its components ("e" and the accent) joined the subset.
            assertThat(subset.size()).isGreaterThan(4);

            byte[] program = TrueTypeSubsetWriter.write(subset);
            assertThat(fontChecksum(program)).isEqualTo(0xB1B0AFBAL);
            TrueTypeFont ttf = new TTFParser(true).parse(new RandomAccessReadBuffer(program));
            assertThat(ttf.getNumberOfGlyphs()).isEqualTo(subset.size());
            for (int id = 0; id < subset.size(); id++) {
                assertThat(ttf.getAdvanceWidth(id)).isEqualTo(regular.advance(subset.original(id)));
            }
            GlyphData eAcute = ttf.getGlyph().getGlyph(1);
            assertThat(eAcute.getDescription().isComposite()).isTrue();
            assertThat(eAcute.getPath().getBounds2D().getHeight()).isPositive();
            assertThat(ttf.getGlyph().getGlyph(2).getDescription().getPointCount()).isPositive();
            ttf.close();

            COSDictionary type0 = subset.dictionary();
            assertThat(type0.getNameAsString(COSName.BASE_FONT)).matches("[A-Z]{6}\\+DejaVuSans");
            assertThat(type0.getCOSName(COSName.ENCODING)).isEqualTo(COSName.IDENTITY_H);
            COSDictionary cidFont = (COSDictionary) ((COSArray) type0.getDictionaryObject(COSName.DESCENDANT_FONTS))
                    .getObject(0);
            assertThat(cidFont.getCOSName(COSName.CID_TO_GID_MAP)).isEqualTo(COSName.IDENTITY);
            COSArray w = (COSArray) cidFont.getDictionaryObject(COSName.W);
            assertThat(((COSArray) w.getObject(1)).size()).isEqualTo(subset.size());
            String toUnicode = new String(((COSStream) type0.getDictionaryObject(COSName.TO_UNICODE))
                    .createInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(toUnicode).contains("3 beginbfchar", "<0001> <00E9>", "<0002> <0041>", "<0003> <2264>");
            COSDictionary descriptor = (COSDictionary) cidFont.getDictionaryObject(COSName.FONT_DESC);
            byte[] cidSet = ((COSStream) descriptor.getDictionaryObject(COSName.CID_SET)).createInputStream()
                    .readAllBytes();
            assertThat(cidSet).hasSize((subset.size() + 7) / 8);
            assertThat(java.util.BitSet.valueOf(reverseBits(cidSet)).cardinality()).isEqualTo(subset.size());
        }
    }

    @Test
    void characterOutsideTheFontIsDrawnWithTheReplacementGlyph() {
        FontProgram regular = FONTS.regular;
        FontSubset subset = new FontSubset(regular, "F1");
        ContentBuilder out = new ContentBuilder();
        subset.showHex("\u4E00", out);
        assertThat(text(out)).isEqualTo("<0001>");
        assertThat(subset.original(1)).isEqualTo(regular.glyph(regular.replacement()));
    }

    @Test
    void hintingInstructionsAreRemovedFromSimpleAndCompositeGlyphs() {
        // A simple glyph with one contour, 3 bytes of instructions, then 2 bytes of flags and coordinates.
        byte[] simple = {0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 3, 9, 9, 9, 1, 2};
        byte[] out = new byte[simple.length];
        int n = FontProgram.withoutInstructions(simple, 0, simple.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).containsExactly(0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 0, 1, 2);

        // A composite glyph: one component (glyph 5, byte arguments) flagged WE_HAVE_INSTRUCTIONS, then 2 bytes.
        byte[] composite = {-1, -1, 0, 0, 0, 0, 0, 10, 0, 10, 0x01, 0x00, 0, 5, 3, 4, 0, 2, 7, 7};
        out = new byte[composite.length];
        n = FontProgram.withoutInstructions(composite, 0, composite.length, out, 0);
        assertThat(Arrays.copyOf(out, n)).containsExactly(-1, -1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 5, 3, 4);
    }

    @Test
    void malformedGlyphsAreCopiedAsTheyAre() {
        List<byte[]> malformed = List.of(
                new byte[] {0, 1, 0, 0},                                   // shorter than a glyph header
                new byte[] {0, 9, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0},         // 9 contours, end points missing
                new byte[] {0, 1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0, 0, 50},  // 50 bytes of instructions announced
                new byte[] {-1, -1, 0, 0, 0, 0, 0, 10, 0, 10, 0, 0});      // composite without a whole component
        for (byte[] glyph : malformed) {
            byte[] out = new byte[glyph.length];
            int n = FontProgram.withoutInstructions(glyph, 0, glyph.length, out, 0);
            assertThat(Arrays.copyOf(out, n)).as("glyph %s", Arrays.toString(glyph)).isEqualTo(glyph);
        }
    }

    @Test
    void numbersAreWrittenWithAtMostFourDecimals() {
        ContentBuilder out = new ContentBuilder();
        out.num(0f).num(1f).num(-1.5f).num(0.123456f).num(0.00001f).num(12.0001f).num(-0.25f).num(841.89f)
                .integer(0).integer(7).integer(1234);
        assertThat(text(out)).isEqualTo("0 1 -1.5 0.1235 0 12.0001 -0.25 841.89 0 7 1234 ");
    }

    @Test
    void paragraphsSplitAtEveryKindOfLineBreak() {
        assertThat(Canvas.paragraphs("a\r\nb\rc\nd\n")).containsExactly("a", "b", "c", "d", "");
        assertThat(Canvas.paragraphs("")).containsExactly("");
        assertThat(Canvas.paragraphs("one line")).containsExactly("one line");
        assertThat(Canvas.paragraphs("\n\n")).containsExactly("", "", "");
    }

    @Test
    void pdfDatesCarryTheOffset() {
        ZonedDateTime t = ZonedDateTime.of(2026, 11, 20, 17, 40, 5, 999, ZoneOffset.ofHours(1));
        assertThat(PdfA.pdfDate(t)).isEqualTo("D:20261120174005+01'00'");
        assertThat(PdfA.pdfDate(t.withZoneSameInstant(ZoneOffset.UTC))).isEqualTo("D:20261120164005+00'00'");
        assertThat(PdfA.pdfDate(t.withZoneSameInstant(ZoneOffset.ofHoursMinutes(-3, -30))))
                .isEqualTo("D:20261120131005-03'30'");
    }

    private static byte[] reverseBits(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) (Integer.reverse(bytes[i] & 0xFF) >>> 24);
        }
        return out;
    }

    private static long fontChecksum(byte[] font) {
        long sum = 0;
        for (int i = 0; i < font.length; i += 4) {
            sum += ((font[i] & 0xFFL) << 24 | (font[i + 1] & 0xFFL) << 16 | (font[i + 2] & 0xFFL) << 8
                    | font[i + 3] & 0xFFL);
        }
        return sum & 0xFFFFFFFFL;
    }
}
