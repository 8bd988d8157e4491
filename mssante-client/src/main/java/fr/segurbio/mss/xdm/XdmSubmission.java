package fr.segurbio.mss.xdm;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import fr.segurbio.cda.Code;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;

/**
 * What an {@code IHE_XDM.ZIP} carries: the N3 and the N1 of one report, and the submission set that holds them
 * (unique id, source, time, intended recipients, content type).
 *
 * <pre>{@code
 * XdmSubmission submission = XdmSubmission.builder()
 *         .n3(XdmDocument.of(writer.n3(report, pdf)))
 *         .n1(XdmDocument.of(writer.n1(report, pdf)))
 *         .sourceId("1.2.250.1.213.1.1.9")                 // the lab's OID
 *         .intendedRecipient("dr.martin@medecin.mssante.fr")
 *         .build();
 * byte[] zip = XdmWriter.create().write(submission);
 * }</pre>
 */
public final class XdmSubmission {

    /** The content type of a lab report's submission set (JDV_J59, code {@code 07} "Consultation externe"). */
    public static final Code DEFAULT_CONTENT_TYPE = Code.of("07", "1.2.250.1.213.2.2", "Consultation externe");

    private final XdmDocument n3;
    private final XdmDocument n1;
    private final String uniqueId;
    private final String sourceId;
    private final Instant submissionTime;
    private final List<String> intendedRecipients;
    private final Code contentType;
    private final String title;

    private XdmSubmission(Builder b) {
        this.n3 = b.n3;
        this.n1 = b.n1;
        this.uniqueId = b.uniqueId != null ? b.uniqueId : uuidOid(UUID.randomUUID());
        this.sourceId = b.sourceId;
        this.submissionTime = b.submissionTime != null ? b.submissionTime : Instant.now();
        this.intendedRecipients = List.copyOf(b.intendedRecipients);
        this.contentType = b.contentType;
        this.title = b.title;
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
     * An OID under {@code 2.25} made from a UUID (ITU-T X.667), for unique ids nobody has to allocate.
     *
     * @param uuid the UUID
     * @return the OID, for example {@code 2.25.329800735698586629295641978511506172918}
     */
    public static String uuidOid(UUID uuid) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }

    /**
     * The structured CDA (N3).
     *
     * @return the N3
     */
    public XdmDocument n3() {
        return n3;
    }

    /**
     * The CDA level 1 with the PDF (N1).
     *
     * @return the N1, if any (an XDM without N1 is refused by the receiver when it carries an N3)
     */
    public Optional<XdmDocument> n1() {
        return Optional.ofNullable(n1);
    }

    /**
     * The documents in their archive order.
     *
     * @return N3 then N1
     */
    public List<XdmDocument> documents() {
        return n1 == null ? List.of(n3) : List.of(n3, n1);
    }

    /**
     * The submission set's unique id (an OID).
     *
     * @return the unique id
     */
    public String uniqueId() {
        return uniqueId;
    }

    /**
     * The sending system's OID.
     *
     * @return the source id
     */
    public String sourceId() {
        return sourceId;
    }

    /**
     * When the archive was made.
     *
     * @return the time
     */
    public Instant submissionTime() {
        return submissionTime;
    }

    /**
     * The recipients' mailbox addresses ({@code intendedRecipient} slot).
     *
     * @return the addresses
     */
    public List<String> intendedRecipients() {
        return intendedRecipients;
    }

    /**
     * The submission set's content type.
     *
     * @return the code
     */
    public Code contentType() {
        return contentType;
    }

    /**
     * The submission set's title.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /** Builds an {@link XdmSubmission}. */
    public static final class Builder {
        private XdmDocument n3;
        private XdmDocument n1;
        private String uniqueId;
        private String sourceId;
        private Instant submissionTime;
        private final List<String> intendedRecipients = new ArrayList<>();
        private Code contentType = DEFAULT_CONTENT_TYPE;
        private String title = "Compte rendu d'examens biologiques";

        private Builder() {
        }

        /**
         * The structured CDA.
         *
         * @param value the N3 (kind N3)
         * @return this builder
         */
        public Builder n3(XdmDocument value) {
            this.n3 = value;
            return this;
        }

        /**
         * The CDA level 1.
         *
         * @param value the N1 (kind N1)
         * @return this builder
         */
        public Builder n1(XdmDocument value) {
            this.n1 = value;
            return this;
        }

        /**
         * The submission set's unique id; a {@code 2.25} OID from a random UUID by default.
         *
         * @param value an OID
         * @return this builder
         */
        public Builder uniqueId(String value) {
            this.uniqueId = value;
            return this;
        }

        /**
         * The sending system's OID (required).
         *
         * @param value an OID
         * @return this builder
         */
        public Builder sourceId(String value) {
            this.sourceId = value;
            return this;
        }

        /**
         * The submission time; now by default.
         *
         * @param value the time
         * @return this builder
         */
        public Builder submissionTime(Instant value) {
            this.submissionTime = value;
            return this;
        }

        /**
         * Adds a recipient's mailbox address.
         *
         * @param address the address
         * @return this builder
         */
        public Builder intendedRecipient(String address) {
            this.intendedRecipients.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        /**
         * The content type code; {@link XdmSubmission#DEFAULT_CONTENT_TYPE} by default.
         *
         * @param value the code
         * @return this builder
         */
        public Builder contentType(Code value) {
            this.contentType = Objects.requireNonNull(value, "contentType");
            return this;
        }

        /**
         * The submission set's title.
         *
         * @param value the title
         * @return this builder
         */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /**
         * Checks and builds.
         *
         * @return the submission
         * @throws MssException {@code MSS-104} when the N3 or the source id is missing, or a document is of the
         *         wrong kind
         */
        public XdmSubmission build() {
            if (n3 == null) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "n3");
            }
            if (n3.kind() != DocumentKind.N3) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "n3 is a " + n3.kind());
            }
            if (n1 != null && n1.kind() != DocumentKind.N1) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "n1 is a " + n1.kind());
            }
            if (sourceId == null || !sourceId.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
                throw new MssException(MssError.MESSAGE_INCOMPLETE, "sourceId (an OID) " + sourceId);
            }
            return new XdmSubmission(this);
        }
    }
}
