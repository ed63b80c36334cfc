package dev.revive.planner.domain;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.StepParams;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seven steps of the node-restart plan, exactly as the project's DESIGN.md lists them:
 * snapshot from a healthy member, stop, force-kill, clean temp, start, await healthy, await caught up.
 */
public final class NodeRestartSteps {

    public static final String SNAPSHOT = "01-snapshot";
    public static final String STOP = "02-stop";
    public static final String FORCE_KILL = "03-force-kill";
    public static final String CLEAN_TEMP = "04-clean-temp";
    public static final String START = "05-start";
    public static final String AWAIT_HEALTHY = "06-await-healthy";
    public static final String AWAIT_CAUGHT_UP = "07-await-caught-up";

    private final RunbookSettings settings;

    public NodeRestartSteps(RunbookSettings settings) {
        this.settings = settings;
    }

    /** The steps that restart {@code node}, while the nodes in {@code openNodes} have open faults. */
    public List<PlanStep> steps(ClusterSpec spec, NodeSpec node, Set<String> openNodes) {
        String n = node.id();
        int attempts = settings.attempts();
        Duration grace = gracePeriod(node);
        String source = snapshotSource(spec, n, openNodes).orElse(null);
        long maxIndexLag = spec.policy().verification().maxAppliedIndexLag();
        return List.of(
                new PlanStep(SNAPSHOT, Action.SNAPSHOT, n,
                        new StepParams(settings.snapshotTimeout(), null, source, null, attempts), OnFailure.CONTINUE),
                new PlanStep(STOP, Action.STOP, n,
                        new StepParams(grace.plus(settings.stopMargin()), grace, null, null, attempts), OnFailure.ABORT),
                abortable(FORCE_KILL, Action.FORCE_KILL, n, settings.forceKillTimeout()),
                abortable(CLEAN_TEMP, Action.CLEAN_TEMP, n, settings.cleanTempTimeout()),
                abortable(START, Action.START, n, settings.startTimeout()),
                abortable(AWAIT_HEALTHY, Action.AWAIT_HEALTHY, n, settings.awaitHealthyTimeout()),
                new PlanStep(AWAIT_CAUGHT_UP, Action.AWAIT_CAUGHT_UP, n,
                        new StepParams(settings.awaitCaughtUpTimeout(), null, null, maxIndexLag, attempts),
                        OnFailure.ABORT));
    }

    /** The first voting member, in spec order, with no open fault and other than the target. */
    public static Optional<String> snapshotSource(ClusterSpec spec, String target, Set<String> openNodes) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER)
                .map(NodeSpec::id)
                .filter(id -> !id.equals(target) && !openNodes.contains(id))
                .findFirst();
    }

    private Duration gracePeriod(NodeSpec node) {
        return node.control() instanceof ProcessControl process ? process.stopTimeout() : settings.defaultGracePeriod();
    }

    private PlanStep abortable(String stepId, Action action, String nodeId, Duration timeout) {
        return new PlanStep(stepId, action, nodeId, new StepParams(timeout, null, null, null, settings.attempts()),
                OnFailure.ABORT);
    }
}
