package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.core.Problem;

/**
 * The reader gives the same model and the same notices as the reader it replaced (Saxon tree, issue 17), on every
 * BIO example of the conformance material and on broken variants of them, strict and lenient: the golden files
 * under {@code src/test/resources/fr/segurbio/cda/read/golden} were written by the old reader (before the change)
 * and every field of each is compared with what the reader gives now.
 *
 * <p>What is compared: the report's canonical JSON ({@link CrBioJson#write}) field by field, the volet, the PDF
 * copy (length and SHA-256), and every problem (code, severity, path, French and English messages) of the read
 * report's checks or of the refusal. A refusal by the XML parser itself ({@code CDA-5xx}: malformed, DTD) is
 * compared by code and severity only: its message is the parser's. A text of more than 512 characters (the base64
 * of an attachment) is compared by its length and SHA-256. A field the golden file does not have (a model
 * field added after the golden files were written) is not compared. To rewrite the golden files (only after a
 * change of the model that is meant to change what is read): {@code -Dsegur.golden.write=true}.
 */
class CrBioReaderEquivalenceTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "fr", "segurbio", "cda", "read", "golden");
    private static final boolean WRITE = Boolean.getBoolean("segur.golden.write");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String TSH_1 = "BIO-CR-BIO_2024.01_TSH_1.xml";
    private static final String AUTO = "BIO-CR-BIO_2021.01_Auto-Presentable.xml";
    private static final String ELECTRO = "BIO-CR-BIO_2023.01_Electrophorese.xml";

    /** A document to read: an example as it is, or changed. */
    record Case(String name, String example, UnaryOperator<String> change) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        Path dir = SharedValidator.material().resolve("ExemplesCDA");
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("BIO-") && n.endsWith(".xml"))
                    .sorted().forEach(n -> cases.add(new Case(n.substring(0, n.length() - 4), n, null)));
        }
        cases.add(new Case("tsh1-five-bad-parts", TSH_1, x -> {
            x = replace(x, "<confidentialityCode code=\"N\"", "<confidentialityCode code=\"Z\"");
            x = replace(x, "<versionNumber value=\"1\"/>", "<versionNumber value=\"abc\"/>");
            x = replace(x, "<effectiveTime value=\"20210401171000+0100\"/>",
                    "<effectiveTime value=\"20211341171000+0100\"/>");
            x = replace(x, "xsi:type=\"PQ\" value=\"1.950\"", "xsi:type=\"PQ\" value=\"1,950\"");
            return replace(x, "xsi:type=\"PQ\" value=\"7.67\"", "xsi:type=\"XYZ\" value=\"7.67\"");
        }));
        cases.add(new Case("tsh1-gender-x", TSH_1,
                x -> x.replaceFirst("<administrativeGenderCode code=\"[A-Z]\"", "<administrativeGenderCode code=\"X\"")));
        cases.add(new Case("tsh1-no-patient", TSH_1, x -> replace(replace(x, "<patient classCode=\"PSN\">",
                "<patientX classCode=\"PSN\">"), "</patient>", "</patientX>")));
        cases.add(new Case("tsh1-pdf-not-base64", TSH_1, x -> replace(x, "representation=\"B64\">",
                "representation=\"B64\">!!")));
        cases.add(new Case("tsh1-pdf-base64-padding-inside", TSH_1, x -> replace(x, "representation=\"B64\">",
                "representation=\"B64\">AA==")));
        cases.add(new Case("tsh1-pdf-base64-empty", TSH_1,
                x -> x.replaceFirst("(?s)(representation=\"B64\">)[^<]*<", "$1 \n <")));
        cases.add(new Case("tsh1-no-legal-authenticator", TSH_1,
                x -> x.replaceFirst("(?s)<legalAuthenticator>.*?</legalAuthenticator>", "")));
        cases.add(new Case("tsh1-unknown-value-type", TSH_1,
                x -> replace(x, "xsi:type=\"PQ\" value=\"7.67\"", "xsi:type=\"XYZ\" value=\"7.67\"")));
        cases.add(new Case("tsh1-dtd", TSH_1, x -> replace(x, "<ClinicalDocument",
                "<!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ClinicalDocument")));
        cases.add(new Case("tsh1-truncated", TSH_1, x -> x.substring(0, x.length() / 3)));
        cases.add(new Case("tsh1-not-a-cda", TSH_1, x -> x.replace("urn:hl7-org:v3", "urn:example:other")));
        cases.add(new Case("auto-presentable-unknown-value-type", AUTO,
                x -> x.replaceFirst("xsi:type=\"PQ\"", "xsi:type=\"XYZ\"")));
        cases.add(new Case("electrophoresis-bad-date-and-number", ELECTRO,
                x -> x.replaceFirst("value=\"(\\d+)\\.(\\d+)\"", "value=\"$1,$2\"")
                        .replaceFirst("<effectiveTime value=\"(\\d{8})", "<effectiveTime value=\"$1x")));
        List<Arguments> args = new ArrayList<>();
        for (Case c : cases) {
            args.add(Arguments.of(c, "strict"));
            args.add(Arguments.of(c, "lenient"));
        }
        return args.stream();
    }

    private static String replace(String xml, String from, String to) {
        assertThat(xml).contains(from);
        return xml.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void readsAsTheOldReaderDid(Case c, String mode) throws IOException {
        String original = Files.readString(SharedValidator.example(c.example()), StandardCharsets.UTF_8);
        byte[] xml = c.change() == null ? Files.readAllBytes(SharedValidator.example(c.example()))
                : c.change().apply(original).getBytes(StandardCharsets.UTF_8);
        CrBioReader reader = "strict".equals(mode) ? CrBioReader.create() : CrBioReader.lenient();
        ObjectNode actual = outcome(reader, xml);
        Path golden = GOLDEN.resolve(c.name() + "." + mode + ".json");
        if (WRITE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, MAPPER.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file of %s (%s)", c, mode).isRegularFile();
        JsonNode expected = MAPPER.readTree(golden.toFile());
        List<String> differences = new ArrayList<>();
        compare("", expected, actual, differences);
        assertThat(differences).as("fields read differently from the old reader in %s (%s)", c, mode).isEmpty();
    }

    /** What a reading gives, as JSON: the report, its PDF copy and checks, or the refusal's problems. */
    private static ObjectNode outcome(CrBioReader reader, byte[] xml) throws IOException {
        ObjectNode o = MAPPER.createObjectNode();
        try {
            ReadDocument doc = reader.read(xml);
            o.put("outcome", "read");
            o.put("volet", doc.volet());
            ObjectNode pdf = o.putObject("pdfCopy");
            doc.pdfCopy().ifPresentOrElse(b -> {
                pdf.put("length", b.length);
                pdf.put("sha256", sha256(b));
            }, () -> pdf.put("length", -1));
            o.set("report", digestLongTexts(MAPPER.readTree(CrBioJson.write(doc.report()))));
            o.set("problems", problems(doc.checks().problems()));
        } catch (CdaException e) {
            o.put("outcome", "refused");
            o.set("problems", problems(e.problems()));
        }
        return o;
    }

    /** Long texts (the base64 of attachments) are kept as their length and SHA-256, to keep golden files small. */
    private static JsonNode digestLongTexts(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                o.set(name, digestLongTexts(o.get(name)));
            }
        } else if (n.isArray()) {
            ArrayNode a = (ArrayNode) n;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, digestLongTexts(a.get(i)));
            }
        } else if (n.isTextual() && n.textValue().length() > 512) {
            String t = n.textValue();
            return MAPPER.getNodeFactory().textNode(
                    "(" + t.length() + " chars, SHA-256 " + sha256(t.getBytes(StandardCharsets.UTF_8)) + ")");
        }
        return n;
    }

    private static ArrayNode problems(List<Problem> problems) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Problem p : problems) {
            ObjectNode n = a.addObject();
            n.put("code", p.code().id());
            n.put("severity", p.severity().name());
            boolean parser = p.code().id().startsWith("CDA-5");
            n.put("path", parser ? "(parser)" : p.path());
            n.put("fr", parser ? "(parser)" : p.messageFr());
            n.put("en", parser ? "(parser)" : p.messageEn());
        }
        return a;
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field of {@code expected} compared with {@code actual}; fields only in {@code actual} are not. */
    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (actual == null) {
            differences.add(path + ": missing (expected " + abbreviate(expected) + ")");
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                compare(path + "/" + f.getKey(), f.getValue(), actual.get(f.getKey()), differences);
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": " + actual.size() + " items instead of " + expected.size());
            }
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                compare(path + "/" + i, expected.get(i), actual.get(i), differences);
            }
            return;
        }
        if (!expected.equals(actual)) {
            differences.add(path + ": " + abbreviate(actual) + " instead of " + abbreviate(expected));
        }
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
