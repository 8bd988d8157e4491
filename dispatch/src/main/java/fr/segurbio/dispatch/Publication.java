package fr.segurbio.dispatch;

import fr.segurbio.dispatch.journal.StoredPublication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated report version to publish: its documents as written by cda-bio (the N3, the N1 and the PDF/A), the
 * patient's qualified INS when there is one, the patient's consent and the professionals who receive it.
 *
 * <pre>{@code
 * Publication p = Publication.builder("CR-2026-0042", 1)
 *         .n3(n3.bytes()).n1(n1.bytes()).pdf(pdf)
 *         .qualifiedIns("279035121518989")        // omit when the identity is not qualified
 *         .consent(Consent.NONE)
 *         .correspondent(new Correspondent("Dr Paul MARTIN", Optional.of("paul.martin@hopital.mssante.fr")))
 *         .build();
 * }</pre>
 *
 * @param reportId the report's identifier (its set id: the same for every version)
 * @param version the version, from 1
 * @param n3 the CDA R2 N3
 * @param n1 the CDA R2 N1
 * @param pdf the PDF/A
 * @param qualifiedIns the patient's matricule INS when the identity is qualified
 * @param consent the patient's consent
 * @param correspondents the professionals who receive it
 */
public record Publication(String reportId, int version, byte[] n3, byte[] n1, byte[] pdf,
        Optional<String> qualifiedIns, Consent consent, List<Correspondent> correspondents) {

    /** Property: the patient's qualified INS. */
    public static final String INS = "ins";
    /** Property: {@code "true"} when the report waits for the "annonce" consultation. */
    public static final String HOLD = "hold";
    /** Property: the version this one replaces. */
    public static final String REPLACES = "replaces";

    /**
     * Checks the fields.
     *
     * @param reportId the report
     * @param version the version
     * @param n3 the N3
     * @param n1 the N1
     * @param pdf the PDF
     * @param qualifiedIns the INS, if qualified
     * @param consent the consent
     * @param correspondents the professionals
     */
    public Publication {
        Objects.requireNonNull(reportId, "reportId");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
        n3 = nonEmpty(n3, "n3");
        n1 = nonEmpty(n1, "n1");
        pdf = nonEmpty(pdf, "pdf");
        qualifiedIns = Objects.requireNonNull(qualifiedIns, "qualifiedIns").filter(s -> !s.isBlank());
        Objects.requireNonNull(consent, "consent");
        correspondents = List.copyOf(correspondents);
    }

    private static byte[] nonEmpty(byte[] b, String name) {
        Objects.requireNonNull(b, name);
        if (b.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return b.clone();
    }

    /**
     * A new builder.
     *
     * @param reportId the report's identifier
     * @param version the version
     * @return the builder
     */
    public static Builder builder(String reportId, int version) {
        return new Builder(reportId, version);
    }

    /**
     * What the journal keeps of it.
     *
     * @return the documents {@code n3}, {@code n1}, {@code pdf} and the properties
     */
    public StoredPublication stored() {
        Map<String, String> props = new TreeMap<>();
        qualifiedIns.ifPresent(i -> props.put(INS, i));
        props.put(HOLD, Boolean.toString(consent.annonceHold()));
        if (version > 1) {
            props.put(REPLACES, Integer.toString(version - 1));
        }
        return new StoredPublication(props, Map.of("n3", n3, "n1", n1, "pdf", pdf));
    }

    /** Builds a {@link Publication}. */
    public static final class Builder {
        private final String reportId;
        private final int version;
        private byte[] n3;
        private byte[] n1;
        private byte[] pdf;
        private String ins;
        private Consent consent = Consent.NONE;
        private final List<Correspondent> correspondents = new ArrayList<>();

        private Builder(String reportId, int version) {
            this.reportId = reportId;
            this.version = version;
        }

        /**
         * @param v the N3 bytes
         * @return this builder
         */
        public Builder n3(byte[] v) {
            n3 = v;
            return this;
        }

        /**
         * @param v the N1 bytes
         * @return this builder
         */
        public Builder n1(byte[] v) {
            n1 = v;
            return this;
        }

        /**
         * @param v the PDF/A bytes
         * @return this builder
         */
        public Builder pdf(byte[] v) {
            pdf = v;
            return this;
        }

        /**
         * @param v the matricule INS of a qualified identity
         * @return this builder
         */
        public Builder qualifiedIns(String v) {
            ins = v;
            return this;
        }

        /**
         * @param v the consent (default {@link Consent#NONE})
         * @return this builder
         */
        public Builder consent(Consent v) {
            consent = v;
            return this;
        }

        /**
         * @param v a professional who receives the report
         * @return this builder
         */
        public Builder correspondent(Correspondent v) {
            correspondents.add(Objects.requireNonNull(v, "correspondent"));
            return this;
        }

        /**
         * Builds it.
         *
         * @return the publication
         */
        public Publication build() {
            return new Publication(reportId, version, n3, n1, pdf, Optional.ofNullable(ins), consent,
                    correspondents);
        }
    }
}
