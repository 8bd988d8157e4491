package fr.segurbio.loinc.catalog;

import java.util.Objects;
import java.util.Optional;

/**
 * An exam of the lab's local catalogue: local code, label, chapter, specimen, method, local unit, result type,
 * and its transcoding to LOINC when there is one. Immutable; the local code and the label are required.
 *
 * <pre>{@code
 * Exam glucose = Exam.builder("GLY", "Glycémie à jeun")
 *         .chapter("18719-5").specimen("Sérum").method("Hexokinase").localUnit("g/l")
 *         .resultType(ResultType.NUMERIC)
 *         .transcoding(Transcoding.builder(LoincCode.parse("2345-7")).ucumUnit("g/L").build())
 *         .build();
 * }</pre>
 */
public final class Exam {

    private final String localCode;
    private final String label;
    private final String chapter;
    private final String specimen;
    private final String method;
    private final String localUnit;
    private final ResultType resultType;
    private final Transcoding transcoding;

    private Exam(Builder b) {
        this.localCode = b.localCode;
        this.label = b.label;
        this.chapter = b.chapter;
        this.specimen = b.specimen;
        this.method = b.method;
        this.localUnit = b.localUnit;
        this.resultType = b.resultType;
        this.transcoding = b.transcoding;
    }

    /**
     * A builder.
     *
     * @param localCode the local code, not blank
     * @param label the label, not blank
     * @return a new builder
     */
    public static Builder builder(String localCode, String label) {
        return new Builder(localCode, label);
    }

    /**
     * A builder holding this exam's values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(localCode, label).chapter(chapter).specimen(specimen).method(method).localUnit(localUnit)
                .resultType(resultType).transcoding(transcoding);
    }

    /**
     * This exam with another transcoding.
     *
     * @param t the transcoding, or {@code null} for none
     * @return the new exam
     */
    public Exam withTranscoding(Transcoding t) {
        return toBuilder().transcoding(t).build();
    }

    /**
     * The local code.
     *
     * @return the code
     */
    public String localCode() {
        return localCode;
    }

    /**
     * The label.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The chapter (a LOINC chapter code of the "circuit de la biologie", or the lab's own).
     *
     * @return the chapter, {@code ""} when none
     */
    public String chapter() {
        return chapter;
    }

    /**
     * The specimen.
     *
     * @return the specimen, {@code ""} when none
     */
    public String specimen() {
        return specimen;
    }

    /**
     * The method or technique.
     *
     * @return the method, {@code ""} when none
     */
    public String method() {
        return method;
    }

    /**
     * The unit as the lab software writes it (not necessarily UCUM).
     *
     * @return the unit, {@code ""} when none
     */
    public String localUnit() {
        return localUnit;
    }

    /**
     * The result type.
     *
     * @return the type, or empty when not stated
     */
    public Optional<ResultType> resultType() {
        return Optional.ofNullable(resultType);
    }

    /**
     * The transcoding to LOINC.
     *
     * @return the transcoding, or empty when not transcoded
     */
    public Optional<Transcoding> transcoding() {
        return Optional.ofNullable(transcoding);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exam e && localCode.equals(e.localCode) && label.equals(e.label)
                && chapter.equals(e.chapter) && specimen.equals(e.specimen) && method.equals(e.method)
                && localUnit.equals(e.localUnit) && resultType == e.resultType
                && Objects.equals(transcoding, e.transcoding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(localCode, label, chapter, specimen, method, localUnit, resultType, transcoding);
    }

    @Override
    public String toString() {
        return localCode + " " + label + (transcoding == null ? "" : " → " + transcoding);
    }

    /**
     * Builds an {@link Exam}; not thread-safe.
     */
    public static final class Builder {
        private final String localCode;
        private final String label;
        private String chapter = "";
        private String specimen = "";
        private String method = "";
        private String localUnit = "";
        private ResultType resultType;
        private Transcoding transcoding;

        private Builder(String localCode, String label) {
            Objects.requireNonNull(localCode, "localCode");
            Objects.requireNonNull(label, "label");
            if (localCode.isBlank()) {
                throw new IllegalArgumentException("an exam needs a local code");
            }
            if (label.isBlank()) {
                throw new IllegalArgumentException("an exam needs a label");
            }
            this.localCode = localCode.strip();
            this.label = label.strip();
        }

        private static String clean(String s) {
            return s == null ? "" : s.strip();
        }

        /**
         * Sets the chapter.
         *
         * @param chapter the chapter, or {@code null}
         * @return this builder
         */
        public Builder chapter(String chapter) {
            this.chapter = clean(chapter);
            return this;
        }

        /**
         * Sets the specimen.
         *
         * @param specimen the specimen, or {@code null}
         * @return this builder
         */
        public Builder specimen(String specimen) {
            this.specimen = clean(specimen);
            return this;
        }

        /**
         * Sets the method.
         *
         * @param method the method, or {@code null}
         * @return this builder
         */
        public Builder method(String method) {
            this.method = clean(method);
            return this;
        }

        /**
         * Sets the local unit.
         *
         * @param localUnit the unit as the lab writes it, or {@code null}
         * @return this builder
         */
        public Builder localUnit(String localUnit) {
            this.localUnit = clean(localUnit);
            return this;
        }

        /**
         * Sets the result type.
         *
         * @param resultType the type, or {@code null}
         * @return this builder
         */
        public Builder resultType(ResultType resultType) {
            this.resultType = resultType;
            return this;
        }

        /**
         * Sets the transcoding.
         *
         * @param transcoding the transcoding, or {@code null}
         * @return this builder
         */
        public Builder transcoding(Transcoding transcoding) {
            this.transcoding = transcoding;
            return this;
        }

        /**
         * The exam.
         *
         * @return the immutable exam
         */
        public Exam build() {
            return new Exam(this);
        }
    }
}
