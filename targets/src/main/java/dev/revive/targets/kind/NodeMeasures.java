package dev.revive.targets.kind;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import java.util.Map;

/**
 * The figures a kind can measure of one node beyond what {@code /proc} shows, by well-known key, for the
 * detector's resource thresholds. A figure the kind cannot measure now is absent; every call is bounded by
 * the plug-in (the detector calls it on each resource sample).
 */
@FunctionalInterface
public interface NodeMeasures {

    /**
     * The node's collection success rate in % (records processed without failure over records processed, or
     * what stands for it in the kind), checked against {@code ResourceLimits.successRatePercent}.
     */
    String SUCCESS_RATE_PERCENT = "successRatePercent";

    /** Measures nothing: the measures of a kind without any. */
    NodeMeasures NONE = (spec, node) -> Map.of();

    /** The node's figures now, by key; empty when none could be measured. */
    Map<String, Double> measure(ClusterSpec spec, NodeSpec node);
}
