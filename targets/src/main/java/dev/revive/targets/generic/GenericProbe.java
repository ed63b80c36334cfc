package dev.revive.targets.generic;

import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import java.util.List;

/**
 * Probes one node of a generic cluster with every check the spec marks as a probe, in order; the first that
 * fails decides: connection refused → REFUSED, no answer in time → TIMEOUT, any other answer than declared →
 * FAILED. A spec without probe checks is probed by a TCP connect to the node's client endpoint.
 */
public final class GenericProbe implements NodeProbe {

    private static final CheckSpec CONNECT = new CheckSpec("tcp-connect", CheckSpec.Type.TCP, null, null, null, null,
            null, null, null, null, null, null, null);

    private final NodeAsker asker;

    public GenericProbe(NodeAsker asker) {
        this.asker = asker;
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        for (CheckSpec check : probeChecks(spec)) {
            NodeAnswer answer = asker.ask(node, check);
            if (!answer.ok()) {
                String why = check.name() + ": " + answer.describe();
                return switch (answer.outcome()) {
                    case REFUSED -> ProbeResult.refused(why);
                    case TIMEOUT -> ProbeResult.timedOut(why);
                    case ANSWERED, FAILED, TASK_FAILED -> ProbeResult.failed(why);
                };
            }
        }
        return ProbeResult.answered();
    }

    /** The spec's probe checks, or a TCP connect when it declares none. */
    static List<CheckSpec> probeChecks(ClusterSpec spec) {
        List<CheckSpec> probes = spec.checks().stream().filter(CheckSpec::probes).toList();
        return probes.isEmpty() ? List.of(CONNECT) : probes;
    }
}
