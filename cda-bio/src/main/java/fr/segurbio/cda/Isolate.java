package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A micro-organism isolated from a specimen (FR-Isolat-microbiologique): the organism (SNOMED CT, with an
 * optional NCBI Taxonomy translation), its counts and its antibiogram.
 *
 * <pre>{@code
 * Isolate ecoli = Isolate.builder()
 *         .organism(Code.of("112283007", CodeSystems.SNOMED_CT, "Escherichia coli (organism)"))
 *         .taxonomy(Code.of("562", CodeSystems.NCBI_TAXONOMY, "Escherichia coli"))
 *         .label("Escherichia coli")
 *         .time(OffsetDateTime.parse("2024-01-04T15:50:00+01:00"))
 *         .observation(count)
 *         .antibiogram(antibiogram)
 *         .build();
 * }</pre>
 */
public final class Isolate implements ResultItem {

    private final Code organism;
    private final Code taxonomy;
    private final String label;
    private final InstanceId id;
    private final OffsetDateTime time;
    private final List<Observation> observations;
    private final Battery antibiogram;

    private Isolate(Builder b) {
        this.organism = b.organism;
        this.taxonomy = b.taxonomy;
        this.label = b.label;
        this.id = b.id;
        this.time = b.time;
        this.observations = List.copyOf(b.observations);
        this.antibiogram = b.antibiogram;
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The organism (SNOMED CT).
     *
     * @return the code
     */
    public Code organism() {
        return organism;
    }

    /**
     * The NCBI Taxonomy translation, if given.
     *
     * @return the code
     */
    public Optional<Code> taxonomy() {
        return Optional.ofNullable(taxonomy);
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The isolate's identifier, if given.
     *
     * @return the identifier
     */
    public Optional<InstanceId> id() {
        return Optional.ofNullable(id);
    }

    /**
     * When the isolate was identified, if given.
     *
     * @return the time
     */
    public Optional<OffsetDateTime> time() {
        return Optional.ofNullable(time);
    }

    /**
     * The observations on the isolate (counts…).
     *
     * @return the observations
     */
    public List<Observation> observations() {
        return observations;
    }

    /**
     * The antibiogram, if any.
     *
     * @return the battery
     */
    public Optional<Battery> antibiogram() {
        return Optional.ofNullable(antibiogram);
    }

    @Override
    public int observationCount() {
        return observations.size() + (antibiogram == null ? 0 : antibiogram.observationCount());
    }

    /** Builds an {@link Isolate}: the organism, a label and at least one observation or an antibiogram. */
    public static final class Builder {
        private Code organism;
        private Code taxonomy;
        private String label;
        private InstanceId id;
        private OffsetDateTime time;
        private final List<Observation> observations = new ArrayList<>();
        private Battery antibiogram;

        private Builder() {
        }

        /**
         * Sets the organism.
         *
         * @param organism a SNOMED CT code
         * @return this builder
         */
        public Builder organism(Code organism) {
            this.organism = organism;
            return this;
        }

        /**
         * Sets the NCBI Taxonomy translation.
         *
         * @param taxonomy the code
         * @return this builder
         */
        public Builder taxonomy(Code taxonomy) {
            this.taxonomy = taxonomy;
            return this;
        }

        /**
         * Sets the label.
         *
         * @param label the label
         * @return this builder
         */
        public Builder label(String label) {
            this.label = Address.blankToNull(label);
            return this;
        }

        /**
         * Sets the identifier.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder id(InstanceId id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the time of identification.
         *
         * @param time the time
         * @return this builder
         */
        public Builder time(OffsetDateTime time) {
            this.time = time;
            return this;
        }

        /**
         * Adds an observation (count…).
         *
         * @param observation the observation
         * @return this builder
         */
        public Builder observation(Observation observation) {
            this.observations.add(Objects.requireNonNull(observation, "observation"));
            return this;
        }

        /**
         * Sets the antibiogram.
         *
         * @param antibiogram the battery
         * @return this builder
         */
        public Builder antibiogram(Battery antibiogram) {
            this.antibiogram = antibiogram;
            return this;
        }

        /**
         * Builds the isolate.
         *
         * @return the isolate
         * @throws CdaException with every problem
         */
        public Isolate build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (organism == null) {
                r.add(CdaError.MISSING, "organism", Bilingual.of("micro-organisme de l'isolat", "isolate organism"));
            }
            if (label == null) {
                r.add(CdaError.MISSING, "label", Bilingual.of("libellé de l'isolat", "isolate label"));
            }
            if (observations.isEmpty() && antibiogram == null) {
                r.add(CdaError.NO_RESULT, "observations");
            }
            r.build().orThrow(CdaException::new);
            return new Isolate(this);
        }
    }
}
