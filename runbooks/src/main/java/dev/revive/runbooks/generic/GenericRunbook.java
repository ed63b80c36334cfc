package dev.revive.runbooks.generic;

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
 * Systems without a deep plug-in, known only through the checks their spec declares. Their membership
 * rule is unknown, so the conservative one applies: a majority of the voting nodes stays up (which is
 * exactly ZooKeeper's rule). Revive cannot snapshot them, so a restart is {@link RestartSteps#WITHOUT_SNAPSHOT}.
 */
public final class GenericRunbook implements Runbook {

    private final DisruptionModel disruption = new MajorityQuorum();

    @Override
    public SystemKind kind() {
        return SystemKind.GENERIC;
    }

    @Override
    public DisruptionModel disruption() {
        return disruption;
    }

    @Override
    public List<PlanStep> nodeRestart(ClusterSpec spec, NodeSpec node, Set<String> openNodes, StepSettings settings,
            boolean confirmUnresponsive) {
        return RestartSteps.WITHOUT_SNAPSHOT.steps(spec, node, openNodes, settings, confirmUnresponsive);
    }
}
