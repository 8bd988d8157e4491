package fr.segurbio.cda.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** The independent oracles: veraPDF, PDFBox's text extraction and renderer, zxing's reader. */
final class PdfOracles {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfOracles() {
    }

    /** Fails with veraPDF's failed rules unless the file is PDF/A-1b compliant. */
    static void assertPdfA1b(byte[] pdf) {
        List<String> failures = new ArrayList<>();
        boolean compliant;
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf),
                PDFAFlavour.PDFA_1_B);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFA_1_B, false)) {
            org.verapdf.pdfa.results.ValidationResult result = validator.validate(parser);
            compliant = result.isCompliant();
            assertThat(result.getPDFAFlavour()).isEqualTo(PDFAFlavour.PDFA_1_B);
            for (TestAssertion ta : result.getTestAssertions()) {
                if (ta.getStatus() != TestAssertion.Status.PASSED) {
                    failures.add(ta.getRuleId().getClause() + "-" + ta.getRuleId().getTestNumber() + " "
                            + ta.getMessage());
                }
            }
        } catch (Exception e) {
            throw new AssertionError("veraPDF could not validate the file", e);
        }
        assertThat(failures).as("veraPDF PDF/A-1b failures").isEmpty();
        assertThat(compliant).as("veraPDF says PDF/A-1b compliant").isTrue();
    }

    static List<String> pagesText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> pages = new ArrayList<>();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc));
            }
            return pages;
        }
    }

    static String text(byte[] pdf) throws IOException {
        return String.join("\n", pagesText(pdf));
    }

    static BufferedImage page(byte[] pdf, int index, int dpi) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(index, dpi, ImageType.RGB);
        }
    }

    /** A Datamatrix found on a page: its text and where it is, in pixels of the rendered page. */
    record Found(String text, float left, float top, float width, float height) {
    }

    /** The text of the Datamatrix zxing finds on the image, or {@code null}. */
    static String readDatamatrix(BufferedImage image) {
        Found f = findDatamatrix(image);
        return f == null ? null : f.text();
    }

    /**
     * Looks for a Datamatrix the way a person aims a scanner: the whole page first, then overlapping tiles of a
     * quarter, then a third, of the page width (zxing's detector finds a symbol among text far better in a tile).
     */
    static Found findDatamatrix(BufferedImage image) {
        Found f = decode(image, 0, 0);
        if (f != null) {
            return f;
        }
        for (int parts : new int[] {4, 3}) {
            int tile = image.getWidth() / parts;
            int step = tile / 2;
            for (int y = 0; y < image.getHeight() - step; y += step) {
                for (int x = 0; x < image.getWidth() - step; x += step) {
                    int w = Math.min(tile, image.getWidth() - x);
                    int h = Math.min(tile, image.getHeight() - y);
                    f = decode(image.getSubimage(x, y, w, h), x, y);
                    if (f != null) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private static Found decode(BufferedImage image, int dx, int dy) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.DATA_MATRIX));
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        try {
            Result r = new MultiFormatReader().decode(
                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints);
            float minX = Float.MAX_VALUE;
            float minY = Float.MAX_VALUE;
            float maxX = -1;
            float maxY = -1;
            for (ResultPoint p : r.getResultPoints()) {
                minX = Math.min(minX, p.getX());
                maxX = Math.max(maxX, p.getX());
                minY = Math.min(minY, p.getY());
                maxY = Math.max(maxY, p.getY());
            }
            return new Found(r.getText(), dx + minX, dy + minY, maxX - minX, maxY - minY);
        } catch (NotFoundException e) {
            return null;
        }
    }

    static Path artifacts() throws IOException {
        try {
            // <build folder>/test-classes → <build folder>/pdf-artifacts, whatever -Dsegur.target says.
            Path testClasses = Path.of(PdfOracles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = testClasses.getParent().resolve("pdf-artifacts");
            Files.createDirectories(dir);
            return dir;
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    static Path keep(BufferedImage image, String name) throws IOException {
        Path dir = artifacts();
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    static Path keep(byte[] pdf, String name) throws IOException {
        Path dir = artifacts();
        return Files.write(dir.resolve(name), pdf);
    }
}
