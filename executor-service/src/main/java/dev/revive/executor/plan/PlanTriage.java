package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what happens to a plan that arrives: run it, pass it by (not AUTO, or superseded by a
 * newer revision of its incident), or reject it (its cluster is not registered). Remembers the
 * newest revision seen per incident.
 */
public final class PlanTriage {

    /** What to do with one plan. */
    public sealed interface Verdict {

        /** Run the plan on the cluster described by {@code spec}. */
        record Run(ClusterSpec spec) implements Verdict {
        }

        /** Do not run the plan, for {@code reason}; nothing is emitted. */
        record Pass(String reason) implements Verdict {
        }

        /** The plan cannot be run at all; it goes to the dead-letter topic. */
        record Reject(String reason) implements Verdict {
        }
    }

    private final Map<String, Integer> newestRevision = new HashMap<>();

    /** Notes a plan's revision; call it for every plan seen, also ones read ahead of the one being decided. */
    public void observe(RecoveryPlan plan) {
        newestRevision.merge(plan.incidentId(), plan.revision(), Math::max);
    }

    public Verdict triage(RecoveryPlan plan, Function<String, Optional<ClusterSpec>> specs) {
        observe(plan);
        int newest = newestRevision.get(plan.incidentId());
        if (plan.revision() < newest) {
            return new Verdict.Pass("revision " + plan.revision() + " of incident " + plan.incidentId()
                    + " is superseded by revision " + newest);
        }
        if (plan.mode() != PlanMode.AUTO) {
            return new Verdict.Pass("mode is " + plan.mode() + (plan.modeReason() == null ? "" : " (" + plan.modeReason()
                    + ")") + "; this executor runs AUTO plans only");
        }
        Optional<ClusterSpec> spec = specs.apply(plan.clusterId());
        if (spec.isEmpty()) {
            return new Verdict.Reject("cluster " + plan.clusterId() + " is not registered");
        }
        return new Verdict.Run(spec.get());
    }
}
