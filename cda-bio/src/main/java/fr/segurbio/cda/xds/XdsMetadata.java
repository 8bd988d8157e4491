package fr.segurbio.cda.xds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.HealthProfessional;

/**
 * The XDS DocumentEntry metadata of a written CR-BIO, computed while writing so that the DMP, MSSanté (XDM) and
 * HL7 v2 never re-parse the XML: type, class, format, dates, authors, legal authenticator, intended recipients,
 * confidentiality, patient, size and hash, with the identifiers and names as HL7 v2 composites ({@link Cx},
 * {@link Xcn}, {@link Xon}). {@link XdsProjection} computes it from a report; the writer returns it with each
 * document.
 *
 * <pre>{@code
 * WrittenDocument n3 = CrBioWriter.standard().n3(report, pdf);
 * XdsMetadata m = n3.metadata();
 * m.formatCode().code();                      // "urn:ihe:lab:xd-lab:2008"
 * m.patientId().map(Cx::format);              // "279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH", if qualified
 * m.authors().get(0).person().format();       // "801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
 * m.sourcePatientInfo().lines();              // [PID-3|…, PID-5|PAT-TROIS^DOMINIQUE^^^^^L, PID-7|19790328, PID-8|F]
 * XdsMetadata.dtm(m.creationTime());          // "20240104153500"
 * }</pre>
 *
 * @param kind N3 or N1
 * @param uniqueId the document's uniqueId ({@code root} or {@code root^extension})
 * @param setId the set id (as the uniqueId form), shared by every version
 * @param version the version number
 * @param typeCode the document type ({@code 11502-2} LOINC, JDV_J07)
 * @param classCode the document class ({@code 10} "Compte rendu", TRE_A03)
 * @param formatCode {@code urn:ihe:lab:xd-lab:2008} (N3) or {@code urn:ihe:iti:xds-sd:pdf:2008} (N1)
 * @param mimeType {@code text/xml}
 * @param title the document title
 * @param creationTime the document's creation time
 * @param serviceStartTime the start of the act (reception of the request)
 * @param serviceStopTime the end of the act (release of the report)
 * @param confidentialityCode the confidentiality code
 * @param languageCode the language ({@code fr-FR})
 * @param patientId the patient's INS ({@code INS^^^&OID&ISO^NH}); empty when the identity is not qualified, in
 *        which case the document cannot go to the DMP
 * @param sourcePatientId the local identifier ({@code IPP^^^&OID&ISO^PI})
 * @param sourcePatientInfo the patient's identifiers and traits ({@code PID-3/5/7/8} lines)
 * @param authors the authors
 * @param legalAuthenticator the validating biologist, if known
 * @param intendedRecipients the recipients of the report ({@code informationRecipient})
 * @param practiceSettingCode the performing lab's practice setting (JDV_J04)
 * @param healthcareFacilityTypeCode the facility type (JDV_J02)
 * @param eventCodes the chapter codes of the report
 * @param replacedUniqueId the uniqueId of the version this document replaces (an XDS RPLC association)
 * @param size the document size in bytes
 * @param hash the SHA-1 of the document, lower-case hexadecimal
 */
public record XdsMetadata(DocumentKind kind, String uniqueId, String setId, int version, Code typeCode,
        Code classCode, Code formatCode, String mimeType, String title, Instant creationTime,
        Instant serviceStartTime, Instant serviceStopTime, Code confidentialityCode, String languageCode,
        Optional<Cx> patientId, Cx sourcePatientId, SourcePatientInfo sourcePatientInfo, List<Author> authors,
        Optional<Xcn> legalAuthenticator, List<IntendedRecipient> intendedRecipients, Code practiceSettingCode,
        Code healthcareFacilityTypeCode, List<Code> eventCodes, Optional<String> replacedUniqueId, long size,
        String hash) {

    /** Class code "Compte rendu" (TRE_A03-ClasseDocument). */
    public static final Code CLASS_CODE = Code.of("10", CodeSystems.DOCUMENT_CLASS, "Compte rendu");
    /** Format code of the structured CR-BIO. */
    public static final Code FORMAT_N3 = Code.of("urn:ihe:lab:xd-lab:2008", CodeSystems.IHE_FORMAT,
            "CR d'examens biologiques");
    /** Format code of a PDF in a CDA level 1. */
    public static final Code FORMAT_N1_PDF = Code.of("urn:ihe:iti:xds-sd:pdf:2008", CodeSystems.IHE_FORMAT,
            "Document à corps non structuré en Pdf/A-1");
    /** The MIME type of a CDA document. */
    public static final String MIME_TYPE = "text/xml";

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("uuuuMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * Checks the fields and copies the lists.
     *
     * @param kind N3 or N1
     * @param uniqueId the uniqueId
     * @param setId the set id
     * @param version the version
     * @param typeCode the type code
     * @param classCode the class code
     * @param formatCode the format code
     * @param mimeType the MIME type
     * @param title the title
     * @param creationTime the creation time
     * @param serviceStartTime the service start
     * @param serviceStopTime the service stop
     * @param confidentialityCode the confidentiality
     * @param languageCode the language
     * @param patientId the INS as CX, if qualified
     * @param sourcePatientId the local id as CX
     * @param sourcePatientInfo the patient's traits
     * @param authors the authors
     * @param legalAuthenticator the legal authenticator, if known
     * @param intendedRecipients the intended recipients
     * @param practiceSettingCode the practice setting
     * @param healthcareFacilityTypeCode the facility type
     * @param eventCodes the chapter codes
     * @param replacedUniqueId the replaced uniqueId
     * @param size the size
     * @param hash the SHA-1
     */
    public XdsMetadata {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(classCode, "classCode");
        Objects.requireNonNull(formatCode, "formatCode");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(confidentialityCode, "confidentialityCode");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(sourcePatientId, "sourcePatientId");
        Objects.requireNonNull(sourcePatientInfo, "sourcePatientInfo");
        Objects.requireNonNull(legalAuthenticator, "legalAuthenticator");
        Objects.requireNonNull(replacedUniqueId, "replacedUniqueId");
        Objects.requireNonNull(hash, "hash");
        authors = List.copyOf(authors);
        intendedRecipients = List.copyOf(intendedRecipients);
        eventCodes = List.copyOf(eventCodes);
    }

    /**
     * A new builder, for a reader of metadata (an XDM archive, a registry response).
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An instant in the XDS form of times: {@code yyyyMMddHHmmss} in UTC.
     *
     * @param time the instant
     * @return for example {@code 20240104153500}
     */
    public static String dtm(Instant time) {
        return DTM.format(time);
    }

    /**
     * An author of the document, in the forms XDS uses.
     *
     * <pre>{@code
     * Author a = Author.of(biologist);
     * a.person().format();           // "801234534765^CAMPARINI^Marcel^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS"
     * a.specialtyValue();            // Optional[G15_10/SM03^Médecin - Biologie médicale (SM)^1.2.250.1.213.1.1.4.5]
     * }</pre>
     *
     * @param person the author as XCN ({@code authorPerson})
     * @param institution the author's organization as XON ({@code authorInstitution}), if known
     * @param specialty the profession and specialty code (J01, {@code authorSpecialty}), if known
     */
    public record Author(Xcn person, Optional<Xon> institution, Optional<Code> specialty) {

        /**
         * Checks the fields.
         *
         * @param person the person
         * @param institution the organization
         * @param specialty the specialty
         */
        public Author {
            Objects.requireNonNull(person, "person");
            Objects.requireNonNull(institution, "institution");
            Objects.requireNonNull(specialty, "specialty");
        }

        /**
         * An author of a report.
         *
         * @param professional the professional
         * @return the author, with the organization and profession the report gives
         */
        public static Author of(HealthProfessional professional) {
            return new Author(Xcn.of(professional), professional.organization().map(Xon::of),
                    professional.profession());
        }

        /**
         * The {@code authorSpecialty} slot value.
         *
         * @return {@code code^display^codeSystem}, escaped, if the specialty is known
         */
        public Optional<String> specialtyValue() {
            return specialty.map(c -> Components.join(Hl7Escape.COMPONENT, Hl7Escape.escape(c.code()),
                    Hl7Escape.escape(c.displayName()), Hl7Escape.escape(c.codeSystem())));
        }
    }

    /** Builds an {@link XdsMetadata}; every field the record requires must be set. */
    public static final class Builder {
        private DocumentKind kind;
        private String uniqueId;
        private String setId;
        private int version = 1;
        private Code typeCode;
        private Code classCode = CLASS_CODE;
        private Code formatCode;
        private String mimeType = MIME_TYPE;
        private String title;
        private Instant creationTime;
        private Instant serviceStartTime;
        private Instant serviceStopTime;
        private Code confidentialityCode;
        private String languageCode;
        private Cx patientId;
        private Cx sourcePatientId;
        private SourcePatientInfo sourcePatientInfo;
        private final List<Author> authors = new ArrayList<>();
        private Xcn legalAuthenticator;
        private final List<IntendedRecipient> intendedRecipients = new ArrayList<>();
        private Code practiceSettingCode;
        private Code healthcareFacilityTypeCode;
        private final List<Code> eventCodes = new ArrayList<>();
        private String replacedUniqueId;
        private long size;
        private String hash;

        private Builder() {
        }

        /**
         * The kind, and the format code that goes with it.
         *
         * @param kind N3 or N1
         * @return this builder
         */
        public Builder kind(DocumentKind kind) {
            this.kind = kind;
            this.formatCode = kind == DocumentKind.N3 ? FORMAT_N3 : FORMAT_N1_PDF;
            return this;
        }

        /**
         * The document's uniqueId and its set id.
         *
         * @param uniqueId the uniqueId
         * @param setId the set id
         * @param version the version number
         * @return this builder
         */
        public Builder ids(String uniqueId, String setId, int version) {
            this.uniqueId = uniqueId;
            this.setId = setId;
            this.version = version;
            return this;
        }

        /**
         * The type, class and format codes (the class and format have defaults: {@link #CLASS_CODE}, and the
         * format of the kind).
         *
         * @param typeCode the type code
         * @param classCode the class code
         * @param formatCode the format code
         * @return this builder
         */
        public Builder codes(Code typeCode, Code classCode, Code formatCode) {
            this.typeCode = typeCode;
            this.classCode = classCode;
            this.formatCode = formatCode;
            return this;
        }

        /**
         * The MIME type ({@code text/xml} by default).
         *
         * @param mimeType the MIME type
         * @return this builder
         */
        public Builder mimeType(String mimeType) {
            this.mimeType = mimeType;
            return this;
        }

        /**
         * The title.
         *
         * @param title the title
         * @return this builder
         */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /**
         * The creation time and the service times.
         *
         * @param creation the creation time
         * @param serviceStart the service start, or {@code null}
         * @param serviceStop the service stop, or {@code null}
         * @return this builder
         */
        public Builder times(Instant creation, Instant serviceStart, Instant serviceStop) {
            this.creationTime = creation;
            this.serviceStartTime = serviceStart;
            this.serviceStopTime = serviceStop;
            return this;
        }

        /**
         * The confidentiality and the language.
         *
         * @param confidentiality the confidentiality code
         * @param language the language code
         * @return this builder
         */
        public Builder confidentiality(Code confidentiality, String language) {
            this.confidentialityCode = confidentiality;
            this.languageCode = language;
            return this;
        }

        /**
         * The patient.
         *
         * @param patientId the INS, or {@code null} when not qualified
         * @param sourcePatientId the local identifier
         * @param info the traits
         * @return this builder
         */
        public Builder patient(Cx patientId, Cx sourcePatientId, SourcePatientInfo info) {
            this.patientId = patientId;
            this.sourcePatientId = sourcePatientId;
            this.sourcePatientInfo = info;
            return this;
        }

        /**
         * Adds an author.
         *
         * @param author the author
         * @return this builder
         */
        public Builder author(Author author) {
            authors.add(Objects.requireNonNull(author, "author"));
            return this;
        }

        /**
         * The legal authenticator.
         *
         * @param person the person, or {@code null}
         * @return this builder
         */
        public Builder legalAuthenticator(Xcn person) {
            this.legalAuthenticator = person;
            return this;
        }

        /**
         * Adds an intended recipient.
         *
         * @param recipient the recipient
         * @return this builder
         */
        public Builder intendedRecipient(IntendedRecipient recipient) {
            intendedRecipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /**
         * The practice setting and the facility type.
         *
         * @param practiceSetting the practice setting code
         * @param facilityType the healthcare facility type code
         * @return this builder
         */
        public Builder setting(Code practiceSetting, Code facilityType) {
            this.practiceSettingCode = practiceSetting;
            this.healthcareFacilityTypeCode = facilityType;
            return this;
        }

        /**
         * Adds an event code.
         *
         * @param code the code
         * @return this builder
         */
        public Builder eventCode(Code code) {
            eventCodes.add(Objects.requireNonNull(code, "code"));
            return this;
        }

        /**
         * The uniqueId of the replaced version.
         *
         * @param uniqueId the replaced uniqueId, or {@code null}
         * @return this builder
         */
        public Builder replaces(String uniqueId) {
            this.replacedUniqueId = uniqueId;
            return this;
        }

        /**
         * The size and the hash of the document.
         *
         * @param size the size in bytes
         * @param sha1 the SHA-1, lower-case hexadecimal
         * @return this builder
         */
        public Builder content(long size, String sha1) {
            this.size = size;
            this.hash = sha1;
            return this;
        }

        /**
         * Builds the metadata.
         *
         * @return the metadata
         * @throws CdaException {@code CDA-001} naming the first required field missing
         */
        public XdsMetadata build() {
            require(kind, "kind");
            require(uniqueId, "uniqueId");
            require(setId, "setId");
            require(typeCode, "typeCode");
            require(classCode, "classCode");
            require(formatCode, "formatCode");
            require(mimeType, "mimeType");
            require(creationTime, "creationTime");
            require(confidentialityCode, "confidentialityCode");
            require(sourcePatientId, "sourcePatientId");
            require(sourcePatientInfo, "sourcePatientInfo");
            require(hash, "hash");
            return new XdsMetadata(kind, uniqueId, setId, version, typeCode, classCode, formatCode, mimeType, title,
                    creationTime, serviceStartTime, serviceStopTime, confidentialityCode, languageCode,
                    Optional.ofNullable(patientId), sourcePatientId, sourcePatientInfo, authors,
                    Optional.ofNullable(legalAuthenticator), intendedRecipients, practiceSettingCode,
                    healthcareFacilityTypeCode, eventCodes, Optional.ofNullable(replacedUniqueId), size, hash);
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new CdaException(CdaError.MISSING, "XdsMetadata." + name);
            }
        }
    }
}
