/**
 * Pro Santé Connect simulators: {@link fr.segurbio.testkit.psc.PscCibaSimulator} (CIBA, the flow a heavy client
 * uses without a browser) and {@link fr.segurbio.testkit.psc.ApiAuthorizationServerSimulator} (the RFC 8693
 * token exchange of an "API Pro Santé Connectée" over mutual TLS). They follow the specifications by themselves,
 * sign with their own keys and share no code with the SDK's client.
 */
package fr.segurbio.testkit.psc;
