/**
 * A DMP (Mon espace santé) simulator that vendors start in their own tests: it runs on the testkit's mutual-TLS
 * server, checks the client certificate, the SOAP 1.2 / WS-Addressing envelope, the signed VIHF, the XDS schemas
 * and the DMP's rules (N1 + N3 with XFRM, value sets, RPLC, ITI-57 transitions, the patient's DMP state and
 * oppositions), keeps the documents in memory, and can inject faults (delays, HTTP errors, SOAP faults, a
 * connection dropped after commit).
 *
 * <pre>{@code
 * try (DmpSimulator dmp = DmpSimulator.builder(pki).conformance(Path.of("../shared")).start()) {
 *     dmp.patient("2900175056031");
 *     URI base = dmp.baseUri();
 * }
 * }</pre>
 */
package fr.segurbio.testkit.dmp;
