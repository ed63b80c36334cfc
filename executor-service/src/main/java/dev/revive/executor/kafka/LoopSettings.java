package dev.revive.executor.kafka;

import java.time.Duration;

/**
 * The plan loop's timing and bounds.
 *
 * @param pollTimeout        how long one poll of {@code revive.plans} waits
 * @param redeliveryDelay    how long a plan whose run stopped waits before it is delivered again
 * @param rebuildBackoff     the first wait before the Kafka clients are rebuilt after the loop failed; doubled per failure
 * @param maxRebuildBackoff  the longest such wait
 * @param maxRedeliveries    runs without an outcome after which a plan is given up ({@code PLAN_ABORTED})
 * @param maxRedeliveryAge   age (from the plan's {@code createdAt}) past which a stopped plan is given up
 */
public record LoopSettings(Duration pollTimeout, Duration redeliveryDelay, Duration rebuildBackoff,
        Duration maxRebuildBackoff, int maxRedeliveries, Duration maxRedeliveryAge) {
}
