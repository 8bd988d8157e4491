package fr.segurbio.dmp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import fr.segurbio.cda.Code;
import fr.segurbio.ins.Ins;

/**
 * An ITI-18 FindDocuments query: the patient, the statuses (Approved by default) and optional filters on
 * class, type and format codes.
 *
 * <pre>{@code
 * FindQuery q = FindQuery.builder(ins)
 *         .status(DocumentStatus.APPROVED, DocumentStatus.ARCHIVED)
 *         .typeCode(Code.loinc("11502-2", "CR d'examens biologiques"))
 *         .build();
 * }</pre>
 *
 * @param patient the patient's INS
 * @param statuses the statuses
 * @param classCodes class code filters
 * @param typeCodes type code filters
 * @param formatCodes format code filters
 */
public record FindQuery(Ins patient, Set<DocumentStatus> statuses, List<Code> classCodes, List<Code> typeCodes,
        List<Code> formatCodes) {

    /**
     * Checks and copies.
     *
     * @param patient the patient
     * @param statuses the statuses
     * @param classCodes the class codes
     * @param typeCodes the type codes
     * @param formatCodes the format codes
     */
    public FindQuery {
        Objects.requireNonNull(patient, "patient");
        statuses = Set.copyOf(statuses);
        if (statuses.isEmpty()) {
            throw new DmpException(DmpError.INVALID_CONFIGURATION, "a FindDocuments query needs a status");
        }
        classCodes = List.copyOf(classCodes);
        typeCodes = List.copyOf(typeCodes);
        formatCodes = List.copyOf(formatCodes);
    }

    /**
     * The approved documents of a patient.
     *
     * @param patient the INS
     * @return the query
     */
    public static FindQuery of(Ins patient) {
        return builder(patient).build();
    }

    /**
     * A builder.
     *
     * @param patient the INS
     * @return the builder
     */
    public static Builder builder(Ins patient) {
        return new Builder(patient);
    }

    /** Builds a {@link FindQuery}. */
    public static final class Builder {
        private final Ins patient;
        private final Set<DocumentStatus> statuses = EnumSet.noneOf(DocumentStatus.class);
        private final List<Code> classCodes = new ArrayList<>();
        private final List<Code> typeCodes = new ArrayList<>();
        private final List<Code> formatCodes = new ArrayList<>();

        private Builder(Ins patient) {
            this.patient = Objects.requireNonNull(patient, "patient");
        }

        /**
         * @param s the statuses (default Approved)
         * @return this builder
         */
        public Builder status(DocumentStatus... s) {
            statuses.addAll(List.of(s));
            return this;
        }

        /**
         * @param c a class code
         * @return this builder
         */
        public Builder classCode(Code c) {
            classCodes.add(c);
            return this;
        }

        /**
         * @param c a type code
         * @return this builder
         */
        public Builder typeCode(Code c) {
            typeCodes.add(c);
            return this;
        }

        /**
         * @param c a format code
         * @return this builder
         */
        public Builder formatCode(Code c) {
            formatCodes.add(c);
            return this;
        }

        /** @return the query */
        public FindQuery build() {
            Set<DocumentStatus> s = statuses.isEmpty() ? EnumSet.of(DocumentStatus.APPROVED) : statuses;
            return new FindQuery(patient, s, classCodes, typeCodes, formatCodes);
        }
    }
}
