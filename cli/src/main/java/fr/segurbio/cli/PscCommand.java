package fr.segurbio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.segurbio.core.SegurException;
import fr.segurbio.core.auth.AuthenticatedPractitioner;
import fr.segurbio.psc.CibaRequest;
import fr.segurbio.psc.ExchangedToken;
import fr.segurbio.psc.Practitioner;
import fr.segurbio.psc.PscClient;
import fr.segurbio.psc.PscEnvironment;
import fr.segurbio.psc.PscError;
import fr.segurbio.psc.PscLogin;
import fr.segurbio.psc.PscProvider;
import fr.segurbio.psc.PscTokens;
import fr.segurbio.psc.Situation;
import fr.segurbio.psc.TokenExchanger;
import fr.segurbio.psc.TokenFile;
import fr.segurbio.transport.ServiceConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code segur psc login|whoami|token|exchange|logout}: Pro Santé Connect from a terminal.
 *
 * <p>The config file (JSON): {@code environment} ({@code "production"}, {@code "bas"} or an issuer URL),
 * {@code clientId}, {@code clientSecret} or {@code clientSecretEnv} (an environment variable's name), optional
 * {@code scopes} and {@code acrValues} (arrays; default {@code openid scope_all} and {@code eidas1}), optional
 * {@code exchange} ({@code tokenEndpoint}, {@code clientId}, {@code subjectTokenType} {@code access_token} or
 * {@code jwt}) for the "API Pro Santé Connectées", and the {@code connection} section shared by every remote
 * service ({@link ConnectionConfig}: the lab's ORG AUTH_CLI certificate, used for the token exchange over mutual
 * TLS, and the trust store).
 *
 * <p>Tokens are kept in memory only: {@code login} alone shows who logged in and forgets the tokens. With
 * {@code --token-file FILE} they are written to a file readable only by the user, which {@code whoami},
 * {@code token}, {@code exchange} and {@code logout} read (and renew when the access token is about to expire).
 *
 * <p>Exit codes: 0 ok; 1 refused (denied, expired, no situation, scope not allowed); 2 usage; 3 I/O, remote or
 * configuration error.
 */
@Command(name = "psc", mixinStandardHelpOptions = true,
        description = {"Pro Santé Connect: log in (browser or CIBA), show the practitioner, print or exchange the"
                + " access token, log out."},
        subcommands = {
            PscCommand.Login.class,
            PscCommand.Whoami.class,
            PscCommand.Token.class,
            PscCommand.Exchange.class,
            PscCommand.Logout.class,
            PscCommand.DmpUrl.class,
        })
final class PscCommand implements Runnable {

    /** The JSON mapper, made on first use: picocli instantiates every command of the group, JSON or not. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The outcomes that are a refusal (exit 1) rather than a failure to reach or configure PSC (exit 3). */
    static final java.util.Set<fr.segurbio.core.ErrorCode> REFUSALS = java.util.Set.of(
            PscError.STATE_MISMATCH, PscError.AUTHORIZATION_DENIED, PscError.ID_TOKEN_UNSIGNED,
            PscError.ID_TOKEN_ALGORITHM_REFUSED, PscError.ID_TOKEN_UNKNOWN_KEY, PscError.ID_TOKEN_BAD_SIGNATURE,
            PscError.ID_TOKEN_WRONG_ISSUER, PscError.ID_TOKEN_WRONG_AUDIENCE, PscError.ID_TOKEN_EXPIRED,
            PscError.ID_TOKEN_NONCE_MISMATCH, PscError.ID_TOKEN_ACR_REFUSED, PscError.ID_TOKEN_NOT_YET_VALID,
            PscError.CIBA_DENIED, PscError.CIBA_EXPIRED, PscError.REFRESH_REFUSED, PscError.SESSION_ENDED,
            PscError.NO_SITUATION, PscError.SITUATION_CHOICE_REQUIRED, PscError.SITUATION_UNKNOWN,
            PscError.SITUATION_INCOMPLETE, PscError.EXCHANGE_CLIENT_REFUSED, PscError.EXCHANGE_SCOPE_REFUSED);

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every psc subcommand takes. */
    static final class Common {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the PSC configuration")
        Path configFile;

        @Option(names = "--json", description = "print JSON")
        boolean json;
    }

    /** A configured client with its connection, closed after the command. */
    static final class Context implements AutoCloseable {
        final JsonNode config;
        final ServiceConnection connection;
        final PscClient psc;

        Context(Path file) throws IOException {
            config = Json.MAPPER.readTree(Files.readString(file));
            connection = ConnectionConfig.read(config.get("connection"), Duration.ofSeconds(5),
                    Duration.ofSeconds(15));
            try {
                PscProvider provider = PscProvider.builder(PscEnvironment.named(
                        ConnectionConfig.required(config, "environment"))).connection(connection).build();
                PscClient.Builder b = PscClient.builder(provider).clientId(ConnectionConfig.required(config,
                        "clientId"));
                String secret = ConnectionConfig.text(config, "clientSecret");
                if (secret == null && ConnectionConfig.text(config, "clientSecretEnv") != null) {
                    secret = System.getenv(ConnectionConfig.text(config, "clientSecretEnv"));
                }
                if (secret != null) {
                    b.clientSecret(secret);
                } else {
                    b.mutualTlsAuthentication();
                }
                if (config.has("scopes")) {
                    b.scopes(strings(config.get("scopes")));
                }
                if (config.has("acrValues")) {
                    b.acrValues(strings(config.get("acrValues")));
                }
                psc = b.build();
            } catch (RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        /** The tokens of the file, renewed (and written back) when the access token is about to expire. */
        PscTokens current(Path tokenFile) {
            PscTokens t = TokenFile.load(tokenFile);
            if (t.expiresAt().minusSeconds(30).isBefore(Instant.now())) {
                t = psc.refresh(t);
                TokenFile.save(tokenFile, t);
            }
            return t;
        }

        @Override
        public void close() {
            connection.close();
        }

        private static String[] strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out.toArray(String[]::new);
        }
    }

    static int fail(CommandSpec spec, boolean json, String command, Exception e) {
        int exit;
        String code;
        String message;
        if (e instanceof SegurException) {
            SegurException s = (SegurException) e;
            code = s.code().id();
            message = s.messageFr();
            exit = REFUSALS.contains(s.code()) ? ExitCode.INVALID : ExitCode.IO_ERROR;
        } else {
            code = e instanceof IOException ? "io" : "config";
            message = e.getMessage();
            exit = ExitCode.IO_ERROR;
        }
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.putObject("error").put("code", code).put("message", message);
            spec.commandLine().getOut().println(o.toPrettyString());
        } else {
            spec.commandLine().getErr().println("segur psc " + command + ": " + code + " " + message);
        }
        return exit;
    }

    static ObjectNode practitioner(Practitioner p, Optional<AuthenticatedPractitioner> chosen) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("nationalId", p.nationalId());
        o.put("rpps", p.rpps().orElse(null));
        o.put("familyName", p.familyName().orElse(null));
        o.put("givenName", p.givenName().orElse(null));
        o.put("authenticationLevel", p.authenticationLevel().orElse(null));
        ArrayNode situations = o.putArray("situations");
        for (Situation s : p.situations()) {
            situations.addObject().put("key", s.key()).put("label", s.label())
                    .put("professionCode", s.exercise().professionCode())
                    .put("savoirFaireCode", s.exercise().savoirFaireCode().orElse(null))
                    .put("sectorCode", s.activity().sectorCode().orElse(null))
                    .put("structureId", s.activity().legacyStructureId().orElse(null))
                    .put("structureName", s.activity().companyName().orElse(null));
        }
        chosen.ifPresent(a -> {
            ObjectNode v = o.putObject("vihfAir");
            v.put("nameId", a.nationalId());
            v.put("subjectId", a.givenName() + " " + a.familyName());
            v.put("professionCode", a.professionCode());
            v.put("specialtyCode", a.specialtyCode().orElse(null));
            v.put("sectorCode", a.sectorCode());
            v.put("structureId", a.structureId());
            v.put("structureName", a.structureName().orElse(null));
            v.put("authenticationLevel", a.authenticationLevel().orElse(null));
            v.put("authenticatedAt", a.authenticatedAt().toString());
        });
        return o;
    }

    static void printPractitioner(PrintWriter out, ObjectNode o, boolean json) {
        if (json) {
            out.println(o.toPrettyString());
            return;
        }
        out.println(o.path("givenName").asText("") + " " + o.path("familyName").asText("") + " — "
                + o.path("nationalId").asText() + " (RPPS " + o.path("rpps").asText("-") + ")");
        for (JsonNode s : o.path("situations")) {
            out.println("  situation " + s.path("key").asText() + " : " + s.path("label").asText());
        }
        if (o.has("vihfAir")) {
            JsonNode v = o.get("vihfAir");
            out.println("  VIHF (AIR) : structure " + v.path("structureId").asText() + ", secteur "
                    + v.path("sectorCode").asText() + ", profession " + v.path("professionCode").asText()
                    + (v.path("specialtyCode").isNull() ? "" : " / " + v.path("specialtyCode").asText()));
        }
        if (o.path("situations").isEmpty()) {
            out.println("  aucune situation d'exercice");
        }
    }

    /** The situation asked for, or the only one; empty when there are several and none was chosen. */
    static Optional<AuthenticatedPractitioner> chosen(Practitioner p, String situation, Instant authenticatedAt) {
        if (situation != null) {
            return Optional.of(p.toAuthenticated(p.situation(situation), authenticatedAt));
        }
        List<Situation> all = p.situations();
        if (all.size() == 1) {
            return Optional.of(p.toAuthenticated(all.get(0), authenticatedAt));
        }
        return Optional.empty();
    }

    /** {@code segur psc login}. */
    @Command(name = "login", mixinStandardHelpOptions = true,
            description = {"Log in with Pro Santé Connect: in the system browser (a one-shot listener on"
                    + " 127.0.0.1 receives the answer) or by CIBA (--ciba --rpps N: validate on the e-CPS app)."})
    static final class Login implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--ciba", description = "CIBA: the professional validates on the e-CPS app")
        boolean ciba;

        @Option(names = "--rpps", paramLabel = "N", description = "the professional's RPPS (with --ciba)")
        String rpps;

        @Option(names = "--binding-message", paramLabel = "TEXT", description = "text shown on the e-CPS app")
        String bindingMessage;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "keep the tokens in this file (readable only by you); otherwise in memory only")
        Path tokenFile;

        @Option(names = "--situation", paramLabel = "KEY", description = "the situation d'exercice to use")
        String situation;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
                description = "the loopback port for the browser's answer (default: any free port)")
        int port;

        @Option(names = "--timeout-seconds", paramLabel = "S", defaultValue = "300",
                description = "how long to wait for the professional (default 300)")
        int timeoutSeconds;

        @Override
        public Integer call() {
            if (ciba && rpps == null) {
                spec.commandLine().getErr().println("segur psc login: --ciba needs --rpps N");
                return ExitCode.USAGE;
            }
            if (!ciba && rpps != null) {
                spec.commandLine().getErr().println("segur psc login: --rpps goes with --ciba");
                return ExitCode.USAGE;
            }
            PrintWriter err = spec.commandLine().getErr();
            try (Context c = new Context(common.configFile)) {
                PscLogin login;
                if (ciba) {
                    CibaRequest.Builder r = CibaRequest.forRpps(rpps);
                    if (bindingMessage != null) {
                        r.bindingMessage(bindingMessage);
                    }
                    err.println("Validez la demande sur l'application e-CPS / approve the request on the e-CPS app");
                    err.flush();
                    login = c.psc.loginWithCiba(r.build());
                } else {
                    login = c.psc.loginWithBrowser(uri -> openBrowser(uri, err), Duration.ofSeconds(timeoutSeconds),
                            port);
                }
                if (tokenFile != null) {
                    TokenFile.save(tokenFile, login.tokens());
                }
                Practitioner p = c.psc.userInfo(login.tokens().accessToken());
                ObjectNode o = practitioner(p, chosen(p, situation, login.idToken().authenticatedAt()));
                o.put("tokenFile", tokenFile == null ? null : tokenFile.toString());
                o.put("expiresAt", login.tokens().expiresAt().toString());
                printPractitioner(spec.commandLine().getOut(), o, common.json);
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, common.json, "login", e);
            }
        }

        private static void openBrowser(URI uri, PrintWriter err) {
            err.println("Connexion Pro Santé Connect / log in at: " + uri);
            err.flush();
            try {
                if (!java.awt.GraphicsEnvironment.isHeadless() && java.awt.Desktop.isDesktopSupported()
                        && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                    java.awt.Desktop.getDesktop().browse(uri);
                }
            } catch (IOException | UnsupportedOperationException e) {
                err.println("(ouvrez l'adresse ci-dessus dans un navigateur / open the address above in a browser)");
            }
        }
    }

    /** {@code segur psc whoami}. */
    @Command(name = "whoami", mixinStandardHelpOptions = true,
            description = {"Show the logged-in practitioner, the situations d'exercice and the DMP VIHF (AIR) fields."})
    static final class Whoami implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "the tokens of login")
        Path tokenFile;

        @Option(names = "--situation", paramLabel = "KEY", description = "the situation d'exercice to use")
        String situation;

        @Override
        public Integer call() {
            try (Context c = new Context(common.configFile)) {
                PscTokens t = c.current(tokenFile);
                Practitioner p = c.psc.userInfo(t.accessToken());
                Instant at = t.idToken().map(PscCommand::authTime).orElse(Instant.now());
                printPractitioner(spec.commandLine().getOut(), practitioner(p, chosen(p, situation, at)), common.json);
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, common.json, "whoami", e);
            }
        }
    }

    /** The authentication time of an ID token verified at login (kept in the user's own token file). */
    static Instant authTime(String idToken) {
        try {
            com.nimbusds.jwt.JWTClaimsSet claims = com.nimbusds.jwt.JWTParser.parse(idToken).getJWTClaimsSet();
            Object at = claims.getClaim("auth_time");
            if (at instanceof java.util.Date) {
                return ((java.util.Date) at).toInstant();
            }
            return claims.getIssueTime() == null ? Instant.now() : claims.getIssueTime().toInstant();
        } catch (java.text.ParseException e) {
            return Instant.now();
        }
    }

    /** {@code segur psc dmp-url}. */
    @Command(name = "dmp-url", mixinStandardHelpOptions = true,
            description = {"The Web PS DMP address for a patient, to open after the Pro Santé Connect login (the"
                    + " browser's PSC session carries the practitioner): the logged-in practitioner is checked"
                    + " first. The public material gives the entry page, not the patient-context parameters."})
    static final class DmpUrl implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "the tokens of login")
        Path tokenFile;

        @Option(names = "--ins", required = true, paramLabel = "MATRICULE", description = "the patient's INS")
        String ins;

        @Option(names = "--oid", paramLabel = "OID", defaultValue = "1.2.250.1.213.1.4.8",
                description = "the INS OID (default ${DEFAULT-VALUE}, NIR in production)")
        String oid;

        @Option(names = "--dmp-environment", paramLabel = "ENV", defaultValue = "PRODUCTION",
                description = "the DMP environment: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
        fr.segurbio.dmp.DmpEnvironment environment;

        @Option(names = "--situation", paramLabel = "KEY", description = "the situation d'exercice to use")
        String situation;

        @Option(names = "--open", description = "open the address in the system browser")
        boolean open;

        @Override
        public Integer call() {
            fr.segurbio.dmp.WebPsUrl url;
            try {
                url = fr.segurbio.dmp.WebPsUrl.of(environment, fr.segurbio.ins.Ins.of(ins, oid));
            } catch (SegurException e) {
                fail(spec, common.json, "dmp-url", e);
                return ExitCode.INVALID; // the patient's INS does not fit the DMP environment: bad input
            }
            try (Context c = new Context(common.configFile)) {
                PscTokens t = c.current(tokenFile);
                Practitioner p = c.psc.userInfo(t.accessToken());
                Instant at = t.idToken().map(PscCommand::authTime).orElse(Instant.now());
                ObjectNode o = practitioner(p, chosen(p, situation, at));
                o.put("webPsDmp", url.proSanteConnect().toString());
                o.put("webPsDmpCps", url.certificate().toString());
                o.put("patientIns", url.patient().matricule().value());
                PrintWriter out = spec.commandLine().getOut();
                if (common.json) {
                    out.println(o.toPrettyString());
                } else {
                    out.println(url.proSanteConnect());
                    out.println("  patient " + url.patient().matricule().value() + " — praticien "
                            + o.path("nationalId").asText() + " (à sélectionner dans le Web PS DMP / select it in"
                            + " the Web PS DMP)");
                }
                if (open && java.awt.Desktop.isDesktopSupported()) {
                    java.awt.Desktop.getDesktop().browse(url.proSanteConnect());
                }
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, common.json, "dmp-url", e);
            }
        }
    }

    /** {@code segur psc token}. */
    @Command(name = "token", mixinStandardHelpOptions = true,
            description = {"Print the current access token (renewed when needed) on standard output, for scripts."})
    static final class Token implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "the PSC configuration")
        Path configFile;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "the tokens of login")
        Path tokenFile;

        @Override
        public Integer call() {
            try (Context c = new Context(configFile)) {
                spec.commandLine().getOut().println(c.current(tokenFile).accessToken());
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, false, "token", e);
            }
        }
    }

    /** {@code segur psc exchange}. */
    @Command(name = "exchange", mixinStandardHelpOptions = true,
            description = {"Exchange the PSC access token (RFC 8693, mutual TLS with the lab's certificate) for an"
                    + " API Pro Santé Connectée; prints the new token on standard output."})
    static final class Exchange implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "the tokens of login")
        Path tokenFile;

        @Option(names = "--scope", required = true, paramLabel = "SCOPE", arity = "1..*",
                description = "the target API's scopes")
        List<String> scopes;

        @Override
        public Integer call() {
            try (Context c = new Context(common.configFile)) {
                JsonNode x = c.config.get("exchange");
                if (x == null || !x.isObject()) {
                    throw new IllegalArgumentException("config: \"exchange\" (tokenEndpoint) is required");
                }
                TokenExchanger.Builder b = TokenExchanger.builder(URI.create(ConnectionConfig.required(x,
                        "tokenEndpoint")), c.connection);
                if (ConnectionConfig.text(x, "clientId") != null) {
                    b.clientId(ConnectionConfig.text(x, "clientId"));
                }
                if ("jwt".equals(ConnectionConfig.text(x, "subjectTokenType"))) {
                    b.subjectTokenTypeJwt();
                }
                ExchangedToken t = b.build().exchange(c.current(tokenFile).accessToken(),
                        scopes.toArray(String[]::new));
                if (common.json) {
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("access_token", t.accessToken());
                    o.put("issued_token_type", t.issuedTokenType());
                    o.put("scope", t.scope().orElse(null));
                    o.put("expires_at", t.expiresAt().toString());
                    spec.commandLine().getOut().println(o.toPrettyString());
                } else {
                    spec.commandLine().getOut().println(t.accessToken());
                }
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, common.json, "exchange", e);
            }
        }
    }

    /** {@code segur psc logout}. */
    @Command(name = "logout", mixinStandardHelpOptions = true,
            description = {"Revoke the tokens at Pro Santé Connect and delete the token file."})
    static final class Logout implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--token-file", required = true, paramLabel = "FILE", description = "the tokens of login")
        Path tokenFile;

        @Override
        public Integer call() {
            try (Context c = new Context(common.configFile)) {
                c.psc.logout(TokenFile.load(tokenFile));
                TokenFile.delete(tokenFile);
                if (common.json) {
                    spec.commandLine().getOut().println(Json.MAPPER.createObjectNode().put("loggedOut", true)
                            .toPrettyString());
                } else {
                    spec.commandLine().getOut().println("Déconnecté / logged out");
                }
                return ExitCode.OK;
            } catch (Exception e) {
                return fail(spec, common.json, "logout", e);
            }
        }
    }
}
