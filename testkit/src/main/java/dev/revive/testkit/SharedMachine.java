package dev.revive.testkit;

import dev.revive.contracts.cluster.DetectionSpec;
import dev.revive.contracts.cluster.LogRule;
import dev.revive.contracts.cluster.ResourceLimits;

/**
 * What the detector watches on the test clusters that testkit describes as specs. They run on a shared two-core
 * machine beside builds and other clusters, where a slow disk or retransmitted segments are the machine's doing,
 * not the target's: those two rules are set out of reach (a disk latency of ten minutes, retransmissions of 100 %),
 * so that a scenario that breaks one node never sees a healthy one restarted for a noisy neighbour. The other
 * thresholds keep the runbook's defaults. The log rules are the defaults but {@code timeout} and {@code deadlock}:
 * every clustered system here logs timeouts to a peer as a matter of course while that peer is down, which is the
 * fault already being handled.
 */
public final class SharedMachine {

    /** The resource thresholds of a test cluster's spec. */
    public static final ResourceLimits RESOURCES = new ResourceLimits(0, null, 0, null, 0, null, 0, null, 0,
            600_000, null, 100, null, 0, null);

    /** The detection of a test cluster's spec. */
    public static final DetectionSpec DETECTION = new DetectionSpec(LogRule.defaults().stream()
            .filter(rule -> !rule.name().equals("timeout") && !rule.name().equals("deadlock")).toList(), RESOURCES);

    private SharedMachine() {
    }
}
