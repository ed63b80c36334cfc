package dev.revive.runbooks.etcd;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.disruption.MajorityQuorum;

/** etcd: a raft cluster; a member may go down only while a majority of the voting members stays healthy. */
public final class EtcdRunbook implements Runbook {

    private final DisruptionModel disruption = new MajorityQuorum();

    @Override
    public SystemKind kind() {
        return SystemKind.ETCD;
    }

    @Override
    public DisruptionModel disruption() {
        return disruption;
    }
}
