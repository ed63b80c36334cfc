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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
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

    /** The actions whose failure does not end a restart (see {@link #numbered}); before the tables that use it. */
    private static final Set<Action> CONTINUING = Set.of(Action.SNAPSHOT, Action.FENCE_WRITES, Action.ISOLATE);

    /** What every restart does: stop, force-kill, clean temp, start, await healthy, await caught up. */
    private static final List<Action> RESTART = List.of(Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP,
            Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);

    /** Snapshot from a healthy member, then the restart: {@code 01-snapshot} … {@code 07-await-caught-up}. */
    public static final RestartSteps WITH_SNAPSHOT = numbered(
            Stream.concat(Stream.of(Action.SNAPSHOT), RESTART.stream()).toList());

    /** The restart alone: {@code 01-stop} … {@code 06-await-caught-up}. */
    public static final RestartSteps WITHOUT_SNAPSHOT = numbered(RESTART);

    /** The longest step id a plan accepts. */
    private static final int MAX_STEP_ID = 128;

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
     * The steps that restart every member of {@code spec} one at a time, for a cluster that is sick as a whole while
     * its members run: the table's SNAPSHOT, if it has one, once before anything and on no node (its id as in the
     * table, {@code 01-snapshot}); then, member by member in spec order, the table's other rows with the ids
     * {@code <node>.<row id>} ({@code k2.04-start}; {@code m<n>.} for a node id too long to prefix). The order of the
     * members is the planner's proposal: the executor runs the live leader's steps after every other member's.
     */
    public List<PlanStep> rolling(ClusterSpec spec, StepSettings settings) {
        List<PlanStep> steps = new ArrayList<>();
        rows.stream().filter(row -> row.action() == Action.SNAPSHOT).findFirst().ifPresent(row -> steps.add(
                new PlanStep(row.stepId(), row.action(), null, params(row.action(), spec, null, Set.of(), settings,
                        false), row.onFailure())));
        List<NodeSpec> nodes = spec.nodes();
        for (int index = 0; index < nodes.size(); index++) {
            NodeSpec node = nodes.get(index);
            String prefix = memberPrefix(node, index);
            for (Row row : rows) {
                if (row.action() != Action.SNAPSHOT) {
                    steps.add(new PlanStep(prefix + row.stepId(), row.action(), node.id(),
                            params(row.action(), spec, node, Set.of(), settings, false), row.onFailure()));
                }
            }
        }
        return List.copyOf(steps);
    }

    /**
     * The steps that start a cluster whose every member is down (a full crash), phase by phase across the members:
     * a member that runs after all is stopped first ({@code <node>.00-stop}: one an earlier plan started alone, which
     * waited for a quorum that never came; re-probed first, and the plan cancelled if it answers; {@code wholeCluster},
     * since no quorum is left to guard; SKIPPED for the members that are down), each member's data backed up before
     * anything else is touched ({@code <node>.01-back-up-data}, BACKUP_DATA; a copy that fails ends the plan), every
     * member started ({@code <node>.02-start}; a member that does not start does not stop the others, CONTINUE), the cluster awaited as a whole ({@code 03-await-quorum}, AWAIT_QUORUM on no node:
     * a majority elects a leader, which no member can alone), then each member healthy and caught up
     * ({@code <node>.04-await-healthy}, {@code <node>.05-await-caught-up}, CONTINUE). A member whose START or
     * AWAIT_HEALTHY failed is the planner's to replace once the plan ends. The phases interleave the members, so the
     * executor keeps this order.
     */
    public static List<PlanStep> wholeCluster(ClusterSpec spec, StepSettings settings) {
        List<PlanStep> steps = new ArrayList<>();
        everyMember(spec, settings, steps, true, StepParams::withWholeCluster,
                new Row("00-stop", Action.STOP, OnFailure.ABORT));
        everyMember(spec, settings, steps, false, UnaryOperator.identity(),
                new Row("01-back-up-data", Action.BACKUP_DATA, OnFailure.ABORT));
        everyMember(spec, settings, steps, false, UnaryOperator.identity(),
                new Row("02-start", Action.START, OnFailure.CONTINUE));
        steps.add(awaitQuorum("03-await-quorum", spec, settings));
        awaitEveryMember(spec, settings, steps, "04-await-healthy", "05-await-caught-up");
        return List.copyOf(steps);
    }

    /**
     * The steps that roll a whole cluster back to one snapshot (named, or null: the newest verified one before the
     * plan), phase by phase across the members: every member stopped ({@code <node>.01-stop}, {@code
     * <node>.02-force-kill}, marked {@code wholeCluster}: the cluster goes down on purpose, an operator approved it),
     * every member restored from the same snapshot ({@code <node>.03-restore-snapshot}, RESTORE_SNAPSHOT: a new data
     * directory, the old one kept aside), every member started ({@code <node>.04-start}, CONTINUE), the quorum awaited
     * ({@code 05-await-quorum}), then each member ({@code <node>.06-await-healthy}, {@code <node>.07-await-caught-up},
     * CONTINUE). A stop or restore that fails ends the plan (ABORT): the members restored so far keep their old
     * directories aside for a human.
     */
    public static List<PlanStep> restoreAll(ClusterSpec spec, String snapshot, StepSettings settings) {
        List<PlanStep> steps = new ArrayList<>();
        everyMember(spec, settings, steps, false, StepParams::withWholeCluster,
                new Row("01-stop", Action.STOP, OnFailure.ABORT),
                new Row("02-force-kill", Action.FORCE_KILL, OnFailure.ABORT));
        everyMember(spec, settings, steps, false, params -> params.withSnapshot(snapshot),
                new Row("03-restore-snapshot", Action.RESTORE_SNAPSHOT, OnFailure.ABORT));
        everyMember(spec, settings, steps, false, UnaryOperator.identity(),
                new Row("04-start", Action.START, OnFailure.CONTINUE));
        steps.add(awaitQuorum("05-await-quorum", spec, settings));
        awaitEveryMember(spec, settings, steps, "06-await-healthy", "07-await-caught-up");
        return List.copyOf(steps);
    }

    /**
     * For each member in spec order, {@code rows} as {@code <node>.<row id>} with the table's parameters for their
     * action, changed by {@code adjusted}.
     */
    private static void everyMember(ClusterSpec spec, StepSettings settings, List<PlanStep> steps,
            boolean confirmUnresponsive, UnaryOperator<StepParams> adjusted, Row... rows) {
        List<NodeSpec> nodes = spec.nodes();
        for (int index = 0; index < nodes.size(); index++) {
            NodeSpec node = nodes.get(index);
            for (Row row : rows) {
                steps.add(new PlanStep(memberPrefix(node, index) + row.stepId(), row.action(), node.id(),
                        adjusted.apply(params(row.action(), spec, node, Set.of(), settings, confirmUnresponsive)),
                        row.onFailure()));
            }
        }
    }

    /** Each member healthy, then each caught up, neither stopping the plan for one member that is not (CONTINUE). */
    private static void awaitEveryMember(ClusterSpec spec, StepSettings settings, List<PlanStep> steps,
            String healthyId, String caughtUpId) {
        everyMember(spec, settings, steps, false, UnaryOperator.identity(),
                new Row(healthyId, Action.AWAIT_HEALTHY, OnFailure.CONTINUE));
        everyMember(spec, settings, steps, false, UnaryOperator.identity(),
                new Row(caughtUpId, Action.AWAIT_CAUGHT_UP, OnFailure.CONTINUE));
    }

    /** The cluster awaited as a whole (AWAIT_QUORUM on no node); a cluster that finds no quorum ends the plan. */
    private static PlanStep awaitQuorum(String stepId, ClusterSpec spec, StepSettings settings) {
        return new PlanStep(stepId, Action.AWAIT_QUORUM, null,
                params(Action.AWAIT_QUORUM, spec, null, Set.of(), settings, false), OnFailure.ABORT);
    }

    /** {@code <node>.}, or {@code m<n>.} for a node id too long to prefix a step id. */
    private static String memberPrefix(NodeSpec node, int index) {
        return (node.id().length() + 12 <= MAX_STEP_ID ? node.id() : "m" + (index + 1)) + ".";
    }

    /**
     * {@code steps} inside a write fence: {@code 00-fence-writes} (FENCE_WRITES, on no node) first and
     * {@code 99-unfence} (UNFENCE, on no node) last. A fence that cannot be set does not keep a member down
     * (CONTINUE, as a snapshot; its step event says so); an UNFENCE that fails ends the plan ABORTED, which a human
     * must see. The executor runs UNFENCE on every early end of the plan as well.
     */
    public static List<PlanStep> fenced(List<PlanStep> steps, StepSettings settings) {
        StepParams params = new StepParams(settings.awaitHealthyTimeout(), null, null, null, settings.attempts());
        List<PlanStep> fenced = new ArrayList<>();
        fenced.add(new PlanStep("00-fence-writes", Action.FENCE_WRITES, null, params, OnFailure.CONTINUE));
        fenced.addAll(steps);
        fenced.add(new PlanStep("99-unfence", Action.UNFENCE, null, params, OnFailure.ABORT));
        return List.copyOf(fenced);
    }

    /**
     * One row per action, in order, with the id {@code NN-action} ({@code 03-force-kill}). A failed snapshot, write
     * fence or isolation in the load balancer does not keep a node down (CONTINUE: they protect, they do not repair,
     * and their step event says what failed); any other failed step ends the plan (ABORT).
     */
    public static RestartSteps numbered(List<Action> actions) {
        return new RestartSteps(IntStream.range(0, actions.size()).mapToObj(index -> {
            Action action = actions.get(index);
            String name = action.name().toLowerCase(Locale.ROOT).replace('_', '-');
            String stepId = String.format("%02d-%s", index + 1, name);
            return new Row(stepId, action, CONTINUING.contains(action) ? OnFailure.CONTINUE : OnFailure.ABORT);
        }).toList());
    }


    /** The first voting member, in spec order, with no open fault and other than the target (null: no target). */
    public static Optional<String> snapshotSource(ClusterSpec spec, String target, Set<String> openNodes) {
        return spec.nodes().stream()
                .filter(node -> node.role() != NodeRole.LEARNER)
                .map(NodeSpec::id)
                .filter(id -> !id.equals(target) && !openNodes.contains(id))
                .findFirst();
    }

    /**
     * One step of a restart action for {@code node} outside the tables (a kind's own plan that waits as a restart
     * does): its parameters are the tables' own for that action; it ABORTs the plan when it fails.
     */
    public static PlanStep step(String stepId, Action action, ClusterSpec spec, NodeSpec node, StepSettings settings) {
        return new PlanStep(stepId, action, node.id(), params(action, spec, node, Set.of(), settings, false),
                OnFailure.ABORT);
    }

    private static StepParams params(Action action, ClusterSpec spec, NodeSpec node, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        int attempts = settings.attempts();
        return switch (action) {
            case SNAPSHOT -> new StepParams(settings.snapshotTimeout(), null,
                    snapshotSource(spec, node == null ? null : node.id(), openNodes).orElse(null), null, attempts);
            case STOP -> {
                Duration grace = gracePeriod(node, settings);
                yield new StepParams(grace.plus(settings.stopMargin()), grace, null, null, attempts, confirmUnresponsive);
            }
            case FORCE_KILL -> new StepParams(settings.forceKillTimeout(), null, null, null, attempts,
                    confirmUnresponsive);
            case CLEAN_TEMP -> new StepParams(settings.cleanTempTimeout(), null, null, null, attempts);
            case START -> new StepParams(settings.startTimeout(), null, null, null, attempts);
            case AWAIT_HEALTHY -> new StepParams(settings.awaitHealthyTimeout(), null, null, null, attempts);
            case BACKUP_DATA, RESTORE_SNAPSHOT -> new StepParams(settings.snapshotTimeout(), null, null, null, attempts);
            case AWAIT_QUORUM -> new StepParams(settings.startTimeout().plus(settings.awaitHealthyTimeout()), null,
                    null, null, attempts);
            case AWAIT_CAUGHT_UP -> new StepParams(settings.awaitCaughtUpTimeout(), null, null,
                    spec.policy().verification().maxAppliedIndexLag(), attempts);
            case ISOLATE, REJOIN, FENCE_WRITES, UNFENCE -> new StepParams(settings.awaitHealthyTimeout(), null, null,
                    null, attempts);
            case PROMOTE -> new StepParams(settings.awaitCaughtUpTimeout().plus(settings.awaitHealthyTimeout()), null,
                    null, null, attempts);
            default -> throw new IllegalArgumentException("no restart parameters for " + action);
        };
    }

    private static Duration gracePeriod(NodeSpec node, StepSettings settings) {
        return node.control() instanceof ProcessControl process ? process.stopTimeout() : settings.defaultGracePeriod();
    }
}
