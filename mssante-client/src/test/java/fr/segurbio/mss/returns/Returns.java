package fr.segurbio.mss.returns;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** Returns written by hand, as an operator's MTA or a receiving system would write them. */
final class Returns {

    private Returns() {
    }

    static MimeMessage parse(String raw) {
        try {
            return new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mdn(String originalId, String finalRecipient, String disposition, String subject) {
        return """
                From: %2$s
                To: labo.charmes@labo.mssante.fr
                Subject: %4$s
                Message-ID: <mdn-%5$d@medecin.mssante.fr>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="b1"

                --b1
                Content-Type: text/plain; charset=UTF-8

                Accusé de traitement.
                --b1
                Content-Type: message/disposition-notification

                Reporting-UA: medecin.mssante.fr; DPI
                Original-Recipient: rfc822;%2$s
                Final-Recipient: rfc822;%2$s
                Original-Message-ID: %1$s
                Disposition: %3$s

                --b1
                Content-Type: message/rfc822

                Message-ID: %1$s
                Subject: XDM/1.0/DDM+CR d'examens biologiques ADRUN ZOE 31/12/1975

                body
                --b1--
                """.formatted(originalId, finalRecipient, disposition, subject, Math.abs(originalId.hashCode()));
    }

    static String dsn(String originalId, String groups) {
        return """
                From: MAILER-DAEMON@operateur.mssante.fr
                To: labo.charmes@labo.mssante.fr
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%2$d@operateur.mssante.fr>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b2"

                --b2
                Content-Type: text/plain

                Your message could not be delivered.
                --b2
                Content-Type: message/delivery-status

                Reporting-MTA: dns; smtp.operateur.mssante.fr
                Arrival-Date: Thu, 4 Jan 2024 15:00:00 +0100

                %3$s
                --b2
                Content-Type: text/rfc822-headers

                From: labo.charmes@labo.mssante.fr
                Message-ID: %1$s
                Subject: XDM/1.0/DDM+CR

                --b2--
                """.formatted(originalId, Math.abs(originalId.hashCode()), groups);
    }
}
