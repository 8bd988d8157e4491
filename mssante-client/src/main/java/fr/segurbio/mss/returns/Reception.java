package fr.segurbio.mss.returns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import fr.segurbio.mss.xdm.XdmPackage;
import fr.segurbio.mss.xdm.XdmReader;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The receiving side's check of an MSSanté message carrying documents: its {@code IHE_XDM.ZIP} is read with
 * {@link XdmReader} (hashes, sizes, zip slip, zip bombs, and an N3 without its N1 refused), and the outcome says
 * whether the documents may be integrated or which error code the MDN must carry.
 *
 * <pre>{@code
 * Reception r = Reception.of(received);
 * if (r.accepted()) { integrate(r.xdm().orElseThrow()); }
 * byte[] mdn = MdnBuilder.from("labo@labo.mssante.fr").build(received, r);
 * }</pre>
 *
 * @param xdm the checked archive, when accepted
 * @param errorCode the volet / HL7 0357 code when refused
 * @param errorLabel the error's label when refused
 * @param notificationTo where the sender asked the MDN to go ({@code Disposition-Notification-To}), if it did
 * @param automaticMdnAllowed whether an MDN may be sent automatically (RFC 8098: the
 *        {@code Disposition-Notification-To} address is the {@code Return-Path})
 */
public record Reception(Optional<XdmPackage> xdm, Optional<Integer> errorCode, Optional<String> errorLabel,
        Optional<MailAddress> notificationTo, boolean automaticMdnAllowed) {

    private static final long MAX_ATTACHMENT = XdmReader.DEFAULT_MAX_ARCHIVE_BYTES;

    /**
     * Checks the fields.
     *
     * @param xdm the archive
     * @param errorCode the error code
     * @param errorLabel the error label
     * @param notificationTo the MDN address
     * @param automaticMdnAllowed whether the MDN may be automatic
     */
    public Reception {
        Objects.requireNonNull(xdm, "xdm");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(errorLabel, "errorLabel");
        Objects.requireNonNull(notificationTo, "notificationTo");
    }

    /**
     * Whether the documents may be integrated.
     *
     * @return true when the archive was read without error
     */
    public boolean accepted() {
        return xdm.isPresent();
    }

    /**
     * Checks a received message with the default XDM limits.
     *
     * @param received the message
     * @return the outcome
     */
    public static Reception of(MimeMessage received) {
        return of(received, XdmReader.create());
    }

    /**
     * Checks a received message.
     *
     * @param received the message
     * @param reader the XDM reader (its limits)
     * @return the outcome
     */
    public static Reception of(MimeMessage received, XdmReader reader) {
        try {
            Optional<MailAddress> dnt = address(received.getHeader("Disposition-Notification-To", ","));
            Optional<MailAddress> returnPath = address(received.getHeader("Return-Path", ","));
            boolean automatic = dnt.isPresent() && (returnPath.isEmpty() || returnPath.equals(dnt));
            byte[] zip = xdmAttachment(received);
            if (zip == null) {
                return new Reception(Optional.empty(), Optional.of(VoletCode.REQUIRED_FIELD_MISSING),
                        Optional.of("Archive IHE_XDM.ZIP absente"), dnt, automatic);
            }
            try {
                return new Reception(Optional.of(reader.read(zip)), Optional.empty(), Optional.empty(), dnt, automatic);
            } catch (MssException e) {
                boolean n1Missing = e.problems().stream().anyMatch(p -> p.code() == MssError.XDM_N3_WITHOUT_N1);
                return new Reception(Optional.empty(),
                        Optional.of(n1Missing ? VoletCode.REQUIRED_FIELD_MISSING : VoletCode.APPLICATION_ERROR),
                        Optional.of(n1Missing ? "CDA N1 absent : le CDA N3 ne peut pas être intégré seul"
                                : "Archive IHE_XDM.ZIP refusée (" + e.code().id() + ")"), dnt, automatic);
            }
        } catch (MessagingException | IOException e) {
            throw new MssException(e, MssError.MIME_FAILED, e.getMessage());
        }
    }

    private static Optional<MailAddress> address(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            InternetAddress[] a = InternetAddress.parseHeader(header, false);
            return a.length == 0 ? Optional.empty() : Optional.of(MailAddress.of(a[0].getAddress()));
        } catch (MessagingException | MssException e) {
            return Optional.empty();
        }
    }

    private static byte[] xdmAttachment(MimeMessage m) throws MessagingException, IOException {
        if (!m.isMimeType("multipart/*")) {
            return null;
        }
        Multipart mp = (Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            String name = p.getFileName();
            if (name != null && name.toUpperCase(Locale.ROOT).equals("IHE_XDM.ZIP")) {
                try (InputStream in = p.getInputStream()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    byte[] buf = new byte[16384];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        total += n;
                        if (total > MAX_ATTACHMENT) {
                            throw new MssException(MssError.XDM_TOO_LARGE, total + " bytes", MAX_ATTACHMENT + " bytes");
                        }
                        out.write(buf, 0, n);
                    }
                    return out.toByteArray();
                }
            }
        }
        return null;
    }
}
