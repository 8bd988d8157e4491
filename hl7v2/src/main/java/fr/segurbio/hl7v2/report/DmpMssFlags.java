package fr.segurbio.hl7v2.report;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Hl7Error;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code MetaDMPMSS} switches of a report, as they were when the biologist validated it: masking, visibility,
 * DMP publication, MSSanté sending to the professionals and to the patient, acknowledgements, mail bodies.
 * {@link #validate()} holds them against the volet's MSSanté matrix (the only accepted combinations when the
 * report is sent by MSSanté).
 *
 * <pre>{@code
 * DmpMssFlags flags = DmpMssFlags.builder()
 *         .set(MetaFlag.DESTDMP, true)
 *         .set(MetaFlag.DESTMSSANTEPS, true)
 *         .set(MetaFlag.DESTMSSANTEPAT, true)
 *         .mailBodyForProfessionals("Cher confrère, ...")
 *         .build();
 * flags.get(MetaFlag.MASQUE_PS);    // Optional[false]
 * }</pre>
 */
public final class DmpMssFlags {

    private final Map<MetaFlag, Boolean> values;
    private final String mailBodyPs;
    private final String mailBodyPatient;
    private final boolean patientMayNotReply;

    private DmpMssFlags(Builder b) {
        this.values = new EnumMap<>(b.values);
        this.mailBodyPs = b.mailBodyPs;
        this.mailBodyPatient = b.mailBodyPatient;
        this.patientMayNotReply = b.patientMayNotReply;
    }

    /**
     * A builder; the eight required switches start at N, the two acknowledgement switches absent.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A switch.
     *
     * @param flag a Y/N item
     * @return its value, empty for an optional item not given (or a mail body)
     */
    public Optional<Boolean> get(MetaFlag flag) {
        return Optional.ofNullable(values.get(flag));
    }

    /**
     * A switch, {@code false} when not given.
     *
     * @param flag a Y/N item
     * @return whether it is Y
     */
    public boolean is(MetaFlag flag) {
        return Boolean.TRUE.equals(values.get(flag));
    }

    /**
     * The mail body for the professionals.
     *
     * @return the text, empty when none
     */
    public Optional<String> mailBodyForProfessionals() {
        return Optional.ofNullable(mailBodyPs);
    }

    /**
     * The mail body for the patient.
     *
     * @return the text, empty when none
     */
    public Optional<String> mailBodyForPatient() {
        return Optional.ofNullable(mailBodyPatient);
    }

    /**
     * Whether the patient may not reply to the MSSanté message (an NTE with NTE-4 {@code FIN} after DESTMSSANTEPAT).
     *
     * @return {@code true} when replies are not allowed
     */
    public boolean patientMayNotReply() {
        return patientMayNotReply;
    }

    /**
     * Checks the switches against the volet's MSSanté matrix when the report goes by MSSanté.
     *
     * @return {@code HL7-201} when the combination is not one of the three accepted rows
     */
    public ValidationResult validate() {
        boolean ps = is(MetaFlag.DESTMSSANTEPS);
        boolean pat = is(MetaFlag.DESTMSSANTEPAT);
        if (!ps && !pat) {
            return ValidationResult.ok();
        }
        boolean masque = is(MetaFlag.MASQUE_PS);
        boolean invPat = is(MetaFlag.INVISIBLE_PATIENT);
        boolean invRep = is(MetaFlag.INVISIBLE_REP_LEGAUX);
        boolean secret = is(MetaFlag.CONNEXION_SECRETE);
        boolean dmp = is(MetaFlag.DESTDMP);
        boolean row1 = !masque && !invPat && !invRep && ps && pat;
        boolean row2 = !masque && invPat && !invRep && ps && !pat;
        boolean row3 = !invPat && !secret && !dmp && !ps && pat;
        if (row1 || row2 || row3) {
            return ValidationResult.ok();
        }
        return ValidationResult.of(Problem.of(Hl7Error.FLAGS_MATRIX, "MetaDMPMSS", describe()));
    }

    /**
     * The switches as {@code CODE=Y|N}, in message order.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (MetaFlag f : MetaFlag.values()) {
            Boolean v = values.get(f);
            if (v != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f.code()).append('=').append(v ? 'Y' : 'N');
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DmpMssFlags f && f.values.equals(values) && Objects.equals(f.mailBodyPs, mailBodyPs)
                && Objects.equals(f.mailBodyPatient, mailBodyPatient) && f.patientMayNotReply == patientMayNotReply;
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, mailBodyPs, mailBodyPatient, patientMayNotReply);
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds the switches. */
    public static final class Builder {

        private final Map<MetaFlag, Boolean> values = new EnumMap<>(MetaFlag.class);
        private String mailBodyPs;
        private String mailBodyPatient;
        private boolean patientMayNotReply;

        private Builder() {
            for (MetaFlag f : MetaFlag.values()) {
                if (f.required()) {
                    values.put(f, false);
                }
            }
        }

        /**
         * Sets a Y/N switch.
         *
         * @param flag the item (not a mail body)
         * @param value Y ({@code true}) or N
         * @return this builder
         */
        public Builder set(MetaFlag flag, boolean value) {
            if (flag.isMailBody()) {
                throw new IllegalArgumentException(flag + " is a mail body, not a switch");
            }
            values.put(flag, value);
            return this;
        }

        /**
         * The mail body for the professionals.
         *
         * @param text the text, {@code null} for none
         * @return this builder
         */
        public Builder mailBodyForProfessionals(String text) {
            this.mailBodyPs = text;
            return this;
        }

        /**
         * The mail body for the patient.
         *
         * @param text the text, {@code null} for none
         * @return this builder
         */
        public Builder mailBodyForPatient(String text) {
            this.mailBodyPatient = text;
            return this;
        }

        /**
         * Whether the patient may not reply.
         *
         * @param value {@code true} to add the NTE {@code FIN}
         * @return this builder
         */
        public Builder patientMayNotReply(boolean value) {
            this.patientMayNotReply = value;
            return this;
        }

        /**
         * The switches (not checked against the matrix: see {@link DmpMssFlags#validate()}).
         *
         * @return the immutable switches
         */
        public DmpMssFlags build() {
            return new DmpMssFlags(this);
        }
    }
}
