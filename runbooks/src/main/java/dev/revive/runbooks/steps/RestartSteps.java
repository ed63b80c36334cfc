package dev.revive.runbooks.steps;

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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A node-restart sequence as a table: the rows (step id, action, on-failure) are data, and
 * {@link #steps} fills each row's parameters from the settings, the spec and the node. The two tables Revive
 * ships number the same restart, with and without a snapshot first: {@link #WITH_SNAPSHOT} (etcd: back up first,
 * ids {@code 01-snapshot} … {@code 07-await-caught-up}) and {@link #WITHOUT_SNAPSHOT} (kinds Revive cannot snapshot).
 *
 * @param rows the steps in order
 */
public record RestartSteps(List<Row> rows) {

    /**
     * One row of the table.
     *
     * @param stepId    the step id, stable across plans (the executor resumes by it)
     * @param action    what the step does
     * @param onFailure what a failure of the step does to the plan
     */
    public record Row(String stepId, Action action, OnFailure onFailure) {
    }

    /** What every restart does: stop, force-kill, clean temp, start, await healthy, await caught up. */
    private static final List<Action> RESTART = List.of(Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP,
            Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);

    /** Snapshot from a healthy member, then the restart: {@code 01-snapshot} … {@code 07-await-caught-up}. */
    public static final RestartSteps WITH_SNAPSHOT = numbered(
            Stream.concat(Stream.of(Action.SNAPSHOT), RESTART.stream()).toList());

    /** The restart alone: {@code 01-stop} … {@code 06-await-caught-up}. */
    public static final RestartSteps WITHOUT_SNAPSHOT = numbered(RESTART);

    public RestartSteps {
        rows = List.copyOf(rows);
    }

    /**
     * The steps that restart {@code node} while the nodes in {@code openNodes} have open faults.
     * {@code confirmUnresponsive} marks STOP and FORCE_KILL for the executor's re-probe right before it signals.
     */
    public List<PlanStep> steps(ClusterSpec spec, NodeSpec node, Set<String> openNodes, StepSettings settings,
            boolean confirmUnresponsive) {
        return rows.stream().map(row -> new PlanStep(row.stepId(), row.action(), node.id(),
                params(row.action(), spec, node, openNodes, settings, confirmUnresponsive), row.onFailure())).toList();
    }

    /**
     * One row per action, in order, with the id {@code NN-action} ({@code 03-force-kill}). A failed snapshot
     * does not stop the restart (CONTINUE); any other failed step ends the plan (ABORT).
     */
    private static RestartSteps numbered(List<Action> actions) {
        return new RestartSteps(IntStream.range(0, actions.size()).mapToObj(index -> {
            Action action = actions.get(index);
            String name = action.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String stepId = String.format("%02d-%s", index + 1, name);
            return new Row(stepId, action, action == Action.SNAPSHOT ? OnFailure.CONTINUE : OnFailure.ABORT);
        }).toList());
    }

    /** The first voting member, in spec order, with no open fault and other than the target. */
    public static Optional<String> snapshotSource(ClusterSpec spec, String target, Set<String> openNodes) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER)
                .map(NodeSpec::id)
                .filter(id -> !id.equals(target) && !openNodes.contains(id))
                .findFirst();
    }

    private static StepParams params(Action action, ClusterSpec spec, NodeSpec node, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        int attempts = settings.attempts();
        return switch (action) {
            case SNAPSHOT -> new StepParams(settings.snapshotTimeout(), null,
                    snapshotSource(spec, node.id(), openNodes).orElse(null), null, attempts);
            case STOP -> {
                Duration grace = gracePeriod(node, settings);
                yield new StepParams(grace.plus(settings.stopMargin()), grace, null, null, attempts, confirmUnresponsive);
            }
            case FORCE_KILL -> new StepParams(settings.forceKillTimeout(), null, null, null, attempts,
                    confirmUnresponsive);
            case CLEAN_TEMP -> new StepParams(settings.cleanTempTimeout(), null, null, null, attempts);
            case START -> new StepParams(settings.startTimeout(), null, null, null, attempts);
            case AWAIT_HEALTHY -> new StepParams(settings.awaitHealthyTimeout(), null, null, null, attempts);
            case AWAIT_CAUGHT_UP -> new StepParams(settings.awaitCaughtUpTimeout(), null, null,
                    spec.policy().verification().maxAppliedIndexLag(), attempts);
            default -> throw new IllegalArgumentException("no restart parameters for " + action);
        };
    }

    private static Duration gracePeriod(NodeSpec node, StepSettings settings) {
        return node.control() instanceof ProcessControl process ? process.stopTimeout() : settings.defaultGracePeriod();
    }
}
