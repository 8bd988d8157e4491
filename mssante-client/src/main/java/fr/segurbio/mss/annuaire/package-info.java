/**
 * Finding a professional's MSSanté mailboxes from the RPPS: the Annuaire Santé FHIR API ({@link
 * fr.segurbio.mss.annuaire.AnnuaireClient}) or the "extraction des BAL MSSanté" flat file ({@link
 * fr.segurbio.mss.annuaire.BalExtract}), and the checks before sending (identity, liste rouge, mailbox type).
 */
package fr.segurbio.mss.annuaire;
