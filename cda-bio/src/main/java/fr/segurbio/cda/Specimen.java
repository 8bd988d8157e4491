package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A specimen (FR-Prelevement): its type (jdv-specimen-type-cisis), the sampling act's code (NABM), the
 * anatomical site, the collection time and the time the lab received it ({@code SPRECEIVE}).
 *
 * <pre>{@code
 * Specimen urine = Specimen.builder()
 *         .type(Code.of("UR", CodeSystems.SPECIMEN_TYPE, "Urine"))
 *         .collected(OffsetDateTime.parse("2024-01-04T07:35:00+01:00"))
 *         .received(OffsetDateTime.parse("2024-01-04T07:52:00+01:00"))
 *         .build();
 * }</pre>
 */
public final class Specimen {

    private final Code type;
    private final Code act;
    private final Code site;
    private final InstanceId id;
    private final OffsetDateTime collected;
    private final OffsetDateTime received;

    private Specimen(Builder b) {
        this.type = b.type;
        this.act = b.act;
        this.site = b.site;
        this.id = b.id;
        this.collected = b.collected;
        this.received = b.received;
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
     * The specimen type (HL7 v2 table 0487, e.g. {@code UR} urine, {@code BLD} whole blood, {@code SER} serum).
     *
     * @return the type
     */
    public Code type() {
        return type;
    }

    /**
     * The sampling act (NABM code), if given.
     *
     * @return the act code
     */
    public Optional<Code> act() {
        return Optional.ofNullable(act);
    }

    /**
     * The anatomical site (targetSiteCode), if given.
     *
     * @return the site
     */
    public Optional<Code> site() {
        return Optional.ofNullable(site);
    }

    /**
     * The specimen identifier (tube, container), if given.
     *
     * @return the identifier
     */
    public Optional<InstanceId> id() {
        return Optional.ofNullable(id);
    }

    /**
     * When the specimen was collected.
     *
     * @return the collection time
     */
    public OffsetDateTime collected() {
        return collected;
    }

    /**
     * When the lab received the specimen, if known.
     *
     * @return the reception time
     */
    public Optional<OffsetDateTime> received() {
        return Optional.ofNullable(received);
    }

    /** Builds a {@link Specimen}; the type and the collection time are required. */
    public static final class Builder {
        private Code type;
        private Code act;
        private Code site;
        private InstanceId id;
        private OffsetDateTime collected;
        private OffsetDateTime received;

        private Builder() {
        }

        /**
         * Sets the specimen type.
         *
         * @param type the type
         * @return this builder
         */
        public Builder type(Code type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the sampling act code (NABM).
         *
         * @param act the code
         * @return this builder
         */
        public Builder act(Code act) {
            this.act = act;
            return this;
        }

        /**
         * Sets the anatomical site.
         *
         * @param site the site
         * @return this builder
         */
        public Builder site(Code site) {
            this.site = site;
            return this;
        }

        /**
         * Sets the specimen identifier.
         *
         * @param id the identifier
         * @return this builder
         */
        public Builder id(InstanceId id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the collection time.
         *
         * @param time the time
         * @return this builder
         */
        public Builder collected(OffsetDateTime time) {
            this.collected = time;
            return this;
        }

        /**
         * Sets the reception time.
         *
         * @param time the time
         * @return this builder
         */
        public Builder received(OffsetDateTime time) {
            this.received = time;
            return this;
        }

        /**
         * Builds the specimen.
         *
         * @return the specimen
         * @throws CdaException {@code CDA-001} when the type or the collection time is missing
         */
        public Specimen build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (type == null) {
                r.add(CdaError.MISSING, "type", Bilingual.of("type d'échantillon", "specimen type"));
            }
            if (collected == null) {
                r.add(CdaError.MISSING, "collected", Bilingual.of("date de prélèvement de l'échantillon", "specimen collection time"));
            }
            r.build().orThrow(CdaException::new);
            return new Specimen(this);
        }
    }
}
