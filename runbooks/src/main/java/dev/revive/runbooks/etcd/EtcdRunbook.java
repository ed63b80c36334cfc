package dev.revive.runbooks.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.disruption.MajorityQuorum;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * etcd: a raft cluster; a member may go down only while a majority of the voting members stays healthy.
 * A node restart snapshots from a healthy member first ({@link RestartSteps#WITH_SNAPSHOT}, seven steps). In a rolling
 * restart each member first hands leadership on if it leads ({@code <node>.01-move-leader}, MOVE_LEADER), so that
 * the leader, which the executor takes last, is a follower by the time it is stopped. A spec that names application
 * roles ({@code fencedRoles}) gets its plans inside a write fence (FENCE_WRITES first, UNFENCE last).
 */
public final class EtcdRunbook extends AbstractRunbook {

    public EtcdRunbook() {
        super(SystemKind.ETCD, new MajorityQuorum(), RestartSteps.WITH_SNAPSHOT);
    }

    @Override
    public List<PlanStep> rollingRestart(ClusterSpec spec, StepSettings settings) {
        List<PlanStep> steps = new ArrayList<>();
        for (PlanStep step : super.rollingRestart(spec, settings)) {
            if (step.action() == Action.STOP) {
                String prefix = step.stepId().substring(0, step.stepId().lastIndexOf('.') + 1);
                steps.add(new PlanStep(prefix + "01-move-leader", Action.MOVE_LEADER, step.nodeId(),
                        new StepParams(settings.awaitHealthyTimeout(), null, null, null, settings.attempts()),
                        OnFailure.ABORT));
            }
            steps.add(step);
        }
        return List.copyOf(steps);
    }

    /** A cluster whose spec names application roles ({@code fencedRoles}) has their writes fenced during a plan. */
    @Override
    protected boolean fencesWrites(ClusterSpec spec) {
        return !spec.fencedRoles().isEmpty();
    }
}
