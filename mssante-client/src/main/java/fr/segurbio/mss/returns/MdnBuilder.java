package fr.segurbio.mss.returns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import jakarta.activation.DataHandler;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

/**
 * Builds the MDN the volet asks the receiving system to send for a received message carrying documents
 * (RFC 8098, {@code multipart/report; report-type=disposition-notification}): a human text with the code and
 * label, the {@code message/disposition-notification} part ({@code Original-Recipient}, {@code Final-Recipient},
 * {@code Original-Message-ID}, {@code Disposition: automatic-action/MDN-sent-automatically; processed} or
 * {@code processed/Error: code^libellé^messageErrorCondition| E^Error^errorSeverity}), the original message
 * ({@code message/rfc822}), then the original's attachments again; subject as the original, prefixed by
 * {@code [KO Intégration système !][code]} on error.
 *
 * <pre>{@code
 * Reception r = Reception.of(received);
 * MimeMessage mdn = MdnBuilder.from("labo@labo.mssante.fr").build(received, r);
 * }</pre>
 */
public final class MdnBuilder {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final MailAddress mailbox;
    private final Clock clock;

    private MdnBuilder(MailAddress mailbox, Clock clock) {
        this.mailbox = mailbox;
        this.clock = clock;
    }

    /**
     * A builder for the MDNs of a mailbox.
     *
     * @param mailbox the receiving mailbox (the MDN's sender and Final-Recipient)
     * @return the builder
     */
    public static MdnBuilder from(String mailbox) {
        return new MdnBuilder(MailAddress.of(mailbox), Clock.systemUTC());
    }

    /**
     * The same builder with a clock for the Date header.
     *
     * @param value the clock
     * @return a builder
     */
    public MdnBuilder clock(Clock value) {
        return new MdnBuilder(mailbox, Objects.requireNonNull(value, "clock"));
    }

    /**
     * The MDN of a reception: success when it was accepted, the error code otherwise.
     *
     * @param received the received message
     * @param reception its check
     * @return the MDN
     * @throws MssException {@code MSS-104} when the sender asked for no MDN
     */
    public MimeMessage build(MimeMessage received, Reception reception) {
        MailAddress to = reception.notificationTo().orElseThrow(() -> new MssException(MssError.MESSAGE_INCOMPLETE,
                "Disposition-Notification-To (the sender asked for no MDN)"));
        return build(received, to, reception.errorCode(), reception.errorLabel());
    }

    /**
     * An MDN with an explicit outcome.
     *
     * @param received the received message
     * @param to where the MDN goes
     * @param errorCode the error code (volet 900–904 or HL7 0357), empty for success
     * @param errorLabel the error's label
     * @return the MDN
     */
    public MimeMessage build(MimeMessage received, MailAddress to, Optional<Integer> errorCode,
            Optional<String> errorLabel) {
        try {
            String originalId = received.getMessageID();
            String subject = Optional.ofNullable(received.getSubject()).orElse("");
            String label = errorCode.map(c -> errorLabel.or(() -> VoletCode.label(c)).orElse("Erreur")).orElse("");
            MimeMessage mdn = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + mailbox.domain() + ">");
                }
            };
            mdn.setFrom(new InternetAddress(mailbox.address()));
            mdn.setRecipient(Message.RecipientType.TO, new InternetAddress(to.address()));
            mdn.setSubject(errorCode.map(c -> ReturnParser.KO_PREFIX + "[" + c + "] ").orElse("") + subject, "UTF-8");
            mdn.setSentDate(Date.from(clock.instant()));
            if (originalId != null) {
                mdn.setHeader("In-Reply-To", originalId);
                mdn.setHeader("References", originalId);
            }
            MimeMultipart report = new MimeMultipart("report; report-type=disposition-notification");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(errorCode.map(c -> "Le message a été reçu mais n'a pas pu être intégré.\r\nErreur " + c + " : "
                    + label + "\r\n").orElse("Le message a été reçu et intégré sans erreur.\r\n"), "UTF-8", "plain");
            report.addBodyPart(text);
            StringBuilder fields = new StringBuilder();
            fields.append("Reporting-UA: ").append(mailbox.domain()).append("; Segur Bio SDK\r\n");
            fields.append("Original-Recipient: rfc822;").append(mailbox.address()).append("\r\n");
            fields.append("Final-Recipient: rfc822;").append(mailbox.address()).append("\r\n");
            if (originalId != null) {
                fields.append("Original-Message-ID: ").append(originalId).append("\r\n");
            }
            fields.append("Disposition: automatic-action/MDN-sent-automatically; processed");
            errorCode.ifPresent(c -> fields.append("/Error: ").append(c).append('^').append(ascii(label))
                    .append("^messageErrorCondition| E^Error^errorSeverity"));
            fields.append("\r\n");
            report.addBodyPart(raw(fields.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    "message/disposition-notification", "7bit"));
            ByteArrayOutputStream original = new ByteArrayOutputStream();
            received.writeTo(original);
            byte[] o = original.toByteArray();
            report.addBodyPart(raw(o, "message/rfc822", sevenBit(o) ? "7bit" : "8bit"));
            if (received.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) received.getContent();
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart p = mp.getBodyPart(i);
                    if (p.getFileName() != null) {
                        MimeBodyPart again = new MimeBodyPart();
                        again.setDataHandler(new DataHandler(new ByteArrayDataSource(p.getInputStream(),
                                p.getContentType())));
                        again.setFileName(p.getFileName());
                        again.setDisposition(MimeBodyPart.ATTACHMENT);
                        again.setHeader("Content-Transfer-Encoding", "base64");
                        report.addBodyPart(again);
                    }
                }
            }
            mdn.setContent(report);
            mdn.saveChanges();
            return mdn;
        } catch (MessagingException | IOException e) {
            throw new MssException(e, MssError.MIME_FAILED, e.getMessage());
        }
    }

    private static MimeBodyPart raw(byte[] content, String type, String encoding) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        p.setHeader("Content-Type", type);
        p.setHeader("Content-Transfer-Encoding", encoding);
        return p;
    }

    private static boolean sevenBit(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** The Disposition field is US-ASCII: accents are dropped from the label there (the text part keeps them). */
    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^\\x20-\\x7E]", "")
                .replace("|", " ").replace("^", " ").replace("\r", " ").replace("\n", " ");
    }
}
