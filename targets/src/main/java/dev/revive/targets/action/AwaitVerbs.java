package dev.revive.targets.action;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import java.time.Instant;
import java.util.Optional;

/**
 * The kind-independent waits: AWAIT_HEALTHY polls the kind's probe, AWAIT_CAUGHT_UP the kind's live
 * membership, each until its condition holds or the step's timeout passes.
 */
final class AwaitVerbs {

    private AwaitVerbs() {
    }

    /** Until the node answers its kind's probe; fails at once when its driver says the process is gone. */
    static final class Healthy implements ActionHandler {

        private final TargetKinds kinds;
        private final NodeDrivers drivers;
        private final Polling polling;

        Healthy(TargetKinds kinds, NodeDrivers drivers, Polling polling) {
            this.kinds = kinds;
            this.drivers = drivers;
            this.polling = polling;
        }

        @Override
        public StepOutcome execute(StepContext context) throws InterruptedException {
            NodeSpec node = context.requireNode();
            Instant start = polling.now();
            Instant deadline = start.plus(context.timeout());
            ProbeResult last;
            while (true) {
                last = kinds.probe(context.spec().kind()).probe(context.spec(), node);
                if (last.isSuccess()) {
                    return StepOutcome.succeeded(node.id() + " answers its probe after " + polling.millisSince(start)
                            + " ms");
                }
                if (isDown(node)) {
                    return StepOutcome.failed(node.id() + " is not running any more; see its log (last probe: "
                            + last.outcome() + ")");
                }
                if (!polling.now().isBefore(deadline)) {
                    return StepOutcome.timedOut(node.id() + " did not answer its probe within " + context.timeout()
                            + ": " + last.outcome() + " " + last.error());
                }
                polling.pacer().pause(polling.interval());
            }
        }

        @Override
        public String describe(StepContext context) {
            return "would wait up to " + context.timeout() + " for " + context.requireNode().id()
                    + " to answer its " + context.spec().kind().name().toLowerCase() + " probe, asking every "
                    + polling.interval();
        }

        /** True when the node's driver knows its process does not run (no driver: cannot tell, false). */
        private boolean isDown(NodeSpec node) {
            return drivers.find(node).map(driver -> !driver.inspect(node).running()).orElse(false);
        }
    }

    /**
     * Until the node is healthy, the answering members agree on one leader, and its position is at least the
     * reference's minus {@code maxIndexLag}. The reference is the step's source node, else the leader, else
     * (a kind without leaders) the highest position any member reports.
     */
    static final class CaughtUp implements ActionHandler {

        private final TargetKinds kinds;
        private final Polling polling;

        CaughtUp(TargetKinds kinds, Polling polling) {
            this.kinds = kinds;
            this.polling = polling;
        }

        @Override
        public StepOutcome execute(StepContext context) throws InterruptedException {
            NodeSpec node = context.requireNode();
            Instant start = polling.now();
            Instant deadline = start.plus(context.timeout());
            long maxLag = maxIndexLag(context);
            String last = "no answer yet";
            while (true) {
                ClusterView view = kinds.status(context.spec().kind()).read(context.spec());
                Optional<MemberView> member = view.member(node.id()).filter(MemberView::answering);
                Optional<Reference> reference = reference(context, view);
                if (member.isPresent() && reference.isPresent()) {
                    MemberView m = member.get();
                    last = "position " + m.position() + " vs " + reference.get().position() + " of "
                            + reference.get().what() + (m.healthy() ? "" : ", " + node.id() + " not healthy: " + m.detail());
                    if (m.healthy() && m.position() >= reference.get().position() - maxLag) {
                        return StepOutcome.succeeded(node.id() + " caught up after " + polling.millisSince(start)
                                + " ms: " + last + " (max lag " + maxLag + ")");
                    }
                } else {
                    last = member.isEmpty() ? node.id() + " does not answer" : "no reference: " + describeMissing(context, view);
                }
                if (!polling.now().isBefore(deadline)) {
                    return StepOutcome.timedOut(node.id() + " did not catch up within " + context.timeout() + ": " + last);
                }
                polling.pacer().pause(polling.interval());
            }
        }

        @Override
        public String describe(StepContext context) {
            String source = context.step().params().sourceNodeId();
            return "would wait up to " + context.timeout() + " for " + context.requireNode().id()
                    + " to be healthy, agree on one leader with the others and reach the position of "
                    + (source != null ? "member " + source : "the leader (or the highest, without one)")
                    + " minus " + maxIndexLag(context) + ", asking every " + polling.interval();
        }

        private record Reference(String what, long position) {
        }

        /** Empty while two members claim to lead, or the named source does not answer. */
        private static Optional<Reference> reference(StepContext context, ClusterView view) {
            String source = context.step().params().sourceNodeId();
            if (source != null) {
                return view.member(source).filter(MemberView::answering)
                        .map(member -> new Reference("member " + source, member.position()));
            }
            Optional<MemberView> leader = view.leader();
            if (leader.isPresent()) {
                return Optional.of(new Reference("the leader " + leader.get().nodeId(), leader.get().position()));
            }
            if (leaders(view) > 1 || view.members().stream().noneMatch(MemberView::answering)) {
                return Optional.empty();
            }
            return Optional.of(new Reference("the highest member", view.highestPosition()));
        }

        private static String describeMissing(StepContext context, ClusterView view) {
            String source = context.step().params().sourceNodeId();
            if (source != null) {
                return "source member " + source + " does not answer";
            }
            return leaders(view) > 1 ? leaders(view) + " members claim to lead" : "no member answers";
        }

        private static long leaders(ClusterView view) {
            return view.members().stream().filter(MemberView::answering)
                    .filter(member -> member.role() == MemberRole.LEADER
                            || member.role() == MemberRole.PRIMARY)
                    .count();
        }

        private static long maxIndexLag(StepContext context) {
            Long lag = context.step().params().maxIndexLag();
            return lag != null ? lag : context.spec().policy().verification().maxAppliedIndexLag();
        }
    }
}
