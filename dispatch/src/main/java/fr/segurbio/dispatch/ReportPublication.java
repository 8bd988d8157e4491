package fr.segurbio.dispatch;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.annuaire.MailboxDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the {@link Publication} of a validated {@link CrBioReport} and the documents written from it: the
 * report's set id and version, the patient's INS when it is qualified, and as correspondents the prescriber then
 * the report's intended recipients (each once). A correspondent's MSSanté address is, in this order: the one
 * given here for their RPPS, their {@code mailto:} telecom in the MSSanté space, the report mailbox the
 * directory (the Annuaire Santé, or an offline extraction) publishes for their RPPS; without any, the plan says
 * "not sent, no MSSanté address".
 *
 * <pre>{@code
 * Publication p = ReportPublication.builder(report, n3, n1, pdf)
 *         .consent(Consent.NONE)
 *         .address("10003456789", "dr.martin@medecin.mssante.fr")   // known to the SGL
 *         .directory(annuaireClient)                                // the others, by RPPS
 *         .build();
 * dispatcher.publish(p);
 * }</pre>
 */
public final class ReportPublication {

    private ReportPublication() {
    }

    /**
     * A new builder.
     *
     * @param report the validated report
     * @param n3 its N3 as written
     * @param n1 its N1 as written
     * @param pdf its PDF/A
     * @return the builder
     */
    public static Builder builder(CrBioReport report, WrittenDocument n3, WrittenDocument n1, byte[] pdf) {
        return new Builder(report, n3, n1, pdf);
    }

    /**
     * The report's identifier in the journal: its set id, the same for every version.
     *
     * @param report the report
     * @return {@code root} or {@code root.extension}-like text of the set id
     */
    public static String reportId(CrBioReport report) {
        InstanceId set = report.setId();
        return set.optionalExtension().map(e -> set.root() + "^" + e).orElse(set.root());
    }

    /**
     * The RPPS of a professional, when their identifier is an idNat_PS {@code 8} + RPPS.
     *
     * @param p the professional
     * @return the 11-digit RPPS
     */
    public static Optional<String> rpps(HealthProfessional p) {
        InstanceId id = p.id();
        return id.optionalExtension().filter(e -> InstanceId.ID_NAT_PS.equals(id.root()) && e.matches("8[0-9]{11}"))
                .map(e -> e.substring(1));
    }

    /** Builds a {@link Publication} from a report. */
    public static final class Builder {
        private final CrBioReport report;
        private final WrittenDocument n3;
        private final WrittenDocument n1;
        private final byte[] pdf;
        private Consent consent = Consent.NONE;
        private MailboxDirectory directory;
        private final Map<String, String> addresses = new LinkedHashMap<>();
        private final List<Correspondent> extra = new ArrayList<>();

        private Builder(CrBioReport report, WrittenDocument n3, WrittenDocument n1, byte[] pdf) {
            this.report = Objects.requireNonNull(report, "report");
            this.n3 = Objects.requireNonNull(n3, "n3");
            this.n1 = Objects.requireNonNull(n1, "n1");
            this.pdf = Objects.requireNonNull(pdf, "pdf");
        }

        /**
         * @param v the patient's consent (default {@link Consent#NONE})
         * @return this builder
         */
        public Builder consent(Consent v) {
            consent = Objects.requireNonNull(v, "consent");
            return this;
        }

        /**
         * @param v where the addresses not given are looked up by RPPS
         * @return this builder
         */
        public Builder directory(MailboxDirectory v) {
            directory = Objects.requireNonNull(v, "directory");
            return this;
        }

        /**
         * An address known to the SGL for a professional of the report.
         *
         * @param rpps the professional's 11-digit RPPS
         * @param address their MSSanté address
         * @return this builder
         */
        public Builder address(String rpps, String address) {
            addresses.put(Objects.requireNonNull(rpps, "rpps"), MailAddress.of(address).address());
            return this;
        }

        /**
         * A recipient who is not in the report.
         *
         * @param v the correspondent
         * @return this builder
         */
        public Builder correspondent(Correspondent v) {
            extra.add(Objects.requireNonNull(v, "correspondent"));
            return this;
        }

        /**
         * Looks the addresses up and builds.
         *
         * @return the publication
         * @throws MssException when the directory fails (other than an unknown RPPS or a professional without a
         *         usable mailbox, which leave the correspondent without an address)
         */
        public Publication build() {
            Publication.Builder b = Publication.builder(reportId(report), report.version()).n3(n3.document())
                    .n1(n1.document()).pdf(pdf).consent(consent);
            report.patient().shareableIns().ifPresent(ins -> b.qualifiedIns(ins.matricule().value()));
            // the prescriber first, then the intended recipients; one person once, every mention searched
            Map<String, List<HealthProfessional>> people = new LinkedHashMap<>();
            report.prescriber().ifPresent(p -> people.computeIfAbsent(p.professional().id().toString(),
                    k -> new ArrayList<>()).add(p.professional()));
            for (HealthProfessional r : report.recipients()) {
                people.computeIfAbsent(r.id().toString(), k -> new ArrayList<>()).add(r);
            }
            for (List<HealthProfessional> mentions : people.values()) {
                b.correspondent(new Correspondent(mentions.get(0).name().display(), address(mentions)));
            }
            extra.forEach(b::correspondent);
            return b.build();
        }

        private Optional<String> address(List<HealthProfessional> mentions) {
            Optional<String> rpps = rpps(mentions.get(0));
            if (rpps.isPresent() && addresses.containsKey(rpps.get())) {
                return Optional.of(addresses.get(rpps.get()));
            }
            for (Telecom t : mentions.stream().flatMap(p -> p.telecoms().stream()).toList()) {
                if (t.value().startsWith("mailto:")) {
                    String a = t.value().substring("mailto:".length()).strip();
                    if (a.toLowerCase(java.util.Locale.ROOT).endsWith(".mssante.fr")
                            || a.toLowerCase(java.util.Locale.ROOT).endsWith("@mssante.fr")) {
                        return Optional.of(a);
                    }
                }
            }
            if (rpps.isEmpty() || directory == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(directory.lookup(rpps.get()).reportMailbox().address().address());
            } catch (MssException e) {
                if (e.code() == MssError.RPPS_UNKNOWN || e.code() == MssError.RECIPIENT_WITHOUT_MAILBOX
                        || e.code() == MssError.RECIPIENT_LISTE_ROUGE) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }
}
