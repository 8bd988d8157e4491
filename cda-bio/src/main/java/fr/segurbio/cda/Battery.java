package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A battery of results (FR-Batterie-examens-de-biologie-medicale): a LOINC panel code (e.g. {@code 18769-0}
 * antibiogram) or, without one, a local code as {@code translation}; its observations and nested batteries.
 *
 * <pre>{@code
 * Battery antibiogram = Battery.builder()
 *         .loinc(Code.loinc("18769-0", "Antibiogramme"))
 *         .label("Antibiogramme")
 *         .item(amoxicillin).item(gentamicin)
 *         .build();
 * }</pre>
 */
public final class Battery implements ResultItem {

    private final Code loinc;
    private final Code localCode;
    private final String label;
    private final ResultStatus status;
    private final List<ResultItem> items;
    private final List<Comment> comments;

    private Battery(Builder b) {
        this.loinc = b.loinc;
        this.localCode = b.localCode;
        this.label = b.label;
        this.status = b.status;
        this.items = List.copyOf(b.items);
        this.comments = List.copyOf(b.comments);
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
     * The LOINC panel code, if any.
     *
     * @return the code
     */
    public Optional<Code> loinc() {
        return Optional.ofNullable(loinc);
    }

    /**
     * The local code (written as {@code translation}), if any.
     *
     * @return the code
     */
    public Optional<Code> localCode() {
        return Optional.ofNullable(localCode);
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The status.
     *
     * @return completed, active or aborted
     */
    public ResultStatus status() {
        return status;
    }

    /**
     * The observations and nested batteries, in order.
     *
     * @return the items (observations or batteries)
     */
    public List<ResultItem> items() {
        return items;
    }

    /**
     * Comments on the battery.
     *
     * @return the comments
     */
    public List<Comment> comments() {
        return comments;
    }

    @Override
    public int observationCount() {
        int n = 0;
        for (ResultItem i : items) {
            n += i.observationCount();
        }
        return n;
    }

    /** Builds a {@link Battery}: a label and at least one observation. */
    public static final class Builder {
        private Code loinc;
        private Code localCode;
        private String label;
        private ResultStatus status = ResultStatus.COMPLETED;
        private final List<ResultItem> items = new ArrayList<>();
        private final List<Comment> comments = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the LOINC panel code.
         *
         * @param loinc the code
         * @return this builder
         */
        public Builder loinc(Code loinc) {
            this.loinc = loinc;
            return this;
        }

        /**
         * Sets the local code.
         *
         * @param localCode the code
         * @return this builder
         */
        public Builder localCode(Code localCode) {
            this.localCode = localCode;
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
         * Sets the status.
         *
         * @param status the status
         * @return this builder
         */
        public Builder status(ResultStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Adds an observation or a nested battery.
         *
         * @param item an {@link Observation} or a {@link Battery}
         * @return this builder
         */
        public Builder item(ResultItem item) {
            Objects.requireNonNull(item, "item");
            if (item instanceof Isolate) {
                throw new CdaException(CdaError.BAD_STRUCTURE, Bilingual.of("un isolat ne peut pas être dans une batterie", "an isolate cannot be inside a battery"));
            }
            this.items.add(item);
            return this;
        }

        /**
         * Adds a comment.
         *
         * @param comment the comment
         * @return this builder
         */
        public Builder comment(Comment comment) {
            this.comments.add(Objects.requireNonNull(comment, "comment"));
            return this;
        }

        /**
         * Builds the battery.
         *
         * @return the battery
         * @throws CdaException with every problem
         */
        public Battery build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (label == null) {
                r.add(CdaError.MISSING, "label", Bilingual.of("libellé de la batterie", "battery label"));
            }
            if (status == null) {
                r.add(CdaError.MISSING, "status", Bilingual.of("statut de la batterie", "battery status"));
            }
            if (items.isEmpty()) {
                r.add(CdaError.NO_RESULT, "items");
            }
            if (loinc != null && !loinc.isLoinc()) {
                r.add(CdaError.BAD_VALUE, "loinc", loinc.code(), Bilingual.of("pas un code LOINC", "not a LOINC code"));
            }
            r.build().orThrow(CdaException::new);
            return new Battery(this);
        }
    }
}
