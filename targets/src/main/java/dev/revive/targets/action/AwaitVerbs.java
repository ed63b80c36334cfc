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
            return pollUntilDecided(polling, context, node.id() + " did not answer its probe", start -> {
                ProbeResult probe = kinds.probe(context.spec().kind()).probe(context.spec(), node);
                if (probe.isSuccess()) {
                    return Poll.decided(StepOutcome.succeeded(node.id() + " answers its probe after "
                            + polling.millisSince(start) + " ms"));
                }
                if (isDown(node)) {
                    return Poll.decided(StepOutcome.failed(node.id()
                            + " is not running any more; see its log (last probe: " + probe.outcome() + ")"));
                }
                return Poll.notYet(probe.outcome() + " " + probe.error());
            });
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
            long maxLag = maxIndexLag(context);
            return pollUntilDecided(polling, context, node.id() + " did not catch up", start -> {
                ClusterView view = kinds.status(context.spec().kind()).read(context.spec());
                Optional<MemberView> member = view.member(node.id()).filter(MemberView::answering);
                Optional<Reference> reference = reference(context, view);
                if (member.isEmpty()) {
                    return Poll.notYet(node.id() + " does not answer");
                }
                if (reference.isEmpty()) {
                    return Poll.notYet("no reference: " + describeMissing(context, view));
                }
                MemberView target = member.get();
                String seen = "position " + target.position() + " vs " + reference.get().position() + " of "
                        + reference.get().what()
                        + (target.healthy() ? "" : ", " + node.id() + " not healthy: " + target.detail());
                if (target.healthy() && target.position() >= reference.get().position() - maxLag) {
                    return Poll.decided(StepOutcome.succeeded(node.id() + " caught up after "
                            + polling.millisSince(start) + " ms: " + seen + " (max lag " + maxLag + ")"));
                }
                return Poll.notYet(seen);
            });
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

    /**
     * What one poll of a wait found: the step's outcome once it is decided, else what it saw (the detail of a
     * timeout when the deadline passes before a decision).
     */
    private record Poll(StepOutcome outcome, String seen) {

        static Poll decided(StepOutcome outcome) {
            return new Poll(outcome, null);
        }

        static Poll notYet(String seen) {
            return new Poll(null, seen);
        }
    }

    /** One poll of a wait; {@code start} is when the wait began. */
    @FunctionalInterface
    private interface Poller {
        Poll poll(Instant start);
    }

    /**
     * Polls every {@link Polling#interval} until a poll decides the step; when the step's timeout passes first,
     * TIMED_OUT with {@code notDone}, the timeout and what the last poll saw.
     */
    private static StepOutcome pollUntilDecided(Polling polling, StepContext context, String notDone, Poller poller)
            throws InterruptedException {
        Instant start = polling.now();
        Instant deadline = start.plus(context.timeout());
        while (true) {
            Poll poll = poller.poll(start);
            if (poll.outcome() != null) {
                return poll.outcome();
            }
            if (!polling.now().isBefore(deadline)) {
                return StepOutcome.timedOut(notDone + " within " + context.timeout() + ": " + poll.seen());
            }
            polling.pacer().pause(polling.interval());
        }
    }
}
