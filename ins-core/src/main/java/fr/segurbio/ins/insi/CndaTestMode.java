package fr.segurbio.ins.insi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The CNDA test mode: for the conformity-book cases, the client answers from the official test response files
 * ({@code REP_CR01.xml}, {@code TEST_2.04_cas2.xml}…) instead of calling INSi, and reads them exactly as a
 * network answer (leniently, wrong keys as warnings). A search no rule matches goes to the network as usual.
 *
 * <pre>{@code
 * InsiClient client = InsiClient.builder()
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

    Optional<Path> responseFor(TraitsSearch search) {
        return traits.stream().filter(r -> r.when().test(search)).map(Rule::file).findFirst();
    }

    Optional<Path> responseFor(VitaleSearch search) {
        return vitale.stream().filter(r -> r.when().test(search)).map(Rule::file).findFirst();
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
