/**
 * SMTP submission and IMAP reading against an MSSanté operator's "API LPS" with Jakarta Mail (Eclipse Angus):
 * implicit TLS or STARTTLS (never clear text), the lab's software certificate as TLS client certificate, or a
 * Pro Santé Connect token through SASL XOAUTH2 / OAUTHBEARER; operator settings and their AutoConfig reader.
 */
package fr.segurbio.mss.mail;
