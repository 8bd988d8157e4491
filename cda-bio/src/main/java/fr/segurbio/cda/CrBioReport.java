package fr.segurbio.cda;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.core.Problem;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.cda.internal.Bilingual;

/**
 * A lab report (CR-BIO, CI-SIS volet BIO-CR-BIO 2024.01), immutable and complete by construction: the header
 * (identifiers and version, patient, author, custodian, recipients, validating biologist, prescriber, sampler,
 * performing lab, order, encounter) and the body (chapters, free comment sections, second-line results). The PDF copy the
 * N3 must embed is given to the writer, since it is rendered from this report.
 *
 * <p>A report cannot be built without a result ({@code CDA-002}) nor without a validating biologist
 * ({@code CDA-003}); {@link Builder#build()} reports every problem at once. A patient whose INS is not
 * qualified gives a report with the local identifier only, and a {@code CDA-004} warning in
 * {@link #notices()}.
 *
 * <pre>{@code
 * CrBioReport report = CrBioReport.builder()
 *         .id(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.9.1")).setId(InstanceId.of("1.2.250.1.213.1.1.1.55.2024.9"))
 *         .version(1).effectiveTime(now)
 *         .patient(patient).author(new Participation(biologist, now)).custodian(lab)
 *         .legalAuthenticator(new Participation(biologist, now))
 *         .performingLab(new Participation(director, now)).requestReceived(receivedAt)
 *         .encounter(encounter)
 *         .chapter(biochemistry)
 *         .build();
 * byte[] n3 = CrBioWriter.standard().n3(report, pdf).document();
 * }</pre>
 */
public final class CrBioReport {

    /** The document LOINC code. */
    public static final Code DOCUMENT_CODE = Code.of("11502-2", CodeSystems.LOINC, "CR d'examens biologiques");
    /** The fixed document title. */
    public static final String TITLE = "Compte rendu d'examens biologiques";

    private final InstanceId id;
    private final InstanceId setId;
    private final int version;
    private final OffsetDateTime effectiveTime;
    private final Confidentiality confidentiality;
    private final String language;
    private final VoletVersion volet;
    private final InstanceId replacedDocument;
    private final Patient patient;
    private final List<Participation> authors;
    private final Organization custodian;
    private final List<HealthProfessional> recipients;
    private final List<RelatedPerson> informants;
    private final HealthProfessional attendingPhysician;
    private final Participation legalAuthenticator;
    private final List<Participation> authenticators;
    private final Participation prescriber;
    private final Participation sampler;
    private final InstanceId orderId;
    private final InstanceId requestId;
    private final ResultStatus reportStatus;
    private final OffsetDateTime requestReceived;
    private final OffsetDateTime reportReleased;
    private final Participation performingLab;
    private final Encounter encounter;
    private final List<Chapter> chapters;
    private final List<CommentSection> commentSections;
    private final List<SecondLineResult> secondLineResults;
    private final List<CdaExtension> extensions;
    private final ValidationResult notices;

    private CrBioReport(Builder b, ValidationResult notices) {
        this.id = b.id;
        this.setId = b.setId;
        this.version = b.version;
        this.effectiveTime = b.effectiveTime;
        this.confidentiality = b.confidentiality;
        this.language = b.language;
        this.volet = b.volet;
        this.replacedDocument = b.replacedDocument;
        this.patient = b.patient;
        this.authors = List.copyOf(b.authors);
        this.custodian = b.custodian;
        this.recipients = List.copyOf(b.recipients);
        this.informants = List.copyOf(b.informants);
        List<CdaExtension> ext = new ArrayList<>(b.extensions);
        ext.sort(java.util.Comparator.comparingInt(CdaExtension::documentOrder));
        this.extensions = List.copyOf(ext);
        this.attendingPhysician = b.attendingPhysician;
        this.legalAuthenticator = b.legalAuthenticator;
        this.authenticators = List.copyOf(b.authenticators);
        this.prescriber = b.prescriber;
        this.sampler = b.sampler;
        this.orderId = b.orderId;
        this.requestId = b.requestId;
        this.reportStatus = b.reportStatus;
        this.requestReceived = b.requestReceived;
        this.reportReleased = b.reportReleased != null ? b.reportReleased : b.effectiveTime;
        this.performingLab = b.performingLab;
        this.encounter = b.encounter;
        this.chapters = List.copyOf(b.chapters);
        this.commentSections = List.copyOf(b.commentSections);
        this.secondLineResults = List.copyOf(b.secondLineResults);
        this.notices = notices;
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
     * The unique identifier of this version of the document.
     *
     * @return the document id
     */
    public InstanceId id() {
        return id;
    }

    /**
     * The identifier shared by every version of the report.
     *
     * @return the set id
     */
    public InstanceId setId() {
        return setId;
    }

    /**
     * The version number (1 for the first one).
     *
     * @return the version
     */
    public int version() {
        return version;
    }

    /**
     * When the document was created.
     *
     * @return the creation time
     */
    public OffsetDateTime effectiveTime() {
        return effectiveTime;
    }

    /**
     * The confidentiality.
     *
     * @return the confidentiality
     */
    public Confidentiality confidentiality() {
        return confidentiality;
    }

    /**
     * The language code ({@code fr-FR}).
     *
     * @return the language
     */
    public String language() {
        return language;
    }

    /**
     * The id of the version this one replaces ({@code relatedDocument typeCode="RPLC"}), if any.
     *
     * @return the replaced document's id
     */
    public Optional<InstanceId> replacedDocument() {
        return Optional.ofNullable(replacedDocument);
    }

    /**
     * The patient.
     *
     * @return the patient
     */
    public Patient patient() {
        return patient;
    }

    /**
     * The authors (at least one).
     *
     * @return the authors
     */
    public List<Participation> authors() {
        return authors;
    }

    /**
     * The organization keeping the document.
     *
     * @return the custodian
     */
    public Organization custodian() {
        return custodian;
    }

    /**
     * The recipients of the report ({@code informationRecipient}): the health professionals it is sent to
     * (correspondents, copies), each possibly with his or her organization. The patient's own copy is not one of
     * them.
     *
     * @return the recipients, in order (possibly empty)
     */
    public List<HealthProfessional> recipients() {
        return recipients;
    }

    /**
     * The validating biologist who signs the report, and when.
     *
     * @return the legal authenticator
     */
    public Participation legalAuthenticator() {
        return legalAuthenticator;
    }

    /**
     * The biologists who validated results ({@code authenticator}).
     *
     * @return the authenticators
     */
    public List<Participation> authenticators() {
        return authenticators;
    }

    /**
     * The prescriber and the prescription time ({@code participant typeCode="REF"}), if known.
     *
     * @return the prescriber
     */
    public Optional<Participation> prescriber() {
        return Optional.ofNullable(prescriber);
    }

    /**
     * The sampler and the sampling time ({@code participant typeCode="PRF"}), if known.
     *
     * @return the sampler
     */
    public Optional<Participation> sampler() {
        return Optional.ofNullable(sampler);
    }

    /**
     * The order (prescription) identifier in the lab system ({@code inFulfillmentOf}), if given.
     *
     * @return the order id
     */
    public Optional<InstanceId> orderId() {
        return Optional.ofNullable(orderId);
    }

    /**
     * The request identifier ({@code documentationOf/serviceEvent/id}), if given.
     *
     * @return the request id
     */
    public Optional<InstanceId> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The report status ({@code lab:statusCode}): completed for a final report, active for a partial one.
     *
     * @return the status
     */
    public ResultStatus reportStatus() {
        return reportStatus;
    }

    /**
     * When the request and specimens were received.
     *
     * @return the reception time
     */
    public OffsetDateTime requestReceived() {
        return requestReceived;
    }

    /**
     * When the report was released (the effective time unless given).
     *
     * @return the release time
     */
    public OffsetDateTime reportReleased() {
        return reportReleased;
    }

    /**
     * The performing lab: its director (with the lab as organization) and the time of the work.
     *
     * @return the performing lab
     */
    public Participation performingLab() {
        return performingLab;
    }

    /**
     * The encounter.
     *
     * @return the encounter
     */
    public Encounter encounter() {
        return encounter;
    }

    /**
     * The chapters (at least one).
     *
     * @return the chapters
     */
    public List<Chapter> chapters() {
        return chapters;
    }

    /**
     * Free comment sections ("Commentaire non codé").
     *
     * @return the sections
     */
    public List<CommentSection> commentSections() {
        return commentSections;
    }

    /**
     * Second-line results carried as documents (section "Résultats de seconde intention", usually PDF).
     *
     * @return the attached documents
     */
    public List<Attachment> secondLineResults() {
        return secondLineResults.stream().map(SecondLineResult::document).toList();
    }

    /**
     * The second-line result sections with their section codes.
     *
     * @return the sections, in document order
     */
    public List<SecondLineResult> secondLineSections() {
        return secondLineResults;
    }

    /**
     * The informants ({@code informant/relatedEntity}: emergency contact, trusted person…), in document order.
     *
     * @return the informants
     */
    public List<RelatedPerson> informants() {
        return informants;
    }

    /**
     * The patient's attending physician ({@code participant typeCode="INF"}, function {@code PCP} "Médecin
     * traitant"), if given.
     *
     * @return the physician
     */
    public Optional<HealthProfessional> attendingPhysician() {
        return Optional.ofNullable(attendingPhysician);
    }

    /**
     * The parts of the document the model has no field for, kept as written and written back at their place
     * ({@link CdaExtension}), in document order.
     *
     * <pre>{@code
     * report.extensions().forEach(e -> System.out.println(e.name() + " " + e.xml()));
     * }</pre>
     *
     * @return the extensions
     */
    public List<CdaExtension> extensions() {
        return extensions;
    }

    /**
     * The extensions of a place whose element has a given name, in document order.
     *
     * @param place the place
     * @param name the element's qualified name
     * @return the extensions
     */
    public List<CdaExtension> extensions(CdaExtension.Place place, javax.xml.namespace.QName name) {
        List<CdaExtension> list = new ArrayList<>();
        for (CdaExtension e : extensions) {
            if (e.place() == place && e.name().equals(name)) {
                list.add(e);
            }
        }
        return list;
    }

    /**
     * The volet version the report is written in: 2024.01 for a report built, the document's own for one read.
     *
     * @return the version
     */
    public VoletVersion volet() {
        return volet;
    }

    /**
     * The same report to be written in another volet version, with what the change does to the document.
     *
     * <pre>{@code
     * CrBioReport.Upgrade up = read.report().upgradedTo(VoletVersion.V2024_01);
     * up.changes().forEach(System.out::println);
     * writer.n3(up.report(), pdf);
     * }</pre>
     *
     * @param target the version to write
     * @return the report and the changes (empty when {@code target} is the report's version)
     */
    public Upgrade upgradedTo(VoletVersion target) {
        Objects.requireNonNull(target, "target");
        return new Upgrade(toBuilder().volet(target).build(), volet.changesTo(target));
    }

    /**
     * A report moved to another volet version and what that changes.
     *
     * @param report the report, in the target version
     * @param changes what writing it in the target version changes, {@code "fr / en"}
     */
    public record Upgrade(CrBioReport report, List<String> changes) {

        /**
         * Copies the changes.
         *
         * @param report the report
         * @param changes the changes
         */
        public Upgrade {
            Objects.requireNonNull(report, "report");
            changes = List.copyOf(changes);
        }
    }

    /**
     * A builder holding every field of this report.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = builder().id(id).setId(setId).version(version).effectiveTime(effectiveTime)
                .confidentiality(confidentiality).language(language).volet(volet).patient(patient)
                .custodian(custodian).legalAuthenticator(legalAuthenticator).reportStatus(reportStatus)
                .requestReceived(requestReceived).reportReleased(reportReleased).performingLab(performingLab)
                .encounter(encounter);
        if (replacedDocument != null) {
            b.replaces(replacedDocument);
        }
        authors.forEach(b::author);
        recipients.forEach(b::recipient);
        informants.forEach(b::informant);
        b.attendingPhysician(attendingPhysician);
        authenticators.forEach(b::authenticator);
        prescriber().ifPresent(b::prescriber);
        sampler().ifPresent(b::sampler);
        orderId().ifPresent(b::orderId);
        requestId().ifPresent(b::requestId);
        chapters.forEach(b::chapter);
        commentSections.forEach(b::commentSection);
        secondLineResults.forEach(b::secondLineResult);
        extensions.forEach(b::extension);
        return b;
    }

    /**
     * Warnings found while building: {@code CDA-004} when the document carries the local identifier only.
     *
     * @return the notices (valid: never errors)
     */
    public ValidationResult notices() {
        return notices;
    }

    /**
     * The number of observations in the report.
     *
     * @return the count
     */
    public int observationCount() {
        int n = 0;
        for (Chapter c : chapters) {
            for (ResultEntry e : c.entries()) {
                n += e.observationCount();
            }
        }
        return n;
    }

    /** Builds a {@link CrBioReport}; {@link #build()} reports every missing or wrong field at once. */
    public static final class Builder {
        private InstanceId id;
        private InstanceId setId;
        private int version = 1;
        private OffsetDateTime effectiveTime;
        private Confidentiality confidentiality = Confidentiality.N;
        private String language = "fr-FR";
        private VoletVersion volet = VoletVersion.V2024_01;
        private InstanceId replacedDocument;
        private Patient patient;
        private final List<Participation> authors = new ArrayList<>();
        private Organization custodian;
        private final List<HealthProfessional> recipients = new ArrayList<>();
        private final List<RelatedPerson> informants = new ArrayList<>();
        private HealthProfessional attendingPhysician;
        private Participation legalAuthenticator;
        private final List<Participation> authenticators = new ArrayList<>();
        private Participation prescriber;
        private Participation sampler;
        private InstanceId orderId;
        private InstanceId requestId;
        private ResultStatus reportStatus = ResultStatus.COMPLETED;
        private OffsetDateTime requestReceived;
        private OffsetDateTime reportReleased;
        private Participation performingLab;
        private Encounter encounter;
        private final List<Chapter> chapters = new ArrayList<>();
        private final List<CommentSection> commentSections = new ArrayList<>();
        private final List<SecondLineResult> secondLineResults = new ArrayList<>();
        private final List<CdaExtension> extensions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the document id of this version.
         *
         * @param id the id
         * @return this builder
         */
        public Builder id(InstanceId id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the set id shared by every version.
         *
         * @param setId the set id
         * @return this builder
         */
        public Builder setId(InstanceId setId) {
            this.setId = setId;
            return this;
        }

        /**
         * Sets the version number (1 by default).
         *
         * @param version a positive number
         * @return this builder
         */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param time the time
         * @return this builder
         */
        public Builder effectiveTime(OffsetDateTime time) {
            this.effectiveTime = time;
            return this;
        }

        /**
         * Sets the confidentiality ({@link Confidentiality#N} by default).
         *
         * @param confidentiality the confidentiality
         * @return this builder
         */
        public Builder confidentiality(Confidentiality confidentiality) {
            this.confidentiality = confidentiality;
            return this;
        }

        /**
         * Sets the volet version the report is written in ({@link VoletVersion#V2024_01} by default; a report read
         * keeps its document's).
         *
         * @param volet the version
         * @return this builder
         */
        public Builder volet(VoletVersion volet) {
            this.volet = Objects.requireNonNull(volet, "volet");
            return this;
        }

        /**
         * Sets the language ({@code fr-FR} by default).
         *
         * @param language an RFC 5646 code such as {@code fr-FR}
         * @return this builder
         */
        public Builder language(String language) {
            this.language = language;
            return this;
        }

        /**
         * Declares that this version replaces an earlier one ({@code relatedDocument typeCode="RPLC"}).
         *
         * @param previousVersionId the id of the replaced version
         * @return this builder
         */
        public Builder replaces(InstanceId previousVersionId) {
            this.replacedDocument = previousVersionId;
            return this;
        }

        /**
         * Sets the patient.
         *
         * @param patient the patient
         * @return this builder
         */
        public Builder patient(Patient patient) {
            this.patient = patient;
            return this;
        }

        /**
         * Adds an author.
         *
         * @param author the author and the time of authoring
         * @return this builder
         */
        public Builder author(Participation author) {
            this.authors.add(Objects.requireNonNull(author, "author"));
            return this;
        }

        /**
         * Sets the custodian.
         *
         * @param custodian the organization keeping the document
         * @return this builder
         */
        public Builder custodian(Organization custodian) {
            this.custodian = custodian;
            return this;
        }

        /**
         * Adds a recipient of the report ({@code informationRecipient}): a health professional identified by his
         * or her idNat_PS ({@link InstanceId#idNatPs(String)}), possibly with the organization that receives it.
         *
         * <pre>{@code
         * builder.recipient(HealthProfessional.builder()
         *         .id(InstanceId.idNatPs("801234567897"))
         *         .name(new PersonName("M", "Stéphane", "MEDIONI", "DR"))
         *         .build());
         * }</pre>
         *
         * @param recipient the health professional the report is sent to
         * @return this builder
         */
        public Builder recipient(HealthProfessional recipient) {
            this.recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /**
         * Sets the validating biologist who signs the report.
         *
         * @param legalAuthenticator the biologist and the time of signature
         * @return this builder
         */
        public Builder legalAuthenticator(Participation legalAuthenticator) {
            this.legalAuthenticator = legalAuthenticator;
            return this;
        }

        /**
         * Adds a biologist who validated results.
         *
         * @param authenticator the biologist and the last validation time
         * @return this builder
         */
        public Builder authenticator(Participation authenticator) {
            this.authenticators.add(Objects.requireNonNull(authenticator, "authenticator"));
            return this;
        }

        /**
         * Sets the prescriber.
         *
         * @param prescriber the prescriber and the prescription time
         * @return this builder
         */
        public Builder prescriber(Participation prescriber) {
            this.prescriber = prescriber;
            return this;
        }

        /**
         * Sets the sampler.
         *
         * @param sampler the sampler (with the organization) and the sampling time
         * @return this builder
         */
        public Builder sampler(Participation sampler) {
            this.sampler = sampler;
            return this;
        }

        /**
         * Sets the order identifier.
         *
         * @param orderId the id of the order in the lab system
         * @return this builder
         */
        public Builder orderId(InstanceId orderId) {
            this.orderId = orderId;
            return this;
        }

        /**
         * Sets the request identifier.
         *
         * @param requestId the id of the request
         * @return this builder
         */
        public Builder requestId(InstanceId requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Sets the report status (completed by default; active for a partial report).
         *
         * @param status completed or active
         * @return this builder
         */
        public Builder reportStatus(ResultStatus status) {
            this.reportStatus = status;
            return this;
        }

        /**
         * Sets when the request and specimens were received.
         *
         * @param time the time
         * @return this builder
         */
        public Builder requestReceived(OffsetDateTime time) {
            this.requestReceived = time;
            return this;
        }

        /**
         * Sets when the report was released (the effective time by default).
         *
         * @param time the time
         * @return this builder
         */
        public Builder reportReleased(OffsetDateTime time) {
            this.reportReleased = time;
            return this;
        }

        /**
         * Sets the performing lab.
         *
         * @param performingLab the lab's director (organization with practice setting) and the time of the work
         * @return this builder
         */
        public Builder performingLab(Participation performingLab) {
            this.performingLab = performingLab;
            return this;
        }

        /**
         * Sets the encounter.
         *
         * @param encounter the encounter
         * @return this builder
         */
        public Builder encounter(Encounter encounter) {
            this.encounter = encounter;
            return this;
        }

        /**
         * Adds a chapter.
         *
         * @param chapter the chapter
         * @return this builder
         */
        public Builder chapter(Chapter chapter) {
            this.chapters.add(Objects.requireNonNull(chapter, "chapter"));
            return this;
        }

        /**
         * Adds a free comment section.
         *
         * @param section the section
         * @return this builder
         */
        public Builder commentSection(CommentSection section) {
            this.commentSections.add(Objects.requireNonNull(section, "section"));
            return this;
        }

        /**
         * Sets the attending physician ({@code participant typeCode="INF"}, function {@code PCP}).
         *
         * @param physician the physician, or {@code null}
         * @return this builder
         */
        public Builder attendingPhysician(HealthProfessional physician) {
            this.attendingPhysician = physician;
            return this;
        }

        /**
         * Adds an informant ({@code informant/relatedEntity}).
         *
         * @param informant the person
         * @return this builder
         */
        public Builder informant(RelatedPerson informant) {
            Objects.requireNonNull(informant, "informant");
            if (informant.classCode() == null) {
                throw new CdaException(CdaError.MISSING, Bilingual.of(
                        "classCode de l'informateur (informant/relatedEntity/@classCode : ECON, NOK…)",
                        "informant classCode (informant/relatedEntity/@classCode: ECON, NOK...)"));
            }
            this.informants.add(informant);
            return this;
        }

        /**
         * Adds a second-line result document (PDF).
         *
         * @param document the PDF attachment
         * @return this builder
         */
        public Builder secondLineResult(Attachment document) {
            return secondLineResult(SecondLineResult.of(document));
        }

        /**
         * Adds a second-line result section with its own section code.
         *
         * @param section the section
         * @return this builder
         */
        public Builder secondLineResult(SecondLineResult section) {
            this.secondLineResults.add(Objects.requireNonNull(section, "section"));
            return this;
        }

        /**
         * Adds a part of the document the model has no field for, written back at its place.
         *
         * @param extension the extension
         * @return this builder
         */
        public Builder extension(CdaExtension extension) {
            this.extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws CdaException with every problem found
         */
        public CrBioReport build() {
            ValidationResult.Builder r = ValidationResult.builder();
            require(r, id, "id");
            require(r, setId, "setId");
            require(r, effectiveTime, "effectiveTime");
            require(r, patient, "patient");
            require(r, custodian, "custodian");
            require(r, performingLab, "performingLab");
            require(r, requestReceived, "requestReceived");
            require(r, encounter, "encounter");
            require(r, confidentiality, "confidentiality");
            if (version < 1) {
                r.add(CdaError.BAD_VALUE, "version", String.valueOf(version), Bilingual.of("le numéro de version est un entier positif", "the version number is a positive integer"));
            }
            if (language == null || !language.matches("[a-z]{2}(-[A-Z]{2})?")) {
                r.add(CdaError.BAD_VALUE, "language", String.valueOf(language), Bilingual.of("un code de langue tel que fr-FR", "a language code such as fr-FR"));
            }
            if (reportStatus != ResultStatus.COMPLETED && reportStatus != ResultStatus.ACTIVE) {
                r.add(CdaError.BAD_VALUE, "reportStatus", String.valueOf(reportStatus),
                        Bilingual.of("un compte rendu est completed ou active (partiel)", "a report is completed or active (partial)"));
            }
            if (authors.isEmpty()) {
                r.add(CdaError.MISSING, "authors", Bilingual.of("auteur", "author"));
            }
            if (legalAuthenticator == null) {
                r.add(CdaError.NO_VALIDATING_BIOLOGIST, "legalAuthenticator");
            }
            if (chapters.isEmpty()) {
                r.add(CdaError.NO_RESULT, "chapters");
            }
            if (performingLab != null && performingLab.professional().organization()
                    .flatMap(Organization::optionalPracticeSetting).isEmpty()) {
                r.add(CdaError.MISSING, "performingLab", Bilingual.of("organisation du laboratoire exécutant avec son cadre d'exercice (JDV_J04)", "performing lab organization with its practice setting (JDV_J04)"));
            }
            java.util.Set<InstanceId> recipientIds = new java.util.HashSet<>();
            for (int i = 0; i < recipients.size(); i++) {
                InstanceId rid = recipients.get(i).id();
                if (!InstanceId.ID_NAT_PS.equals(rid.root())) {
                    r.add(CdaError.BAD_VALUE, "recipients[" + i + "]/id", rid.toString(),
                            Bilingual.of("un destinataire est identifié par un idNat_PS (racine " + InstanceId.ID_NAT_PS + ")", "a recipient is identified by an idNat_PS (root " + InstanceId.ID_NAT_PS + ")"));
                } else if (!recipientIds.add(rid)) {
                    r.add(CdaError.BAD_VALUE, "recipients[" + i + "]/id", rid.toString(),
                            Bilingual.of("le même destinataire est donné deux fois", "the same recipient is given twice"));
                }
            }
            if (replacedDocument != null && version < 2) {
                r.add(CdaError.BAD_VALUE, "version", String.valueOf(version),
                        Bilingual.of("une version de remplacement a un numéro de version de 2 ou plus", "a replacing version has a version number of 2 or more"));
            }
            if (replacedDocument != null && replacedDocument.equals(id)) {
                r.add(CdaError.BAD_VALUE, "replaces", replacedDocument.toString(), Bilingual.of("un document ne peut pas se remplacer lui-même", "a document cannot replace itself"));
            }
            for (int i = 0; i < extensions.size(); i++) {
                CdaExtension e = extensions.get(i);
                int max = e.place().slot(e.name()).maxOccurs();
                int same = 0;
                for (int j = 0; j <= i; j++) {
                    if (extensions.get(j).place() == e.place() && extensions.get(j).name().equals(e.name())) {
                        same++;
                    }
                }
                if (max > 0 && same > max) {
                    r.add(CdaError.BAD_EXTENSION, "extensions[" + i + "]", e.name().getLocalPart(),
                            Bilingual.of("le schéma CDA n'en permet que " + max + " à cette place",
                                    "the CDA schema allows only " + max + " at this place"));
                }
            }
            r.build().orThrow(CdaException::new);
            ValidationResult notices = ValidationResult.ok();
            if (!patient.isInsQualified()) {
                notices = ValidationResult.of(Problem.of(CdaError.INS_NOT_QUALIFIED, "patient", patient.localId().toString()));
            }
            return new CrBioReport(this, notices);
        }

        private static void require(ValidationResult.Builder r, Object value, String field) {
            if (value == null) {
                r.add(CdaError.MISSING, field, field);
            }
        }
    }
}
