package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * MOVE_LEADER of etcd: when the step's member leads, hands leadership to the most caught-up other voting member (the
 * highest raft index among those that answer and know the leader; ties: spec order) with {@code moveLeader} on the
 * leader, which returns once the transfer is done, and confirms it from the new leader's own status. A member that
 * does not lead (or does not answer, so leads nobody) is SKIPPED: repeating the step is harmless. No answering member
 * that knows a leader, or no voter to hand to, FAILED.
 */
final class EtcdMoveLeaderAction implements ActionHandler {

    private final EtcdAdapter etcd;

    EtcdMoveLeaderAction(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    /** Who answers, with their status, in spec order. */
    private Map<NodeSpec, MemberStatus> statuses(ClusterSpec spec) {
        Map<NodeSpec, MemberStatus> answering = new LinkedHashMap<>();
        for (NodeSpec node : spec.nodes()) {
            etcd.statusIfAnswering(node.endpoints().client(), spec.security())
                    .ifPresent(status -> answering.put(node, status));
        }
        return answering;
    }

    /** What the step finds: the leader's status, if the step's member is the leader, and the member to hand to. */
    private record Handover(Optional<String> skipReason, NodeSpec transferee, MemberStatus target) {
    }

    private Handover handover(StepContext context) {
        NodeSpec node = context.node().orElseThrow(() -> new IllegalStateException(context.describe() + " names no node"));
        Map<NodeSpec, MemberStatus> answering = statuses(context.spec());
        MemberStatus own = answering.get(node);
        if (own == null) {
            return new Handover(Optional.of(node.id() + " does not answer, so it leads nobody; nothing to hand on"),
                    null, null);
        }
        if (!own.hasLeader()) {
            throw new TargetException(TargetException.Kind.FAILED, node.id() + " knows no leader (no quorum); "
                    + "leadership cannot be moved now");
        }
        if (!own.isLeader()) {
            String leader = answering.entrySet().stream().filter(entry -> entry.getValue().isLeader())
                    .map(entry -> entry.getKey().id()).findFirst().orElse("member " + Long.toHexString(own.leaderId()));
            return new Handover(Optional.of(node.id() + " does not lead (" + leader + " does); nothing to hand on"),
                    null, own);
        }
        NodeSpec transferee = answering.entrySet().stream()
                .filter(entry -> !entry.getKey().id().equals(node.id()) && entry.getKey().role() != NodeRole.LEARNER)
                .filter(entry -> entry.getValue().leaderId() == own.memberId())
                .max(Comparator.comparingLong((Map.Entry<NodeSpec, MemberStatus> entry) -> entry.getValue().raftIndex())
                        .thenComparing(entry -> -context.spec().nodes().indexOf(entry.getKey())))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new TargetException(TargetException.Kind.FAILED, node.id()
                        + " leads, but no other voting member answers and follows it; leadership cannot be moved"));
        return new Handover(Optional.empty(), transferee, answering.get(transferee));
    }

    @Override
    public StepOutcome execute(StepContext context) {
        Handover handover = handover(context);
        if (handover.skipReason().isPresent()) {
            return StepOutcome.skipped(handover.skipReason().get());
        }
        NodeSpec node = context.node().orElseThrow();
        NodeSpec transferee = handover.transferee();
        String act = "move the leadership of " + context.spec().id() + " from " + node.id() + " to " + transferee.id();
        Optional<StepOutcome> refused = context.refusalBefore(act);
        if (refused.isPresent()) {
            return refused.get();
        }
        ClientSecurity security = context.spec().security();
        etcd.moveLeader(node.endpoints().client(), security, handover.target().memberId());
        MemberStatus after = etcd.status(transferee.endpoints().client(), security);
        if (!after.isLeader()) {
            return StepOutcome.failed("moveLeader to " + transferee.id() + " answered, but " + transferee.id()
                    + " does not lead yet (it sees leader " + Long.toHexString(after.leaderId()) + ")");
        }
        return StepOutcome.succeeded("leadership moved from " + node.id() + " to " + transferee.id()
                + ", the most caught-up voter (raft index " + handover.target().raftIndex() + ", term " + after.raftTerm()
                + ")");
    }

    @Override
    public String describe(StepContext context) {
        try {
            Handover handover = handover(context);
            return handover.skipReason().orElseGet(() -> "would move the leadership from " + context.step().nodeId()
                    + " to " + handover.transferee().id() + ", the most caught-up voter now");
        } catch (TargetException e) {
            return "would fail now: " + e.getMessage();
        }
    }
}
