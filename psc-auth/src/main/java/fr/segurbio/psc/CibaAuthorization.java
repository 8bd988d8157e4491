package fr.segurbio.psc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A CIBA request the provider acknowledged: its {@code auth_req_id}, when it expires and the polling interval.
 * {@link PscClient#awaitCiba(CibaAuthorization)} waits for the professional's answer.
 *
 * <pre>{@code
 * CibaAuthorization pending = psc.startCiba(request);
 * show("Validez sur l'application e-CPS (" + pending.expiresAt() + ")");
 * PscLogin login = psc.awaitCiba(pending);
 * }</pre>
 */
public final class CibaAuthorization {

    private final String authReqId;
    private final Instant expiresAt;
    private final Duration interval;
    private final CibaRequest request;
    private final CountDownLatch pinged = new CountDownLatch(1);

    CibaAuthorization(String authReqId, Instant expiresAt, Duration interval, CibaRequest request) {
        this.authReqId = Objects.requireNonNull(authReqId, "authReqId");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.request = Objects.requireNonNull(request, "request");
    }

    /**
     * The provider's id of the request.
     *
     * @return the {@code auth_req_id}
     */
    public String authReqId() {
        return authReqId;
    }

    /**
     * When the request expires.
     *
     * @return the instant
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * The polling interval the provider asked for (5 s when it gave none).
     *
     * @return the interval
     */
    public Duration interval() {
        return interval;
    }

    /**
     * The request.
     *
     * @return the request
     */
    public CibaRequest request() {
        return request;
    }

    void ping() {
        pinged.countDown();
    }

    boolean awaitPing(Duration max) throws InterruptedException {
        return pinged.await(Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "CibaAuthorization[" + authReqId + ", expires " + expiresAt + "]";
    }
}
