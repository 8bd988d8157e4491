package fr.segurbio.hl7v2.report;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.HealthProfessional;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.read.ReadDocument;
import fr.segurbio.core.ValidationResult;
import fr.segurbio.hl7v2.Delimiters;
import fr.segurbio.hl7v2.Hl7Charsets;
import fr.segurbio.hl7v2.Hl7Error;
import fr.segurbio.hl7v2.Hl7Exception;
import fr.segurbio.hl7v2.Hl7Message;
import fr.segurbio.hl7v2.Segment;
import fr.segurbio.hl7v2.Visit;
import fr.segurbio.hl7v2.internal.Hl7Time;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the message that hands a validated CR-BIO to the hospital's DPI/PFI (ANS volet "Transmission de
 * document(s) CDA-R2 en HL7v2" 2.1, profile {@code CISIS_CDA_HL7_V2}): ORU^R01 v2.5 (default) or MDM^T02/T10/T04
 * v2.6, with the CDA N3 (its PDF copy inside) as base64 ED in OBX-5.5, the PRT of the sender and of each MSSanté
 * recipient after the document OBX, then the {@code MetaDMPMSS} OBX in their fixed order. ORC-1, OBX-11 and the
 * MDM event follow one {@link DocumentAction}. Every rule broken is reported at once ({@link Hl7Exception}).
 *
 * <pre>{@code
 * ReadDocument n3 = CrBioReader.create().read(xml);
 * Hl7Message oru = ReportMessage.builder()
 *         .header("SIL-Y", "labo", "PFI-X", "Organisation-X")
 *         .controlId("015")
 *         .crBio(n3, xml)                        // patient, document ids, sender from the N3
 *         .participant(Participant.recipient(Person.idNatPs("801234567897", "Hoda", "Adam"),
 *                 "adam.hoda@test-ci-sis.mssante.fr"))
 *         .flags(DmpMssFlags.builder().set(MetaFlag.DESTDMP, true).set(MetaFlag.DESTMSSANTEPS, true)
 *                 .set(MetaFlag.DESTMSSANTEPAT, false).set(MetaFlag.INVISIBLE_PATIENT, true).build())
 *         .build();
 * byte[] wire = oru.toBytes();
 * }</pre>
 */
public final class ReportMessage {

    /** MSH-21: volet version and profile. */
    public static final String PROFILE = "CISIS_CDA_HL7_V2";
    /** The volet version of MSH-21.1. */
    public static final String PROFILE_VERSION = "2.1";
    /** OBR-4 / OBX-3 / TXA-2 of a lab report: LOINC 11502-2. */
    public static final String[] LAB_REPORT_TYPE = {"11502-2", "CR d'examens biologiques", "LN"};

    private ReportMessage() {
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures one report message. */
    public static final class Builder {

        private MessageFlavour flavour = MessageFlavour.ORU;
        private DocumentAction action = DocumentAction.TRANSMIT;
        private String sendingApplication;
        private String sendingFacility;
        private String receivingApplication;
        private String receivingFacility;
        private String controlId;
        private OffsetDateTime time;
        private Clock clock = Clock.systemDefaultZone();
        private String processingId = "P";
        private Charset charset = StandardCharsets.UTF_8;
        private ReportPatient patient;
        private Visit visit = Visit.NOT_APPLICABLE;
        private String[] placerOrder;
        private String[] fillerOrder;
        private byte[] document;
        private InstanceId documentId;
        private InstanceId parentDocumentId;
        private Participant sender;
        private final List<Participant> others = new ArrayList<>();
        private DmpMssFlags flags = DmpMssFlags.builder().build();
        private boolean requireQualifiedForDmp = true;
        private CrBioReport crBio;

        private Builder() {
        }

        /**
         * ORU (v2.5) or MDM (v2.6).
         *
         * @param value the flavour
         * @return this builder
         */
        public Builder flavour(MessageFlavour value) {
            this.flavour = Objects.requireNonNull(value, "flavour");
            return this;
        }

        /**
         * Transmission, replacement or deletion.
         *
         * @param value the action
         * @return this builder
         */
        public Builder action(DocumentAction value) {
            this.action = Objects.requireNonNull(value, "action");
            return this;
        }

        /**
         * MSH-3/4/5/6.
         *
         * @param sendingApp MSH-3, the SGL
         * @param sendingOrg MSH-4, the lab
         * @param receivingApp MSH-5, the PFI
         * @param receivingOrg MSH-6, the hospital
         * @return this builder
         */
        public Builder header(String sendingApp, String sendingOrg, String receivingApp, String receivingOrg) {
            this.sendingApplication = sendingApp;
            this.sendingFacility = sendingOrg;
            this.receivingApplication = receivingApp;
            this.receivingFacility = receivingOrg;
            return this;
        }

        /**
         * MSH-10, unique per message (the key of ACK and ZAM matching).
         *
         * @param value the control id
         * @return this builder
         */
        public Builder controlId(String value) {
            this.controlId = value;
            return this;
        }

        /**
         * MSH-7 (and ORC-9, EVN-2); the clock's time when not set.
         *
         * @param value the message time
         * @return this builder
         */
        public Builder time(OffsetDateTime value) {
            this.time = value;
            return this;
        }

        /**
         * The clock used when no time is set.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * MSH-11: {@code P} production (default), {@code T} test, {@code D} debug.
         *
         * @param value the processing id
         * @return this builder
         */
        public Builder processingId(String value) {
            this.processingId = value;
            return this;
        }

        /**
         * The character set of the bytes and MSH-18: UTF-8 (default) or ISO-8859-15.
         *
         * @param value the charset
         * @return this builder
         */
        public Builder charset(Charset value) {
            Hl7Charsets.msh18(value);
            this.charset = value;
            return this;
        }

        /**
         * The patient (PID).
         *
         * @param value the patient
         * @return this builder
         */
        public Builder patient(ReportPatient value) {
            this.patient = value;
            return this;
        }

        /**
         * The visit (PV1); PV1-2 {@code N} when not set.
         *
         * @param value the visit
         * @return this builder
         */
        public Builder visit(Visit value) {
            this.visit = Objects.requireNonNull(value, "visit");
            return this;
        }

        /**
         * ORC-2 / OBR-2, the placer order number.
         *
         * @param id EI-1
         * @param namespace EI-2
         * @return this builder
         */
        public Builder placerOrder(String id, String namespace) {
            this.placerOrder = new String[] {id, namespace};
            return this;
        }

        /**
         * ORC-3 / OBR-3, the filler order number (the lab's request number).
         *
         * @param id EI-1
         * @param namespace EI-2
         * @return this builder
         */
        public Builder fillerOrder(String id, String namespace) {
            this.fillerOrder = new String[] {id, namespace};
            return this;
        }

        /**
         * The CDA document (N3 with its PDF copy), as written by cda-bio.
         *
         * @param cda the document bytes
         * @return this builder
         */
        public Builder document(byte[] cda) {
            this.document = cda == null ? null : cda.clone();
            return this;
        }

        /**
         * TXA-12 (MDM): the document's {@code ClinicalDocument/id}.
         *
         * @param value the id
         * @return this builder
         */
        public Builder documentId(InstanceId value) {
            this.documentId = value;
            return this;
        }

        /**
         * TXA-13 (MDM replacement): the id of the replaced document.
         *
         * @param value the id
         * @return this builder
         */
        public Builder parentDocumentId(InstanceId value) {
            this.parentDocumentId = value;
            return this;
        }

        /**
         * The document and what the message needs from it: patient (PID-3 = {@code recordTarget} ids), document
         * and parent ids, and — unless set — the sender (the first author and its organisation, which PRT-8.10 must
         * match).
         *
         * @param read the N3 read back by cda-bio's {@code CrBioReader}
         * @param xml the same document's bytes
         * @return this builder
         */
        public Builder crBio(ReadDocument read, byte[] xml) {
            this.crBio = read.report();
            document(xml);
            if (patient == null) {
                patient = ReportPatient.of(crBio.patient());
            }
            documentId = crBio.id();
            parentDocumentId = crBio.replacedDocument().orElse(null);
            if (action == DocumentAction.TRANSMIT && parentDocumentId != null) {
                action = DocumentAction.REPLACE;
            }
            return this;
        }

        /**
         * A PRT: the sender (one) or a recipient / reply-to (several, in order).
         *
         * @param value the participant
         * @return this builder
         */
        public Builder participant(Participant value) {
            if (value.role() == Participant.Role.SB) {
                this.sender = value;
            } else {
                others.add(value);
            }
            return this;
        }

        /**
         * The MetaDMPMSS switches.
         *
         * @param value the switches
         * @return this builder
         */
        public Builder flags(DmpMssFlags value) {
            this.flags = Objects.requireNonNull(value, "flags");
            return this;
        }

        /**
         * Whether DESTDMP = Y requires a qualified identity (default, volet prerequisite).
         *
         * @param value {@code false} only for tests against a platform that does not check
         * @return this builder
         */
        public Builder requireQualifiedForDmp(boolean value) {
            this.requireQualifiedForDmp = value;
            return this;
        }

        private Participant senderOrFromCda() {
            if (sender != null || crBio == null) {
                return sender;
            }
            // PRT-8.10 must be the CDA author's representedOrganization (the PFI builds the VIHF from it)
            Participation p = crBio.authors().isEmpty() ? crBio.legalAuthenticator() : crBio.authors().get(0);
            HealthProfessional hp = p.professional();
            Person person = new Person(hp.id().optionalExtension().orElse(hp.id().root()), hp.name().family(),
                    hp.name().optionalGiven().orElse(""), "ASIP-SANTE-PS", hp.id().root(), "D", "IDNPS");
            return hp.organization()
                    .filter(o -> o.id() != null)
                    .map(o -> Participant.sender(person, new Organization(o.name(), "ASIP-SANTE-ST", o.id().root(),
                            "FINEG", o.id().optionalExtension().orElse(o.id().root()))))
                    .orElse(null);
        }

        /**
         * Checks every rule and writes the message.
         *
         * @return the message
         * @throws Hl7Exception with every problem
         */
        public Hl7Message build() {
            Participant sb = senderOrFromCda();
            ValidationResult.Builder r = ValidationResult.builder();
            require(r, sendingApplication, "MSH-3");
            require(r, receivingApplication, "MSH-5");
            require(r, controlId, "MSH-10");
            if (patient == null) {
                r.add(Hl7Error.FIELD_REQUIRED, "PID", "PID", "patient");
            }
            if (document == null || document.length == 0) {
                r.add(Hl7Error.DOCUMENT_EMPTY, "OBX-5");
            }
            r.addAll(flags.validate());
            if (flags.is(MetaFlag.DESTDMP)) {
                if (sb == null || sb.organization().map(o -> o.id().isEmpty()).orElse(true)) {
                    r.add(Hl7Error.SENDER_REQUIRED, "PRT");
                }
                if (requireQualifiedForDmp && patient != null && !patient.qualified()) {
                    r.add(Hl7Error.NOT_QUALIFIED, "PID-32", patient.status());
                }
            }
            if (flags.is(MetaFlag.DESTMSSANTEPS)
                    && others.stream().noneMatch(p -> p.role() == Participant.Role.RCT && !p.isPatient())) {
                r.add(Hl7Error.RECIPIENT_REQUIRED, "PRT");
            }
            if (flags.is(MetaFlag.DESTMSSANTEPAT) && others.stream().noneMatch(Participant::isPatient)) {
                r.add(Hl7Error.PATIENT_RECIPIENT_REQUIRED, "PRT");
            }
            if (flavour == MessageFlavour.MDM) {
                if (documentId == null) {
                    r.add(Hl7Error.FIELD_REQUIRED, "TXA-12", "TXA-12", "MDM");
                }
                if (action == DocumentAction.REPLACE && parentDocumentId == null) {
                    r.add(Hl7Error.PARENT_REQUIRED, "TXA-13", action.mdmEvent());
                }
            }
            if (crBio != null && patient != null) {
                checkPatientIds(r);
            }
            ValidationResult result = r.build();
            if (!result.isValid()) {
                throw new Hl7Exception(result);
            }
            return write(sb);
        }

        private void checkPatientIds(ValidationResult.Builder r) {
            List<String> pid3 = patient.identifiers().stream().map(i -> i.value() + "@" + i.oid()).toList();
            crBio.patient().shareableIns().ifPresent(ins -> {
                String key = ins.matricule().value() + "@" + ins.oid();
                if (!pid3.contains(key)) {
                    r.add(Hl7Error.PATIENT_ID_MISMATCH, "PID-3", ins.matricule().masked());
                }
            });
        }

        private static void require(ValidationResult.Builder r, String value, String field) {
            if (value == null || value.isBlank()) {
                r.add(Hl7Error.FIELD_REQUIRED, field, field, "CISIS_CDA_HL7_V2");
            }
        }

        private Hl7Message write(Participant sb) {
            Delimiters d = Delimiters.STANDARD;
            String ts = Hl7Time.format(time != null ? time : OffsetDateTime.now(clock));
            boolean mdm = flavour == MessageFlavour.MDM;
            String event = mdm ? action.mdmEvent() : "R01";
            Hl7Message.Builder m = Hl7Message.builder(d).charset(charset);
            m.add(m.segment("MSH").set(3, sendingApplication).set(4, sendingFacility).set(5, receivingApplication)
                    .set(6, receivingFacility).set(7, ts)
                    .components(9, mdm ? "MDM" : "ORU", event, mdm ? "MDM_T02" : "ORU_R01")
                    .set(10, controlId).set(11, processingId).set(12, flavour.version()).set(17, "FRA")
                    .set(18, Hl7Charsets.msh18(charset)).components(21, PROFILE_VERSION, PROFILE).build());
            if (mdm) {
                m.add(m.segment("EVN").set(1, event).set(2, ts).build());
            }
            m.add(patient.toPid(d));
            Segment.Builder pv1 = m.segment("PV1").set(1, "1").set(2, visit.patientClass());
            visit.visitNumber().ifPresent(v -> pv1.raw(19, v.toEr7()));
            m.add(pv1.build());
            String placer = placerOrder == null ? "" : d.components(placerOrder);
            String filler = fillerOrder == null ? "" : d.components(fillerOrder);
            m.add(m.segment("ORC").set(1, action.orc1()).raw(2, placer).raw(3, filler).set(9, ts).build());
            m.add(m.segment("OBR").set(1, "1").raw(2, placer).raw(3, filler).components(4, LAB_REPORT_TYPE)
                    .set(25, "F").build());
            if (mdm) {
                m.add(txa(d, ts));
            }
            int seq = 1;
            String b64 = Base64.getEncoder().encodeToString(document);
            m.add(m.segment("OBX").set(1, String.valueOf(seq++)).set(2, "ED").components(3, LAB_REPORT_TYPE)
                    .raw(5, d.joinComponents("", flavour.edType(), "XML", "Base64", b64))
                    .set(11, action.obx11()).build());
            if (sb != null) {
                m.add(sb.toSegment(d));
            }
            for (Participant p : others) {
                m.add(p.toSegment(d));
            }
            for (MetaFlag f : MetaFlag.values()) {
                if (f.isMailBody()) {
                    Optional<String> body = f == MetaFlag.CORPSMAIL_PS ? flags.mailBodyForProfessionals()
                            : flags.mailBodyForPatient();
                    if (body.isPresent()) {
                        String text = Base64.getEncoder().encodeToString(body.get().getBytes(StandardCharsets.UTF_8));
                        m.add(m.segment("OBX").set(1, String.valueOf(seq++)).set(2, "ED")
                                .components(3, f.code(), f.label(), MetaFlag.SYSTEM)
                                .raw(5, d.joinComponents("", flavour.edType(), "", "Base64", text))
                                .set(11, "F").build());
                    }
                    continue;
                }
                Optional<Boolean> v = flags.get(f);
                if (v.isEmpty()) {
                    continue;
                }
                m.add(m.segment("OBX").set(1, String.valueOf(seq++)).set(2, flavour.codedType())
                        .components(3, f.code(), f.label(), MetaFlag.SYSTEM)
                        .components(5, v.get() ? "Y" : "N", "", "expandedYes-NoIndicator").set(11, "F").build());
                if (f == MetaFlag.DESTMSSANTEPAT && v.get() && flags.patientMayNotReply()) {
                    m.add(m.segment("NTE").set(1, "1").set(4, "FIN").build());
                }
            }
            return m.build();
        }

        private Segment txa(Delimiters d, String ts) {
            Segment.Builder b = Segment.builder("TXA", d).set(1, "1").components(2, LAB_REPORT_TYPE)
                    .set(3, "TEXT").set(4, ts).raw(12, documentNumber(d, documentId)).set(17, "AU");
            if (parentDocumentId != null && action != DocumentAction.TRANSMIT) {
                b.raw(13, documentNumber(d, parentDocumentId));
            }
            return b.build();
        }

        /** TXA-12/13: extension^^root^ISO when the id has an extension, else the root alone. */
        private static String documentNumber(Delimiters d, InstanceId id) {
            return id.optionalExtension().map(ext -> d.components(ext, "", id.root(), "ISO"))
                    .orElse(d.escape(id.root()));
        }
    }

    /**
     * The problems a report message would have, without throwing: for the CLI and for tests.
     *
     * @param builder a configured builder
     * @return the problems ({@code ValidationResult.ok()} when the message can be built)
     */
    public static ValidationResult check(Builder builder) {
        try {
            builder.build();
            return ValidationResult.ok();
        } catch (Hl7Exception e) {
            return ValidationResult.of(e.problems());
        }
    }
}
