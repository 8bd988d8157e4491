package fr.segurbio.loinc.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.loinc.LoincError;
import fr.segurbio.loinc.LoincException;

/**
 * The lab's local exam catalogue: exams in order, each local code once, and the URI that names the local code
 * system in FHIR exports ({@code urn:oid:} of the lab, or a URL). Immutable and thread-safe.
 *
 * <pre>{@code
 * Catalogue catalogue = Catalogue.builder()
 *         .systemUri("urn:oid:1.2.250.1.999.1.2")
 *         .name("Catalogue du laboratoire")
 *         .add(Exam.builder("GLY", "Glycémie").build())
 *         .build();
 * catalogue.find("GLY").isPresent(); // true
 * }</pre>
 */
public final class Catalogue {

    /** The local code system URI used when none is given. */
    public static final String DEFAULT_SYSTEM_URI = "urn:segurbio:local-catalogue";

    private final String systemUri;
    private final String name;
    private final List<Exam> exams;
    private final Map<String, Exam> byCode;

    private Catalogue(String systemUri, String name, Map<String, Exam> byCode) {
        this.systemUri = systemUri;
        this.name = name;
        this.byCode = byCode;
        this.exams = List.copyOf(byCode.values());
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
     * A catalogue of these exams with the default system URI.
     *
     * @param exams the exams, each local code once
     * @return the catalogue
     * @throws LoincException ({@code LOINC-040}) on a duplicate local code
     */
    public static Catalogue of(Collection<Exam> exams) {
        Builder b = builder();
        exams.forEach(b::add);
        return b.build();
    }

    /**
     * A builder with this catalogue's system URI, name and exams.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = builder().systemUri(systemUri).name(name);
        exams.forEach(b::add);
        return b;
    }

    /**
     * The URI of the local code system.
     *
     * @return the URI
     */
    public String systemUri() {
        return systemUri;
    }

    /**
     * The catalogue's name.
     *
     * @return the name, {@code ""} when none
     */
    public String name() {
        return name;
    }

    /**
     * Every exam, in order.
     *
     * @return the exams (immutable)
     */
    public List<Exam> exams() {
        return exams;
    }

    /**
     * The exam with this local code.
     *
     * @param localCode the local code
     * @return the exam, or empty
     */
    public Optional<Exam> find(String localCode) {
        return localCode == null ? Optional.empty() : Optional.ofNullable(byCode.get(localCode.strip()));
    }

    /**
     * How many exams.
     *
     * @return the number of exams
     */
    public int size() {
        return exams.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Catalogue c && systemUri.equals(c.systemUri) && name.equals(c.name)
                && exams.equals(c.exams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(systemUri, name, exams);
    }

    @Override
    public String toString() {
        return "Catalogue[" + systemUri + ", " + exams.size() + " exams]";
    }

    /**
     * Builds a {@link Catalogue}; not thread-safe.
     */
    public static final class Builder {
        private String systemUri = DEFAULT_SYSTEM_URI;
        private String name = "";
        private final Map<String, Exam> exams = new LinkedHashMap<>();
        private final List<String> duplicates = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the local code system URI.
         *
         * @param uri the URI ({@code urn:oid:…} or a URL)
         * @return this builder
         */
        public Builder systemUri(String uri) {
            if (uri == null || uri.isBlank()) {
                throw new IllegalArgumentException("a system URI is not blank");
            }
            this.systemUri = uri.strip();
            return this;
        }

        /**
         * Sets the name.
         *
         * @param name the name, or {@code null}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name == null ? "" : name.strip();
            return this;
        }

        /**
         * Adds an exam.
         *
         * @param exam the exam
         * @return this builder
         */
        public Builder add(Exam exam) {
            if (exams.putIfAbsent(exam.localCode(), exam) != null) {
                duplicates.add(exam.localCode());
            }
            return this;
        }

        /**
         * Adds an exam or replaces the one with the same local code, keeping its place.
         *
         * @param exam the exam
         * @return this builder
         */
        public Builder put(Exam exam) {
            exams.put(exam.localCode(), exam);
            return this;
        }

        /**
         * Whether an exam with this local code was added.
         *
         * @param localCode the local code
         * @return {@code true} when present
         */
        public boolean contains(String localCode) {
            return exams.containsKey(localCode);
        }

        /**
         * The catalogue.
         *
         * @return the immutable catalogue
         * @throws LoincException ({@code LOINC-040}) when a local code was added twice
         */
        public Catalogue build() {
            if (!duplicates.isEmpty()) {
                throw new LoincException(LoincError.DUPLICATE_LOCAL_CODE, String.join(", ", duplicates), "×2");
            }
            return new Catalogue(systemUri, name, new LinkedHashMap<>(exams));
        }
    }
}
