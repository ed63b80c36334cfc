package dev.revive.executor.lock;

import dev.revive.executor.plan.HeldLock;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import org.jboss.logging.Logger;

/**
 * A held cluster lock. {@link #admit} is the fence: one etcd transaction that compares the lock
 * key's create revision with the token and, only if equal, writes {@code <planId>/<stepId>} to the
 * fence key. When the lease expired and the key vanished, or another executor created it anew, the
 * compare fails and the step does not act. A lease known to be lost fails the check without asking.
 */
public final class EtcdClusterLock implements HeldLock {

    private static final Logger LOG = Logger.getLogger(EtcdClusterLock.class);

    private final Coordination etcd;
    private final String clusterId;
    private final long token;
    private final LeaseKeeper lease;
    private volatile boolean released;

    EtcdClusterLock(Coordination etcd, String clusterId, long token, LeaseKeeper lease) {
        this.etcd = etcd;
        this.clusterId = clusterId;
        this.token = token;
        this.lease = lease;
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public long token() {
        return token;
    }

    /** The id of the lease the lock key is attached to. */
    public long leaseId() {
        return lease.id();
    }

    @Override
    public boolean admit(String planId, String stepId) {
        if (released || lease.lost()) {
            LOG.warnf("fence of %s refused %s/%s: the lock was %s", clusterId, planId, stepId,
                    released ? "released" : "lost with its lease");
            return false;
        }
        ByteSequence lockKey = Coordination.lockKey(clusterId);
        try {
            boolean admitted = etcd.await("fence " + clusterId, etcd.client().getKVClient().txn()
                    .If(new Cmp(lockKey, Cmp.Op.EQUAL, CmpTarget.createRevision(token)))
                    .Then(Op.put(Coordination.fenceKey(clusterId), Coordination.bytes(planId + "/" + stepId),
                            PutOption.DEFAULT))
                    .commit()).isSucceeded();
            if (!admitted) {
                LOG.warnf("fence of %s refused %s/%s: the lock key no longer has create revision %d", clusterId,
                        planId, stepId, token);
            }
            return admitted;
        } catch (CoordinationException e) {
            LOG.warnf("fence of %s refused %s/%s: %s", clusterId, planId, stepId, e.getMessage());
            return false;
        }
    }

    /** Deletes the lock key if it is still this lock's, then revokes the lease. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        ByteSequence lockKey = Coordination.lockKey(clusterId);
        try {
            etcd.await("release lock " + clusterId, etcd.client().getKVClient().txn()
                    .If(new Cmp(lockKey, Cmp.Op.EQUAL, CmpTarget.createRevision(token)))
                    .Then(Op.delete(lockKey, DeleteOption.DEFAULT))
                    .commit());
        } catch (CoordinationException e) {
            LOG.warnf("cannot release the lock of %s (it expires with its lease): %s", clusterId, e.getMessage());
        } finally {
            lease.close();
        }
    }
}
