package dev.revive.executor.lock;

import dev.revive.executor.plan.ClusterLocking;
import dev.revive.executor.plan.HeldLock;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The one-executor-per-cluster locks, in the coordination etcd. A lock is the key
 * {@code revive/locks/<clusterId>}, created with a put-if-absent transaction under a lease that is
 * kept alive while the plan runs; the fencing token is the key's create revision, so a lock taken
 * again after a loss always has a new, higher token.
 */
public final class CoordinationLocks implements ClusterLocking, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoordinationLocks.class);

    private final Coordination etcd;
    private final String executorId;
    private final Duration ttl;
    private final Duration retryInterval;
    private final ScheduledExecutorService scheduler;

    /**
     * @param endpoints     client URLs of the coordination etcd
     * @param executorId    written as the lock's value, so an operator sees who holds it
     * @param ttl           the lease TTL: how long a crashed executor keeps a cluster locked
     * @param callTimeout   the bound of every etcd call
     * @param retryInterval how often a lock held by another executor is tried again
     */
    public CoordinationLocks(List<String> endpoints, String executorId, Duration ttl, Duration callTimeout,
            Duration retryInterval) {
        this(endpoints, executorId, ttl, callTimeout, retryInterval, CoordinationSecurity.NONE);
    }

    /** As above, reaching the coordination etcd with {@code security} (TLS, user). */
    public CoordinationLocks(List<String> endpoints, String executorId, Duration ttl, Duration callTimeout,
            Duration retryInterval, CoordinationSecurity security) {
        this.etcd = new Coordination(endpoints, callTimeout, security);
        this.executorId = executorId;
        this.ttl = ttl;
        this.retryInterval = retryInterval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "executor-lease-keeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public HeldLock acquire(String clusterId, BooleanSupplier cancelled) throws InterruptedException {
        LeaseKeeper lease = LeaseKeeper.grant(etcd, ttl, scheduler);
        try {
            while (!cancelled.getAsBoolean()) {
                if (lease.lost()) {
                    lease.close();
                    lease = LeaseKeeper.grant(etcd, ttl, scheduler);
                }
                OptionalLong token = putIfAbsent(clusterId, lease.id());
                if (token.isPresent()) {
                    return new EtcdClusterLock(etcd, clusterId, token.getAsLong(), lease);
                }
                Thread.sleep(retryInterval.toMillis());
            }
        } catch (InterruptedException | RuntimeException e) {
            lease.close();
            throw e;
        }
        lease.close();
        return null;
    }

    /** The create revision of the new lock key, or empty when another holder has it. */
    private OptionalLong putIfAbsent(String clusterId, long leaseId) {
        ByteSequence key = Coordination.lockKey(clusterId);
        TxnResponse response = etcd.await("take lock " + clusterId, etcd.client().getKVClient().txn()
                .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(key, Coordination.bytes(executorId), PutOption.builder().withLeaseId(leaseId).build()),
                        Op.get(key, GetOption.DEFAULT))
                .Else(Op.get(key, GetOption.DEFAULT))
                .commit());
        List<KeyValue> found = response.getGetResponses().get(0).getKvs();
        if (response.isSucceeded()) {
            return OptionalLong.of(found.get(0).getCreateRevision());
        }
        if (!found.isEmpty()) {
            LOG.debugf("lock of %s is held by %s (token %d); waiting", clusterId,
                    found.get(0).getValue().toString(StandardCharsets.UTF_8), found.get(0).getCreateRevision());
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        etcd.close();
    }
}
