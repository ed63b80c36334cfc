package dev.revive.runbooks.etcd;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.disruption.MajorityQuorum;
import dev.revive.runbooks.steps.RestartSteps;

/**
 * etcd: a raft cluster; a member may go down only while a majority of the voting members stays healthy.
 * A node restart snapshots from a healthy member first ({@link RestartSteps#WITH_SNAPSHOT}, seven steps).
 */
public final class EtcdRunbook extends AbstractRunbook {

    public EtcdRunbook() {
        super(SystemKind.ETCD, new MajorityQuorum(), RestartSteps.WITH_SNAPSHOT);
    }
}
