package fr.segurbio.hl7v2.report;

import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Patient;
import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.PatientIdentifier;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.internal.Hl7Time;
import fr.segurbio.ins.IdentityStatus;
import fr.segurbio.ins.Ins;
import fr.segurbio.ins.PatientIdentity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The patient of a report message (PID, PAM FR 2.11): the identifiers of PID-3 — which must be those of the CDA
 * {@code recordTarget/patientRole/id} — the traits, the INSEE birthplace and the PID-32 status. The INS is only
 * carried for a qualified identity, as in the CDA.
 *
 * <pre>{@code
 * ReportPatient p = ReportPatient.of(identity, PatientIdentifier.ipp("000003", "CHU-X", "1.2.250.1.999.1"));
 * ReportPatient q = ReportPatient.of(crBioReport.patient());    // from the N3
 * }</pre>
 */
public final class ReportPatient {

    private final List<PatientIdentifier> identifiers;
    private final String birthName;
    private final String firstGiven;
    private final String givenNames;
    private final String usedName;
    private final String usedGiven;
    private final String sex;
    private final LocalDate birthDate;
    private final String birthPlace;
    private final String status;
    private final Ins ins;
    private final boolean qualified;

    private ReportPatient(Builder b) {
        this.identifiers = List.copyOf(b.identifiers);
        this.birthName = b.birthName;
        this.firstGiven = b.firstGiven;
        this.givenNames = b.givenNames;
        this.usedName = b.usedName;
        this.usedGiven = b.usedGiven;
        this.sex = b.sex;
        this.birthDate = b.birthDate;
        this.birthPlace = b.birthPlace;
        this.status = b.status;
        this.ins = b.ins;
        this.qualified = b.qualified;
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
     * The patient from the identity the SGL holds (the INS only when the identity may be shared).
     *
     * @param identity the identity
     * @param ipp the local patient id, or {@code null}
     * @return the patient
     */
    public static ReportPatient of(PatientIdentity identity, PatientIdentifier ipp) {
        Builder b = builder();
        if (identity.canBeShared()) {
            Ins i = identity.ins().orElseThrow();
            b.ins(i, true);
        }
        if (ipp != null) {
            b.identifier(ipp);
        }
        var t = identity.traits();
        b.birthName(t.birthName()).firstGiven(t.firstFirstName()).givenNames(t.birthFirstNamesText())
                .usedName(t.usedName().orElse(null), t.usedFirstName().orElse(null))
                .sex(t.sex().code()).birthDate(t.birthDate().date())
                .birthPlace(t.birthPlace().map(p -> p.code()).orElse(null))
                .status(identity.status().code());
        return b.build();
    }

    /**
     * The patient of a CR-BIO: PID-3 = the CDA {@code recordTarget} ids (the qualified INS, then the local id);
     * PID-32 {@code QUAL} for a qualified INS, {@code PROV} otherwise (the CDA does not tell a validated identity).
     *
     * @param patient the CDA patient
     * @return the patient
     */
    public static ReportPatient of(Patient patient) {
        Builder b = builder();
        patient.shareableIns().ifPresent(i -> b.ins(i, true));
        InstanceId local = patient.localId();
        if (local != null) {
            b.identifier(local.optionalExtension().isPresent()
                    ? new PatientIdentifier(local.extension(), "", local.root(), "ISO", "PI")
                    : new PatientIdentifier(local.root(), "", "", "", "PI"));
        }
        b.birthName(patient.birthFamilyName())
                .firstGiven(patient.firstBirthGivenName().orElse(patient.birthGivenNames().map(n -> n.split(" ")[0])
                        .orElse("")))
                .givenNames(patient.birthGivenNames().orElse(""))
                .usedName(patient.usedFamilyName().orElse(null), patient.usedGivenName().orElse(null))
                .sex(patient.gender().name().substring(0, 1))
                .birthDate(patient.birthDate().orElse(null))
                .birthPlace(patient.birthPlace().map(p -> p.code()).orElse(null))
                .status(patient.isInsQualified() ? IdentityStatus.QUALIFIEE.code() : IdentityStatus.PROVISOIRE.code());
        return b.build();
    }

    /**
     * The PID-3 identifiers.
     *
     * @return the identifiers, INS first
     */
    public List<PatientIdentifier> identifiers() {
        return identifiers;
    }

    /**
     * The INS carried in PID-3.
     *
     * @return the INS, empty when none
     */
    public Optional<Ins> ins() {
        return Optional.ofNullable(ins);
    }

    /**
     * Whether the identity is qualified (required to publish to the DMP).
     *
     * @return {@code true} for a qualified INS
     */
    public boolean qualified() {
        return qualified;
    }

    /**
     * The birth name.
     *
     * @return the name
     */
    public String birthName() {
        return birthName;
    }

    /**
     * The first birth given name.
     *
     * @return the first given name
     */
    public String firstGiven() {
        return firstGiven;
    }

    /**
     * PID-32.
     *
     * @return the status code
     */
    public String status() {
        return status;
    }

    /**
     * The PID segment (PID-1 {@code 1}).
     *
     * @param d the delimiters (the standard ones: PID-3 is written by cda-bio's CX)
     * @return the segment
     */
    public Segment toPid(Delimiters d) {
        Segment.Builder b = Segment.builder("PID", d).set(1, "1");
        String[] ids = identifiers.stream().map(PatientIdentifier::toEr7).toArray(String[]::new);
        b.raw(3, d.joinRepetitions(ids));
        String legal = d.components(birthName, firstGiven, givenNames, "", "", "", "L");
        String used = usedName == null && usedGiven == null ? ""
                : d.components(usedName == null ? birthName : usedName, usedGiven == null ? firstGiven : usedGiven,
                        "", "", "", "", "D");
        b.raw(5, used.isEmpty() ? legal : d.joinRepetitions(legal, used));
        if (birthDate != null) {
            b.set(7, Hl7Time.format(birthDate));
        }
        b.set(8, sex);
        if (birthPlace != null) {
            b.raw(11, d.joinRepetitions("", d.components("", "", "", "", "", "", "BDL", "", birthPlace)));
        }
        b.set(32, status);
        return b.build();
    }

    /** Builds a report patient. */
    public static final class Builder {

        private final List<PatientIdentifier> identifiers = new ArrayList<>();
        private String birthName;
        private String firstGiven = "";
        private String givenNames = "";
        private String usedName;
        private String usedGiven;
        private String sex = "U";
        private LocalDate birthDate;
        private String birthPlace;
        private String status = IdentityStatus.PROVISOIRE.code();
        private Ins ins;
        private boolean qualified;

        private Builder() {
        }

        /**
         * The INS, put first in PID-3.
         *
         * @param value the INS
         * @param isQualified whether the identity is qualified
         * @return this builder
         */
        public Builder ins(Ins value, boolean isQualified) {
            this.ins = Objects.requireNonNull(value, "ins");
            this.qualified = isQualified;
            identifiers.add(0, PatientIdentifier.ins(value.matricule().value(), value.authority()));
            return this;
        }

        /**
         * Another PID-3 identifier (IPP…).
         *
         * @param value the identifier
         * @return this builder
         */
        public Builder identifier(PatientIdentifier value) {
            identifiers.add(Objects.requireNonNull(value, "identifier"));
            return this;
        }

        /**
         * PID-5.1 of the {@code L} name.
         *
         * @param value the birth name
         * @return this builder
         */
        public Builder birthName(String value) {
            this.birthName = value;
            return this;
        }

        /**
         * PID-5.2 of the {@code L} name.
         *
         * @param value the first birth given name
         * @return this builder
         */
        public Builder firstGiven(String value) {
            this.firstGiven = value == null ? "" : value;
            return this;
        }

        /**
         * PID-5.3 of the {@code L} name.
         *
         * @param value the birth given names, space separated
         * @return this builder
         */
        public Builder givenNames(String value) {
            this.givenNames = value == null ? "" : value;
            return this;
        }

        /**
         * The used name and first name (a second PID-5 repetition typed {@code D}).
         *
         * @param name the used name, or {@code null}
         * @param given the used first name, or {@code null}
         * @return this builder
         */
        public Builder usedName(String name, String given) {
            this.usedName = name;
            this.usedGiven = given;
            return this;
        }

        /**
         * PID-8.
         *
         * @param value {@code M}, {@code F} or {@code U}
         * @return this builder
         */
        public Builder sex(String value) {
            this.sex = value;
            return this;
        }

        /**
         * PID-7.
         *
         * @param value the birth date, or {@code null}
         * @return this builder
         */
        public Builder birthDate(LocalDate value) {
            this.birthDate = value;
            return this;
        }

        /**
         * PID-11 {@code BDL} XAD-9: the INSEE code of the birth place.
         *
         * @param value the code, or {@code null}
         * @return this builder
         */
        public Builder birthPlace(String value) {
            this.birthPlace = value;
            return this;
        }

        /**
         * PID-32.
         *
         * @param value the status code
         * @return this builder
         */
        public Builder status(String value) {
            this.status = value;
            return this;
        }

        /**
         * The patient.
         *
         * @return the immutable patient
         * @throws IllegalStateException without birth name or identifier
         */
        public ReportPatient build() {
            if (birthName == null || birthName.isBlank() || identifiers.isEmpty()) {
                throw new IllegalStateException("a report patient needs a birth name and an identifier");
            }
            return new ReportPatient(this);
        }
    }
}
