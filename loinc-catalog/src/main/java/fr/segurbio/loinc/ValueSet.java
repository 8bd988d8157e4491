package fr.segurbio.loinc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.loinc.internal.CodeSystems;

/**
 * A value set (an ANS "jeu de valeurs", JDV): an identifier, names and the enumerated concepts, with membership
 * and display lookup. Code systems compare by meaning: {@code 2.16.840.1.113883.6.1},
 * {@code urn:oid:2.16.840.1.113883.6.1} and {@code http://loinc.org} are the same system.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * ValueSet jdv = ValueSets.load(Path.of("jeuxDeValeurs/jdv-examen-biochimie-eunv-cisis.xml"));
 * jdv.contains(LoincCode.parse("2345-7"));         // true
 * jdv.display(LoincCode.SYSTEM_OID, "2345-7");     // Optional["Glucose [Masse/Volume] Sérum/Plasma ; Numérique"]
 * }</pre>
 */
public final class ValueSet {

    /**
     * One concept of a value set.
     *
     * @param system the code system as written in the source (OID or URI)
     * @param code the code
     * @param display the display name, {@code ""} when the source has none
     * @param validFrom the first day of validity, or {@code null}
     * @param validTo the last day of validity, or {@code null} when still valid
     */
    public record Concept(String system, String code, String display, LocalDate validFrom, LocalDate validTo) {

        /**
         * Checks the fields.
         *
         * @param system the code system
         * @param code the code
         * @param display the display name
         * @param validFrom the first day of validity, or {@code null}
         * @param validTo the last day of validity, or {@code null}
         */
        public Concept {
            system = system == null ? "" : system.strip();
            Objects.requireNonNull(code, "code");
            code = code.strip();
            if (code.isEmpty()) {
                throw new IllegalArgumentException("a concept needs a code");
            }
            display = display == null ? "" : display;
        }

        /**
         * A concept valid at any date.
         *
         * @param system the code system
         * @param code the code
         * @param display the display name
         * @return the concept
         */
        public static Concept of(String system, String code, String display) {
            return new Concept(system, code, display, null, null);
        }

        /**
         * Whether the concept is valid on a day.
         *
         * @param day the day
         * @return {@code false} before {@code validFrom} or after {@code validTo}
         */
        public boolean isValidOn(LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }
    }

    private final String id;
    private final String url;
    private final String name;
    private final String title;
    private final String version;
    private final List<Concept> concepts;
    private final Map<String, Concept> byKey;
    private final Map<String, List<Concept>> byCode;

    private ValueSet(Builder b) {
        this.id = b.id;
        this.url = b.url;
        this.name = b.name;
        this.title = b.title;
        this.version = b.version;
        this.concepts = b.concepts();
        Map<String, Concept> keys = new HashMap<>();
        Map<String, List<Concept>> codes = new HashMap<>();
        for (Concept c : concepts) {
            keys.putIfAbsent(key(c.system(), c.code()), c);
            codes.computeIfAbsent(c.code(), k -> new ArrayList<>(1)).add(c);
        }
        this.byKey = keys;
        codes.replaceAll((k, v) -> List.copyOf(v));
        this.byCode = codes;
    }

    private static String key(String system, String code) {
        return CodeSystems.normalize(system) + '|' + code;
    }

    /**
     * A builder for a value set made in code (from a workbook, a database…).
     *
     * <pre>{@code
     * ValueSet chapters = ValueSet.builder("circuit-biologie-chapitres")
     *         .name("Chapitres LOINC")
     *         .add(ValueSet.Concept.of(LoincCode.SYSTEM_OID, "18719-5", "Biochimie"))
     *         .build();
     * }</pre>
     *
     * @param id the identifier (an OID for ANS value sets)
     * @return a new builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The identifier: the OID of an SVS value set, the OID identifier or else the id of a FHIR ValueSet.
     *
     * @return the identifier
     */
    public String id() {
        return id;
    }

    /**
     * The canonical URL (FHIR {@code url}, SVS {@code urlFichier}), if any.
     *
     * @return the URL
     */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /**
     * The name ({@code name} or {@code displayName}).
     *
     * @return the name, {@code ""} when none
     */
    public String name() {
        return name;
    }

    /**
     * The human title, or the name when there is none.
     *
     * @return the title
     */
    public String title() {
        return title.isEmpty() ? name : title;
    }

    /**
     * The version or revision date as written in the source, if any.
     *
     * @return the version
     */
    public Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /**
     * Every concept, in the source's order.
     *
     * @return the concepts (immutable)
     */
    public List<Concept> concepts() {
        return concepts;
    }

    /**
     * How many concepts.
     *
     * @return the number of concepts
     */
    public int size() {
        return concepts.size();
    }

    /**
     * The concept with this system and code.
     *
     * @param system the code system (OID, {@code urn:oid:} or URI)
     * @param code the code
     * @return the concept, or empty
     */
    public Optional<Concept> find(String system, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byKey.get(key(system, code.strip())));
    }

    /**
     * Whether the value set holds this code of this system.
     *
     * @param system the code system (OID, {@code urn:oid:} or URI)
     * @param code the code
     * @return {@code true} when a member
     */
    public boolean contains(String system, String code) {
        return find(system, code).isPresent();
    }

    /**
     * Whether the value set holds this LOINC code.
     *
     * @param code the LOINC code
     * @return {@code true} when a member
     */
    public boolean contains(LoincCode code) {
        return contains(LoincCode.SYSTEM_OID, code.value());
    }

    /**
     * The concepts with this code in any system.
     *
     * @param code the code
     * @return the concepts (immutable, empty when none)
     */
    public List<Concept> findCode(String code) {
        return code == null ? List.of() : byCode.getOrDefault(code.strip(), List.of());
    }

    /**
     * The display name of a code of a system.
     *
     * @param system the code system
     * @param code the code
     * @return the display name, or empty when the code is not a member
     */
    public Optional<String> display(String system, String code) {
        return find(system, code).map(Concept::display);
    }

    /**
     * The display name of a LOINC code.
     *
     * @param code the LOINC code
     * @return the display name, or empty when the code is not a member
     */
    public Optional<String> display(LoincCode code) {
        return display(LoincCode.SYSTEM_OID, code.value());
    }

    /**
     * The concepts valid on a given day.
     *
     * @param day the day
     * @return the concepts valid that day
     */
    public List<Concept> conceptsValidOn(LocalDate day) {
        return concepts.stream().filter(c -> c.isValidOn(day)).toList();
    }

    @Override
    public String toString() {
        return "ValueSet[" + id + (name.isEmpty() ? "" : " " + name) + ", " + concepts.size() + " concepts]";
    }

    /**
     * Builds a {@link ValueSet}; not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private String url;
        private String name = "";
        private String title = "";
        private String version;
        private final Map<String, Concept> concepts = new LinkedHashMap<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new IllegalArgumentException("a value set needs an identifier");
            }
            this.id = id.strip();
        }

        /**
         * Sets the canonical URL.
         *
         * @param url the URL, or {@code null}
         * @return this builder
         */
        public Builder url(String url) {
            this.url = url == null || url.isBlank() ? null : url.strip();
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
         * Sets the title.
         *
         * @param title the title, or {@code null}
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title == null ? "" : title.strip();
            return this;
        }

        /**
         * Sets the version.
         *
         * @param version the version, or {@code null}
         * @return this builder
         */
        public Builder version(String version) {
            this.version = version == null || version.isBlank() ? null : version.strip();
            return this;
        }

        /**
         * Adds a concept; a second concept with the same system and code is ignored.
         *
         * @param concept the concept
         * @return this builder
         */
        public Builder add(Concept concept) {
            concepts.putIfAbsent(key(concept.system(), concept.code()), concept);
            return this;
        }

        /**
         * The value set.
         *
         * @return the immutable value set
         */
        public ValueSet build() {
            return new ValueSet(this);
        }

        /**
         * The concepts added so far, as an unmodifiable view.
         *
         * @return the concepts
         */
        List<Concept> concepts() {
            return Collections.unmodifiableList(new ArrayList<>(concepts.values()));
        }
    }
}
