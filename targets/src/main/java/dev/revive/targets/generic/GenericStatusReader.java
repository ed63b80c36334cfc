package dev.revive.targets.generic;

import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.CheckSpec.Aggregate;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.kind.NodeByNodeStatusReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The live membership of a generic cluster, from its declared checks: answering = every probe check got an
 * answer, healthy = every probe check passed; role = LEADER when the node's field of the first EXACTLY_ONE check
 * matches, FOLLOWER when it answered otherwise (UNKNOWN without such a check); position = the node's numeric
 * field of the first CAUGHT_UP check (decimal or 0x hex), 0 when unknown.
 */
public final class GenericStatusReader implements NodeByNodeStatusReader {

    private final NodeAsker asker;

    public GenericStatusReader(NodeAsker asker) {
        this.asker = asker;
    }

    @Override
    public MemberView member(ClusterSpec spec, NodeSpec node) {
        List<String> said = new ArrayList<>();
        boolean answering = true;
        boolean healthy = true;
        for (CheckSpec probe : GenericProbe.probeChecks(spec)) {
            NodeAnswer answer = asker.ask(node, probe);
            answering &= answer.answered();
            healthy &= answer.ok();
            said.add(probe.name() + "=" + answer.describe());
        }
        if (!answering) {
            return MemberView.silent(node.id(), String.join(", ", said));
        }
        MemberRole role = node.role() == NodeRole.LEARNER ? MemberRole.LEARNER : MemberRole.UNKNOWN;
        Optional<CheckSpec> leaderCheck = first(spec, Aggregate.EXACTLY_ONE);
        if (leaderCheck.isPresent() && role == MemberRole.UNKNOWN) {
            NodeAnswer answer = asker.ask(node, leaderCheck.get());
            role = !answer.answered() ? MemberRole.UNKNOWN : answer.matches() ? MemberRole.LEADER : MemberRole.FOLLOWER;
            said.add(leaderCheck.get().name() + "=" + answer.describe());
        }
        long position = 0;
        Optional<CheckSpec> positionCheck = first(spec, Aggregate.CAUGHT_UP);
        if (positionCheck.isPresent()) {
            NodeAnswer answer = asker.ask(node, positionCheck.get());
            position = answer.answered() ? Positions.parse(answer.value()).orElse(0) : 0;
            said.add(positionCheck.get().name() + "=" + answer.describe());
        }
        return new MemberView(node.id(), true, healthy, role, position, String.join(", ", said));
    }

    private static Optional<CheckSpec> first(ClusterSpec spec, Aggregate aggregate) {
        return spec.checks().stream().filter(check -> check.aggregate() == aggregate).findFirst();
    }

    /** Numeric fields as systems print them. */
    static final class Positions {

        private Positions() {
        }

        /** A decimal or {@code 0x} hexadecimal number; empty when the text is neither. */
        static OptionalLong parse(String text) {
            if (text == null) {
                return OptionalLong.empty();
            }
            String value = text.trim();
            try {
                if (value.startsWith("0x") || value.startsWith("0X")) {
                    return OptionalLong.of(Long.parseUnsignedLong(value.substring(2), 16));
                }
                return OptionalLong.of(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }
}
