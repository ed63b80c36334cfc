package dev.revive.executor.plan;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what happens to a plan that arrives: run it (AUTO, or DRY_RUN to describe it), pass it by
 * (APPROVAL_REQUIRED, NOTICE, CANCEL, or superseded by a newer revision of its incident), or reject it (its
 * cluster is not registered). Remembers the newest revision seen per incident, and tells whether a
 * revision read while a plan runs withdraws that plan.
 *
 * <p>The memory is bounded: at most {@link #DEFAULT_INCIDENTS} incidents (or the capacity given) are
 * remembered, the least recently seen one is forgotten first. A forgotten incident only loses the
 * check that a late, older revision is superseded; revisions of an incident are keyed by its cluster
 * and so arrive in order on one partition, long after which an evicted incident is stale anyway.
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

    /** How many incidents are remembered by default. */
    public static final int DEFAULT_INCIDENTS = 10_000;

    private final Map<String, Integer> newestRevision;

    /** Remembers up to {@link #DEFAULT_INCIDENTS} incidents. */
    public PlanTriage() {
        this(DEFAULT_INCIDENTS);
    }

    /** Remembers up to {@code incidents} incidents, forgetting the least recently seen first. */
    public PlanTriage(int incidents) {
        this.newestRevision = new BoundedMap<>(incidents);
    }

    /** How many incidents are remembered now. */
    public int size() {
        return newestRevision.size();
    }

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
        if (plan.mode() == PlanMode.CANCEL) {
            return new Verdict.Pass("mode is CANCEL: it withdraws the earlier revisions of incident "
                    + plan.incidentId() + (plan.modeReason() == null ? "" : " (" + plan.modeReason() + ")"));
        }
        if (!plan.mode().executable()) {
            return new Verdict.Pass("mode is " + plan.mode() + (plan.modeReason() == null ? "" : " (" + plan.modeReason()
                    + ")") + "; this executor runs AUTO and DRY_RUN plans only");
        }
        Optional<ClusterSpec> spec = specs.apply(plan.clusterId());
        if (spec.isEmpty()) {
            return new Verdict.Reject("cluster " + plan.clusterId() + " is not registered");
        }
        return new Verdict.Run(spec.get());
    }

    /**
     * Why {@code arrived}, read while {@code running} runs, withdraws it: a CANCEL revision of the same
     * incident, newer than the running one. Empty for anything else.
     */
    public static Optional<String> withdrawal(RecoveryPlan running, RecoveryPlan arrived) {
        if (arrived.mode() != PlanMode.CANCEL || !arrived.incidentId().equals(running.incidentId())
                || arrived.revision() <= running.revision()) {
            return Optional.empty();
        }
        return Optional.of("revision " + arrived.revision() + " of incident " + arrived.incidentId() + " cancels it"
                + (arrived.modeReason() == null ? "" : ": " + arrived.modeReason()));
    }
}
