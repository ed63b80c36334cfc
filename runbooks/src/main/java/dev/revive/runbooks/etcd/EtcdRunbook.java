package dev.revive.runbooks.etcd;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.StepParams;
import dev.revive.runbooks.AbstractRunbook;
import dev.revive.runbooks.disruption.MajorityQuorum;
import dev.revive.runbooks.steps.RestartSteps;
import dev.revive.runbooks.steps.StepSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * etcd: a raft cluster; a member may go down only while a majority of the voting members stays healthy.
 * A node restart snapshots from a healthy member first ({@link RestartSteps#WITH_SNAPSHOT}, seven steps). In a rolling
 * restart each member first hands leadership on if it leads ({@code <node>.01-move-leader}, MOVE_LEADER), so that
 * the leader, which the executor takes last, is a follower by the time it is stopped. A spec that names application
 * roles ({@code fencedRoles}) gets its plans inside a write fence (FENCE_WRITES first, UNFENCE last).
 */
public final class EtcdRunbook extends AbstractRunbook {

    /** The least time a member replacement gets: copies, two membership changes, a start and a promotion. */
    public static final Duration REPLACEMENT_TIME = Duration.ofSeconds(60);

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

    /**
     * A member that cannot come back is replaced: {@code 00-stop} (SKIPPED when it is down; a member an operator asked
     * to replace may run, and is stopped under the live disruption guard), {@code 01-replace-member} (REPLACE_MEMBER:
     * back up what is left of its data directory, member remove, the directory moved aside, member add as a learner, start with the live
     * membership, promote once in sync; at least {@link #REPLACEMENT_TIME}), then {@code 02-await-healthy} and
     * {@code 03-await-caught-up}; inside the write fence when the spec names roles.
     */
    @Override
    public Optional<List<PlanStep>> replacement(ClusterSpec spec, NodeSpec node, StepSettings settings) {
        Duration timeout = settings.startTimeout().multipliedBy(4).compareTo(REPLACEMENT_TIME) > 0
                ? settings.startTimeout().multipliedBy(4) : REPLACEMENT_TIME;
        List<PlanStep> steps = List.of(
                RestartSteps.step("00-stop", Action.STOP, spec, node, settings),
                new PlanStep("01-replace-member", Action.REPLACE_MEMBER, node.id(),
                        new StepParams(timeout, null, null, null, settings.attempts()), OnFailure.ABORT),
                RestartSteps.step("02-await-healthy", Action.AWAIT_HEALTHY, spec, node, settings),
                RestartSteps.step("03-await-caught-up", Action.AWAIT_CAUGHT_UP, spec, node, settings));
        return Optional.of(bracketed(spec, steps, settings));
    }

    /**
     * A cluster whose every member is down starts as one ({@link RestartSteps#wholeCluster}): each member's data backed
     * up, all started, one leader awaited, then each member. No write fence: nothing reaches a cluster that is down,
     * and the fence needs one that answers.
     */
    @Override
    public Optional<List<PlanStep>> fullRestart(ClusterSpec spec, StepSettings settings) {
        return Optional.of(RestartSteps.wholeCluster(spec, settings));
    }

    /**
     * A cluster rolled back to a snapshot ({@link RestartSteps#restoreAll}): every member stopped, restored from the
     * same snapshot into a new data directory with a new cluster token, started, awaited; inside the write fence where
     * the spec names roles (the fence's record restores the roles' permissions after the restore).
     */
    @Override
    public Optional<List<PlanStep>> rollback(ClusterSpec spec, String snapshot, StepSettings settings) {
        return Optional.of(bracketed(spec, RestartSteps.restoreAll(spec, snapshot, settings), settings));
    }

    /** A cluster whose spec names application roles ({@code fencedRoles}) has their writes fenced during a plan. */
    @Override
    protected boolean fencesWrites(ClusterSpec spec) {
        return !spec.fencedRoles().isEmpty();
    }
}
