package fr.segurbio.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.AssigningAuthority;
import fr.segurbio.ins.BirthDate;
import fr.segurbio.ins.HighTrustDocument;
import fr.segurbio.ins.IdentityAttribute;
import fr.segurbio.ins.IdentityTraits;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.InsEnvironment;
import fr.segurbio.ins.InsError;
import fr.segurbio.ins.InsException;
import fr.segurbio.ins.Matricule;
import fr.segurbio.ins.PatientIdentity;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.datamatrix.DatamatrixSymbol;
import fr.segurbio.ins.datamatrix.DecodedSymbol;
import fr.segurbio.ins.datamatrix.InsDatamatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur ins …}: check a matricule INS, write and read the INS Datamatrix (and search INSi, see
 * {@link InsSearchCommand}).
 *
 * <p>IDENTITY.json, the input of {@code segur ins datamatrix encode} (a qualified identity; traits exactly as INSi
 * returned them, in INS form):
 *
 * <pre>{@code
 * {
 *   "matricule": "275126322074974",
 *   "oid": "1.2.250.1.213.1.4.8",
 *   "birthName": "ADRUN",
 *   "firstNames": ["ZOE"],
 *   "sex": "F",
 *   "birthDate": "1975-12-31",
 *   "birthPlace": "63220",
 *   "retrievedFromInsi": true,
 *   "identityDocument": "CN",
 *   "attributes": [],
 *   "environment": "production"
 * }
 * }</pre>
 *
 * {@code birthPlace}, {@code attributes} ({@code DOUTEUSE}, {@code FICTIVE}, {@code HOMONYME}) and
 * {@code environment} ({@code production}, the default, or {@code test}) are optional; {@code identityDocument} is
 * {@code PA}, {@code CN}, {@code AN} or {@code LE} (or absent when not checked). Only an identity retrieved from
 * INSi and checked on a document (status QUALIFIEE) is encoded.
 */
@Command(name = "ins", mixinStandardHelpOptions = true,
        description = "The INS: check a matricule, write and read the INS Datamatrix, search INSi.",
        subcommands = {
            InsCommand.Check.class,
            InsCommand.Datamatrix.class,
            InsSearchCommand.class,
            // INS-SUBCOMMANDS: other ins subcommands are listed here
        })
final class InsCommand implements Runnable {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code segur ins check MATRICULE [--oid OID] [--production] [--json]}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a matricule INS: 15 characters, key, sex digit, month, Corsica, and its OID.",
                "Exit: 0 valid, 1 invalid."})
    static final class Check implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "MATRICULE", description = "the 15 characters (13 + key)")
        private String matricule;

        @Option(names = "--oid", paramLabel = "OID", description = "the assigning authority OID (NIR .8, NIA .9, "
                + "NIR test .10, NIR demo .11)")
        private String oid;

        @Option(names = "--production", description = "refuse the test and demonstration OIDs")
        private boolean production;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            InsEnvironment env = production ? InsEnvironment.PRODUCTION : InsEnvironment.TEST;
            ValidationResult result = Matricule.validate(matricule);
            if (oid != null) {
                result = result.and(AssigningAuthority.validate(oid, env));
            }
            String kind = oid == null ? null : AssigningAuthority.find(oid).map(a -> a.kind().name()).orElse(null);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("valid", result.isValid());
                node.put("matricule", matricule);
                node.put("kind", result.isValid() ? kind : null);
                node.put("oid", oid);
                node.set("errors", problems(result.errors()));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else if (result.isValid()) {
                out.println("valid: " + matricule + (oid == null ? " (NIR or NIA: give --oid to tell)"
                        : " (" + kind + ", " + oid + ")"));
            } else {
                out.println("invalid: " + matricule);
                printProblems(out, result.errors());
            }
            return result.isValid() ? ExitCode.OK : ExitCode.INVALID;
        }
    }

    /** {@code segur ins datamatrix encode|decode}. */
    @Command(name = "datamatrix", mixinStandardHelpOptions = true,
            description = "Write or read the INS Datamatrix (ANS format v2.2).",
            subcommands = {Encode.class, Decode.class})
    static final class Datamatrix implements Runnable {

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** {@code segur ins datamatrix encode IDENTITY.json --out FILE.png}. */
    @Command(name = "encode", mixinStandardHelpOptions = true,
            description = {"Write the INS Datamatrix of a qualified identity as a PNG.",
                "IDENTITY.json: {\"matricule\",\"oid\",\"birthName\",\"firstNames\":[…],\"sex\",\"birthDate\":"
                        + "\"YYYY-MM-DD\",\"birthPlace\"?,\"retrievedFromInsi\":true,\"identityDocument\":"
                        + "\"PA|CN|AN|LE\",\"attributes\"?:[],\"environment\"?:\"production|test\"}",
                "Exit: 0 written, 1 invalid or not qualified identity, 3 I/O error."})
    static final class Encode implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "IDENTITY.json", description = "the qualified identity")
        private Path identityFile;

        @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "the PNG to write")
        private Path out;

        @Option(names = "--module-size", paramLabel = "PIXELS", defaultValue = "10",
                description = "pixels per module (default ${DEFAULT-VALUE})")
        private int moduleSize;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            PrintWriter pw = spec.commandLine().getOut();
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(Files.readString(identityFile));
            } catch (IOException e) {
                return report(pw, ExitCode.IO_ERROR, List.of(Problem.of(InsError.DM_IMAGE, "",
                        identityFile + ": " + e.getMessage())));
            }
            if (node == null || !node.isObject()) {
                return report(pw, ExitCode.INVALID, List.of(Problem.of(InsError.DM_ENCODE, "",
                        identityFile + " is not a JSON object")));
            }
            if (moduleSize < 1 || moduleSize > 100) {
                spec.commandLine().getErr().println("--module-size must be between 1 and 100");
                return ExitCode.USAGE;
            }
            DatamatrixSymbol symbol;
            try {
                symbol = InsDatamatrix.encode(identity(node));
            } catch (SegurException e) {
                return report(pw, ExitCode.INVALID, e.problems());
            }
            try (OutputStream os = Files.newOutputStream(out)) {
                symbol.writePng(os, moduleSize);
            } catch (IOException | UncheckedIOException e) {
                return report(pw, ExitCode.IO_ERROR, List.of(Problem.of(InsError.DM_ENCODE, "", out + ": "
                        + e.getMessage())));
            }
            if (json) {
                ObjectNode r = Json.MAPPER.createObjectNode();
                r.put("out", out.toString());
                r.put("modules", symbol.size());
                r.put("payloadLength", symbol.text().length());
                r.set("errors", Json.MAPPER.createArrayNode());
                pw.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                pw.println("wrote " + out + " (" + symbol.size() + "x" + symbol.size() + " modules, "
                        + symbol.text().length() + " characters)");
            }
            return ExitCode.OK;
        }

        private int report(PrintWriter pw, int code, List<Problem> problems) throws JsonProcessingException {
            if (json) {
                ObjectNode r = Json.MAPPER.createObjectNode();
                r.putNull("out");
                r.set("errors", problems(problems));
                pw.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                pw.println("not written:");
                printProblems(pw, problems);
            }
            return code;
        }

        /** IDENTITY.json → identity; every problem of the traits and of the INS at once. */
        static PatientIdentity identity(JsonNode n) {
            List<Problem> problems = new ArrayList<>();
            InsEnvironment env = "test".equalsIgnoreCase(text(n, "environment")) ? InsEnvironment.TEST
                    : InsEnvironment.PRODUCTION;
            Ins ins = null;
            ValidationResult insProblems = Ins.validate(text(n, "matricule"), text(n, "oid"), env);
            problems.addAll(insProblems.problems());
            if (insProblems.isValid()) {
                ins = Ins.of(text(n, "matricule"), text(n, "oid"), env);
            }
            IdentityTraits.Builder traits = IdentityTraits.builder().birthName(text(n, "birthName"))
                    .birthPlace(text(n, "birthPlace"));
            JsonNode firstNames = n.get("firstNames");
            if (firstNames != null && firstNames.isArray()) {
                List<String> list = new ArrayList<>();
                firstNames.forEach(f -> list.add(f.asText()));
                traits.birthFirstNames(list);
            } else {
                traits.birthFirstNames(text(n, "firstNames"));
            }
            String sex = text(n, "sex");
            try {
                traits.sex(sex == null ? null : Sex.fromCode(sex));
            } catch (SegurException e) {
                problems.addAll(e.problems());
            }
            String date = text(n, "birthDate");
            try {
                traits.birthDate(date == null ? null : BirthDate.of(LocalDate.parse(date),
                        n.path("birthDateFictive").asBoolean(false)));
            } catch (DateTimeParseException e) {
                problems.add(Problem.of(InsError.BIRTH_DATE_INVALID, "birthDate", date));
            } catch (SegurException e) {
                problems.addAll(e.problems());
            }
            problems.addAll(traits.validate().problems());
            PatientIdentity.Builder id = PatientIdentity.builder().ins(ins)
                    .retrievedFromInsi(n.path("retrievedFromInsi").asBoolean(false));
            String document = text(n, "identityDocument");
            if (document != null) {
                HighTrustDocument d = HighTrustDocument.fromCode(document).orElse(null);
                if (d == null) {
                    problems.add(Problem.of(InsError.DM_ENCODE, "identityDocument",
                            "identityDocument " + document + " is not PA, CN, AN or LE"));
                }
                id.checkedOn(d);
            }
            for (JsonNode a : n.path("attributes")) {
                try {
                    id.attributes(IdentityAttribute.valueOf(a.asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(Problem.of(InsError.ATTRIBUTES, "attributes", a.asText()));
                }
            }
            ValidationResult all = ValidationResult.of(problems);
            if (!all.isValid()) {
                throw new InsException(all);
            }
            return id.traits(traits.build()).build();
        }
    }

    /** {@code segur ins datamatrix decode FILE.png|FILE.pdf [--json]}. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = {"Read every INS Datamatrix of an image (PNG, JPEG…) or of every page of a PDF.",
                "PDF pages are rendered at 300 dpi with PDFBox.",
                "Exit: 0 at least one valid INS Datamatrix read, 1 none, 3 unreadable file."})
    static final class Decode implements Callable<Integer> {

        /** Resolution of the PDF page rendering: 0.5 mm modules are then about 6 pixels wide. */
        static final float PDF_DPI = 300f;

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "an image or a PDF")
        private Path file;

        @Option(names = "--production", description = "refuse the test and demonstration OIDs")
        private boolean production;

        @Option(names = "--json", description = "print JSON")
        private boolean json;

        @Override
        public Integer call() throws JsonProcessingException {
            PrintWriter out = spec.commandLine().getOut();
            InsEnvironment env = production ? InsEnvironment.PRODUCTION : InsEnvironment.TEST;
            List<Page> pages;
            try {
                pages = images(file);
            } catch (IOException | UncheckedIOException e) {
                return fileError(out, Problem.of(InsError.DM_IMAGE, "", file + ": " + e.getMessage()));
            }
            if (pages == null) {
                return fileError(out, Problem.of(InsError.DM_IMAGE, "", file + ": not an image nor a PDF"));
            }
            ArrayNode symbols = Json.MAPPER.createArrayNode();
            boolean pdf = !pages.isEmpty() && pages.get(0).number() > 0;
            int valid = 0;
            int found = 0;
            StringBuilder text = new StringBuilder();
            for (Page page : pages) {
                for (DecodedSymbol s : InsDatamatrix.decode(page.image(), env)) {
                    found++;
                    if (s.isValid()) {
                        valid++;
                    }
                    ObjectNode node = symbols.addObject();
                    if (pdf) {
                        node.put("page", page.number());
                    }
                    node.put("valid", s.isValid());
                    node.put("matricule", s.matricule().orElse(null));
                    node.put("oid", s.oid().orElse(null));
                    ArrayNode fn = node.putArray("firstNames");
                    s.firstNames().forEach(fn::add);
                    node.put("birthName", s.birthName().orElse(null));
                    node.put("sex", s.sex().orElse(null));
                    node.put("birthDate", s.birthDate().map(LocalDate::toString).orElse(null));
                    node.put("birthPlace", s.birthPlace().orElse(null));
                    node.set("errors", problems(s.problems().errors()));
                    node.set("warnings", problems(s.problems().warnings()));
                    describe(text, pdf ? page.number() : 0, s);
                }
            }
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.set("symbols", symbols);
            List<Problem> none = found == 0 ? List.of(Problem.of(InsError.DM_NOT_FOUND, "", file.getFileName()))
                    : List.of();
            root.set("errors", problems(none));
            if (json) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } else if (found == 0) {
                printProblems(out, none);
            } else {
                out.print(text);
            }
            return valid > 0 ? ExitCode.OK : ExitCode.INVALID;
        }

        private int fileError(PrintWriter out, Problem p) throws JsonProcessingException {
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                root.putArray("symbols");
                root.set("errors", problems(List.of(p)));
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            } else {
                printProblems(out, List.of(p));
            }
            return ExitCode.IO_ERROR;
        }

        private static void describe(StringBuilder sb, int page, DecodedSymbol s) {
            sb.append(s.isValid() ? "valid" : "invalid").append(" INS Datamatrix")
                    .append(page > 0 ? " on page " + page : "").append('\n');
            sb.append("  matricule:   ").append(s.matricule().orElse("-")).append('\n');
            sb.append("  OID:         ").append(s.oid().orElse("-")).append('\n');
            sb.append("  birth name:  ").append(s.birthName().orElse("-")).append('\n');
            sb.append("  first names: ").append(String.join(" ", s.firstNames())).append('\n');
            sb.append("  sex:         ").append(s.sex().orElse("-")).append('\n');
            sb.append("  birth date:  ").append(s.birthDate().map(LocalDate::toString)
                    .orElse(s.birthDateText().orElse("-"))).append('\n');
            sb.append("  birth place: ").append(s.birthPlace().orElse("-")).append('\n');
            for (Problem p : s.problems().problems()) {
                sb.append("  ").append(p.severity().jsonName()).append(' ').append(line(p)).append('\n');
            }
        }

        /** The images to scan: the image itself, or every page of a PDF; {@code null} when neither. */
        static List<Page> images(Path file) throws IOException {
            byte[] head = new byte[5];
            try (InputStream in = Files.newInputStream(file)) {
                int n = in.readNBytes(head, 0, head.length);
                if (n == 5 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("%PDF-")) {
                    return pdfPages(file);
                }
            }
            BufferedImage image = ImageIO.read(file.toFile());
            return image == null ? null : List.of(new Page(0, image));
        }

        private static List<Page> pdfPages(Path file) throws IOException {
            List<Page> pages = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(file.toFile())) {
                PDFRenderer renderer = new PDFRenderer(doc);
                for (int i = 0; i < doc.getNumberOfPages(); i++) {
                    pages.add(new Page(i + 1, renderer.renderImageWithDPI(i, PDF_DPI, ImageType.GRAY)));
                }
            }
            return pages;
        }

        /** A page image; number 0 for a plain image file. */
        record Page(int number, BufferedImage image) {
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static ArrayNode problems(List<Problem> problems) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Problem p : problems) {
            ObjectNode o = a.addObject();
            o.put("code", p.code().id());
            o.put("path", p.path());
            o.put("message", p.message());
            o.put("messageFr", p.messageFr());
        }
        return a;
    }

    static void printProblems(PrintWriter out, List<Problem> problems) {
        for (Problem p : problems) {
            out.println("  " + line(p));
        }
    }

    static String line(Problem p) {
        boolean french = "fr".equals(Locale.getDefault().getLanguage());
        return p.code().id() + (p.path().isEmpty() ? "" : " [" + p.path() + "]") + ": "
                + p.message(french ? Locale.FRENCH : Locale.ENGLISH);
    }
}
