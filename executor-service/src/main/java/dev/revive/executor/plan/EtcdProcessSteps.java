package dev.revive.executor.plan;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.targets.TargetException;
import dev.revive.targets.driver.NodeDriver;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The steps this executor can carry out on etcd clusters whose nodes are local processes: the seven
 * of the node-restart plan. Any other action, node or driver fails permanently, without acting.
 */
public final class EtcdProcessSteps implements Steps {

    /** The actions this executor carries out. */
    public static final Set<Action> SUPPORTED = EnumSet.of(Action.SNAPSHOT, Action.STOP, Action.FORCE_KILL,
            Action.CLEAN_TEMP, Action.START, Action.AWAIT_HEALTHY, Action.AWAIT_CAUGHT_UP);

    private static final Set<Action> PROCESS_ACTIONS =
            EnumSet.of(Action.STOP, Action.FORCE_KILL, Action.CLEAN_TEMP, Action.START);

    private final NodeSteps nodes;
    private final MemberSteps members;

    /**
     * @param driver       acts on node processes
     * @param etcd         asks the target cluster's members
     * @param clock        the time source of deadlines
     * @param pacer        waits between polls
     * @param pollInterval how often AWAIT_HEALTHY and AWAIT_CAUGHT_UP ask
     */
    public EtcdProcessSteps(NodeDriver driver, EtcdMembers etcd, Clock clock, Pacer pacer, Duration pollInterval) {
        this.nodes = new NodeSteps(driver, new QuorumGuard(etcd), clock);
        this.members = new MemberSteps(etcd, nodes, clock, pacer, pollInterval);
    }

    @Override
    public StepOutcome execute(StepContext context) throws InterruptedException {
        Optional<String> unusable = unusable(context);
        if (unusable.isPresent()) {
            return StepOutcome.failedPermanently(unusable.get());
        }
        NodeSpec node = context.node().orElseThrow();
        try {
            return switch (context.step().action()) {
                case SNAPSHOT -> members.snapshot(context, node);
                case STOP -> nodes.stop(context, node);
                case FORCE_KILL -> nodes.forceKill(context, node);
                case CLEAN_TEMP -> nodes.cleanTemp(node);
                case START -> nodes.start(node);
                case AWAIT_HEALTHY -> members.awaitHealthy(context, node);
                case AWAIT_CAUGHT_UP -> members.awaitCaughtUp(context, node);
                default -> StepOutcome.failedPermanently("action " + context.step().action() + " is not supported");
            };
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut(e.getMessage())
                    : StepOutcome.failed(e.getMessage());
        }
    }

    /** Why the step cannot be carried out at all, or empty. */
    private Optional<String> unusable(StepContext context) {
        Action action = context.step().action();
        if (!SUPPORTED.contains(action)) {
            return Optional.of("action " + action + " is not supported by this executor");
        }
        if (context.spec().kind() != SystemKind.ETCD) {
            return Optional.of("cluster " + context.spec().id() + " is of kind " + context.spec().kind()
                    + "; this executor acts on etcd clusters only");
        }
        if (context.step().nodeId() == null) {
            return Optional.of(action + " needs a node, and the step names none");
        }
        Optional<NodeSpec> node = context.node();
        if (node.isEmpty()) {
            return Optional.of("node " + context.step().nodeId() + " is not in the registered spec of "
                    + context.spec().id());
        }
        if (PROCESS_ACTIONS.contains(action) && !nodes.supports(node.get())) {
            return Optional.of("node " + node.get().id() + " is controlled by "
                    + node.get().control().getClass().getSimpleName() + ", which this executor cannot drive");
        }
        return Optional.empty();
    }
}
