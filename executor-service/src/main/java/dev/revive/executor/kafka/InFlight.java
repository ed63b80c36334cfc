package dev.revive.executor.kafka;

import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.PlanMdc;
import dev.revive.executor.plan.PlanTriage;
import dev.revive.executor.plan.PlanJob;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.opentelemetry.api.trace.Span;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * A plan running on a worker thread: where it came from, and the flags the poll loop sets. Its
 * partition is only read ahead until the run ends, so the plan's offset is committed before any later one.
 */
final class InFlight {

    private static final Logger LOG = Logger.getLogger(InFlight.class);

    final TopicPartition partition;
    final long offset;
    final RecoveryPlan plan;
    /** Asks the run to stop before its next step. */
    final AtomicBoolean cancel = new AtomicBoolean();
    /** Why a CANCEL revision withdrew the plan; null while none did. The run ends PLAN_CANCELLED before acting. */
    final AtomicReference<String> withdrawn = new AtomicReference<>();
    /** The partition was revoked in a rebalance and not given back: the run must not commit anything. */
    volatile boolean disowned;
    /** The partition was revoked; whether it comes back is decided when the new assignment arrives. */
    boolean revokePending;

    /** The run's span in the incident's trace: current while the run and its ending write their events. */
    final Span span;

    InFlight(TopicPartition partition, long offset, RecoveryPlan plan, Span span) {
        this.partition = partition;
        this.offset = offset;
        this.plan = plan;
        this.span = span;
    }

    /** A record read behind the running plan: handled after the run; only a withdrawal of the plan counts now. */
    void readAhead(Object decoded) {
        if (decoded instanceof RecoveryPlan arrived) {
            PlanTriage.withdrawal(plan, arrived).ifPresent(reason -> {
                if (withdrawn.compareAndSet(null, reason)) {
                    try (PlanMdc mdc = PlanMdc.of(plan)) {
                        LOG.infof("plan %s is withdrawn while it runs: %s; it stops before its next acting step",
                                plan.planId(), LogSafe.text(reason));
                    }
                }
            });
        }
    }

    /**
     * The end of a run: the job's result and lock, or the error that ended it.
     *
     * @param flight the run
     * @param ended  what the job returned, or null
     * @param error  what the job threw, or null
     */
    record Completion(InFlight flight, PlanJob.Ended ended, Throwable error) {
    }
}
