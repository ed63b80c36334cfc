package dev.revive.runbooks.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.Runbook;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.disruption.MajorityQuorum;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;

/**
 * etcd: a raft cluster; a member may go down only while a majority of the voting members stays healthy.
 * A node restart snapshots from a healthy member first ({@link RestartSteps#WITH_SNAPSHOT}, seven steps).
 */
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

    @Override
    public List<PlanStep> nodeRestart(ClusterSpec spec, NodeSpec node, Set<String> openNodes, StepSettings settings,
            boolean confirmUnresponsive) {
        return RestartSteps.WITH_SNAPSHOT.steps(spec, node, openNodes, settings, confirmUnresponsive);
    }
}
