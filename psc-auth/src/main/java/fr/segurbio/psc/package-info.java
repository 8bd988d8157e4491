/**
 * Pro Santé Connect for the lab's software: {@link fr.segurbio.psc.PscProvider} (discovery and keys),
 * {@link fr.segurbio.psc.PscClient} (browser login with PKCE, CIBA, refresh, revocation, introspection, userinfo),
 * {@link fr.segurbio.psc.PscSession} (one logged-in professional, an
 * {@link fr.segurbio.core.auth.AccessTokenSource}), {@link fr.segurbio.psc.Practitioner} (userinfo, situations
 * d'exercice, mapped to {@link fr.segurbio.core.auth.AuthenticatedPractitioner} for the DMP VIHF in AIR mode) and
 * {@link fr.segurbio.psc.TokenExchanger} (RFC 8693 over mutual TLS for the "API Pro Santé Connectées").
 *
 * <pre>{@code
 * PscClient psc = PscClient.builder(PscProvider.builder(PscEnvironment.BAC_A_SABLE).connection(connection).build())
 *         .clientId("sgl-labo-lilas").clientSecret(secret).build();
 * PscSession session = psc.session(psc.loginWithCiba(CibaRequest.forRpps("10001234567").build()));
 * AuthenticatedPractitioner who = session.authenticated(session.practitioner().onlySituation());
 * }</pre>
 */
package fr.segurbio.psc;
