package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * One lab result (FR-Resultat-examens-de-biologie-element-clinique-pertinent): the analyte's LOINC code, or,
 * when it has none, the lab's local code (written as a {@code translation}); the value; the interpretation;
 * the method; the reference range; previous results; comments; and the subcontracting lab when another lab
 * performed it.
 *
 * <pre>{@code
 * Observation tsh = Observation.builder()
 *         .loinc(Code.loinc("3016-3", "Thyréostimuline [Unités arbitraires/Volume] Sérum/Plasma ; Numérique"))
 *         .label("Thyréostimuline (TSH)")
 *         .time(OffsetDateTime.parse("2024-01-04T14:55:21+01:00"))
 *         .value(ResultValue.quantity("1.950", "m[IU]/L"))
 *         .interpretation(Interpretation.N)
 *         .referenceRange(ReferenceRange.between("0.270", "4.200", "m[IU]/L"))
 *         .build();
 * }</pre>
 */
public final class Observation implements ResultItem {

    private final Code loinc;
    private final Code localCode;
    private final String label;
    private final ResultStatus status;
    private final OffsetDateTime time;
    private final ResultValue value;
    private final Interpretation interpretation;
    private final Code method;
    private final String methodText;
    private final ReferenceRange referenceRange;
    private final List<PreviousResult> previousResults;
    private final List<Comment> comments;
    private final Participation performer;

    private Observation(Builder b) {
        this.loinc = b.loinc;
        this.localCode = b.localCode;
        this.label = b.label;
        this.status = b.status;
        this.time = b.time;
        this.value = b.value;
        this.interpretation = b.interpretation;
        this.method = b.method;
        this.methodText = b.methodText;
        this.referenceRange = b.referenceRange;
        this.previousResults = List.copyOf(b.previousResults);
        this.comments = List.copyOf(b.comments);
        this.performer = b.performer;
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
     * The LOINC code, absent for an analyte without LOINC code.
     *
     * @return the LOINC code
     */
    public Optional<Code> loinc() {
        return Optional.ofNullable(loinc);
    }

    /**
     * The lab's local code (or the national "code d'attente"), written as a {@code translation}.
     *
     * @return the local code
     */
    public Optional<Code> localCode() {
        return Optional.ofNullable(localCode);
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The status: {@link ResultStatus#COMPLETED} (result present) or {@link ResultStatus#ABORTED}.
     *
     * @return the status
     */
    public ResultStatus status() {
        return status;
    }

    /**
     * When the result was obtained (biological validation or technical time), if given.
     *
     * @return the time
     */
    public Optional<OffsetDateTime> time() {
        return Optional.ofNullable(time);
    }

    /**
     * The value; absent for an aborted result.
     *
     * @return the value
     */
    public Optional<ResultValue> value() {
        return Optional.ofNullable(value);
    }

    /**
     * The interpretation, if given.
     *
     * @return the interpretation
     */
    public Optional<Interpretation> interpretation() {
        return Optional.ofNullable(interpretation);
    }

    /**
     * The coded method (jdv-technique-biologie-cisis), if given.
     *
     * @return the method code
     */
    public Optional<Code> method() {
        return Optional.ofNullable(method);
    }

    /**
     * The method as text (technique, analyser), if given.
     *
     * @return the method text
     */
    public Optional<String> methodText() {
        return Optional.ofNullable(methodText);
    }

    /**
     * The reference range, if given.
     *
     * @return the range
     */
    public Optional<ReferenceRange> referenceRange() {
        return Optional.ofNullable(referenceRange);
    }

    /**
     * Previous results of the same analyte, most recent first.
     *
     * @return the previous results
     */
    public List<PreviousResult> previousResults() {
        return previousResults;
    }

    /**
     * Comments on this result.
     *
     * @return the comments
     */
    public List<Comment> comments() {
        return comments;
    }

    /**
     * The subcontracting lab that performed this result, when it differs from the entry's.
     *
     * @return the performer
     */
    public Optional<Participation> performer() {
        return Optional.ofNullable(performer);
    }

    @Override
    public int observationCount() {
        return 1;
    }

    /** Builds an {@link Observation}: a LOINC or local code, a label, and a value unless aborted. */
    public static final class Builder {
        private Code loinc;
        private Code localCode;
        private String label;
        private ResultStatus status = ResultStatus.COMPLETED;
        private OffsetDateTime time;
        private ResultValue value;
        private Interpretation interpretation;
        private Code method;
        private String methodText;
        private ReferenceRange referenceRange;
        private final List<PreviousResult> previousResults = new ArrayList<>();
        private final List<Comment> comments = new ArrayList<>();
        private Participation performer;

        private Builder() {
        }

        /**
         * Sets the LOINC code.
         *
         * @param loinc a LOINC code (see {@link Code#loinc(String, String)})
         * @return this builder
         */
        public Builder loinc(Code loinc) {
            this.loinc = loinc;
            return this;
        }

        /**
         * Sets the local code (always written as {@code translation}; the only code when there is no LOINC).
         *
         * @param localCode the lab's code, or a national "code d'attente" ({@link CodeSystems#WAITING_CODE})
         * @return this builder
         */
        public Builder localCode(Code localCode) {
            this.localCode = localCode;
            return this;
        }

        /**
         * Sets the label shown in the narrative.
         *
         * @param label the label
         * @return this builder
         */
        public Builder label(String label) {
            this.label = Address.blankToNull(label);
            return this;
        }

        /**
         * Sets the status ({@link ResultStatus#COMPLETED} by default).
         *
         * @param status completed or aborted
         * @return this builder
         */
        public Builder status(ResultStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Sets the time of the result.
         *
         * @param time the time
         * @return this builder
         */
        public Builder time(OffsetDateTime time) {
            this.time = time;
            return this;
        }

        /**
         * Sets the value.
         *
         * @param value the value
         * @return this builder
         */
        public Builder value(ResultValue value) {
            this.value = value;
            return this;
        }

        /**
         * Sets the interpretation.
         *
         * @param interpretation the interpretation
         * @return this builder
         */
        public Builder interpretation(Interpretation interpretation) {
            this.interpretation = interpretation;
            return this;
        }

        /**
         * Sets the coded method.
         *
         * @param method a code of jdv-technique-biologie-cisis
         * @return this builder
         */
        public Builder method(Code method) {
            this.method = method;
            return this;
        }

        /**
         * Sets the method as text (shown in the narrative).
         *
         * @param text the text
         * @return this builder
         */
        public Builder methodText(String text) {
            this.methodText = Address.blankToNull(text);
            return this;
        }

        /**
         * Sets the reference range.
         *
         * @param range the range
         * @return this builder
         */
        public Builder referenceRange(ReferenceRange range) {
            this.referenceRange = range;
            return this;
        }

        /**
         * Adds a previous result.
         *
         * @param previous the previous result
         * @return this builder
         */
        public Builder previousResult(PreviousResult previous) {
            this.previousResults.add(Objects.requireNonNull(previous, "previous"));
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
         * Sets the subcontracting lab that performed this result.
         *
         * @param performer the lab's biologist (with its organization) and the time
         * @return this builder
         */
        public Builder performer(Participation performer) {
            this.performer = performer;
            return this;
        }

        /**
         * Builds the observation.
         *
         * @return the observation
         * @throws CdaException with every problem ({@code CDA-001}, {@code CDA-008})
         */
        public Observation build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (loinc == null && localCode == null) {
                r.add(CdaError.MISSING, "code", Bilingual.of("code LOINC ou code local du résultat", "observation LOINC code or local code"));
            }
            if (loinc != null && !loinc.isLoinc()) {
                r.add(CdaError.BAD_VALUE, "loinc", loinc.code(), Bilingual.of("pas un code LOINC (système " + loinc.codeSystem() + ")", "not a LOINC code (code system " + loinc.codeSystem() + ")"));
            }
            if (label == null) {
                r.add(CdaError.MISSING, "label", Bilingual.of("libellé du résultat", "observation label"));
            }
            if (status == null || status == ResultStatus.ACTIVE) {
                r.add(CdaError.BAD_VALUE, "status", String.valueOf(status),
                        Bilingual.of("un résultat est completed ou aborted", "a result is completed or aborted"));
            }
            if (status == ResultStatus.COMPLETED && value == null) {
                r.add(CdaError.MISSING, "value", Bilingual.of("valeur d'un résultat completed", "value of a completed result"));
            }
            if (performer != null && performer.professional().organization().isEmpty()) {
                r.add(CdaError.MISSING, "performer", Bilingual.of("organisation du laboratoire sous-traitant", "organization of the subcontracting lab"));
            }
            r.build().orThrow(CdaException::new);
            return new Observation(this);
        }
    }
}
