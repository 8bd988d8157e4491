package fr.segurbio.mss.returns;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

/**
 * Reads the returns that arrive on the lab's mailbox: RFC 8098 MDNs ({@code multipart/report;
 * report-type=disposition-notification}: {@code Final-Recipient}, {@code Original-Message-ID}, {@code Disposition}
 * with the volet's {@code processed/Error: 902^libellé}), RFC 3464 DSNs ({@code report-type=delivery-status}: one
 * {@code Final-Recipient} / {@code Action} / {@code Status} / {@code Diagnostic-Code} group per recipient, the
 * original's Message-ID from the returned headers), and {@code [KO Intégration système !][code]} messages. A
 * message that is none of these gives no return; a malformed report is refused with {@code MSS-301} / {@code
 * MSS-302}. Thread-safe.
 *
 * <pre>{@code
 * List<ReturnMessage> returns = ReturnParser.create().parse(mimeMessage);
 * }</pre>
 */
public final class ReturnParser {

    /** The subject prefix of an integration error. */
    public static final String KO_PREFIX = "[KO Intégration système !]";

    private static final Pattern KO = Pattern.compile("^\\s*\\[KO Int[ée]gration syst[èe]me !\\]\\s*(?:\\[(\\d{1,4})\\])?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ERROR = Pattern.compile("error\\s*:?\\s*(\\d{1,4})?(?:\\^([^\\^|]*))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DISPOSITION = Pattern.compile(
            "\\s*(manual-action|automatic-action)\\s*/\\s*(MDN-sent-manually|MDN-sent-automatically)\\s*;\\s*"
                    + "(displayed|dispatched|processed|deleted|denied|failed)\\s*(/.*)?",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DSN_STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final long MAX_REPORT_PART = 64 * 1024;

    private ReturnParser() {
    }

    /**
     * A parser.
     *
     * @return the parser
     */
    public static ReturnParser create() {
        return new ReturnParser();
    }

    /**
     * The returns a message carries.
     *
     * @param message a message read from the mailbox
     * @return one return per recipient it reports on; empty when the message is not a return
     * @throws MssException {@code MSS-301} (malformed MDN or KO message), {@code MSS-302} (malformed DSN)
     */
    public List<ReturnMessage> parse(MimeMessage message) {
        try {
            ContentType type = contentType(message);
            String subject = Optional.ofNullable(message.getSubject()).orElse("");
            if (type.match("multipart/report")) {
                String report = Optional.ofNullable(type.getParameter("report-type")).orElse("")
                        .toLowerCase(Locale.ROOT);
                if (report.equals("disposition-notification")) {
                    return List.of(mdn(message, subject));
                }
                if (report.equals("delivery-status")) {
                    return dsn(message);
                }
            }
            Matcher ko = KO.matcher(subject);
            if (ko.find()) {
                return List.of(koMessage(message, ko.group(1)));
            }
            return List.of();
        } catch (MessagingException | IOException e) {
            throw new MssException(e, MssError.BAD_MDN, e.getMessage());
        }
    }

    private static ContentType contentType(Part part) throws MessagingException {
        try {
            return new ContentType(Optional.ofNullable(part.getContentType()).orElse("text/plain"));
        } catch (ParseException e) {
            return new ContentType("application", "octet-stream", null);
        }
    }

    private static Multipart multipart(MimeMessage m, MssError error) throws MessagingException, IOException {
        Object content = m.getContent();
        if (!(content instanceof Multipart mp)) {
            throw new MssException(error, "multipart/report without parts");
        }
        return mp;
    }

    private static BodyPart part(Multipart mp, String type) throws MessagingException {
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (contentType(p).match(type)) {
                return p;
            }
        }
        return null;
    }

    private ReturnMessage mdn(MimeMessage m, String subject) throws MessagingException, IOException {
        Multipart mp = multipart(m, MssError.BAD_MDN);
        BodyPart report = part(mp, "message/disposition-notification");
        if (report == null) {
            throw new MssException(MssError.BAD_MDN, "no message/disposition-notification part");
        }
        InternetHeaders fields;
        try (InputStream in = limited(report)) {
            fields = new InternetHeaders(in);
        }
        String finalRecipient = fields.getHeader("Final-Recipient", null);
        String disposition = fields.getHeader("Disposition", null);
        if (finalRecipient == null) {
            throw new MssException(MssError.BAD_MDN, "Final-Recipient missing");
        }
        if (disposition == null) {
            throw new MssException(MssError.BAD_MDN, "Disposition missing");
        }
        String original = fields.getHeader("Original-Recipient", null);
        MailAddress recipient = address(original != null ? original : finalRecipient, MssError.BAD_MDN);
        String originalId = messageId(fields.getHeader("Original-Message-ID", null));
        if (originalId == null) {
            originalId = originalFromParts(mp);
        }
        if (originalId == null) {
            originalId = inReplyTo(m);
        }
        if (originalId == null) {
            throw new MssException(MssError.BAD_MDN, "no Original-Message-ID (nor original message)");
        }
        Matcher d = DISPOSITION.matcher(disposition.replaceAll("\\s+", " "));
        if (!d.matches()) {
            throw new MssException(MssError.BAD_MDN, "Disposition \"" + disposition + "\"");
        }
        String type = d.group(3).toLowerCase(Locale.ROOT);
        String modifiers = Optional.ofNullable(d.group(4)).orElse("");
        Optional<String> code = Optional.empty();
        Optional<String> detail = Optional.empty();
        RecipientStatus status = switch (type) {
            case "displayed" -> RecipientStatus.READ;
            case "processed", "dispatched" -> RecipientStatus.PROCESSED;
            default -> RecipientStatus.FAILED;
        };
        if (status == RecipientStatus.FAILED) {
            detail = Optional.of(type);
        }
        Matcher e = ERROR.matcher(modifiers);
        if (e.find()) {
            status = RecipientStatus.FAILED;
            code = Optional.ofNullable(e.group(1));
            Optional<String> known = code.flatMap(c -> VoletCode.label(Integer.parseInt(c)));
            detail = Optional.ofNullable(e.group(2)).map(String::strip).filter(s -> !s.isEmpty())
                    .or(() -> known).or(() -> Optional.of(modifiers.replaceFirst("^/", "").strip()));
        }
        Matcher ko = KO.matcher(subject);
        if (ko.find()) {
            status = RecipientStatus.FAILED;
            if (code.isEmpty()) {
                code = Optional.ofNullable(ko.group(1));
            }
        }
        if (code.isPresent() && detail.isEmpty()) {
            detail = VoletCode.label(Integer.parseInt(code.get()));
        }
        return new ReturnMessage(ReturnMessage.Kind.MDN, originalId, Optional.of(recipient), status, code, detail,
                Optional.ofNullable(m.getMessageID()));
    }

    private List<ReturnMessage> dsn(MimeMessage m) throws MessagingException, IOException {
        Multipart mp = multipart(m, MssError.BAD_DSN);
        BodyPart report = part(mp, "message/delivery-status");
        if (report == null) {
            throw new MssException(MssError.BAD_DSN, "no message/delivery-status part");
        }
        String originalId = originalFromParts(mp);
        if (originalId == null) {
            originalId = inReplyTo(m);
        }
        if (originalId == null) {
            throw new MssException(MssError.BAD_DSN, "no original message or headers (Message-ID unknown)");
        }
        List<ReturnMessage> out = new ArrayList<>();
        try (BufferedInputStream in = new BufferedInputStream(limited(report))) {
            new InternetHeaders(in);   // per-message fields (Reporting-MTA, Arrival-Date…)
            while (true) {
                skipBlankLines(in);
                in.mark(1);
                if (in.read() < 0) {
                    break;
                }
                in.reset();
                InternetHeaders r = new InternetHeaders(in);
                String finalRecipient = r.getHeader("Final-Recipient", null);
                String action = r.getHeader("Action", null);
                String st = r.getHeader("Status", null);
                if (finalRecipient == null || action == null || st == null) {
                    throw new MssException(MssError.BAD_DSN,
                            "a recipient group lacks Final-Recipient, Action or Status");
                }
                String statusCode = st.trim().split("\\s")[0];
                if (!DSN_STATUS.matcher(statusCode).matches()) {
                    throw new MssException(MssError.BAD_DSN, "Status \"" + st + "\"");
                }
                RecipientStatus status = switch (action.trim().toLowerCase(Locale.ROOT)) {
                    case "failed" -> RecipientStatus.FAILED;
                    case "delayed" -> RecipientStatus.DELAYED;
                    case "delivered", "relayed", "expanded" -> RecipientStatus.DELIVERED;
                    default -> throw new MssException(MssError.BAD_DSN, "Action \"" + action + "\"");
                };
                String diagnostic = r.getHeader("Diagnostic-Code", null);
                out.add(new ReturnMessage(ReturnMessage.Kind.DSN, originalId,
                        Optional.of(address(finalRecipient, MssError.BAD_DSN)), status, Optional.of(statusCode),
                        Optional.ofNullable(diagnostic).map(s -> s.replaceFirst("(?i)^\\s*smtp\\s*;\\s*", "").strip()),
                        Optional.ofNullable(m.getMessageID())));
            }
        }
        if (out.isEmpty()) {
            throw new MssException(MssError.BAD_DSN, "no recipient group");
        }
        return out;
    }

    private ReturnMessage koMessage(MimeMessage m, String code) throws MessagingException, IOException {
        String originalId = inReplyTo(m);
        if (originalId == null && m.isMimeType("multipart/*")) {
            originalId = originalFromParts((Multipart) m.getContent());
        }
        if (originalId == null) {
            throw new MssException(MssError.BAD_MDN, "[KO] message without In-Reply-To, References or original");
        }
        Optional<MailAddress> from = Optional.empty();
        if (m.getFrom() != null && m.getFrom().length > 0) {
            String a = ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress();
            try {
                from = Optional.of(MailAddress.of(a));
            } catch (MssException e) {
                from = Optional.empty();
            }
        }
        return new ReturnMessage(ReturnMessage.Kind.KO_MESSAGE, originalId, from, RecipientStatus.FAILED,
                Optional.ofNullable(code), Optional.ofNullable(code).flatMap(c -> VoletCode.label(Integer.parseInt(c))),
                Optional.ofNullable(m.getMessageID()));
    }

    private static InputStream limited(Part p) throws MessagingException, IOException {
        return new fr.segurbio.transport.SecureXml.LimitedInputStream(p.getInputStream(), MAX_REPORT_PART);
    }

    private static void skipBlankLines(BufferedInputStream in) throws IOException {
        while (true) {
            in.mark(2);
            int c = in.read();
            if (c == '\r' || c == '\n') {
                continue;
            }
            in.reset();
            return;
        }
    }

    /** The Message-ID of the returned original (message/rfc822 or text/rfc822-headers part). */
    private static String originalFromParts(Multipart mp) throws MessagingException, IOException {
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            ContentType t = contentType(p);
            if (t.match("message/rfc822") || t.match("text/rfc822-headers")) {
                try (InputStream in = p.getInputStream()) {
                    InternetHeaders h = new InternetHeaders(in);
                    String id = messageId(h.getHeader("Message-ID", null));
                    if (id != null) {
                        return id;
                    }
                }
            }
        }
        return null;
    }

    private static String inReplyTo(MimeMessage m) throws MessagingException {
        String id = messageId(m.getHeader("In-Reply-To", null));
        if (id != null) {
            return id;
        }
        String refs = m.getHeader("References", " ");
        if (refs != null) {
            String[] ids = refs.trim().split("\\s+");
            return messageId(ids[ids.length - 1]);
        }
        return null;
    }

    static String messageId(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt + 1) {
            return v.substring(lt, gt + 1);
        }
        return v.isEmpty() || v.contains(" ") ? null : "<" + v + ">";
    }

    private static MailAddress address(String field, MssError error) {
        String v = field.trim();
        int semi = v.indexOf(';');
        if (semi < 0 || !v.substring(0, semi).trim().equalsIgnoreCase("rfc822")) {
            throw new MssException(error, "recipient field \"" + field + "\" (rfc822; address expected)");
        }
        String a = v.substring(semi + 1).trim();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        try {
            return MailAddress.of(a);
        } catch (MssException e) {
            throw new MssException(e, error, "recipient \"" + a + "\"");
        }
    }
}
