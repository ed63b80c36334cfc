package dev.revive.runbooks.diagnosis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.plan.Diagnosis;
import dev.revive.contracts.plan.DiagnosisScope;
import dev.revive.contracts.validation.Check;
import dev.revive.runbooks.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the diagnosis that goes on every plan (and from there into the report): the scope, since when,
 * the nodes and one line per finding. Scope: a cluster-wide finding, or every node of the spec faulty, is
 * CLUSTER_WIDE; two or more nodes whose first faults came within {@link #cascadeWindow} of each other are
 * CASCADING; two or more otherwise SEVERAL_NODES; else ONE_NODE.
 *
 * @param cascadeWindow how close in time faults of different nodes must be to count as one cascade
 */
public record DiagnosisBuilder(Duration cascadeWindow) {

    /** The cascade window used by default. */
    public static final Duration DEFAULT_CASCADE_WINDOW = Duration.ofSeconds(60);

    public DiagnosisBuilder {
        Objects.requireNonNull(cascadeWindow, "cascadeWindow");
    }

    /** A builder with {@link #DEFAULT_CASCADE_WINDOW}. */
    public static DiagnosisBuilder standard() {
        return new DiagnosisBuilder(DEFAULT_CASCADE_WINDOW);
    }

    /** The diagnosis of {@code findings} in {@code spec}; {@code since} is used when there are none. */
    public Diagnosis diagnose(ClusterSpec spec, List<Finding> findings, Instant since) {
        List<Finding> ordered = findings.stream()
                .sorted(Comparator.comparing(Finding::observedAt)).toList();
        Set<String> nodes = new TreeSet<>();
        ordered.stream().map(Finding::nodeId).filter(Objects::nonNull).forEach(nodes::add);
        Instant first = ordered.isEmpty() ? since : ordered.get(0).observedAt();
        List<String> lines = ordered.stream().limit(Check.MAX_ENTRIES).map(Finding::line).map(Texts::bounded)
                .toList();
        return new Diagnosis(scope(spec, ordered, nodes), first, List.copyOf(nodes), lines);
    }

    private DiagnosisScope scope(ClusterSpec spec, List<Finding> findings, Set<String> nodes) {
        boolean wholeCluster = findings.stream().anyMatch(finding -> finding.nodeId() == null)
                || nodes.containsAll(spec.nodes().stream().map(NodeSpec::id).toList());
        if (wholeCluster) {
            return DiagnosisScope.CLUSTER_WIDE;
        }
        if (nodes.size() < 2) {
            return DiagnosisScope.ONE_NODE;
        }
        return cascading(findings) ? DiagnosisScope.CASCADING : DiagnosisScope.SEVERAL_NODES;
    }

    /** True when some fault of one node followed a fault of another node within the window. */
    private boolean cascading(List<Finding> ordered) {
        for (int i = 1; i < ordered.size(); i++) {
            Finding previous = ordered.get(i - 1);
            Finding next = ordered.get(i);
            if (!Objects.equals(previous.nodeId(), next.nodeId())
                    && Duration.between(previous.observedAt(), next.observedAt()).compareTo(cascadeWindow) <= 0) {
                return true;
            }
        }
        return false;
    }
}
