package dev.revive.executor.lock;

import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One lease of the coordination etcd, renewed every third of its TTL while it is held. It counts as
 * lost when etcd says it is gone or when no renewal succeeded for a whole TTL; a lost lease is never
 * renewed again. Closing it revokes it.
 */
final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final Coordination etcd;
    private final long id;
    private final Duration ttl;
    private final ScheduledFuture<?> renewal;
    private volatile long renewedAtNanos;
    private volatile boolean lost;
    private volatile boolean closed;

    private LeaseKeeper(Coordination etcd, long id, Duration ttl, ScheduledExecutorService scheduler) {
        this.etcd = etcd;
        this.id = id;
        this.ttl = ttl;
        this.renewedAtNanos = System.nanoTime();
        long period = Math.max(100, ttl.toMillis() / 3);
        this.renewal = scheduler.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Grants a lease of {@code ttl} and starts renewing it. */
    static LeaseKeeper grant(Coordination etcd, Duration ttl, ScheduledExecutorService scheduler) {
        long seconds = Math.max(1, ttl.toSeconds());
        long id = etcd.await("grant lease", etcd.client().getLeaseClient().grant(seconds)).getID();
        return new LeaseKeeper(etcd, id, ttl, scheduler);
    }

    long id() {
        return id;
    }

    /** True when the lease is gone or may be: etcd said so, or no renewal succeeded within its TTL. */
    boolean lost() {
        return lost || System.nanoTime() - renewedAtNanos > ttl.toNanos();
    }

    private void renew() {
        if (lost || closed) {
            return;
        }
        try {
            LeaseKeepAliveResponse response = etcd.await("keep lease alive",
                    etcd.client().getLeaseClient().keepAliveOnce(id));
            if (response.getTTL() <= 0) {
                markLost("etcd reports it expired");
            } else {
                renewedAtNanos = System.nanoTime();
            }
        } catch (CoordinationException e) {
            if (String.valueOf(e.getMessage()).contains("not found")) {
                markLost("etcd no longer knows it");
            } else {
                LOG.warnf("lease %x: renewal failed: %s", id, e.getMessage());
            }
        }
    }

    private void markLost(String why) {
        lost = true;
        renewal.cancel(false);
        LOG.warnf("lease %x lost: %s", id, why);
    }

    /** Stops renewing and revokes the lease; failures are logged, the lease then expires by itself. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewal.cancel(false);
        if (lost) {
            return;
        }
        try {
            etcd.await("revoke lease", etcd.client().getLeaseClient().revoke(id));
        } catch (CoordinationException e) {
            LOG.debugf("lease %x: revoke failed, it expires within %s: %s", id, ttl, e.getMessage());
        }
    }
}
