package fr.segurbio.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Er7ParserTest {

    static List<Path> ansFiles() {
        return AnsExamples.all();
    }

    @ParameterizedTest
    @MethodSource("ansFiles")
    void everyAnsExampleParsesAndEncodesBackIdentically(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Hl7Message m = Er7Parser.create().parse(bytes);
        assertThat(m.msh().name()).isEqualTo("MSH");
        assertThat(m.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(m.notes().isValid()).isTrue();
        assertThat(m.notes().has(Hl7Error.LINE_FEEDS)).isTrue();
        // re-encoded with CR: the same lines as the file, trailing empty fields aside
        String original = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = Arrays.stream(original.split("\r?\n")).filter(l -> !l.isBlank())
                .map(Er7ParserTest::trimTrailingFieldSeparators).toList();
        List<String> encoded = Arrays.asList(m.encode().split("\r"));
        assertThat(encoded).containsExactlyElementsOf(lines);
        // and parses again to the same message
        Hl7Message again = Er7Parser.create().parse(m.toBytes());
        assertThat(again.encode()).isEqualTo(m.encode());
        assertThat(again.notes().has(Hl7Error.LINE_FEEDS)).isFalse();
    }

    private static String trimTrailingFieldSeparators(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '|') {
            end--;
        }
        return line.substring(0, end);
    }

    @ParameterizedTest
    @MethodSource("ansFiles")
    void hapiReadsWhatWeWriteWithTheSameValues(Path file) throws Exception {
        Hl7Message m = Er7Parser.create().parse(file);
        try (HapiContext ctx = new DefaultHapiContext()) {
            ctx.setValidationContext(new NoValidation());
            ctx.setModelClassFactory(new CanonicalModelClassFactory("2.5"));
            ctx.getParserConfiguration().setValidating(false);
            PipeParser hapi = ctx.getPipeParser();
            ca.uhn.hl7v2.model.Message hm = hapi.parse(m.encode());
            Terser t = new Terser(hm);
            assertThat(t.get("/MSH-10")).isEqualTo(m.controlId());
            assertThat(t.get("/MSH-9-1")).isEqualTo(m.messageType());
            Segment pid = m.segment("PID").orElseThrow();
            assertThat(t.get("/.PID-3(0)-1")).isEqualTo(pid.repetitions(3).get(0).component(1));
            assertThat(t.get("/.PID-5-1")).isEqualTo(pid.value(5, 1));
            // HAPI encodes back what it read: our parser reads the same segments from its output
            Hl7Message back = Er7Parser.create().parse(hapi.encode(hm));
            assertThat(back.segments().stream().map(Segment::name).toList())
                    .containsExactlyElementsOf(m.segments().stream().map(Segment::name).toList());
            assertThat(back.segment("PID").orElseThrow().value(3, 1)).isEqualTo(pid.value(3, 1));
        }
    }

    @Test
    void componentsSubcomponentsAndRepetitions() {
        Hl7Message m = Er7Parser.create().parse(AnsExamples.bytes(AnsExamples.ADMISSION));
        Segment pid = m.segment("PID").orElseThrow();
        List<Field> ids = pid.repetitions(3);
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1).component(1)).isEqualTo("279035121518989");
        assertThat(ids.get(1).subcomponent(4, 1)).isEqualTo("ASIP-SANTE-INS-NIR");
        assertThat(ids.get(1).subcomponent(4, 2)).isEqualTo("1.2.250.1.213.1.4.10");
        assertThat(ids.get(1).component(5)).isEqualTo("INS");
        assertThat(pid.repetitions(11).get(1).component(7)).isEqualTo("BDL");
        assertThat(pid.repetitions(11).get(1).component(9)).isEqualTo("63220");
        assertThat(m.version()).isEqualTo("2.5");
        assertThat(m.msh().field(12).component(3)).isEqualTo("2.11");
        assertThat(m.msh().value(1)).isEqualTo("|");
        assertThat(m.msh().value(2)).isEqualTo("^~\\&");
        assertThat(m.structure()).isEqualTo("ADT_A01");
    }

    @Test
    void escapingBothWays() {
        Delimiters d = Delimiters.STANDARD;
        String plain = "A|B^C~D\\E&F\rG";
        String er7 = d.escape(plain);
        assertThat(er7).isEqualTo("A\\F\\B\\S\\C\\R\\D\\E\\E\\T\\F\\X0D\\G");
        assertThat(d.unescape(er7)).isEqualTo(plain);
        assertThat(d.unescape("caf\\XC3A9\\")).hasSize(5);
        Segment nte = Segment.builder("NTE", d).set(3, "Taux < 5 | voir ^note^").build();
        Hl7Message m = Hl7Message.builder(d)
                .add(Segment.builder("MSH", d).components(9, "ORU", "R01").set(10, "1").set(11, "P").set(12, "2.5").build())
                .add(nte).build();
        Hl7Message back = Er7Parser.create().parse(m.toBytes());
        assertThat(back.segment("NTE").orElseThrow().value(3)).isEqualTo("Taux < 5 | voir ^note^");
    }

    @Test
    void unknownEscapeIsKeptAndReported() {
        List<fr.segurbio.core.Problem> problems = new java.util.ArrayList<>();
        assertThat(Delimiters.STANDARD.unescape("a\\Q\\b", problems::add)).isEqualTo("a\\Q\\b");
        assertThat(problems).extracting(p -> p.code()).containsExactly(Hl7Error.ESCAPE);
    }

    @Test
    void otherDelimitersAreHonoured() {
        String er7 = "MSH#$%@*#SIL#LAB#PFI#CHU#20240101##ORU$R01$ORU_R01#42#P#2.5\rPID###123$$$X*1.2.3*ISO$PI\r";
        Hl7Message m = Er7Parser.create().parse(er7.getBytes(StandardCharsets.US_ASCII));
        assertThat(m.delimiters()).isEqualTo(new Delimiters('#', '$', '%', '@', '*'));
        assertThat(m.segment("PID").orElseThrow().value(3, 4, 2)).isEqualTo("1.2.3");
        assertThat(m.encode()).isEqualTo(er7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "MSHA^~\\&|SIL|LAB\r",           // field separator is a letter
        "MSH|^~\\|SIL|LAB\r",            // three encoding characters
        "MSH|^^\\&|SIL|LAB\r",           // repeated delimiter
        "MSH|^~\\&&&|SIL\r",             // six encoding characters
        "MSH|\r",                        // nothing after MSH-1
    })
    void wrongFieldSeparatorsOrEncodingCharactersAreRefused(String header) {
        assertThatThrownBy(() -> Er7Parser.create().parse(header.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.problems()).extracting(p -> p.code()).contains(Hl7Error.SEPARATORS));
    }

    @Test
    void notStartingWithMshIsRefused() {
        assertThatThrownBy(() -> Er7Parser.create().parse("PID|||1\r".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.NO_MSH));
        assertThatThrownBy(() -> Er7Parser.create().parse(new byte[0]))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.EMPTY));
    }

    @Test
    void truncatedHeaderIsRefusedWithEveryMissingField() {
        byte[] full = AnsExamples.bytes(AnsExamples.ADMISSION);
        byte[] cut = Arrays.copyOf(full, 60); // MSH|^~\&|GAM|CHU-X|DPI|CHU-X|20240306111154||ADT^A01^ADT_A01|39
        assertThatThrownBy(() -> Er7Parser.create().parse(cut))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path()).contains("MSH-11", "MSH-12").doesNotContain("MSH-9"));
        byte[] cut2 = Arrays.copyOf(full, 50);
        assertThatThrownBy(() -> Er7Parser.create().parse(cut2))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.problems())
                        .extracting(p -> p.path()).contains("MSH-10", "MSH-11", "MSH-12"));
    }

    @Test
    void badSegmentNameIsRefused() {
        String er7 = "MSH|^~\\&|A|B|C|D|20240101||ADT^A28|1|P|2.5\rpid|||1\rPID-3|x\r";
        assertThatThrownBy(() -> Er7Parser.create().parse(er7))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.problems())
                        .extracting(p -> p.code()).containsExactly(Hl7Error.SEGMENT_NAME, Hl7Error.SEGMENT_NAME));
    }

    @Test
    void msh18Utf8WithLatin1BytesIsRefused() {
        String er7 = "MSH|^~\\&|A|B|C|D|20240101||ADT^A28|1|P|2.5|||||FRA|UNICODE UTF-8\rPID|||1||H\u00c9BERT\r";
        byte[] latin1 = er7.getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Er7Parser.create().parse(latin1))
                .isInstanceOfSatisfying(Hl7Exception.class,
                        e -> assertThat(e.code()).isEqualTo(Hl7Error.CHARSET_MISMATCH));
    }

    @Test
    void msh18Latin9WithUtf8BytesIsReadAndFlagged() {
        String er7 = "MSH|^~\\&|A|B|C|D|20240101||ADT^A28|1|P|2.5|||||FRA|8859/15\rPID|||1||H\u00c9BERT\r";
        Hl7Message m = Er7Parser.create().parse(er7.getBytes(StandardCharsets.UTF_8));
        assertThat(m.notes().has(Hl7Error.CHARSET_SUSPICIOUS)).isTrue();
        Hl7Message ok = Er7Parser.create().parse(er7.getBytes(Hl7Charsets.ISO_8859_15));
        assertThat(ok.segment("PID").orElseThrow().value(5)).isEqualTo("H\u00c9BERT");
        assertThat(ok.notes().problems()).isEmpty();
        assertThat(ok.charset()).isEqualTo(Hl7Charsets.ISO_8859_15);
        assertThat(ok.toBytes()).isEqualTo(er7.getBytes(Hl7Charsets.ISO_8859_15));
    }

    @Test
    void aCharacterOutsideTheCharsetIsRefusedNotReplaced() {
        Delimiters d = Delimiters.STANDARD;
        Hl7Message m = Hl7Message.builder(d).charset(Hl7Charsets.ISO_8859_15)
                .add(Segment.builder("MSH", d).components(9, "ADT", "A28").set(10, "1").set(11, "P").set(12, "2.5")
                        .set(18, "8859/15").build())
                .add(Segment.builder("PID", d).components(5, "D\u2019ARTAGNAN", "CHARLES").build())
                .build();
        assertThatThrownBy(m::toBytes).isInstanceOfSatisfying(Hl7Exception.class,
                e -> assertThat(e.code()).isEqualTo(Hl7Error.CHARSET_UNMAPPABLE));
        assertThat(Er7Parser.create().parse(m.toBuilder().charset(StandardCharsets.UTF_8).build().encode()
                .replace("8859/15", "UNICODE UTF-8")).segment("PID").orElseThrow().value(5))
                .isEqualTo("D\u2019ARTAGNAN");
    }

    @Test
    void unknownCharsetIsRefused() {
        String er7 = "MSH|^~\\&|A|B|C|D|20240101||ADT^A28|1|P|2.5|||||FRA|EBCDIC\r";
        assertThatThrownBy(() -> Er7Parser.create().parse(er7.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.CHARSET_UNKNOWN));
    }

    @Test
    void fiftyMegabyteObxIsRefusedBeforeDecoding() {
        byte[] head = "MSH|^~\\&|A|B|C|D|20240101||ORU^R01^ORU_R01|1|P|2.5\rOBX|1|ED|X||^TEXT^XML^Base64^"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[50 * 1024 * 1024];
        System.arraycopy(head, 0, big, 0, head.length);
        Arrays.fill(big, head.length, big.length, (byte) 'A');
        assertThatThrownBy(() -> Er7Parser.create().parse(big))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.TOO_LARGE));
        assertThatThrownBy(() -> Er7Parser.builder().maxBytes(1024).build().parse(new ByteArrayInputStream(big)))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.TOO_LARGE));
    }

    @Test
    void secondMshIsOutOfOrder() {
        String er7 = "MSH|^~\\&|A|B|C|D|20240101||ADT^A28|1|P|2.5\rMSH|^~\\&|A|B|C|D|20240101||ADT^A28|2|P|2.5\r";
        assertThatThrownBy(() -> Er7Parser.create().parse(er7))
                .isInstanceOfSatisfying(Hl7Exception.class, e -> assertThat(e.code()).isEqualTo(Hl7Error.SEGMENT_ORDER));
    }
}
