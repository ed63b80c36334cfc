package dev.revive.runbooks;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Set;

/**
 * A runbook made of a disruption model and a {@link RestartSteps} table: a node restart is the table's steps
 * for that node.
 */
public abstract class AbstractRunbook implements Runbook {

    private final SystemKind kind;
    private final DisruptionModel disruption;
    private final RestartSteps restart;

    /**
     * @param kind       the kind the runbook is for
     * @param disruption what a cluster of the kind can lose at once
     * @param restart    the steps of a node restart
     */
    protected AbstractRunbook(SystemKind kind, DisruptionModel disruption, RestartSteps restart) {
        this.kind = kind;
        this.disruption = disruption;
        this.restart = restart;
    }

    @Override
    public final SystemKind kind() {
        return kind;
    }

    @Override
    public final DisruptionModel disruption() {
        return disruption;
    }

    @Override
    public final List<PlanStep> nodeRestart(ClusterSpec spec, NodeSpec node, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        return restart.steps(spec, node, openNodes, settings, confirmUnresponsive);
    }
}
