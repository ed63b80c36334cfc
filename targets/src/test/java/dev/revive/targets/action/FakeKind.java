package dev.revive.targets.action;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.plan.Action;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.targets.kind.KindPlugin;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import dev.revive.targets.kind.StatusReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A kind plug-in whose members' answers the test sets: a node without a view does not answer. */
final class FakeKind implements KindPlugin {

    final Map<String, MemberView> members = new HashMap<>();
    final Map<Action, ActionHandler> actions = new HashMap<>();
    final List<String> probed = new ArrayList<>();
    private final SystemKind kind;

    FakeKind(SystemKind kind) {
        this.kind = kind;
    }

    /** The node answers, knows a leader, and is at {@code position}. */
    void answers(String nodeId, MemberRole role, long position) {
        members.put(nodeId, new MemberView(nodeId, true, true, role, position, "fake " + role));
    }

    /** The node answers but knows no leader. */
    void answersWithoutLeader(String nodeId, long position) {
        members.put(nodeId, new MemberView(nodeId, true, false, MemberRole.UNKNOWN, position, "no leader"));
    }

    void silent(String nodeId) {
        members.remove(nodeId);
    }

    @Override
    public SystemKind kind() {
        return kind;
    }

    @Override
    public NodeProbe probe() {
        return (spec, node) -> {
            probed.add(node.id());
            return members.containsKey(node.id()) ? ProbeResult.answered() : ProbeResult.timedOut("no answer");
        };
    }

    @Override
    public StatusReader status() {
        return spec -> new ClusterView(spec.nodes().stream()
                .map(node -> members.getOrDefault(node.id(), MemberView.silent(node.id(), "silent"))).toList());
    }

    @Override
    public ClusterCheckSet checks() {
        throw new UnsupportedOperationException("not used by the action handlers");
    }

    @Override
    public Map<Action, ActionHandler> actions() {
        return actions;
    }

    @Override
    public void close() {
    }
}
