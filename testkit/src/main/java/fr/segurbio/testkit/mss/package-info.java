/**
 * An MSSanté operator for tests: {@link fr.segurbio.testkit.mss.MssOperatorFront} is the operator's "API LPS"
 * front (TLS with a required IGC-Santé-like client certificate, implicit TLS or STARTTLS, SASL XOAUTH2,
 * OAUTHBEARER and EXTERNAL) in front of any plain SMTP/IMAP store, and
 * {@link fr.segurbio.testkit.mss.AnnuaireSimulator} answers the Annuaire Santé FHIR API from fixture bundles.
 * Both check requests by themselves, from the specifications, never with the SDK's client code.
 */
package fr.segurbio.testkit.mss;
