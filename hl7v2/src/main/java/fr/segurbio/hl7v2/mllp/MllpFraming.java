package fr.segurbio.hl7v2.mllp;

import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * MLLP framing: start block {@code 0x0B}, the message, end block {@code 0x1C 0x0D}. Reading is bounded: a frame
 * larger than the limit is consumed to its end and reported ({@code HL7-004}), so the connection stays usable.
 *
 * <pre>{@code
 * MllpFraming.write(out, message.toBytes());
 * byte[] reply = MllpFraming.read(in, 32 * 1024 * 1024);   // null at a clean end of stream
 * }</pre>
 */
public final class MllpFraming {

    /** Start block. */
    public static final int START = 0x0B;
    /** First end-block byte. */
    public static final int END = 0x1C;
    /** Second end-block byte. */
    public static final int CR = 0x0D;

    private MllpFraming() {
    }

    /**
     * Writes one frame and flushes.
     *
     * @param out the stream
     * @param message the message bytes
     * @throws IOException when the stream fails
     */
    public static void write(OutputStream out, byte[] message) throws IOException {
        byte[] frame = new byte[message.length + 3];
        frame[0] = START;
        System.arraycopy(message, 0, frame, 1, message.length);
        frame[frame.length - 2] = END;
        frame[frame.length - 1] = CR;
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame; whitespace between frames is skipped.
     *
     * @param in the stream (buffered by the caller)
     * @param maxBytes the largest message accepted
     * @return the message bytes, or {@code null} when the stream ends cleanly before a frame
     * @throws IOException when the stream fails (timeouts included)
     * @throws Hl7Exception {@code HL7-404} for bytes outside a frame, {@code HL7-403} when the stream ends inside
     *         a frame, {@code HL7-004} when the frame is larger than {@code maxBytes} (consumed to its end)
     */
    public static byte[] read(InputStream in, int maxBytes) throws IOException {
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
        } while (b == '\r' || b == '\n' || b == ' ');
        if (b != START) {
            throw new Hl7Exception(Hl7Error.FRAMING, String.format("0x%02X au lieu du début de bloc 0x0B / instead of "
                    + "the start block 0x0B", b));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        long size = 0;
        boolean tooLarge = false;
        while (true) {
            b = in.read();
            if (b < 0) {
                throw new Hl7Exception(Hl7Error.CLOSED, "peer");
            }
            if (b == END) {
                int next = in.read();
                if (next == CR) {
                    break;
                }
                if (next < 0) {
                    throw new Hl7Exception(Hl7Error.CLOSED, "peer");
                }
                throw new Hl7Exception(Hl7Error.FRAMING, String.format("0x1C suivi de 0x%02X / followed by 0x%02X",
                        next, next));
            }
            size++;
            if (size > maxBytes) {
                tooLarge = true;
                continue;
            }
            out.write(b);
        }
        if (tooLarge) {
            throw new Hl7Exception(Hl7Error.TOO_LARGE, maxBytes);
        }
        return out.toByteArray();
    }
}
