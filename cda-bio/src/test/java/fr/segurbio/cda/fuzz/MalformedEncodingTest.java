package fr.segurbio.cda.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.internal.cda.read.CdaXml;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.validation.CdaValidationError;
import fr.segurbio.cda.validation.CrBioValidator;
import fr.segurbio.cda.validation.SharedValidator;

/**
 * A CDA whose bytes are not in its encoding: the reader answers with its {@link CdaException} and writes nothing on
 * standard error (the JDK's StAX parser, decoding the bytes itself, printed {@code [Fatal Error] :-1:-1: Invalid
 * byte 1 of 1-byte UTF-8 sequence.} there before throwing — seen while fuzzing {@code readCda}); a document in
 * another encoding, declared or marked, is still read.
 */
class MalformedEncodingTest {

    private static final String TITLE = "Compte rendu é ü €";

    private static byte[] document(String declaration, Charset charset, byte[] inTitle) {
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        xml.writeBytes((declaration + "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><title>").getBytes(charset));
        xml.writeBytes(inTitle);
        xml.writeBytes("</title></ClinicalDocument>".getBytes(charset));
        return xml.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C328", "E282", "F0908C", "80", "EDA080", "C0AF"})
    void invalidUtf8IsACdaExceptionAndNothingOnStandardError(String hex) throws Exception {
        byte[] bad = HexFormat.of().parseHex(hex);
        for (String declaration : new String[] {"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", "", "\uFEFF"}) {
            byte[] input = document(declaration, StandardCharsets.UTF_8, bad);
            refusedQuietly(input);
        }
    }

    @ParameterizedTest
    @CsvSource({"US-ASCII, E9", "windows-1252, 81", "UTF-16BE, D800", "UTF-16LE, 00D8"})
    void bytesNotInTheDeclaredEncodingAreACdaExceptionAndNothingOnStandardError(String encoding, String hex)
            throws Exception {
        Charset charset = Charset.forName(encoding);
        byte[] bad = HexFormat.of().parseHex(hex);
        refusedQuietly(document("<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n", charset, bad));
    }

    @Test
    void anUnknownEncodingOrAnOddUtf16LengthIsACdaExceptionAndNothingOnStandardError() throws Exception {
        String bogus = "<?xml version=\"1.0\" encoding=\"X-NO-SUCH-ENCODING\"?>\n";
        assertQuiet(() -> assertThatThrownBy(() -> CrBioReader.create().read(document(bogus, StandardCharsets.UTF_8,
                new byte[0]))).isInstanceOf(CdaException.class));
        byte[] odd = document("\uFEFF", StandardCharsets.UTF_16BE, new byte[] {0x41});
        assertQuiet(() -> assertThatThrownBy(() -> CrBioReader.create().read(odd)).isInstanceOf(CdaException.class));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "UTF-8|<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "UTF-8|",
        "UTF-8|\uFEFF",
        "UTF-16BE|\uFEFF",
        "UTF-16LE|\uFEFF",
        "UTF-16LE|<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
        "ISO-8859-15|<?xml version='1.0' encoding='ISO-8859-15' standalone='yes'?>",
        "windows-1252|<?xml version=\"1.0\"   encoding = \"windows-1252\"?>"})
    void aWellEncodedDocumentIsStillRead(String encoding, String declaration) throws Exception {
        Charset charset = Charset.forName(encoding);
        byte[] input = document(declaration == null ? "" : declaration, charset, TITLE.getBytes(charset));
        assertQuiet(() -> assertThat(CdaXml.parse(CdaXml.Source.of(input)).child(
                "urn:hl7-org:v3", "title").text()).isEqualTo(TITLE));
    }

    /** The validator parses with SAX (its own error handler) and with Saxon: nothing printed either. */
    @Test
    void theValidatorAnswersInvalidUtf8WithoutStandardErrorToo() throws Exception {
        CrBioValidator validator = SharedValidator.get();
        for (String hex : new String[] {"FF", "C328"}) {
            byte[] input = document("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", StandardCharsets.UTF_8,
                    HexFormat.of().parseHex(hex));
            assertQuiet(() -> {
                try {
                    assertThat(validator.validate(input).findings()).isNotEmpty();
                } catch (CdaException e) {
                    assertThat(e.code()).isNotNull();
                }
            });
        }
    }

    private static void refusedQuietly(byte[] input) throws InterruptedException {
        for (CrBioReader reader : new CrBioReader[] {CrBioReader.create(), CrBioReader.lenient()}) {
            assertQuiet(() -> assertThatThrownBy(() -> reader.read(input)).isInstanceOfSatisfying(CdaException.class,
                    e -> assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.code()).isEqualTo(CdaValidationError.NOT_WELL_FORMED);
                        assertThat(p.message()).contains("invalid byte sequence");
                    })));
        }
    }

    private static void assertQuiet(Runnable action) throws InterruptedException {
        assertThat(capturingStandardError(action)).as("standard error").isEmpty();
    }

    /**
     * Runs {@code action} in a new thread (so that the parsers it gets are new ones, made while standard error is
     * captured: the JDK's default error handler keeps the stream it was made with) and returns what was written on
     * standard error meanwhile.
     */
    static String capturingStandardError(Runnable action) throws InterruptedException {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        synchronized (System.class) {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                Thread t = new Thread(() -> {
                    try {
                        action.run();
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                });
                t.start();
                t.join();
            } finally {
                System.setErr(saved);
            }
        }
        if (failure.get() instanceof AssertionError a) {
            throw a;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
