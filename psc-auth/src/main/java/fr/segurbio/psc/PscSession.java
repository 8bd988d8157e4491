package fr.segurbio.psc;

import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import fr.segurbio.core.auth.AccessTokenSource;
import fr.segurbio.core.auth.AuthenticatedPractitioner;

/**
 * One logged-in professional: the tokens, renewed before the access token expires. Many threads may ask for the
 * token at once: one of them refreshes, the others wait for its result and reuse it, so a refresh is neither
 * lost nor doubled (PSC may rotate refresh tokens; two refreshes with the same one would end the session).
 * Sessions of different users never wait for one another.
 *
 * <p>A session is the {@link AccessTokenSource} that mssante-client and the API clients take.
 *
 * <pre>{@code
 * PscSession session = psc.session(login);
 * AccessTokenSource tokens = session;               // for mssante-client
 * Practitioner p = session.practitioner();
 * AuthenticatedPractitioner who = session.authenticated(p.onlySituation());   // for dmp-client (VIHF AIR)
 * session.logout();
 * }</pre>
 */
public final class PscSession implements AccessTokenSource {

    private final PscClient client;
    private final VerifiedIdToken idToken;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong refreshes = new AtomicLong();
    private volatile PscTokens tokens;
    private volatile boolean ended;
    private volatile Practitioner practitioner;

    PscSession(PscClient client, PscLogin login) {
        this.client = Objects.requireNonNull(client, "client");
        this.idToken = login.idToken();
        this.tokens = login.tokens();
    }

    /**
     * An access token valid for at least the refresh margin, renewed first when needed.
     *
     * @return the access token
     * @throws PscException {@link PscError#SESSION_ENDED} after logout, {@link PscError#REFRESH_REFUSED} when
     *         the provider refuses to renew (the professional must log in again)
     */
    @Override
    public String accessToken() {
        PscTokens t = tokens;
        if (ended) {
            throw new PscException(PscError.SESSION_ENDED);
        }
        if (fresh(t)) {
            return t.accessToken();
        }
        lock.lock();
        try {
            if (ended) {
                throw new PscException(PscError.SESSION_ENDED);
            }
            t = tokens;
            if (fresh(t)) {
                return t.accessToken();
            }
            PscTokens renewed;
            try {
                renewed = client.refresh(t);
            } catch (PscException e) {
                if (e.code() == PscError.REFRESH_REFUSED) {
                    ended = true;
                }
                throw e;
            }
            refreshes.incrementAndGet();
            tokens = renewed;
            return renewed.accessToken();
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(PscTokens t) {
        return t.expiresAt().minus(client.refreshMargin()).isAfter(client.clock().instant());
    }

    /**
     * The tokens held now (not renewed).
     *
     * @return the tokens
     */
    public PscTokens tokens() {
        return tokens;
    }

    /**
     * The ID token of the login.
     *
     * @return the verified ID token
     */
    public VerifiedIdToken idToken() {
        return idToken;
    }

    /**
     * How many times this session renewed its tokens.
     *
     * @return the count
     */
    public long refreshCount() {
        return refreshes.get();
    }

    /**
     * Whether the session ended (logout, or a refused refresh).
     *
     * @return true when ended
     */
    public boolean ended() {
        return ended;
    }

    /**
     * The professional (userinfo, read once with a current access token).
     *
     * @return the practitioner
     */
    public Practitioner practitioner() {
        Practitioner p = practitioner;
        if (p == null) {
            p = client.userInfo(accessToken());
            practitioner = p;
        }
        return p;
    }

    /**
     * The professional in a situation d'exercice, for dmp-client (VIHF in AIR mode) and mssante-client, with
     * the ID token's authentication time.
     *
     * @param situation one of {@code practitioner().situations()}
     * @return the authenticated practitioner
     */
    public AuthenticatedPractitioner authenticated(Situation situation) {
        return practitioner().toAuthenticated(situation, idToken.authenticatedAt());
    }

    /**
     * Ends the session: revokes its tokens at the provider; {@link #accessToken()} then fails.
     */
    public void logout() {
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            client.logout(tokens);
        } finally {
            lock.unlock();
        }
    }

    /**
     * When the access token held now expires.
     *
     * @return the instant
     */
    public Instant expiresAt() {
        return tokens.expiresAt();
    }

    @Override
    public String toString() {
        return "PscSession[" + idToken.subject() + (ended ? ", ended" : "") + "]";
    }
}
