package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import fr.segurbio.cda.validation.SharedValidator;

/**
 * A 60 MB CR-BIO (the TSH example whose PDF copy is replaced by 45 MB of data): the PDF copy is decoded as it is
 * parsed, never held as text, and the reading allocates less than twice the document's size (measured with the
 * JVM's per-thread allocation counter, everything the reading thread allocates, garbage included).
 */
class CrBioReaderMemoryTest {

    private static final long SIZE = 60_000_000L;
    private static final String TSH_1 = "BIO-CR-BIO_2024.01_TSH_1.xml";

    private static Path file;
    private static byte[] pdf;

    @BeforeAll
    static void writeA60MbDocument() throws IOException {
        String xml = Files.readString(SharedValidator.example(TSH_1), StandardCharsets.UTF_8);
        String marker = "representation=\"B64\">";
        int start = xml.indexOf(marker) + marker.length();
        int end = xml.indexOf('<', start);
        byte[] head = xml.substring(0, start).getBytes(StandardCharsets.UTF_8);
        byte[] tail = xml.substring(end).getBytes(StandardCharsets.UTF_8);
        // MIME lines: 57 bytes → 76 characters + CRLF
        long lines = (SIZE - head.length - tail.length) / 78;
        pdf = new byte[(int) (lines * 57)];
        new Random(17).nextBytes(pdf);
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        file = Files.createTempFile("crbio-60mb", ".xml");
        Base64.Encoder encoder = Base64.getEncoder();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head);
            byte[] line = new byte[57];
            for (long i = 0; i < lines; i++) {
                System.arraycopy(pdf, (int) (i * 57), line, 0, 57);
                out.write(encoder.encode(line));
                out.write('\r');
                out.write('\n');
            }
            out.write(tail);
        }
        assertThat(Files.size(file)).isBetween(SIZE - 100, SIZE);
    }

    @AfterAll
    static void deleteIt() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }

    /**
     * {@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}, by reflection: the test is compiled
     * inside the module, which does not read {@code jdk.management}, and runs on the class path.
     */
    private static long allocated() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Method m = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            return (long) m.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JVM does not count the bytes a thread allocates", e);
        }
    }

    @Test
    void aFileIsReadWithinTwiceItsSize() {
        CrBioReader reader = CrBioReader.create();
        reader.read(SharedValidator.example(TSH_1)); // classes loaded, parser factory made
        long before = allocated();
        ReadDocument doc = reader.read(file);
        long used = allocated() - before;
        assertThat(doc.pdfCopy()).hasValueSatisfying(p -> assertThat(p).isEqualTo(pdf));
        assertThat(doc.report().observationCount()).isPositive();
        assertThat(used).as("bytes allocated reading a %d-byte file", SIZE).isLessThan(2 * SIZE);
    }

    @Test
    void bytesInMemoryAreReadWithinTwiceTheirSize() throws IOException {
        CrBioReader reader = CrBioReader.create();
        reader.read(SharedValidator.example(TSH_1));
        byte[] xml = Files.readAllBytes(file);
        long before = allocated();
        ReadDocument doc = reader.read(xml);
        long used = allocated() - before;
        assertThat(doc.pdf()).isEqualTo(pdf);
        assertThat(used).as("bytes allocated reading %d bytes", SIZE).isLessThan(2 * SIZE);
    }
}
