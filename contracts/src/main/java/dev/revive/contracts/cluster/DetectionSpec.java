package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;

/**
 * What the detector watches besides its probes. Absent fields take their defaults.
 *
 * @param logRules  keyword rules applied to every node's {@code logPaths} (default {@link LogRule#defaults()})
 * @param resources thresholds for nodes run by the process driver
 */
public record DetectionSpec(java.util.List<LogRule> logRules, ResourceLimits resources) {

    public DetectionSpec {
        logRules = logRules == null ? LogRule.defaults() : Check.list("logRules", logRules);
        resources = resources == null ? ResourceLimits.defaults() : resources;
    }

    public static DetectionSpec defaults() {
        return new DetectionSpec(null, null);
    }
}
