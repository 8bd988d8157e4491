package fr.segurbio.ins.datamatrix;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import javax.imageio.ImageIO;

/**
 * An encoded INS Datamatrix: a square ECC 200 symbol as a grid of modules, {@code size() × size()}, without quiet
 * zone. A PDF renderer draws it module by module; {@link #toImage} and {@link #writePng} give a raster image.
 * Immutable and thread-safe.
 *
 * <p>To draw it (with PDFBox or anything else): keep a light quiet zone of at least one module (two are safer)
 * around the symbol, and fill one square per dark module, row {@code y = 0} at the top:
 *
 * <pre>{@code
 * DatamatrixSymbol symbol = InsDatamatrix.encode(identity);
 * float module = 0.5f * 72 / 25.4f;                  // 0.5 mm in PDF points
 * for (int y = 0; y < symbol.size(); y++) {
 *     for (int x = 0; x < symbol.size(); x++) {
 *         if (symbol.isDark(x, y)) {
 *             stream.addRect(left + x * module, top - (y + 1) * module, module, module);
 *         }
 *     }
 * }
 * stream.fill();
 * }</pre>
 */
public final class DatamatrixSymbol {

    private final String text;
    private final int size;
    private final long[] bits;

    DatamatrixSymbol(String text, int size, long[] bits) {
        this.text = Objects.requireNonNull(text, "text");
        this.size = size;
        this.bits = bits;
    }

    /**
     * The payload encoded ({@code IS01…}, with {@code 0x1D} separators). Health data: do not log it.
     *
     * @return the payload
     */
    public String text() {
        return text;
    }

    /**
     * The number of modules on each side (36 for a typical INS payload, 52 at most).
     *
     * @return the side in modules
     */
    public int size() {
        return size;
    }

    /**
     * Whether a module is dark.
     *
     * @param x the column, 0 at the left
     * @param y the row, 0 at the top
     * @return {@code true} for a dark module
     * @throws IndexOutOfBoundsException outside the symbol
     */
    public boolean isDark(int x, int y) {
        Objects.checkIndex(x, size);
        Objects.checkIndex(y, size);
        int i = y * size + x;
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    /**
     * The symbol as a black-on-white image.
     *
     * @param modulePixels the side of one module in pixels (at least 1)
     * @param quietZoneModules the light margin around the symbol, in modules (at least 1)
     * @return an opaque grey-scale image
     */
    public BufferedImage toImage(int modulePixels, int quietZoneModules) {
        if (modulePixels < 1 || quietZoneModules < 1) {
            throw new IllegalArgumentException("modulePixels and quietZoneModules must be at least 1");
        }
        int side = (size + 2 * quietZoneModules) * modulePixels;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, side, side);
            g.setColor(java.awt.Color.BLACK);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (isDark(x, y)) {
                        g.fillRect((x + quietZoneModules) * modulePixels, (y + quietZoneModules) * modulePixels,
                                modulePixels, modulePixels);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Writes the symbol as a PNG with a quiet zone of two modules.
     *
     * @param out where to write (not closed)
     * @param modulePixels the side of one module in pixels (at least 1)
     * @throws UncheckedIOException when writing fails
     */
    public void writePng(OutputStream out, int modulePixels) {
        try {
            ImageIO.write(toImage(modulePixels, 2), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The symbol as PNG bytes with a quiet zone of two modules.
     *
     * @param modulePixels the side of one module in pixels (at least 1)
     * @return the PNG file content
     */
    public byte[] toPng(int modulePixels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePng(out, modulePixels);
        return out.toByteArray();
    }

    /**
     * The modules as text, {@code #} dark and {@code .} light, one row a line (for tests and debugging).
     *
     * @return the grid
     */
    public String toAscii() {
        StringBuilder sb = new StringBuilder((size + 1) * size);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                sb.append(isDark(x, y) ? '#' : '.');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The symbol's size, never its content.
     *
     * @return for example {@code DatamatrixSymbol[36x36]}
     */
    @Override
    public String toString() {
        return "DatamatrixSymbol[" + size + "x" + size + "]";
    }
}
