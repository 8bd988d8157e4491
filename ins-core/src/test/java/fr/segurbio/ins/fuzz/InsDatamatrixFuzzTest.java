package fr.segurbio.ins.fuzz;

import fr.segurbio.core.fuzz.FuzzProperty;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.DecodedSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;

/**
 * Fuzz targets of the INS Datamatrix: the payload decoder ({@link InsDatamatrix#parse}, the text after the image
 * step) and the image decoder ({@link InsDatamatrix#decode}) on small images. A {@link DecodedSymbol} (valid or
 * with its problems) or an {@link InsException}, never another exception. Seeds:
 * {@code InsDatamatrixFuzzTestInputs/payload} (texts) and {@code .../image} (first two bytes: width and height
 * minus one, then one byte per pixel, dark below 128).
 */
class InsDatamatrixFuzzTest {

    /** Largest side of a fuzzed image, in pixels. */
    static final int MAX_SIDE = 96;

    @FuzzTest(maxDuration = "2m")
    void payload(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        for (InsEnvironment env : InsEnvironment.values()) {
            FuzzProperty.check(InsException.class, input.length, () -> InsDatamatrix.parse(text, env))
                    .ifPresent(s -> assertThat(s.problems()).isNotNull());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void image(byte[] input) {
        BufferedImage image = toImage(input);
        FuzzProperty.check(InsException.class, input.length, () -> InsDatamatrix.decode(image))
                .ifPresent(found -> assertThat(found).allSatisfy(s -> assertThat(s.problems()).isNotNull()));
    }

    /** The round trip that seeds the image target: a symbol rendered at one pixel per module is read back. */
    @Test
    void aSymbolDrawnAsFuzzInputIsReadBack() {
        DatamatrixSymbol symbol = InsDatamatrix.encode(adrun());
        byte[] input = seed(symbol);
        List<DecodedSymbol> found = InsDatamatrix.decode(toImage(input));
        assertThat(found).singleElement().satisfies(s -> assertThat(s.matricule()).contains("275126322074974"));
        image(input);
        String write = System.getProperty("segur.fuzz.writeSeed");
        if (write != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(write), input);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Width, height, pixels: a symbol with a two-module quiet zone, two pixels per module. */
    static byte[] seed(DatamatrixSymbol symbol) {
        int module = 2;
        int side = (symbol.size() + 4) * module;
        byte[] out = new byte[2 + side * side];
        out[0] = (byte) (side - 1);
        out[1] = (byte) (side - 1);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / module - 2;
                int my = y / module - 2;
                boolean dark = mx >= 0 && my >= 0 && mx < symbol.size() && my < symbol.size() && symbol.isDark(mx, my);
                out[2 + y * side + x] = (byte) (dark ? 0 : 255);
            }
        }
        return out;
    }

    static BufferedImage toImage(byte[] input) {
        int w = input.length > 0 ? 1 + (input[0] & 0xff) % MAX_SIDE : 1;
        int h = input.length > 1 ? 1 + (input[1] & 0xff) % MAX_SIDE : 1;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 2 + y * w + x;
                int v = i < input.length ? input[i] & 0xff : 255;
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        return image;
    }

    static PatientIdentity adrun() {
        return PatientIdentity.builder()
                .traits(IdentityTraits.builder().birthName("ADRUN").birthFirstNames("ZOE").sex(Sex.F)
                        .birthDate(LocalDate.of(1975, 12, 31)).birthPlace("63220").build())
                .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"))
                .retrievedFromInsi(true)
                .checkedOn(fr.segurbio.ins.HighTrustDocument.CARTE_NATIONALE_IDENTITE)
                .build();
    }
}
