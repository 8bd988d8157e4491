package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A report entry (FR-Resultats-examens-de-biologie-medicale): the act that groups the specimens, results,
 * comments and images of a chapter or sub-chapter; optionally the subcontracting lab that performed it and the
 * biologist who validated it.
 *
 * <pre>{@code
 * ResultEntry entry = ResultEntry.builder()
 *         .code(Code.loinc("18719-5", "Biochimie"))
 *         .specimen(serum)
 *         .result(tsh).result(ft4)
 *         .comment(Comment.of("Contrôle dans 3 mois."))
 *         .build();
 * }</pre>
 */
public final class ResultEntry {

    private final Code code;
    private final ResultStatus status;
    private final Participation performer;
    private final Participation validator;
    private final List<Specimen> specimens;
    private final List<ResultItem> results;
    private final List<Comment> comments;
    private final List<Attachment> images;

    private ResultEntry(Builder b) {
        this.code = b.code;
        this.status = b.status;
        this.performer = b.performer;
        this.validator = b.validator;
        this.specimens = List.copyOf(b.specimens);
        this.results = List.copyOf(b.results);
        this.comments = List.copyOf(b.comments);
        this.images = List.copyOf(b.images);
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
     * The act's code (the LOINC code of the chapter or sub-chapter).
     *
     * @return the code
     */
    public Code code() {
        return code;
    }

    /**
     * The status: completed, or active for a partial report.
     *
     * @return the status
     */
    public ResultStatus status() {
        return status;
    }

    /**
     * The subcontracting lab that performed these results, if not the report's lab.
     *
     * @return the performer
     */
    public Optional<Participation> performer() {
        return Optional.ofNullable(performer);
    }

    /**
     * The biologist who validated these results ({@code participant typeCode="AUTHEN"}), if given.
     *
     * @return the validator
     */
    public Optional<Participation> validator() {
        return Optional.ofNullable(validator);
    }

    /**
     * The specimens.
     *
     * @return the specimens
     */
    public List<Specimen> specimens() {
        return specimens;
    }

    /**
     * The results: observations, batteries, isolates.
     *
     * @return at least one item
     */
    public List<ResultItem> results() {
        return results;
    }

    /**
     * Comments on the whole entry.
     *
     * @return the comments
     */
    public List<Comment> comments() {
        return comments;
    }

    /**
     * Illustrative images (FR-Image-illustrative).
     *
     * @return the images
     */
    public List<Attachment> images() {
        return images;
    }

    /**
     * The number of observations, nested ones included.
     *
     * @return the count
     */
    public int observationCount() {
        int n = 0;
        for (ResultItem i : results) {
            n += i.observationCount();
        }
        return n;
    }

    /** Builds a {@link ResultEntry}: a code and at least one result. */
    public static final class Builder {
        private Code code;
        private ResultStatus status = ResultStatus.COMPLETED;
        private Participation performer;
        private Participation validator;
        private final List<Specimen> specimens = new ArrayList<>();
        private final List<ResultItem> results = new ArrayList<>();
        private final List<Comment> comments = new ArrayList<>();
        private final List<Attachment> images = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the act's code.
         *
         * @param code the LOINC code of the chapter or sub-chapter
         * @return this builder
         */
        public Builder code(Code code) {
            this.code = code;
            return this;
        }

        /**
         * Sets the status.
         *
         * @param status completed, active or aborted
         * @return this builder
         */
        public Builder status(ResultStatus status) {
            this.status = status;
            return this;
        }

        /**
         * Sets the subcontracting lab.
         *
         * @param performer the lab's biologist (with its organization) and the time of the work
         * @return this builder
         */
        public Builder performer(Participation performer) {
            this.performer = performer;
            return this;
        }

        /**
         * Sets the validating biologist of these results.
         *
         * @param validator the biologist and the validation time
         * @return this builder
         */
        public Builder validator(Participation validator) {
            this.validator = validator;
            return this;
        }

        /**
         * Adds a specimen.
         *
         * @param specimen the specimen
         * @return this builder
         */
        public Builder specimen(Specimen specimen) {
            this.specimens.add(Objects.requireNonNull(specimen, "specimen"));
            return this;
        }

        /**
         * Adds a result.
         *
         * @param result an observation, battery or isolate
         * @return this builder
         */
        public Builder result(ResultItem result) {
            this.results.add(Objects.requireNonNull(result, "result"));
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
         * Adds an illustrative image.
         *
         * @param image a PNG, JPEG or GIF attachment
         * @return this builder
         */
        public Builder image(Attachment image) {
            Objects.requireNonNull(image, "image");
            if (!image.mediaType().startsWith("image/")) {
                throw new CdaException(CdaError.BAD_VALUE, image.mediaType(), Bilingual.of("une image d'illustration est image/*", "an illustrative image is image/*"));
            }
            this.images.add(image);
            return this;
        }

        /**
         * Builds the entry.
         *
         * @return the entry
         * @throws CdaException with every problem ({@code CDA-002} when there is no result)
         */
        public ResultEntry build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (code == null) {
                r.add(CdaError.MISSING, "code", Bilingual.of("code de l'entrée", "entry code"));
            }
            if (status == null) {
                r.add(CdaError.MISSING, "status", Bilingual.of("statut de l'entrée", "entry status"));
            }
            if (results.isEmpty()) {
                r.add(CdaError.NO_RESULT, "results");
            }
            if (performer != null && performer.professional().organization().isEmpty()) {
                r.add(CdaError.MISSING, "performer", Bilingual.of("organisation du laboratoire sous-traitant", "organization of the subcontracting lab"));
            }
            r.build().orThrow(CdaException::new);
            return new ResultEntry(this);
        }
    }
}
