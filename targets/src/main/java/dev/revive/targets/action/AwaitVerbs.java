package dev.revive.targets.action;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.TargetKinds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The kind-independent waits: AWAIT_HEALTHY polls the kind's probe, AWAIT_CAUGHT_UP and AWAIT_QUORUM the kind's
 * live membership, each until its condition holds or the step's timeout passes.
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
                if (isDown(drivers, node)) {
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

    }

    /** True when the node's driver knows its process does not run (no driver: cannot tell, false). */
    private static boolean isDown(NodeDrivers drivers, NodeSpec node) {
        return drivers.find(node).map(driver -> !driver.inspect(node).running()).orElse(false);
    }

    /**
     * Until the node is healthy, the answering members agree on one leader, and its position is at least the
     * reference's minus {@code maxIndexLag}. The reference is the step's source node, else the leader, else
     * (a kind without leaders) the highest position any member reports.
     */
    static final class CaughtUp implements ActionHandler {

        private final TargetKinds kinds;
        private final NodeDrivers drivers;
        private final Polling polling;

        CaughtUp(TargetKinds kinds, NodeDrivers drivers, Polling polling) {
            this.kinds = kinds;
            this.drivers = drivers;
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
                    return isDown(drivers, node) ? Poll.decided(StepOutcome.failed(node.id()
                            + " is not running; it cannot catch up")) : Poll.notYet(node.id() + " does not answer");
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

        private static long maxIndexLag(StepContext context) {
            Long lag = context.step().params().maxIndexLag();
            return lag != null ? lag : context.spec().policy().verification().maxAppliedIndexLag();
        }
    }

    /**
     * Until the cluster as a whole answers: the answering members agree on one leader (exactly one claims to lead)
     * and a majority of the spec's voting members ({@link NodeRole} not LEARNER, nor a learner in the live view) are
     * healthy. The step names no node.
     */
    static final class Quorum implements ActionHandler {

        private final TargetKinds kinds;
        private final Polling polling;

        Quorum(TargetKinds kinds, Polling polling) {
            this.kinds = kinds;
            this.polling = polling;
        }

        @Override
        public StepOutcome execute(StepContext context) throws InterruptedException {
            List<String> voters = voters(context.spec());
            return pollUntilDecided(polling, context, context.spec().id() + " has no quorum", start -> {
                ClusterView view = kinds.status(context.spec().kind()).read(context.spec());
                QuorumView quorum = QuorumView.of(view, voters);
                if (quorum.reached()) {
                    return Poll.decided(StepOutcome.succeeded(quorum.summary() + " (after "
                            + polling.millisSince(start) + " ms)"));
                }
                return Poll.notYet(quorum.summary() + quorum.unhealthy());
            });
        }

        @Override
        public String describe(StepContext context) {
            List<String> voters = voters(context.spec());
            return "would wait up to " + context.timeout() + " for the members of " + context.spec().id()
                    + " to agree on one leader and for " + QuorumView.majority(voters.size()) + " of its "
                    + voters.size() + " voting members " + String.join(", ", voters) + " to be healthy, asking every "
                    + polling.interval();
        }

        private static List<String> voters(ClusterSpec spec) {
            return spec.nodes().stream().filter(node -> node.role() != NodeRole.LEARNER).map(NodeSpec::id).toList();
        }
    }

    /**
     * What one view says about quorum.
     *
     * @param leader    the one member that claims to lead, if exactly one answering member does
     * @param claimants how many answering members claim to lead
     * @param voters    the spec's voting members
     * @param healthy   the voting members that are healthy and not learners in the view
     * @param view      the view
     */
    record QuorumView(Optional<String> leader, long claimants, List<String> voters, List<String> healthy,
            ClusterView view) {

        static QuorumView of(ClusterView view, List<String> voters) {
            List<String> healthy = voters.stream().filter(id -> view.member(id)
                    .filter(member -> member.healthy() && member.role() != MemberRole.LEARNER).isPresent()).toList();
            return new QuorumView(view.leader().map(MemberView::nodeId), leaders(view), voters, healthy, view);
        }

        /** The smallest majority of {@code voters} members. */
        static int majority(int voters) {
            return voters / 2 + 1;
        }

        boolean reached() {
            return leader.isPresent() && healthy.size() >= majority(voters.size());
        }

        /** {@code leader e2, 2 of 3 voting members healthy: e1, e2}. */
        String summary() {
            String leading = leader.map(id -> "leader " + id)
                    .orElse(claimants > 1 ? claimants + " members claim to lead" : "no leader");
            return leading + ", " + healthy.size() + " of " + voters.size() + " voting members healthy"
                    + (healthy.isEmpty() ? "" : ": " + String.join(", ", healthy));
        }

        /** {@code ; not healthy: e3 (REFUSED …)}, or nothing when every voting member is healthy. */
        String unhealthy() {
            List<String> others = voters.stream().filter(id -> !healthy.contains(id))
                    .map(id -> id + " (" + view.member(id).map(MemberView::detail).orElse("not in the view") + ")")
                    .toList();
            return others.isEmpty() ? "" : "; not healthy: " + String.join(", ", others);
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

    /** How many answering members claim to lead (or to be primary). */
    private static long leaders(ClusterView view) {
        return view.members().stream().filter(MemberView::answering)
                .filter(member -> member.role() == MemberRole.LEADER || member.role() == MemberRole.PRIMARY)
                .count();
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
