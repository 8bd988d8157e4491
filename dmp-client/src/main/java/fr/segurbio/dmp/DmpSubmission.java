package fr.segurbio.dmp;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.cda.xds.Cx;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.core.SegurException;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.ins.Ins;

/**
 * One CR-BIO to send to the DMP: its N3 and its N1 (always together: the DMP rejects an N3 alone) with their
 * XDS metadata (cda-bio's {@code XdsMetadata}: patient, traits, authors, codes), what the lab recorded about the patient's consent, and the visibility
 * restrictions to apply from the start (the "annonce" mode makes the report invisible to the patient until
 * {@link DmpClient#showToPatient} is called). A replacement is a submission whose report replaces an earlier
 * version ({@code CrBioReport.Builder.replaces}): it is sent with RPLC associations. Immutable; {@link
 * Builder#build()} checks everything and reports every problem.
 *
 * <pre>{@code
 * CrBioWriter writer = CrBioWriter.standard();
 * DmpSubmission s = DmpSubmission.builder()
 *         .n3(writer.n3(report, pdf))
 *         .n1(writer.n1(report, pdf))
 *         .consent(PatientConsent.informedNotOpposed(Instant.now()))
 *         .annonce(true)
 *         .build();
 * }</pre>
 */
public final class DmpSubmission {

    private final WrittenDocument n3;
    private final WrittenDocument n1;
    private final PatientConsent consent;
    private final Set<Visibility> restrictions;
    private final Ins ins;

    private DmpSubmission(Builder b, Ins ins) {
        this.n3 = b.n3;
        this.n1 = b.n1;
        this.consent = b.consent;
        this.restrictions = Set.copyOf(b.restrictions);
        this.ins = ins;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the N3 */
    public WrittenDocument n3() {
        return n3;
    }

    /** @return the N1 */
    public WrittenDocument n1() {
        return n1;
    }

    /** @return the patient's qualified INS */
    public Ins ins() {
        return ins;
    }

    /** @return what the lab recorded about the patient's consent */
    public PatientConsent consent() {
        return consent;
    }

    /** @return the visibility restrictions set at submission */
    public Set<Visibility> restrictions() {
        return restrictions;
    }

    /** @return whether this is the "annonce" mode (invisible to the patient until shown) */
    public boolean annonce() {
        return restrictions.contains(Visibility.HIDDEN_FROM_PATIENT);
    }

    /** @return the uniqueId of the N3 this submission replaces, if it is a replacement */
    public Optional<String> replacedN3() {
        return n3.metadata().replacedUniqueId();
    }

    /** @return the uniqueId of the N1 this submission replaces, if it is a replacement */
    public Optional<String> replacedN1() {
        return n1.metadata().replacedUniqueId();
    }

    /** Configures a {@link DmpSubmission}. Not thread-safe. */
    public static final class Builder {
        private WrittenDocument n3;
        private WrittenDocument n1;
        private PatientConsent consent;
        private final Set<Visibility> restrictions = EnumSet.noneOf(Visibility.class);

        private Builder() {
        }

        /**
         * @param n3 the CDA N3 and its metadata
         * @return this builder
         */
        public Builder n3(WrittenDocument n3) {
            this.n3 = Objects.requireNonNull(n3, "n3");
            return this;
        }

        /**
         * @param n1 the CDA N1 and its metadata
         * @return this builder
         */
        public Builder n1(WrittenDocument n1) {
            this.n1 = Objects.requireNonNull(n1, "n1");
            return this;
        }

        /**
         * @param consent what the lab recorded about the patient's information and opposition
         * @return this builder
         */
        public Builder consent(PatientConsent consent) {
            this.consent = Objects.requireNonNull(consent, "consent");
            return this;
        }

        /**
         * The "annonce" mode: the documents are invisible to the patient until
         * {@link DmpClient#showToPatient} lifts it.
         *
         * @param on whether to submit them invisible to the patient
         * @return this builder
         */
        public Builder annonce(boolean on) {
            if (on) {
                restrictions.add(Visibility.HIDDEN_FROM_PATIENT);
            } else {
                restrictions.remove(Visibility.HIDDEN_FROM_PATIENT);
            }
            return this;
        }

        /**
         * Restricts the documents' visibility from the start.
         *
         * @param visibility the restriction
         * @return this builder
         */
        public Builder restrict(Visibility visibility) {
            restrictions.add(Objects.requireNonNull(visibility, "visibility"));
            return this;
        }

        /**
         * Checks everything and builds.
         *
         * @return the submission
         * @throws DmpException with every problem: {@code DMP-020} an N3 without its N1 (or the reverse),
         *         {@code DMP-021} N1 and N3 of different patients or reports, {@code DMP-028} a document of the
         *         wrong kind, {@code DMP-010} an INS that is not qualified, {@code DMP-023} missing consent
         */
        public DmpSubmission build() {
            ValidationResult.Builder r = ValidationResult.builder();
            if (n3 == null && n1 == null) {
                r.add(DmpError.INCOMPLETE_PAIR, "n3", "no document");
            } else if (n1 == null) {
                r.add(DmpError.INCOMPLETE_PAIR, "n1", "an N3 without its N1");
            } else if (n3 == null) {
                r.add(DmpError.INCOMPLETE_PAIR, "n3", "an N1 without its N3");
            }
            if (n3 != null && n3.metadata().kind() != DocumentKind.N3) {
                r.add(DmpError.BAD_DOCUMENT, "n3", "the document given as N3 is an " + n3.metadata().kind());
            }
            if (n1 != null && n1.metadata().kind() != DocumentKind.N1) {
                r.add(DmpError.BAD_DOCUMENT, "n1", "the document given as N1 is an " + n1.metadata().kind());
            }
            if (consent == null) {
                r.add(DmpError.METADATA_MISSING, "consent", "patient consent (PatientConsent)");
            }
            Ins ins = null;
            if (n3 != null) {
                Optional<Cx> cx = n3.metadata().patientId();
                if (cx.isEmpty()) {
                    r.add(DmpError.INS_NOT_QUALIFIED, "n3.patientId");
                } else {
                    try {
                        ins = Ins.of(cx.get().id(), cx.get().assigningAuthority().universalId());
                    } catch (SegurException e) {
                        r.add(DmpError.INS_NOT_QUALIFIED, "n3.patientId");
                    }
                }
            }
            if (n3 != null && n1 != null) {
                XdsMetadata m3 = n3.metadata();
                XdsMetadata m1 = n1.metadata();
                if (m1.patientId().isEmpty()) {
                    r.add(DmpError.INS_NOT_QUALIFIED, "n1.patientId");
                } else if (m3.patientId().isPresent() && !m3.patientId().equals(m1.patientId())) {
                    r.add(DmpError.PAIR_MISMATCH, "n1.patientId",
                            "the N1 and the N3 are not about the same patient");
                }
                if (m3.uniqueId().equals(m1.uniqueId())) {
                    r.add(DmpError.PAIR_MISMATCH, "n1.uniqueId", "the N1 and the N3 have the same uniqueId");
                }
                if (m3.replacedUniqueId().isPresent() != m1.replacedUniqueId().isPresent()) {
                    r.add(DmpError.PAIR_MISMATCH, "replacedUniqueId",
                            "one document is a replacement and the other is not");
                }
                if (!m3.serviceStopTime().equals(m1.serviceStopTime())
                        || !m3.serviceStartTime().equals(m1.serviceStartTime())) {
                    r.add(DmpError.PAIR_MISMATCH, "serviceTime", "the N1 and the N3 are not the same report");
                }
            }
            ValidationResult result = r.build();
            if (!result.isValid()) {
                throw new DmpException(result);
            }
            return new DmpSubmission(this, ins);
        }
    }
}
