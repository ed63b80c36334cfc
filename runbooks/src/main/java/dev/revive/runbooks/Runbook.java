package dev.revive.runbooks;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.runbooks.diagnosis.Finding;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.runbooks.disruption.DisruptionModel;
import dev.revive.runbooks.steps.StepSettings;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decision side of one system kind: pure, no I/O. One implementation per kind, listed once in
 * {@link Runbooks#standard}.
 */
public interface Runbook {

    /** The kind this runbook is for. */
    SystemKind kind();

    /** What a cluster of this kind can lose at once. */
    DisruptionModel disruption();

    /**
     * The steps that restart {@code node} of {@code spec}, while the nodes in {@code openNodes} have open faults;
     * {@code confirmUnresponsive} asks the executor to re-probe the node right before it signals it.
     */
    List<PlanStep> nodeRestart(ClusterSpec spec, NodeSpec node, Set<String> openNodes, StepSettings settings,
            boolean confirmUnresponsive);

    /**
     * The steps that restart every member of a sick cluster one at a time (a rolling restart): a snapshot first where
     * the kind takes one, then each member's restart, each healthy and caught up before the next is touched. The
     * members come in spec order; the executor moves the live leader's steps last (DESIGN.md, "Rolling restart").
     */
    List<PlanStep> rollingRestart(ClusterSpec spec, StepSettings settings);

    /**
     * The steps that start a cluster whose every member is down (a full crash): empty when the kind has none, and
     * such a cluster escalates. etcd: {@link dev.revive.runbooks.steps.RestartSteps#wholeCluster}.
     */
    default Optional<List<PlanStep>> fullRestart(ClusterSpec spec, StepSettings settings) {
        return Optional.empty();
    }

    /**
     * The steps that roll a whole cluster back to snapshot {@code snapshot} (a file name in its backup directory; null:
     * the newest verified one): empty when the kind cannot. etcd:
     * {@link dev.revive.runbooks.steps.RestartSteps#restoreAll} inside the write fence.
     */
    default Optional<List<PlanStep>> rollback(ClusterSpec spec, String snapshot, StepSettings settings) {
        return Optional.empty();
    }

    /**
     * The steps that replace {@code node} when it cannot come back (its start failed): empty when the kind cannot
     * replace a member, and the incident escalates. etcd: the member is removed and added back empty as a learner,
     * then promoted (REPLACE_MEMBER).
     */
    default Optional<List<PlanStep>> replacement(ClusterSpec spec, NodeSpec node, StepSettings settings) {
        return Optional.empty();
    }

    /**
     * The steps that answer {@code fault} on {@code node}: by default the node restart. A kind whose nodes can be
     * helped without a restart overrides it for those faults (Kafka Connect: a FAILED task is restarted through the
     * worker's REST API, the process is left alone), or uses the fault's evidence (Redis: the failed primary's last
     * known replication offset, {@link FaultEvent#LAST_POSITION}, bounds the loss of a promotion).
     */
    default List<PlanStep> recovery(ClusterSpec spec, NodeSpec node, Finding fault, Set<String> openNodes,
            StepSettings settings, boolean confirmUnresponsive) {
        return nodeRestart(spec, node, openNodes, settings, confirmUnresponsive);
    }
}
