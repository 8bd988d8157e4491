package fr.segurbio.testkit.mss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineInputTest {

    /** A source that hands out at most {@code chunk} bytes per read, as a TLS socket does record by record. */
    private static InputStream chunked(String text, int chunk) {
        ByteArrayInputStream all = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return all.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void commandLinesWithCrlfOrBareLfWhateverTheReadSizes() throws IOException {
        for (int chunk : new int[] {1, 2, 3, 7, 16384}) {
            MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(
                    chunked("EHLO lab\r\nMAIL FROM:<a@b.fr>\nRCPT TO:<é@c.fr>\r\nlast", chunk));
            assertThat(in.readLine()).isEqualTo("EHLO lab");
            assertThat(in.readLine()).isEqualTo("MAIL FROM:<a@b.fr>");
            assertThat(in.readLine()).isEqualTo("RCPT TO:<é@c.fr>");
            assertThat(in.readLine()).isEqualTo("last");
            assertThat(in.readLine()).isNull();
        }
    }

    @Test
    void messageRelayedWithCrlfEndsDotStuffingKeptAndTheFinalDotSeen() throws IOException {
        String data = "Subject: x\r\n\r\n..a stuffed dot\r\nbare lf\nsplit cr\r\n\r\n.\r\nQUIT\r\n";
        for (int chunk : new int[] {1, 2, 5, 16384}) {
            MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked(data, chunk));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 0;
            while (true) {
                int n = in.copyLine(out);
                assertThat(n).isGreaterThanOrEqualTo(0);
                lines++;
                if (n == 1 && in.lastLineWasDot()) {
                    break;
                }
            }
            assertThat(lines).isEqualTo(7);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo("Subject: x\r\n\r\n..a stuffed dot\r\nbare lf\r\nsplit cr\r\n\r\n.\r\n");
            assertThat(in.readLine()).isEqualTo("QUIT");
        }
    }

    @Test
    void aCarriageReturnInsideALineIsKept() throws IOException {
        MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked("a\rb\r\n", 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(in.copyLine(out)).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a\rb\r\n");
        assertThat(in.lastLineWasDot()).isFalse();
    }

    @Test
    void streamEndingInsideTheMessageIsReported() throws IOException {
        MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked("line\r\nno end", 4));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(in.copyLine(out)).isEqualTo(4);
        assertThat(in.copyLine(out)).isEqualTo(-1);
        assertThat(in.copyLine(out)).isEqualTo(-1);
    }

    @Test
    void endlessLineIsRefused() {
        String huge = "x".repeat((1 << 20) + 10) + "\r\n";
        assertThatThrownBy(() -> new MssOperatorFront.LineInput(chunked(huge, 8192)).readLine())
                .isInstanceOf(IOException.class).hasMessageContaining("too long");
        assertThatThrownBy(() -> new MssOperatorFront.LineInput(chunked(huge, 8192))
                .copyLine(new ByteArrayOutputStream())).isInstanceOf(IOException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void bulkReadsServeTheBufferFirst() throws IOException {
        MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked("A1 LOGIN\r\nrest", 16384));
        assertThat(in.readLine()).isEqualTo("A1 LOGIN");
        assertThat(in.available()).isEqualTo(4);
        byte[] b = new byte[10];
        assertThat(in.read(b, 0, 10)).isEqualTo(4);
        assertThat(new String(b, 0, 4, StandardCharsets.UTF_8)).isEqualTo("rest");
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(b, 0, 0)).isZero();
    }

    @Test
    void dataIsUnstuffedWithCrlfEndsAndStopsAtTheDotLine() throws IOException {
        for (int chunk : new int[] {1, 2, 5, 16384}) {
            MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(
                    chunked("Subject: x\r\n\r\n..a stuffed dot\r\nbare lf\n...\r\n.\r\nQUIT\r\n", chunk));
            MssOperatorFront.MessageBuffer out = new MssOperatorFront.MessageBuffer(4);
            out.write('>');
            assertThat(in.readData(out, 1000)).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .isEqualTo(">Subject: x\r\n\r\n.a stuffed dot\r\nbare lf\r\n..\r\n");
            assertThat(in.readLine()).isEqualTo("QUIT");
        }
    }

    @Test
    void dataOverTheLimitIsReadToItsEndAndDropped() throws IOException {
        String body = "0123456789\r\n".repeat(50);
        MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked(body + ".\r\nNOOP\r\n", 7));
        MssOperatorFront.MessageBuffer out = new MssOperatorFront.MessageBuffer(16);
        assertThat(in.readData(out, 100)).isFalse();
        assertThat(out.size()).isZero();
        assertThat(in.readLine()).as("the next command is read where the text ended").isEqualTo("NOOP");
    }

    @Test
    void dataCutBeforeItsDotLineIsAnError() {
        MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked("Subject: x\r\n\r\nbody", 3));
        assertThatThrownBy(() -> in.readData(new MssOperatorFront.MessageBuffer(16), 1000))
                .isInstanceOf(java.io.EOFException.class).hasMessageContaining("during DATA");
    }

    @Test
    void theEndOfALineIsFoundAtEveryPositionAndNotInLookalikeBytes() {
        // bytes that differ from LF by one bit, or whose subtraction borrows into the next byte, around the LF
        byte[] lookalikes = {0x0B, 0x08, 0x09, 0x0E, 0x1A, (byte) 0x8A, 0x00, 0x01, (byte) 0xFF, 0x0D, 0x2E};
        for (int length = 0; length <= 40; length++) {
            for (int lf = -1; lf < length; lf++) {
                byte[] b = new byte[length];
                for (int k = 0; k < length; k++) {
                    b[k] = lookalikes[(k * 7 + length) % lookalikes.length];
                }
                if (lf >= 0) {
                    b[lf] = '\n';
                    if (lf + 1 < length) {
                        b[lf + 1] = '\n';   // a second LF after the first: the first is the answer
                    }
                }
                for (int from = 0; from <= length; from++) {
                    for (int to = from; to <= length; to++) {
                        int expected = from;
                        while (expected < to && b[expected] != '\n') {
                            expected++;
                        }
                        assertThat(MssOperatorFront.LineInput.indexOfLf(b, from, to))
                                .as("length %d, LF at %d, range [%d, %d)", length, lf, from, to).isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void aLongMessageIsCopiedLineByLineWhateverTheReadSizes() throws IOException {
        StringBuilder text = new StringBuilder("Subject: long\r\n\r\n");
        for (int n = 0; n < 300; n++) {
            text.append("x".repeat(n % 83)).append(n % 5 == 0 ? "\n" : "\r\n");
        }
        String expected = text.toString().replace("\r\n", "\n").replace("\n", "\r\n");
        for (int chunk : new int[] {1, 3, 8, 9, 77, 16384}) {
            MssOperatorFront.LineInput in = new MssOperatorFront.LineInput(chunked(text + ".\r\nQUIT\r\n", chunk));
            MssOperatorFront.MessageBuffer out = new MssOperatorFront.MessageBuffer(1);
            assertThat(in.readData(out, 1 << 20)).isTrue();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("read by %d", chunk).isEqualTo(expected);
            assertThat(out.size()).isEqualTo(expected.length());
            assertThat(in.readLine()).isEqualTo("QUIT");
        }
    }

    @Test
    void declaredSizeOfMailFrom() {
        assertThat(MssOperatorFront.declaredSize("MAIL FROM:<a@b.fr>")).isZero();
        assertThat(MssOperatorFront.declaredSize("MAIL FROM:<a@b.fr> BODY=8BITMIME SIZE=1234")).isEqualTo(1234);
        assertThat(MssOperatorFront.declaredSize("MAIL FROM:<a@b.fr> size=12")).isEqualTo(12);
        assertThat(MssOperatorFront.declaredSize("MAIL FROM:<a@b.fr> SIZE=abc")).isEqualTo(-1);
        assertThat(MssOperatorFront.declaredSize("MAIL FROM:<a@b.fr> SIZE=-5")).isEqualTo(-1);
    }
}
