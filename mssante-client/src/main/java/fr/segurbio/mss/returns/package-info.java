/**
 * The returns of MSSanté messages: RFC 8098 MDNs (read and processing acknowledgements, with the volet's error
 * codes 900–904 and HL7 table 0357), RFC 3464 DSNs, {@code [KO Intégration système !]} messages; the IMAP reading
 * of the organisational mailbox since the last UID, page by page; the status of each sent message per recipient;
 * and the receiving side's MDN.
 */
package fr.segurbio.mss.returns;
