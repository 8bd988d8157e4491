package fr.segurbio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.NormalizedTrait;
import fr.segurbio.ins.Sex;
import fr.segurbio.ins.Trait;
import fr.segurbio.ins.TraitNormalizer;
import fr.segurbio.ins.insi.CndaTestMode;
import fr.segurbio.ins.insi.InsiClient;
import fr.segurbio.ins.insi.InsiFaultException;
import fr.segurbio.ins.insi.InsiIdentity;
import fr.segurbio.ins.insi.InsiResult;
import fr.segurbio.ins.insi.TraitsSearch;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.TransportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code segur ins search TRAITS.json --config FILE [--json]}: calls INSi (or the INSi simulator) with identity
 * traits. The traits are put into INS form first (upper case, accents removed; what cannot be fixed is an error).
 *
 * <p>TRAITS.json: {@code {"birthName":"ADRUN","firstNames":["ZOE"],"sex":"F","birthDate":"1975-12-31",
 * "birthPlace":"63220"}} ({@code birthPlace} optional; the first first name is sent, as INSi advises).
 *
 * <p>The config file (JSON): INSi's own settings — {@code endpoint} ({@code "test"}, {@code "production"} or a
 * URL), {@code idam}, {@code software} ({@code name}, {@code version}, {@code instance} UUID), optional
 * {@code cndaSamples} (folder: CNDA test mode) — and the {@code connection} section shared by every remote
 * service ({@link ConnectionConfig}): {@code certificate} (PKCS#12 path) and {@code certificatePassword} or
 * {@code certificatePasswordEnv} (the name of an environment variable), {@code trustStore} (PEM), optional
 * {@code connectTimeoutSeconds} (default 5), {@code responseTimeoutSeconds} (default 10),
 * {@code totalTimeoutSeconds}, {@code attempts}, {@code proxy}, {@code wireTrace} (folder: CNDA traces).
 *
 * <p>Exit codes: 0 one identity ({@code 00}); 1 invalid traits, {@code 01} or {@code 02}; 2 usage; 3 INSi
 * unavailable, a fault, or a certificate / TLS / file problem.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Search an INS with identity traits (INSi RECSANSVITALE).",
            "Exit: 0 found (00), 1 invalid traits / 01 / 02, 3 unavailable, fault or configuration error."})
public final class InsSearchCommand implements Callable<Integer> {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAITS.json", description = "the traits to search with")
    private Path traitsFile;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the INSi client configuration")
    private Path configFile;

    @Option(names = "--json", description = "print JSON")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        JsonNode traits;
        JsonNode config;
        try {
            traits = Json.MAPPER.readTree(Files.readString(traitsFile));
            config = Json.MAPPER.readTree(Files.readString(configFile));
        } catch (IOException e) {
            return fail(out, ExitCode.IO_ERROR, "io", e.getMessage());
        }
        List<Problem> problems = new ArrayList<>();
        TraitsSearch search = search(traits, problems);
        if (search == null) {
            return invalid(out, problems);
        }
        try (ServiceConnection connection = ConnectionConfig.read(config.get("connection"), Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            InsiResult result = client(config, connection).search(search);
            print(out, result, problems);
            if (result instanceof InsiResult.Found) {
                return ExitCode.OK;
            }
            return result instanceof InsiResult.Unavailable ? ExitCode.IO_ERROR : ExitCode.INVALID;
        } catch (InsiFaultException e) {
            return fail(out, ExitCode.IO_ERROR, e.code().id() + " " + String.join("/", e.fault().codes()),
                    e.fault().text());
        } catch (TransportException e) {
            return fail(out, ExitCode.IO_ERROR, e.code().id(), e.problems().get(0).messageFr());
        } catch (SegurException e) {
            return fail(out, ExitCode.IO_ERROR, e.code().id(), e.messageFr());
        } catch (IllegalArgumentException e) {
            return fail(out, ExitCode.IO_ERROR, "config", e.getMessage());
        }
    }

    private static TraitsSearch search(JsonNode t, List<Problem> problems) {
        NormalizedTrait name = TraitNormalizer.normalize(Trait.BIRTH_NAME, text(t, "birthName"));
        problems.addAll(name.problems().problems());
        List<String> firstNames = new ArrayList<>();
        JsonNode fns = t.get("firstNames");
        if (fns != null && fns.isArray() && !fns.isEmpty()) {
            NormalizedTrait first = TraitNormalizer.normalize(Trait.FIRST_FIRST_NAME, fns.get(0).asText());
            problems.addAll(first.problems().problems());
            firstNames.add(first.value());
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return null;
        }
        try {
            TraitsSearch.Builder b = TraitsSearch.builder().birthName(name.value());
            firstNames.forEach(b::firstName);
            String sex = text(t, "sex");
            if (sex != null) {
                b.sex(Sex.fromCode(sex.toUpperCase(Locale.ROOT)));
            }
            String date = text(t, "birthDate");
            if (date != null) {
                b.birthDate(date);
            }
            b.birthPlace(text(t, "birthPlace"));
            return b.build();
        } catch (SegurException e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    static InsiClient client(JsonNode c, ServiceConnection connection) {
        String endpoint = required(c, "endpoint");
        URI uri = switch (endpoint) {
            case "test" -> InsiClient.TEST_ENDPOINT;
            case "production" -> InsiClient.PRODUCTION_ENDPOINT;
            default -> URI.create(endpoint);
        };
        JsonNode sw = c.path("software");
        InsiClient.Builder b = InsiClient.builder()
                .connection(connection)
                .endpoint(uri)
                .idam(required(c, "idam"))
                .software(required(sw, "name"), required(sw, "version"), UUID.fromString(required(sw, "instance")));
        if (text(c, "cndaSamples") != null) {
            b.cndaTestMode(CndaTestMode.standard(Path.of(text(c, "cndaSamples"))));
        }
        return b.build();
    }

    private static String required(JsonNode n, String field) {
        return ConnectionConfig.required(n, field);
    }

    private static String text(JsonNode n, String field) {
        return ConnectionConfig.text(n, field);
    }

    private void print(PrintWriter out, InsiResult result, List<Problem> normalisation) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("code", result.code().orElse(null));
        List<Problem> warnings = new ArrayList<>(normalisation);
        if (result instanceof InsiResult.Found f) {
                o.put("label", f.label());
                o.set("ins", ins(f.identity().active()));
                ArrayNode history = o.putArray("history");
                for (InsiIdentity.HistoricIns h : f.identity().history()) {
                    ObjectNode e = ins(h.ins());
                    e.put("startDate", h.start().map(Object::toString).orElse(null));
                    e.put("endDate", h.end().map(Object::toString).orElse(null));
                    history.add(e);
                }
                ObjectNode t = o.putObject("traits");
                t.put("birthName", f.identity().traits().birthName());
                ArrayNode fn = t.putArray("firstNames");
                f.identity().traits().firstNames().forEach(fn::add);
                t.put("firstFirstName", f.identity().traits().firstFirstName());
                t.put("sex", f.identity().traits().sex().code());
                t.put("birthDate", f.identity().traits().birthDate().raw());
                t.put("birthPlace", f.identity().traits().place().map(p -> p.code()).orElse(null));
                warnings.addAll(f.warnings().problems());
        } else if (result instanceof InsiResult.NotFound n) {
            o.put("label", n.label());
        } else if (result instanceof InsiResult.Several s) {
            o.put("label", s.label());
        } else if (result instanceof InsiResult.Unavailable u) {
                ObjectNode un = o.putObject("unavailable");
                un.put("reason", u.reason().name());
                un.put("message", u.problem().messageFr());
                if (u.fault() != null) {
                    ArrayNode codes = un.putArray("codes");
                    u.fault().codes().forEach(codes::add);
                }
        }
        ArrayNode w = o.putArray("warnings");
        for (Problem p : warnings) {
            w.addObject().put("code", p.code().id()).put("path", p.path()).put("message", p.messageFr());
        }
        ObjectNode call = o.putObject("call");
        call.put("messageId", result.call().messageId());
        call.put("attempts", result.call().attempts());
        call.put("durationMs", result.call().duration().toMillis());
        call.put("cndaFile", result.call().cndaFile());
        if (json) {
            out.println(o.toPrettyString());
            return;
        }
        if (result instanceof InsiResult.Found f) {
                Ins a = f.identity().active();
                out.println("00 " + f.label() + " : INS " + a.matricule().value() + " (" + a.authority().label() + ", "
                        + a.oid() + ")");
                out.println("   " + f.identity().traits().birthName() + " "
                        + String.join(" ", f.identity().traits().firstNames()) + " "
                        + f.identity().traits().sex().code() + " " + f.identity().traits().birthDate().raw() + " "
                        + f.identity().traits().place().map(p -> p.code()).orElse(""));
                f.identity().history().forEach(h -> out.println("   historique : " + h.ins().matricule().value()));
        } else if (result instanceof InsiResult.NotFound n) {
            out.println("01 " + n.label());
        } else if (result instanceof InsiResult.Several s) {
            out.println("02 " + s.label());
        } else if (result instanceof InsiResult.Unavailable u) {
            out.println("INSi indisponible : " + u.problem().messageFr());
        }
        warnings.forEach(p -> out.println("   " + p.code().id() + " " + p.messageFr()));
    }

    private static ObjectNode ins(Ins ins) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("matricule", ins.matricule().value());
        o.put("oid", ins.oid());
        o.put("kind", ins.kind().name());
        o.put("keyMatches", ins.matricule().keyMatches());
        return o;
    }

    private int invalid(PrintWriter out, List<Problem> problems) {
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.putNull("code");
            ArrayNode errors = o.putArray("errors");
            problems.forEach(p -> errors.addObject().put("code", p.code().id()).put("path", p.path())
                    .put("message", p.messageFr()));
            out.println(o.toPrettyString());
        } else {
            problems.forEach(p -> out.println(p.code().id() + " [" + p.path() + "] " + p.messageFr()));
        }
        return ExitCode.INVALID;
    }

    private int fail(PrintWriter out, int exit, String code, String message) {
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.putNull("code");
            o.putObject("error").put("code", code).put("message", message);
            out.println(o.toPrettyString());
        } else {
            spec.commandLine().getErr().println("segur ins search: " + code + " " + message);
        }
        return exit;
    }
}
