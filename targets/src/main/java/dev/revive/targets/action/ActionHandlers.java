package dev.revive.targets.action;

import dev.revive.contracts.plan.Action;
import dev.revive.runbooks.Runbooks;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.UnsupportedKindException.Side;
import dev.revive.targets.TargetException;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.lb.IsolationHandlers;
import dev.revive.targets.lb.LoadBalancers;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of action handlers: for a step of a cluster of some kind, the kind's own handler of the
 * step's action ({@link KindPlugin#actions}, e.g. etcd's SNAPSHOT) or else the kind-independent one (the
 * node verbs through the node's driver, the waits through the kind's probe and status reader, ISOLATE and REJOIN
 * through the spec's load balancer). As an
 * {@link ActionHandler} itself it dispatches: a step no handler can carry out fails permanently, without
 * acting, with the typed reason ({@link UnsupportedKindException} side ACTION or DRIVER) in its detail.
 */
public final class ActionHandlers implements ActionHandler {

    /**
     * The actions that lift what an earlier step put on a cluster (the write fence, an isolation in the load
     * balancer): a plan that ends early still runs them (safety rule 7).
     */
    public static final Set<Action> LIFTING = Collections.unmodifiableSet(EnumSet.of(Action.UNFENCE, Action.REJOIN));

    /** The actions that act on a cluster as a whole, so that their step may name no node. */
    public static final Set<Action> CLUSTER_WIDE = Collections.unmodifiableSet(
            EnumSet.of(Action.SNAPSHOT, Action.FENCE_WRITES, Action.UNFENCE, Action.AWAIT_QUORUM));

    private final TargetKinds kinds;
    private final Map<Action, ActionHandler> common = new EnumMap<>(Action.class);

    /**
     * Handlers whose load balancer calls (ISOLATE, REJOIN) are bounded by
     * {@link LoadBalancers#DEFAULT_CALL_TIMEOUT}.
     *
     * @param kinds    the kind plug-ins (probes, status readers, kind-specific handlers)
     * @param drivers  the node drivers
     * @param runbooks the runbooks, for each kind's disruption model
     * @param polling  how the waits poll
     */
    public ActionHandlers(TargetKinds kinds, NodeDrivers drivers, Runbooks runbooks, Polling polling) {
        this(kinds, drivers, runbooks, polling, LoadBalancers.standard());
    }

    /**
     * @param kinds     the kind plug-ins (probes, status readers, kind-specific handlers)
     * @param drivers   the node drivers
     * @param runbooks  the runbooks, for each kind's disruption model
     * @param polling   how the waits poll
     * @param balancers the load balancers a spec may name, which ISOLATE and REJOIN drive
     */
    public ActionHandlers(TargetKinds kinds, NodeDrivers drivers, Runbooks runbooks, Polling polling,
            LoadBalancers balancers) {
        this.kinds = kinds;
        TakeDownCheck check = new TakeDownCheck(kinds, runbooks);
        common.put(Action.STOP, new NodeVerbs.Stop(drivers, check, polling.clock()));
        common.put(Action.FORCE_KILL, new NodeVerbs.ForceKill(drivers, check));
        common.put(Action.CLEAN_TEMP, new NodeVerbs.CleanTemp(drivers));
        common.put(Action.START, new NodeVerbs.Start(drivers));
        common.put(Action.AWAIT_HEALTHY, new AwaitVerbs.Healthy(kinds, drivers, polling));
        common.put(Action.AWAIT_CAUGHT_UP, new AwaitVerbs.CaughtUp(kinds, drivers, polling));
        common.put(Action.AWAIT_QUORUM, new AwaitVerbs.Quorum(kinds, polling));
        common.put(Action.ISOLATE, IsolationHandlers.isolate(balancers));
        common.put(Action.REJOIN, IsolationHandlers.rejoin(balancers));
    }

    /**
     * The handler of the step's action for its cluster's kind.
     *
     * @throws UnsupportedKindException (side ACTION) when the kind has no plug-in or neither it nor the
     *                                  kind-independent set handles the action
     */
    public ActionHandler handlerOf(StepContext context) {
        KindPlugin plugin = kinds.forKind(context.spec().kind(), Side.ACTION);
        Action action = context.step().action();
        ActionHandler handler = plugin.actions().getOrDefault(action, common.get(action));
        if (handler == null) {
            throw new UnsupportedKindException(Side.ACTION, action + " of kind " + plugin.kind(),
                    "no handler for it");
        }
        return handler;
    }

    @Override
    public StepOutcome execute(StepContext context) throws InterruptedException {
        Optional<String> unusable = unusable(context);
        if (unusable.isPresent()) {
            return StepOutcome.failedPermanently(unusable.get());
        }
        try {
            return handlerOf(context).execute(context);
        } catch (UnsupportedKindException e) {
            return StepOutcome.failedPermanently(e.getMessage());
        } catch (TargetException e) {
            return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut(e.getMessage())
                    : StepOutcome.failed(e.getMessage());
        }
    }

    /** What the step would do; for a step that cannot be carried out, that it would fail and why. */
    @Override
    public String describe(StepContext context) {
        Optional<String> unusable = unusable(context);
        if (unusable.isPresent()) {
            return "would fail without acting: " + unusable.get();
        }
        try {
            return handlerOf(context).describe(context);
        } catch (UnsupportedKindException e) {
            return "would fail without acting: " + e.getMessage();
        } catch (TargetException e) {
            return "cannot tell what it would do: " + e.getMessage();
        }
    }

    /** Why the step cannot be carried out at all (it names no node of the spec, or none for a node's action), or empty. */
    private static Optional<String> unusable(StepContext context) {
        if (context.step().nodeId() == null) {
            return CLUSTER_WIDE.contains(context.step().action()) ? Optional.empty()
                    : Optional.of(context.step().action() + " needs a node, and the step names none");
        }
        if (context.node().isEmpty()) {
            return Optional.of("node " + context.step().nodeId() + " is not in the registered spec of "
                    + context.spec().id());
        }
        return Optional.empty();
    }
}
