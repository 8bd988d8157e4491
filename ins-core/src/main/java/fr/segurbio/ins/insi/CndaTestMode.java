package fr.segurbio.ins.insi;

import fr.segurbio.transport.HttpCall;
import fr.segurbio.transport.HttpExchange;
import fr.segurbio.transport.HttpResult;
import fr.segurbio.transport.SecureXml;
import fr.segurbio.transport.SoapClient;
import fr.segurbio.transport.TransportError;
import fr.segurbio.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The CNDA test mode: for the conformity-book cases, the official test response files ({@code REP_CR01.xml},
 * {@code TEST_2.04_cas2.xml}…) stand in for INSi. The client sends its request as usual to a stand-in
 * {@link HttpExchange} that answers with the file — HTTP 200, or 400 / 500 for a {@code Sender} /
 * {@code Receiver} fault, as the SOAP 1.2 HTTP binding has it — so the CNDA proofs run the production code:
 * envelope, SOAP parsing, faults, retries, audit event, wire trace and the INSi response reader. A search no
 * rule matches goes to the network as usual.
 *
 * <pre>{@code
 * InsiClient client = InsiClient.builder()
 *         .connection(connection)
 *         ...
 *         .cndaTestMode(CndaTestMode.standard(Path.of("/opt/cnda/insi")))
 *         .build();
 * // or, rule by rule:
 * CndaTestMode mode = CndaTestMode.builder()
 *         .answer(s -> s.firstNames().contains("GATIEN"), Path.of("TEST_2.08_cas2.xml"))
 *         .build();
 * }</pre>
 */
public final class CndaTestMode {

    private final List<Rule<TraitsSearch>> traits;
    private final List<Rule<VitaleSearch>> vitale;

    private record Rule<T>(Predicate<T> when, Path file) {
    }

    private CndaTestMode(Builder b) {
        this.traits = List.copyOf(b.traits);
        this.vitale = List.copyOf(b.vitale);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The CNDA cases as the CNDA-tested clients recognise them, by the first name searched: {@code OLA},
     * {@code PIERRE}, {@code PAUL}, {@code JACQUES} → {@code REP_CR01.xml} ({@code 01}); {@code PIERRE-ALAIN} →
     * {@code TEST_2.04_cas2.xml}; {@code MATRICULE} → {@code TEST_2.05.xml}; {@code ANTHONY} →
     * {@code TEST_2.08_cas1.xml}; {@code GATIEN} → {@code TEST_2.08_cas2.xml}. Files absent from the folder are
     * left out.
     *
     * @param folder the folder holding the CNDA response files
     * @return the test mode
     */
    public static CndaTestMode standard(Path folder) {
        Builder b = builder();
        rule(b, folder, "REP_CR01.xml", "OLA", "PIERRE", "PAUL", "JACQUES");
        rule(b, folder, "TEST_2.04_cas2.xml", "PIERRE-ALAIN");
        rule(b, folder, "TEST_2.05.xml", "MATRICULE");
        rule(b, folder, "TEST_2.08_cas1.xml", "ANTHONY");
        rule(b, folder, "TEST_2.08_cas2.xml", "GATIEN");
        return b.build();
    }

    private static void rule(Builder b, Path folder, String file, String... firstNames) {
        Path p = folder.resolve(file);
        if (Files.isRegularFile(p)) {
            List<String> names = List.of(firstNames);
            b.answer(s -> s.firstNames().stream().anyMatch(names::contains), p);
        }
    }

    Optional<Answer> responseFor(TraitsSearch search) {
        return traits.stream().filter(r -> r.when().test(search)).map(r -> new Answer(r.file())).findFirst();
    }

    Optional<Answer> responseFor(VitaleSearch search) {
        return vitale.stream().filter(r -> r.when().test(search)).map(r -> new Answer(r.file())).findFirst();
    }

    /**
     * The stand-in exchange that answers every request with the response file, as INSi would over HTTP.
     *
     * <pre>{@code
     * ServiceConnection offline = connection.withStandIn(CndaTestMode.serving(Path.of("TEST_2.05.xml")));
     * }</pre>
     *
     * @param file a SOAP 1.2 response file
     * @return the stand-in
     */
    public static HttpExchange serving(Path file) {
        return new Answer(Objects.requireNonNull(file, "file")).exchange();
    }

    /** One CNDA response file, served by a stand-in exchange. */
    record Answer(Path file) {

        String fileName() {
            return file.getFileName().toString();
        }

        HttpExchange exchange() {
            return this::serve;
        }

        private HttpResult serve(HttpCall call) {
            byte[] body;
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new TransportException(e, TransportError.IO_ERROR, file.toString(), e.getMessage());
            }
            if (body.length > call.maxResponseBytes()) {
                throw new TransportException(TransportError.RESPONSE_TOO_LARGE, file.toString(),
                        call.maxResponseBytes());
            }
            return new HttpResult(status(body), Map.of("content-type",
                    List.of("application/soap+xml; charset=UTF-8")), body);
        }

        /** The HTTP status of the SOAP 1.2 binding: 400 for a Sender fault, 500 for another fault, else 200. */
        private static int status(byte[] body) {
            Element env;
            try {
                env = SecureXml.parse(body).getDocumentElement();
            } catch (TransportException e) {
                return 200;
            }
            Element fault = child(child(env, "Body"), "Fault");
            if (fault == null) {
                return 200;
            }
            Element value = child(child(fault, "Code"), "Value");
            return value != null && value.getTextContent().trim().endsWith("Sender") ? 400 : 500;
        }

        private static Element child(Element parent, String local) {
            if (parent == null) {
                return null;
            }
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && local.equals(e.getLocalName())
                        && SoapClient.SOAP12_NS.equals(e.getNamespaceURI())) {
                    return e;
                }
            }
            return null;
        }
    }

    /**
     * How many rules this mode has.
     *
     * @return the number of rules
     */
    public int size() {
        return traits.size() + vitale.size();
    }

    /**
     * Builds a {@link CndaTestMode}; the first matching rule wins.
     */
    public static final class Builder {
        private final List<Rule<TraitsSearch>> traits = new ArrayList<>();
        private final List<Rule<VitaleSearch>> vitale = new ArrayList<>();

        private Builder() {
        }

        /**
         * Answers the searches with traits that match with a response file.
         *
         * @param when which searches
         * @param file the SOAP response file
         * @return this builder
         */
        public Builder answer(Predicate<TraitsSearch> when, Path file) {
            traits.add(new Rule<>(Objects.requireNonNull(when), Objects.requireNonNull(file)));
            return this;
        }

        /**
         * Answers the searches with carte Vitale data that match with a response file.
         *
         * @param when which searches
         * @param file the SOAP response file
         * @return this builder
         */
        public Builder answerVitale(Predicate<VitaleSearch> when, Path file) {
            vitale.add(new Rule<>(Objects.requireNonNull(when), Objects.requireNonNull(file)));
            return this;
        }

        /**
         * The test mode.
         *
         * @return the test mode
         */
        public CndaTestMode build() {
            return new CndaTestMode(this);
        }
    }
}
