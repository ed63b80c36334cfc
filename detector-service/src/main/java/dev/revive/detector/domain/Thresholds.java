package dev.revive.detector.domain;

/**
 * How many consecutive probe outcomes change a node's state.
 *
 * @param failures   consecutive failures before a node is reported down (at least 1)
 * @param recoveries consecutive successes before a down node is reported recovered (at least 1)
 */
public record Thresholds(int failures, int recoveries) {

    public Thresholds {
        if (failures < 1 || recoveries < 1) {
            throw new IllegalArgumentException(
                    "thresholds must be at least 1 but were failures=" + failures + ", recoveries=" + recoveries);
        }
    }
}
