package fr.segurbio.mss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.WrittenDocument;
import fr.segurbio.mss.xdm.XdmDocument;
import fr.segurbio.mss.xdm.XdmSubmission;
import fr.segurbio.mss.xdm.XdmWriter;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.PreencodedMimeBodyPart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * One MSSanté message carrying a lab report, built as the volet "transmission de documents CDA en HL7 v2 / par
 * courriel" describes it: subject {@code XDM/1.0/DDM+<libellé> <NOM> <prénom> <date de naissance>}, the
 * {@code X-MSS-CODECDA}, {@code X-MSS-INS} and (towards the patient) {@code X-MSS-MES} headers,
 * {@code Disposition-Notification-To} to ask for the read / processing acknowledgement, a short human body, the
 * {@code IHE_XDM.ZIP} (N3 + N1) and the PDF attached beside it. The MIME form is RFC 5322 / RFC 2045 correct:
 * UTF-8 headers encoded (RFC 2047), lines folded, attachments in base64. Immutable; {@link #toMimeMessage},
 * {@link #writeTo} and {@link #toBytes} give the same bytes every time.
 *
 * <pre>{@code
 * MssMessage message = MssMessage.builder()
 *         .from("labo.charmes@labo.mssante.fr")
 *         .to("dr.martin@medecin.mssante.fr")
 *         .toPatient(report.patient(), false)           // only a qualified INS; false: no opposition
 *         .report(report, n3, n1, pdf)
 *         .sourceId("1.2.250.1.213.1.1.9")
 *         .build();
 * client.send(message);
 * }</pre>
 */
public final class MssMessage {

    /** The subject prefix of a message carrying a document. */
    public static final String SUBJECT_PREFIX = "XDM/1.0/DDM+";
    /** The default label (libellé) of a lab report in the subject. */
    public static final String DEFAULT_LABEL = "CR d'examens biologiques";
    /** Header: CDA document code(s). */
    public static final String X_MSS_CODECDA = "X-MSS-CODECDA";
    /** Header: whether the CDA carries a qualified INS ({@code O}/{@code N}). */
    public static final String X_MSS_INS = "X-MSS-INS";
    /** Header: {@code FIN} blocks the patient's reply. */
    public static final String X_MSS_MES = "X-MSS-MES";
    /** Header: asks for an MDN (RFC 8098). */
    public static final String DISPOSITION_NOTIFICATION_TO = "Disposition-Notification-To";

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final Base64.Encoder MIME_BASE64 = Base64.getMimeEncoder(76, new byte[] {'\r', '\n'});
    /**
     * Jakarta Mail's system property naming its stream provider. Without it, every MIME part created, parsed or
     * written looks the provider up again through a {@link java.util.ServiceLoader} (reading the service files of
     * the class path each time): about a sixth of the CPU of building, submitting and storing a report's message.
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's stream provider, the implementation this module requires. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        pinStreamProvider(Thread.currentThread().getContextClassLoader());
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final MailAddress from;
    private final List<MailAddress> professionals;
    private final Optional<MailAddress> patient;
    private final String subject;
    private final String messageId;
    private final Instant date;
    private final Map<String, String> headers;
    private final String body;
    private final byte[] xdm;
    private final byte[] pdf;
    private final String pdfName;
    private final byte[] mime;

    private MssMessage(Builder b, String subject, Map<String, String> headers, byte[] xdm) {
        this.from = b.from;
        this.professionals = List.copyOf(b.professionals);
        this.patient = Optional.ofNullable(b.patientAddress);
        this.subject = subject;
        this.messageId = b.messageId != null ? b.messageId
                : "<" + UUID.randomUUID() + "@" + b.from.domain() + ">";
        this.date = b.clock.instant();
        this.headers = Map.copyOf(headers);
        this.body = b.body != null ? b.body : defaultBody(b);
        this.xdm = xdm;
        this.pdf = b.pdf;
        this.pdfName = b.pdfName;
        this.mime = render();
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
     * The subject of a document sent for a patient: {@code XDM/1.0/DDM+<libellé> <NOM> <prénom> <dd/MM/yyyy>}.
     *
     * @param label the document's label
     * @param patient the patient
     * @return the subject
     */
    public static String subject(String label, Patient patient) {
        StringBuilder s = new StringBuilder(SUBJECT_PREFIX).append(label).append(' ')
                .append(patient.usedFamilyName().orElse(patient.birthFamilyName()).toUpperCase(Locale.ROOT));
        patient.usedGivenName().or(patient::firstBirthGivenName).ifPresent(g -> s.append(' ').append(g));
        patient.birthDate().ifPresent(d -> s.append(' ').append(BIRTH.format(d)));
        return s.toString();
    }

    private String defaultBody(Builder b) {
        return "Bonjour,\r\n\r\nVeuillez trouver ci-joint le compte rendu d'examens biologiques de "
                + b.patientLabel + " (archive IHE_XDM.ZIP : CDA structuré et CDA PDF ; copie PDF lisible jointe).\r\n\r\n"
                + "Ce message a été envoyé automatiquement par le laboratoire par messagerie sécurisée de santé"
                + " (MSSanté).\r\n\r\nCordialement,\r\n" + b.signature + "\r\n";
    }

    private byte[] render() {
        try {
            // base64: 4 characters for 3 bytes, lines of 76 characters and CRLF; headers and text
            long size = ((long) xdm.length + pdf.length) * 4 / 3 * 78 / 76 + 16384;
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, size));
            build().writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new MssException(e, MssError.MIME_FAILED, e.getMessage());
        }
    }

    private MimeMessage build() throws MessagingException {
        MimeMessage m = new FixedIdMessage(SESSION, messageId);
        m.setFrom(new InternetAddress(from.address()));
        List<InternetAddress> to = new ArrayList<>();
        for (MailAddress a : recipients()) {
            to.add(new InternetAddress(a.address()));
        }
        m.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(Date.from(date));
        for (Map.Entry<String, String> h : new java.util.TreeMap<>(headers).entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8", "plain");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attachment(xdm, "application/zip", XdmWriter.ARCHIVE_NAME));
        mixed.addBodyPart(attachment(pdf, "application/pdf", pdfName));
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    /**
     * An attachment in base64, encoded here in one pass (lines of 76 characters, CRLF, as Jakarta Mail writes
     * them) rather than by Jakarta Mail's encoder stream while the message is written: the same bytes, in about
     * half the time for the archive and the PDF.
     */
    private static MimeBodyPart attachment(byte[] data, String type, String name) throws MessagingException {
        byte[] encoded = base64Lines(data);
        MimeBodyPart p = new PreencodedMimeBodyPart("base64");
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(encoded, type)));
        p.setFileName(name);
        p.setDisposition(MimeBodyPart.ATTACHMENT);
        p.setHeader("Content-Type", type + "; name=\"" + name + "\"");
        p.setHeader("Content-Transfer-Encoding", "base64");
        return p;
    }

    static byte[] base64Lines(byte[] data) {
        byte[] lines = MIME_BASE64.encode(data);
        if (lines.length == 0) {
            return lines;
        }
        byte[] ended = Arrays.copyOf(lines, lines.length + 2);
        ended[lines.length] = '\r';
        ended[lines.length + 1] = '\n';
        return ended;
    }

    /**
     * The message as Jakarta Mail's {@link MimeMessage}, parsed back from {@link #toBytes()} (the same bytes).
     *
     * @param session the session to attach it to
     * @return the message
     */
    public MimeMessage toMimeMessage(Session session) {
        try {
            // a shared stream: the parsed message refers to these (immutable) bytes instead of copying its body
            return new FixedIdMessage(session, new SharedByteArrayInputStream(mime), messageId);
        } catch (MessagingException e) {
            throw new MssException(e, MssError.MIME_FAILED, e.getMessage());
        }
    }

    /**
     * Writes the RFC 5322 message (CRLF line ends).
     *
     * @param out where to write
     */
    public void writeTo(OutputStream out) {
        try {
            out.write(mime);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The RFC 5322 message, exactly as it is submitted.
     *
     * @return a copy of the bytes
     */
    public byte[] toBytes() {
        return mime.clone();
    }

    /**
     * The sender's mailbox.
     *
     * @return the address
     */
    public MailAddress from() {
        return from;
    }

    /**
     * Every recipient: the professionals, then the patient.
     *
     * @return the addresses
     */
    public List<MailAddress> recipients() {
        List<MailAddress> all = new ArrayList<>(professionals);
        patient.ifPresent(all::add);
        return all;
    }

    /**
     * The professionals' mailboxes.
     *
     * @return the addresses
     */
    public List<MailAddress> professionals() {
        return professionals;
    }

    /**
     * The patient's Mon espace santé mailbox, when the report goes to the patient.
     *
     * @return the address
     */
    public Optional<MailAddress> patient() {
        return patient;
    }

    /**
     * The subject (decoded).
     *
     * @return the subject
     */
    public String subject() {
        return subject;
    }

    /**
     * The {@code Message-ID}, with its angle brackets: what returns (MDN, DSN) refer to.
     *
     * @return the id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * The {@code Date}.
     *
     * @return the date
     */
    public Instant date() {
        return date;
    }

    /**
     * The MSSanté headers set ({@code X-MSS-*}, {@code Disposition-Notification-To}).
     *
     * @return name to value
     */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The human text.
     *
     * @return the body
     */
    public String body() {
        return body;
    }

    /**
     * The {@code IHE_XDM.ZIP} attached.
     *
     * @return a copy of the archive
     */
    public byte[] xdm() {
        return xdm.clone();
    }

    /**
     * The PDF attached beside the archive.
     *
     * @return a copy of the PDF
     */
    public byte[] pdf() {
        return pdf.clone();
    }

    @Override
    public String toString() {
        return "MssMessage[" + messageId + " to " + recipients().size() + " recipients]";
    }

    /**
     * Names Angus Mail's stream provider in {@value #STREAM_PROVIDER_PROPERTY} when the application has not named
     * one and Angus is visible to the class loaders Jakarta Mail looks in, so that the provider is instantiated
     * directly rather than looked up by a service loader for each MIME part.
     *
     * @param contextLoader the thread's context class loader (may be null)
     * @return true when the property was set here
     */
    static synchronized boolean pinStreamProvider(ClassLoader contextLoader) {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) != null) {
            return false;
        }
        try {
            for (ClassLoader l : new ClassLoader[] {contextLoader, jakarta.mail.util.StreamProvider.class.getClassLoader(),
                ClassLoader.getSystemClassLoader()}) {
                if (l != null) {
                    Class.forName(ANGUS_STREAM_PROVIDER, false, l).asSubclass(jakarta.mail.util.StreamProvider.class);
                }
            }
        } catch (ClassNotFoundException | ClassCastException | LinkageError e) {
            return false;
        }
        System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        return true;
    }

    /** A {@link MimeMessage} that keeps the Message-ID it was given. */
    static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        FixedIdMessage(Session session, java.io.InputStream in, String id) throws MessagingException {
            super(session, in);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    /** Builds an {@link MssMessage}. */
    public static final class Builder {
        private MailAddress from;
        private final Set<MailAddress> professionals = new LinkedHashSet<>();
        private MailAddress patientAddress;
        private Patient patient;
        private CrBioReport report;
        private WrittenDocument n3;
        private WrittenDocument n1;
        private byte[] pdf;
        private String pdfName = "CR-BIO.pdf";
        private String label = DEFAULT_LABEL;
        private String sourceId;
        private String messageId;
        private MailAddress notificationTo;
        private boolean requestNotification = true;
        private boolean blockPatientReply = true;
        private String body;
        private String signature = "Le laboratoire";
        private String patientLabel = "votre patient";
        private Clock clock = Clock.systemUTC();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /**
         * The sending mailbox (the lab's application or organisational mailbox, or a biologist's).
         *
         * @param address the address
         * @return this builder
         */
        public Builder from(String address) {
            this.from = MailAddress.of(address);
            return this;
        }

        /**
         * Adds a professional recipient (prescriber, copy recipient). A patient address is refused here: use
         * {@link #toPatient}.
         *
         * @param address an MSSanté address
         * @return this builder
         * @throws MssException {@code MSS-103} for a patient address or an address outside MSSanté
         */
        public Builder to(String address) {
            MailAddress a = MailAddress.of(address);
            if (a.isPatient()) {
                throw new MssException(MssError.BAD_ADDRESS, address,
                        "a patient's address is derived from the qualified INS: use toPatient");
            }
            if (!a.isMssante()) {
                throw new MssException(MssError.BAD_ADDRESS, address, "not in the MSSanté space (*.mssante.fr)");
            }
            professionals.add(a);
            return this;
        }

        /**
         * Sends the report to the patient's Mon espace santé mailbox, {@code <INS>@patient.mssante.fr}: only for
         * a qualified identity and a patient who did not oppose; blocks the patient's reply
         * ({@code X-MSS-MES: FIN}) unless {@link #blockPatientReply(boolean)} says otherwise.
         *
         * @param patient the report's patient
         * @param opposed whether the patient opposed sending to Mon espace santé
         * @return this builder
         * @throws MssException {@code MSS-101} (not qualified) or {@code MSS-102} (opposed)
         */
        public Builder toPatient(Patient patient, boolean opposed) {
            if (opposed) {
                throw new MssException(MssError.PATIENT_OPPOSED);
            }
            this.patientAddress = MailAddress.patient(patient.shareableIns()
                    .orElseThrow(() -> new MssException(MssError.PATIENT_NOT_QUALIFIED)));
            return this;
        }

        /**
         * The report and its documents, as written by cda-bio ({@code CrBioWriter}).
         *
         * @param value the report (patient, subject)
         * @param n3Document the N3
         * @param n1Document the N1
         * @param pdfCopy the PDF attached beside the archive
         * @return this builder
         */
        public Builder report(CrBioReport value, WrittenDocument n3Document, WrittenDocument n1Document,
                byte[] pdfCopy) {
            this.report = Objects.requireNonNull(value, "report");
            this.patient = value.patient();
            this.n3 = Objects.requireNonNull(n3Document, "n3");
            this.n1 = Objects.requireNonNull(n1Document, "n1");
            this.pdf = Objects.requireNonNull(pdfCopy, "pdf").clone();
            return this;
        }

        /**
         * The PDF attachment's file name; {@code CR-BIO.pdf} by default.
         *
         * @param value a file name
         * @return this builder
         */
        public Builder pdfName(String value) {
            if (!value.matches("[A-Za-z0-9._-]{1,100}\\.pdf")) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "pdfName " + value);
            }
            this.pdfName = value;
            return this;
        }

        /**
         * The document's label in the subject; {@value MssMessage#DEFAULT_LABEL} by default.
         *
         * @param value the label
         * @return this builder
         */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label").strip();
            return this;
        }

        /**
         * The lab's OID, source of the XDM submission set (required).
         *
         * @param value an OID
         * @return this builder
         */
        public Builder sourceId(String value) {
            this.sourceId = value;
            return this;
        }

        /**
         * A Message-ID chosen by the caller (with angle brackets), for example to make a resend idempotent.
         *
         * @param value {@code <id@domain>}
         * @return this builder
         */
        public Builder messageId(String value) {
            if (value == null || !value.matches("<[^<>@\\s]+@[^<>@\\s]+>")) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "messageId " + value);
            }
            this.messageId = value;
            return this;
        }

        /**
         * Where the MDN goes; the sender by default.
         *
         * @param address the address
         * @return this builder
         */
        public Builder dispositionNotificationTo(String address) {
            this.notificationTo = MailAddress.of(address);
            return this;
        }

        /**
         * Whether an MDN is requested ({@code Disposition-Notification-To}); true by default.
         *
         * @param value false to send without it
         * @return this builder
         */
        public Builder requestNotification(boolean value) {
            this.requestNotification = value;
            return this;
        }

        /**
         * Whether the patient's reply is blocked ({@code X-MSS-MES: FIN}); true by default, only written when the
         * patient is a recipient.
         *
         * @param value false to let the patient reply
         * @return this builder
         */
        public Builder blockPatientReply(boolean value) {
            this.blockPatientReply = value;
            return this;
        }

        /**
         * The human text; a short French text naming the patient is written by default.
         *
         * @param value the text
         * @return this builder
         */
        public Builder body(String value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * The signature of the default body (the lab's name).
         *
         * @param value the signature
         * @return this builder
         */
        public Builder signature(String value) {
            this.signature = Objects.requireNonNull(value, "signature");
            return this;
        }

        /**
         * The clock of the {@code Date} header and the XDM submission time.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Checks and builds: packs the XDM and renders the MIME message.
         *
         * @return the message
         * @throws MssException {@code MSS-104} listing every missing part
         */
        public MssMessage build() {
            problems.clear();
            if (from == null) {
                problems.add("from");
            }
            if (professionals.isEmpty() && patientAddress == null) {
                problems.add("recipient");
            }
            if (report == null) {
                problems.add("report");
            }
            if (sourceId == null) {
                problems.add("sourceId");
            }
            if (!problems.isEmpty()) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, String.join(", ", problems));
            }
            XdmSubmission.Builder xb = XdmSubmission.builder().n3(XdmDocument.of(n3)).n1(XdmDocument.of(n1))
                    .sourceId(sourceId).submissionTime(clock.instant());
            professionals.forEach(a -> xb.intendedRecipient(a.address()));
            if (patientAddress != null) {
                xb.intendedRecipient(patientAddress.address());
            }
            byte[] zip = XdmWriter.create().write(xb.build());
            Map<String, String> h = new LinkedHashMap<>();
            h.put(X_MSS_CODECDA, n3.metadata().typeCode().code());
            h.put(X_MSS_INS, n3.metadata().patientId().isPresent() ? "O" : "N");
            if (patientAddress != null && blockPatientReply) {
                h.put(X_MSS_MES, "FIN");
            }
            if (requestNotification) {
                h.put(DISPOSITION_NOTIFICATION_TO, (notificationTo != null ? notificationTo : from).address());
            }
            patientLabel = patient.displayName();
            return new MssMessage(this, subject(label, patient), h, zip);
        }
    }
}
