package dev.revive.targets.lb;

import dev.revive.contracts.cluster.LoadBalancerSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.lb.LoadBalancer.AdminState;
import java.util.Optional;

/**
 * ISOLATE and REJOIN, kind-independent: the step's node's server in the spec's load balancer goes to maintenance
 * (no traffic, whatever its checks say) or back to ready (its checks decide again — a replica behind a
 * primary-only check stays down). Both read the state first and confirm by reading it back; the state they aim at
 * already there → SUCCEEDED without a command. SKIPPED means one thing here: the spec names no load balancer, or
 * its load balancer lists no server for the node. The step's {@code ActGate} is asked right before the command.
 */
public final class IsolationHandlers {

    private IsolationHandlers() {
    }

    /** ISOLATE: the node's server to maintenance. */
    public static ActionHandler isolate(LoadBalancers balancers) {
        return new Setting(balancers, AdminState.MAINT);
    }

    /**
     * REJOIN: the node's server back to ready. It also runs on every early end of a plan, so a load balancer that
     * is down or refuses makes it FAILED (TIMED_OUT when it did not answer) with a detail, never an exception.
     */
    public static ActionHandler rejoin(LoadBalancers balancers) {
        return new Setting(balancers, AdminState.READY);
    }

    /** The server of the step's node in the spec's load balancer. */
    private record Target(LoadBalancer balancer, String backend, String server) {

        String name() {
            return backend + "/" + server;
        }
    }

    private static final class Setting implements ActionHandler {

        private final LoadBalancers balancers;
        private final AdminState wanted;

        Setting(LoadBalancers balancers, AdminState wanted) {
            this.balancers = balancers;
            this.wanted = wanted;
        }

        @Override
        public StepOutcome execute(StepContext context) {
            Optional<String> inapplicable = inapplicable(context);
            if (inapplicable.isPresent()) {
                return StepOutcome.skipped(inapplicable.get());
            }
            Target target = target(context);
            try {
                return set(context, target);
            } catch (TargetException e) {
                String detail = "could not set " + target.name() + " to " + wanted.word() + " through "
                        + target.balancer().address() + ": " + e.getMessage();
                return e.kind() == TargetException.Kind.TIMEOUT ? StepOutcome.timedOut(detail)
                        : StepOutcome.failed(detail);
            } catch (IllegalArgumentException e) {
                return StepOutcome.failedPermanently("cannot drive " + target.name() + ": " + e.getMessage());
            }
        }

        @Override
        public String describe(StepContext context) {
            Optional<String> inapplicable = inapplicable(context);
            if (inapplicable.isPresent()) {
                return "would skip: " + inapplicable.get();
            }
            Target target = target(context);
            String would = "would set " + target.name() + " to " + wanted.word() + " through "
                    + target.balancer().address();
            try {
                return would + " (now " + target.balancer().state(target.backend(), target.server()) + ")";
            } catch (TargetException | IllegalArgumentException e) {
                return would + " (cannot read its state now: " + e.getMessage() + ")";
            }
        }

        private StepOutcome set(StepContext context, Target target) {
            LoadBalancer balancer = target.balancer();
            ServerState before = balancer.state(target.backend(), target.server());
            if (reached(before)) {
                return StepOutcome.succeeded("already " + wanted.word() + ", nothing sent: " + before);
            }
            Optional<StepOutcome> refusal = context.refusalBefore("set " + target.name() + " to " + wanted.word()
                    + " through " + balancer.address());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            balancer.set(target.backend(), target.server(), wanted);
            ServerState after = balancer.state(target.backend(), target.server());
            if (!reached(after)) {
                return StepOutcome.failed("set " + target.name() + " to " + wanted.word() + " through "
                        + balancer.address() + ", but it reads back " + after);
            }
            return StepOutcome.succeeded("set " + target.name() + " to " + wanted.word() + " through "
                    + balancer.address() + " (was " + before + "; now " + after + ")");
        }

        private boolean reached(ServerState state) {
            return wanted == AdminState.MAINT ? state.forcedMaintenance() : state.ready();
        }

        private Target target(StepContext context) {
            LoadBalancerSpec spec = context.spec().loadBalancer();
            return new Target(balancers.of(spec), spec.backend(), spec.serverOf(context.step().nodeId()));
        }

        /** Why the step has nothing to drive, or empty. */
        private static Optional<String> inapplicable(StepContext context) {
            LoadBalancerSpec spec = context.spec().loadBalancer();
            if (spec == null) {
                return Optional.of("cluster " + context.spec().id() + " names no load balancer; nothing to "
                        + (context.step().action() + "").toLowerCase(java.util.Locale.ROOT));
            }
            if (spec.serverOf(context.step().nodeId()) == null) {
                return Optional.of("the load balancer of " + context.spec().id() + " lists no server for node "
                        + context.step().nodeId() + " in backend " + spec.backend() + "; it is left alone");
            }
            return Optional.empty();
        }
    }
}
