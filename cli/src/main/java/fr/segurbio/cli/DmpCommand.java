package fr.segurbio.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.read.CrBioReader;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.Problem;
import fr.segurbio.core.SegurException;
import fr.segurbio.dmp.DmpClient;
import fr.segurbio.dmp.DmpDocument;
import fr.segurbio.dmp.DmpEnvironment;
import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;
import fr.segurbio.dmp.DmpStatus;
import fr.segurbio.dmp.DmpSubmission;
import fr.segurbio.dmp.DmpWireTrace;
import fr.segurbio.dmp.DocumentAction;
import fr.segurbio.dmp.DocumentPair;
import fr.segurbio.dmp.DocumentStatus;
import fr.segurbio.dmp.FindQuery;
import fr.segurbio.dmp.PatientConsent;
import fr.segurbio.dmp.RegistryError;
import fr.segurbio.dmp.StreamedDocument;
import fr.segurbio.dmp.SubmissionResult;
import fr.segurbio.dmp.UpdateOutcome;
import fr.segurbio.dmp.WebPsUrl;
import fr.segurbio.dmp.vihf.DmpActor;
import fr.segurbio.dmp.vihf.VihfSettings;
import fr.segurbio.ins.Ins;
import fr.segurbio.transport.RetryPolicy;
import fr.segurbio.transport.ServiceConnection;
import fr.segurbio.transport.SoftwareCertificate;
import fr.segurbio.transport.TransportException;
import fr.segurbio.transport.TrustStore;
import fr.segurbio.transport.WireTraceSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code segur dmp ...}: the patient's DMP (Mon espace santé) through dmp-client, against a DMP environment or
 * the testkit simulator ({@code --endpoint}).
 *
 * <p>Every subcommand reads the client configuration from {@code --config FILE.json}:
 * <pre>{@code
 * {"environment": "test", "endpoint": "https://127.0.0.1:8443/si-dmp-server/v2/services",
 *  "tlsCertificate": "org-auth-cli.p12", "tlsPasswordEnv": "DMP_TLS_PASSWORD",
 *  "signCertificate": "org-sign.p12", "signPasswordEnv": "DMP_SIGN_PASSWORD",
 *  "trustStore": "igc-sante.pem",
 *  "software": {"name": "SGL-LABO", "version": "4.2.0", "instanceId": "1.2.250.1.999.1.1"},
 *  "homologation": "LAB-2024-01",
 *  "structure": {"id": "1750000000", "name": "Laboratoire", "sector": "SA25"},
 *  "actor": {"nameId": "1750000000/SGL", "subjectId": "SGL-LABO, automate"},
 *  "responseTimeoutSeconds": 20, "attempts": 3}
 * }</pre>
 * Passwords are never on the command line nor in the file: they come from the environment variables the file
 * (or {@code --tls-password-env} / {@code --sign-password-env}) names, by default {@value #TLS_PASSWORD_ENV} and
 * {@value #SIGN_PASSWORD_ENV}, else from a prompt. {@code --endpoint}, {@code --tls-cert}, {@code --sign-cert},
 * {@code --trust} override the file; {@code --trace DIR} writes each request and each response to its own
 * numbered file (key material removed). Exit codes: 0 done, 1 refused before sending (invalid input, identity or
 * consent gate), 2 usage, 3 the DMP refused or could not be reached, or a file / certificate problem.
 */
@Command(name = "dmp", mixinStandardHelpOptions = true,
        description = "The patient's DMP: status, submit, find, retrieve, replace, mask, visibility, archive, delete.",
        subcommands = {
            HelpCommand.class,
            DmpCommand.Status.class,
            DmpCommand.Submit.class,
            DmpCommand.Replace.class,
            DmpCommand.Find.class,
            DmpCommand.Retrieve.class,
            DmpCommand.Mask.class,
            DmpCommand.Unmask.class,
            DmpCommand.HideFromPatient.class,
            DmpCommand.ShowToPatient.class,
            DmpCommand.HideFromGuardians.class,
            DmpCommand.ShowToGuardians.class,
            DmpCommand.Archive.class,
            DmpCommand.Unarchive.class,
            DmpCommand.Delete.class,
            DmpCommand.WebPsUrlCommand.class
        })
public final class DmpCommand implements Runnable {

    /** The default environment variable of the TLS certificate's password. */
    public static final String TLS_PASSWORD_ENV = "SEGUR_DMP_TLS_PASSWORD";
    /** The default environment variable of the signing certificate's password. */
    public static final String SIGN_PASSWORD_ENV = "SEGUR_DMP_SIGN_PASSWORD";

    /** Reads environment variables; tests replace it. */
    static UnaryOperator<String> environment = System::getenv;

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every subcommand shares. */
    static final class Common {
        @Option(names = "--config", required = true, paramLabel = "FILE.json", description = "the DMP client configuration")
        Path config;

        @Option(names = "--endpoint", paramLabel = "URL", description = "base URL (a DMP test environment or the simulator)")
        URI endpoint;

        @Option(names = "--tls-cert", paramLabel = "FILE.p12", description = "ORG AUTH_CLI certificate (PKCS#12)")
        Path tlsCert;

        @Option(names = "--sign-cert", paramLabel = "FILE.p12", description = "ORG SIGN certificate (PKCS#12)")
        Path signCert;

        @Option(names = "--tls-password-env", paramLabel = "VAR", description = "variable holding the TLS certificate's password")
        String tlsPasswordEnv;

        @Option(names = "--sign-password-env", paramLabel = "VAR", description = "variable holding the signing certificate's password")
        String signPasswordEnv;

        @Option(names = "--trust", paramLabel = "FILE.pem", description = "trusted CAs (IGC-Santé), PEM")
        Path trust;

        @Option(names = "--trace", paramLabel = "DIR", description = "write each request and response, in order")
        Path trace;

        @Option(names = "--json", description = "print JSON")
        boolean json;
    }

    /** The patient options. */
    static final class Patient {
        @Option(names = "--ins", required = true, paramLabel = "MATRICULE", description = "the patient's matricule INS")
        String matricule;

        @Option(names = "--oid", required = true, paramLabel = "OID", description = "the INS OID (.8/.9 production, .10 test)")
        String oid;

        Ins ins() {
            return Ins.of(matricule, oid);
        }
    }

    /** Thrown for a usage problem found after parsing. */
    static final class UsageProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageProblem(String message) {
            super(message);
        }
    }

    /** The base of every subcommand: configuration, client, output, exit codes. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        abstract Object execute(DmpClient dmp) throws IOException;

        abstract void text(Object result, PrintWriter out);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Session session = Session.open(common)) {
                Object result = execute(session.client);
                if (common.json) {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("ok", true);
                    o.set("result", Json.MAPPER.valueToTree(result));
                    out.println(Json.MAPPER.writeValueAsString(o));
                } else {
                    text(result, out);
                }
                out.flush();
                return ExitCode.OK;
            } catch (UsageProblem e) {
                err.println("segur dmp: " + e.getMessage());
                err.flush();
                return ExitCode.USAGE;
            } catch (SegurException e) {
                return failure(e, out, err);
            } catch (IOException e) {
                err.println("segur dmp: " + e.getMessage());
                err.flush();
                return ExitCode.IO_ERROR;
            }
        }

        private int failure(SegurException e, PrintWriter out, PrintWriter err) {
            int exit = exitCode(e);
            if (common.json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("ok", false);
                ArrayNode errors = o.putArray("errors");
                for (Problem p : e.problems()) {
                    ObjectNode n = errors.addObject();
                    n.put("code", p.code().id());
                    n.put("path", p.path());
                    n.put("message", p.messageEn());
                    n.put("messageFr", p.messageFr());
                }
                ArrayNode registry = o.putArray("registryErrors");
                if (e instanceof DmpException d) {
                    for (RegistryError r : d.registryErrors()) {
                        ObjectNode n = registry.addObject();
                        n.put("errorCode", r.errorCode());
                        n.put("codeContext", r.codeContext());
                        n.put("location", r.location());
                        n.put("severity", r.severity());
                    }
                }
                try {
                    out.println(Json.MAPPER.writeValueAsString(o));
                } catch (IOException io) {
                    err.println(e.getMessage());
                }
                out.flush();
            } else {
                for (Problem p : e.problems()) {
                    err.println(p.code().id() + (p.path().isEmpty() ? "" : " [" + p.path() + "]") + " : "
                            + p.message(Locale.FRENCH));
                }
                if (e instanceof DmpException d) {
                    d.registryErrors().forEach(r -> err.println("  " + r.errorCode() + " " + r.codeContext()));
                }
                err.flush();
            }
            return exit;
        }
    }

    static int exitCode(SegurException e) {
        if (e instanceof TransportException) {
            return ExitCode.IO_ERROR;
        }
        if (e.code() instanceof DmpError d) {
            return switch (d) {
                case REGISTRY_ERROR, DUPLICATE_UNIQUE_ID, REMOTE_FAULT, UNAVAILABLE, RESPONSE_MALFORMED,
                        OUTCOME_UNKNOWN, TOO_LARGE, PARTIAL_UPDATE, CERTIFICATE_UNUSABLE, INVALID_CONFIGURATION ->
                        ExitCode.IO_ERROR;
                default -> ExitCode.INVALID;
            };
        }
        return ExitCode.INVALID;
    }

    /** The client and its connection for one command. */
    static final class Session implements AutoCloseable {
        final ServiceConnection connection;
        final DmpClient client;

        private Session(ServiceConnection connection, DmpClient client) {
            this.connection = connection;
            this.client = client;
        }

        static Session open(Common c) throws IOException {
            JsonNode cfg;
            try {
                cfg = Json.MAPPER.readTree(c.config.toFile());
            } catch (IOException e) {
                throw new IOException("cannot read " + c.config + ": " + e.getMessage(), e);
            }
            Path base = c.config.toAbsolutePath().getParent();
            Path tls = c.tlsCert != null ? c.tlsCert : path(base, cfg, "tlsCertificate");
            Path sign = c.signCert != null ? c.signCert : path(base, cfg, "signCertificate");
            Path trust = c.trust != null ? c.trust : path(base, cfg, "trustStore");
            char[] tlsPassword = password(c.tlsPasswordEnv, text(cfg, "tlsPasswordEnv"), TLS_PASSWORD_ENV,
                    "ORG AUTH_CLI " + tls.getFileName());
            char[] signPassword = password(c.signPasswordEnv, text(cfg, "signPasswordEnv"), SIGN_PASSWORD_ENV,
                    "ORG SIGN " + sign.getFileName());
            DmpEnvironment env = "production".equalsIgnoreCase(Optional.ofNullable(text(cfg, "environment"))
                    .orElse("test")) ? DmpEnvironment.PRODUCTION : DmpEnvironment.TEST;
            int attempts = cfg.path("attempts").asInt(3);
            WireTraceSink trace = c.trace == null ? WireTraceSink.NONE : DmpWireTrace.toDirectory(c.trace);
            ServiceConnection connection = ServiceConnection.builder()
                    .certificate(SoftwareCertificate.pkcs12(tls, tlsPassword).load())
                    .trustStore(TrustStore.fromPem(trust))
                    .connectTimeout(Duration.ofSeconds(cfg.path("connectTimeoutSeconds").asInt(10)))
                    .responseTimeout(Duration.ofSeconds(cfg.path("responseTimeoutSeconds").asInt(30)))
                    .retryPolicy(RetryPolicy.builder().maxAttempts(Math.max(1, attempts))
                            .initialBackoff(Duration.ofMillis(200)).build())
                    .wireTrace(trace)
                    .build();
            try {
                JsonNode sw = cfg.path("software");
                JsonNode st = cfg.path("structure");
                VihfSettings.Builder vb = VihfSettings.builder()
                        .software(required(sw, "name", "software.name"), required(sw, "version", "software.version"))
                        .homologation(required(cfg, "homologation", "homologation"))
                        .structureId(required(st, "id", "structure.id"))
                        .sector(required(st, "sector", "structure.sector"));
                if (text(sw, "instanceId") != null) {
                    vb.softwareInstanceId(text(sw, "instanceId"));
                }
                JsonNode actor = cfg.path("actor");
                DmpClient.Builder b = DmpClient.builder().connection(connection).environment(env).vihf(vb.build())
                        .signingCertificate(SoftwareCertificate.pkcs12(sign, signPassword).load())
                        .actor(DmpActor.automate(required(actor, "nameId", "actor.nameId"),
                                required(actor, "subjectId", "actor.subjectId")))
                        .structure(required(st, "id", "structure.id"), text(st, "name"));
                URI endpoint = c.endpoint != null ? c.endpoint
                        : text(cfg, "endpoint") != null ? URI.create(text(cfg, "endpoint")) : null;
                if (endpoint != null) {
                    b.endpoint(endpoint);
                }
                return new Session(connection, b.build());
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        private static Path path(Path base, JsonNode cfg, String field) {
            String v = text(cfg, field);
            if (v == null) {
                throw new UsageProblem(field + " is missing from the configuration");
            }
            return base.resolve(v);
        }

        private static char[] password(String option, String configured, String fallback, String what) {
            for (String var : new String[] {option, configured, fallback}) {
                if (var != null) {
                    String v = environment.apply(var);
                    if (v != null) {
                        return v.toCharArray();
                    }
                }
            }
            Console console = System.console();
            if (console == null) {
                throw new UsageProblem("no password for the " + what + " certificate: set " + (option != null
                        ? option : configured != null ? configured : fallback) + " or run in a terminal");
            }
            char[] p = console.readPassword("Mot de passe du certificat %s : ", what);
            if (p == null) {
                throw new UsageProblem("no password given");
            }
            return p;
        }

        private static String text(JsonNode n, String field) {
            JsonNode v = n.get(field);
            return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
        }

        private static String required(JsonNode n, String field, String name) {
            String v = text(n, field);
            if (v == null) {
                throw new UsageProblem(name + " is missing from the configuration");
            }
            return v;
        }

        @Override
        public void close() {
            connection.close();
        }
    }

    // ------------------------------------------------------------------ subcommands

    /** {@code segur dmp status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "TD0.2: the patient's DMP state and the lab's authorisation.")
    static final class Status extends Base {
        @Mixin
        Patient patient = new Patient();

        @Override
        Object execute(DmpClient dmp) {
            DmpStatus s = dmp.status(patient.ins());
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("state", s.state().name());
            o.put("authorization", s.authorization().name());
            s.closingDate().ifPresent(d -> o.put("closingDate", d.toString()));
            s.closingReason().ifPresent(r -> o.put("closingReason", r));
            ArrayNode opp = o.putArray("oppositions");
            s.oppositions().stream().sorted().forEach(opp::add);
            return o;
        }

        @Override
        void text(Object result, PrintWriter out) {
            JsonNode o = (JsonNode) result;
            out.println("DMP : " + o.get("state").asText() + ", autorisation : " + o.get("authorization").asText()
                    + (o.get("oppositions").isEmpty() ? "" : ", oppositions : " + o.get("oppositions")));
        }
    }

    /** Reads an N3 and an N1 written by {@code segur cda build} into a submission. */
    abstract static class SubmitBase extends Base {
        @Parameters(index = "0", paramLabel = "N3.xml", description = "the CR-BIO N3")
        Path n3;

        @Parameters(index = "1", paramLabel = "N1.xml", description = "the CR-BIO N1 written with it")
        Path n1;

        @Option(names = "--informed", description = "the patient was informed that the DMP is fed (required)")
        boolean informed;

        @Option(names = "--opposed", description = "the patient opposed feeding the DMP (nothing is sent)")
        boolean opposed;

        @Option(names = "--annonce", description = "invisible to the patient until show-to-patient")
        boolean annonce;

        DmpSubmission submission() throws IOException {
            byte[] n3Bytes = Files.readAllBytes(n3);
            byte[] n1Bytes = Files.readAllBytes(n1);
            CrBioReport report = CrBioReader.create().read(n3Bytes).report();
            WrittenDocument d3 = new WrittenDocument(n3Bytes, XdsProjection.n3(report, n3Bytes));
            WrittenDocument d1 = new WrittenDocument(n1Bytes, XdsProjection.n1(report, n1Bytes));
            String n1Text = new String(n1Bytes, StandardCharsets.UTF_8);
            String n1Id = d1.metadata().uniqueId();
            String root = n1Id.contains("^") ? n1Id.substring(0, n1Id.indexOf('^')) : n1Id;
            String ext = n1Id.contains("^") ? n1Id.substring(n1Id.indexOf('^') + 1) : null;
            String matricule = report.patient().ins().map(i -> i.matricule().value()).orElse("");
            boolean sameId = n1Text.contains("root=\"" + root + "\"")
                    && (ext == null || n1Text.contains("extension=\"" + ext + "\""));
            if (!n1Text.contains("nonXMLBody") || !sameId || !matricule.isEmpty() && !n1Text.contains(matricule)) {
                throw new DmpException(DmpError.PAIR_MISMATCH,
                        n1 + " is not the N1 written with " + n3 + " (id " + n1Id + ", same patient)");
            }
            return DmpSubmission.builder().n3(d3).n1(d1)
                    .consent(new PatientConsent(informed, opposed, false, Optional.of(Instant.now())))
                    .annonce(annonce).build();
        }

        static ObjectNode json(SubmissionResult r) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("n3", r.pair().n3());
            o.put("n1", r.pair().n1());
            o.put("submissionSet", r.submissionSetUniqueId());
            o.put("signature", r.signatureUniqueId());
            o.put("replacement", r.replacement());
            o.put("attempts", r.attempts());
            o.put("recovered", r.recovered());
            return o;
        }

        @Override
        void text(Object result, PrintWriter out) {
            JsonNode o = (JsonNode) result;
            out.println((o.get("replacement").asBoolean() ? "Remplacé" : "Déposé") + " : N3 " + o.get("n3").asText()
                    + ", N1 " + o.get("n1").asText()
                    + (o.get("recovered").asBoolean() ? " (retrouvé dans le DMP après une coupure)" : ""));
        }
    }

    /** {@code segur dmp submit}. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "TD2.1: send the N3 and the N1 that 'segur cda build' wrote (with the XAdES signature).")
    static final class Submit extends SubmitBase {
        @Override
        Object execute(DmpClient dmp) throws IOException {
            return json(dmp.submit(submission()));
        }
    }

    /** {@code segur dmp replace}. */
    @Command(name = "replace", mixinStandardHelpOptions = true,
            description = "Replace a report: the new N3 (relatedDocument RPLC, version + 1) and its N1.")
    static final class Replace extends SubmitBase {
        @Override
        Object execute(DmpClient dmp) throws IOException {
            return json(dmp.replace(submission()));
        }
    }

    /** {@code segur dmp find}. */
    @Command(name = "find", mixinStandardHelpOptions = true, description = "TD3.1: the patient's documents (ITI-18).")
    static final class Find extends Base {
        @Mixin
        Patient patient = new Patient();

        @Option(names = "--status", split = ",", paramLabel = "STATUS",
                description = "approved (default), deprecated, archived, deleted")
        List<String> statuses = new ArrayList<>();

        @Override
        Object execute(DmpClient dmp) {
            FindQuery.Builder q = FindQuery.builder(patient.ins());
            for (String s : statuses) {
                try {
                    q.status(DocumentStatus.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new UsageProblem("unknown status " + s);
                }
            }
            ArrayNode a = Json.MAPPER.createArrayNode();
            for (DmpDocument d : dmp.find(q.build())) {
                ObjectNode o = a.addObject();
                o.put("uniqueId", d.uniqueId());
                o.put("entryUuid", d.entryUuid());
                o.put("status", d.status() == null ? null : d.status().name());
                o.put("version", d.version());
                o.put("format", d.formatCode().map(c -> c.code()).orElse(null));
                o.put("title", d.title().orElse(null));
                ArrayNode v = o.putArray("visibility");
                d.visibility().forEach(x -> v.add(x.code()));
            }
            return a;
        }

        @Override
        void text(Object result, PrintWriter out) {
            for (JsonNode d : (JsonNode) result) {
                out.println(d.get("uniqueId").asText() + "  " + d.get("status").asText() + "  "
                        + d.get("format").asText() + (d.get("visibility").isEmpty() ? "" : "  " + d.get("visibility")));
            }
        }
    }

    /** {@code segur dmp retrieve}. */
    @Command(name = "retrieve", mixinStandardHelpOptions = true, description = "TD3.2: one document (ITI-43).")
    static final class Retrieve extends Base {
        @Mixin
        Patient patient = new Patient();

        @Parameters(index = "0", paramLabel = "UNIQUE_ID", description = "the document's uniqueId")
        String uniqueId;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write it")
        Path outFile;

        @Option(names = "--max-bytes", paramLabel = "N", description = "the largest document accepted (default 200 MB)")
        long maxBytes = 200L * 1024 * 1024;

        @Override
        Object execute(DmpClient dmp) throws IOException {
            StreamedDocument d;
            // streamed to the file: a large document is never held whole in memory
            try (java.io.OutputStream os = Files.newOutputStream(outFile)) {
                d = dmp.retrieveTo(patient.ins(), uniqueId, os, maxBytes);
            } catch (DmpException e) {
                Files.deleteIfExists(outFile);
                throw e;
            }
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("uniqueId", d.uniqueId());
            o.put("mimeType", d.mimeType());
            o.put("size", d.size());
            o.put("file", outFile.toString());
            return o;
        }

        @Override
        void text(Object result, PrintWriter out) {
            JsonNode o = (JsonNode) result;
            out.println(o.get("file").asText() + " : " + o.get("size").asInt() + " octets");
        }
    }

    /** The TD3.3 actions on an N1 and its N3. */
    abstract static class ActionBase extends Base {
        @Mixin
        Patient patient = new Patient();

        @Parameters(index = "0", paramLabel = "N1_UNIQUE_ID", description = "the N1's uniqueId (the N3 goes with it)")
        String n1;

        @Option(names = "--n3", paramLabel = "UNIQUE_ID",
                description = "the N3's uniqueId, when the N1's id does not follow cda-bio's rule")
        String n3;

        abstract DocumentAction action();

        @Override
        Object execute(DmpClient dmp) {
            DocumentPair pair = n3 == null ? DocumentPair.ofN1(n1) : new DocumentPair(n1, n3);
            UpdateOutcome u = dmp.update(patient.ins(), pair, action());
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("action", u.action().name());
            o.put("n1", u.pair().n1());
            o.put("n3", u.pair().n3());
            o.put("changed", u.changed());
            return o;
        }

        @Override
        void text(Object result, PrintWriter out) {
            JsonNode o = (JsonNode) result;
            out.println(o.get("action").asText() + " : N1 " + o.get("n1").asText() + " et N3 " + o.get("n3").asText()
                    + (o.get("changed").asBoolean() ? "" : " (déjà dans cet état, rien envoyé)"));
        }
    }

    /** {@code segur dmp mask}. */
    @Command(name = "mask", mixinStandardHelpOptions = true, description = "Mask the report to professionals.")
    static final class Mask extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.MASK;
        }
    }

    /** {@code segur dmp unmask}. */
    @Command(name = "unmask", mixinStandardHelpOptions = true, description = "Unmask the report.")
    static final class Unmask extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.UNMASK;
        }
    }

    /** {@code segur dmp hide-from-patient}. */
    @Command(name = "hide-from-patient", mixinStandardHelpOptions = true, description = "Invisible to the patient.")
    static final class HideFromPatient extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.HIDE_FROM_PATIENT;
        }
    }

    /** {@code segur dmp show-to-patient}. */
    @Command(name = "show-to-patient", mixinStandardHelpOptions = true,
            description = "Visible to the patient again (ends the annonce).")
    static final class ShowToPatient extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.SHOW_TO_PATIENT;
        }
    }

    /** {@code segur dmp hide-from-guardians}. */
    @Command(name = "hide-from-guardians", mixinStandardHelpOptions = true,
            description = "Invisible to the legal representatives.")
    static final class HideFromGuardians extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.HIDE_FROM_GUARDIANS;
        }
    }

    /** {@code segur dmp show-to-guardians}. */
    @Command(name = "show-to-guardians", mixinStandardHelpOptions = true,
            description = "Visible to the legal representatives again.")
    static final class ShowToGuardians extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.SHOW_TO_GUARDIANS;
        }
    }

    /** {@code segur dmp archive}. */
    @Command(name = "archive", mixinStandardHelpOptions = true, description = "Archive the report.")
    static final class Archive extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.ARCHIVE;
        }
    }

    /** {@code segur dmp unarchive}. */
    @Command(name = "unarchive", mixinStandardHelpOptions = true, description = "Unarchive the report.")
    static final class Unarchive extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.UNARCHIVE;
        }
    }

    /** {@code segur dmp delete}. */
    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the report (N1 and N3).")
    static final class Delete extends ActionBase {
        @Override
        DocumentAction action() {
            return DocumentAction.DELETE;
        }
    }

    /** {@code segur dmp webps-url}. */
    @Command(name = "webps-url", mixinStandardHelpOptions = true,
            description = "TD0.9: the Web PS DMP addresses (production only; no public patient-context parameters).")
    static final class WebPsUrlCommand extends Base {
        @Mixin
        Patient patient = new Patient();

        @Override
        Object execute(DmpClient dmp) {
            WebPsUrl u = dmp.webPsUrl(patient.ins());
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("proSanteConnect", u.proSanteConnect().toString());
            o.put("certificate", u.certificate().toString());
            return o;
        }

        @Override
        void text(Object result, PrintWriter out) {
            JsonNode o = (JsonNode) result;
            out.println("Pro Santé Connect : " + o.get("proSanteConnect").asText());
            out.println("Carte CPS : " + o.get("certificate").asText());
        }
    }
}
