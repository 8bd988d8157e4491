package fr.segurbio.cda.pdf;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The lab's logo, decoded once: flattened on white (PDF/A-1 forbids transparency), stored as Flate-compressed
 * RGB samples that each document embeds without re-encoding.
 */
final class Logo {

    private static final int MAX_PIXELS = 1200;

    private final byte[] deflated;
    private final int width;
    private final int height;

    private Logo(byte[] deflated, int width, int height) {
        this.deflated = deflated;
        this.width = width;
        this.height = height;
    }

    /** Reads the logo; throws when the file is missing or is not an image. */
    static Logo read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file);
        }
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) {
            throw new IOException("not a PNG, JPEG, GIF or BMP image: " + file);
        }
        int w = src.getWidth();
        int h = src.getHeight();
        double scale = Math.min(1.0, (double) MAX_PIXELS / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage rgb = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(src, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        byte[] samples = new byte[tw * th * 3];
        int k = 0;
        for (int y = 0; y < th; y++) {
            for (int x = 0; x < tw; x++) {
                int p = rgb.getRGB(x, y);
                samples[k++] = (byte) (p >> 16);
                samples[k++] = (byte) (p >> 8);
                samples[k++] = (byte) p;
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(samples);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length / 4 + 64);
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return new Logo(out.toByteArray(), tw, th);
    }

    float aspect() {
        return (float) width / height;
    }

    PDImageXObject embed(PDDocument doc) throws IOException {
        return new PDImageXObject(doc, new ByteArrayInputStream(deflated), COSName.FLATE_DECODE, width, height, 8,
                PDDeviceRGB.INSTANCE);
    }
}
