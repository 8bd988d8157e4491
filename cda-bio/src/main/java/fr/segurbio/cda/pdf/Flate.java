package fr.segurbio.cda.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;

import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * Flate compression of a document's streams with one reused {@link Deflater} (one instance per rendered
 * document, not thread-safe). Content streams and fonts are compressed at {@link Deflater#BEST_SPEED}: on this
 * kind of data it is within a few per cent of the default level's size, for a fraction of its time.
 */
final class Flate implements AutoCloseable {

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private byte[] buffer = new byte[16 * 1024];

    /** The zlib-compressed bytes of {@code data[0, length)}. */
    byte[] deflate(byte[] data, int length) {
        deflater.reset();
        deflater.setInput(data, 0, length);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
            }
            n += deflater.deflate(buffer, n, buffer.length - n);
        }
        return java.util.Arrays.copyOf(buffer, n);
    }

    /** A new stream of the document holding {@code data[0, length)}, Flate-compressed. */
    COSStream stream(COSDocument doc, byte[] data, int length) throws IOException {
        return raw(doc, deflate(data, length));
    }

    /** A new stream of the document holding bytes that are already Flate-compressed. */
    static COSStream raw(COSDocument doc, byte[] deflated) throws IOException {
        COSStream s = doc.createCOSStream();
        try (OutputStream out = s.createRawOutputStream()) {
            out.write(deflated);
        }
        s.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        return s;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
