/**
 * An INSi simulator that vendors start in their own tests: it runs on the testkit's mutual-TLS server, checks
 * the client certificate's CN ({@code INSI-AUTO}/{@code INSI-MANU}) and the software's IDAM, validates every
 * request against the INSi XSDs it is given, and answers {@code 00}, {@code 01}, {@code 02} or a SOAP fault from
 * a set of test personae.
 *
 * <pre>{@code
 * try (InsiSimulator insi = InsiSimulator.builder(pki)
 *         .schemas(Path.of("../shared/conformance/insi/xsd"))
 *         .start()) {
 *     URI endpoint = insi.endpoint();
 * }
 * }</pre>
 */
package fr.segurbio.testkit.insi;
