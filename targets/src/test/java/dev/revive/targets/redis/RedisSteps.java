package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.Polling;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.driver.NodeDrivers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the steps of the Redis action tests: one plan per test, the handlers of {@link RedisActions}. */
final class RedisSteps {

    static final Duration STEP_TIMEOUT = Duration.ofSeconds(20);

    private RedisSteps() {
    }

    /** The Redis handlers through {@code redis}, polling every 50 ms. */
    static Map<Action, ActionHandler> handlers(RedisAdapter redis) {
        return RedisActions.handlers(redis, NodeDrivers.standard(), Polling.every(Duration.ofMillis(50)));
    }

    /** A step of plan {@code planId} on {@code nodeId} (null: cluster-wide). */
    static StepContext step(ClusterSpec spec, String planId, Action action, String nodeId) {
        return step(spec, planId, action, nodeId, StepParams.within(STEP_TIMEOUT));
    }

    static StepContext step(ClusterSpec spec, String planId, Action action, String nodeId, StepParams params) {
        PlanStep step = new PlanStep("s-" + action.name().toLowerCase().replace('_', '-'), action, nodeId, params,
                OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan(planId, "inc-" + planId, spec.id(), 1, PlanScope.CLUSTER, PlanMode.AUTO,
                null, List.of("f-1"), List.of(step), Instant.now(), Instant.now());
        return new StepContext(plan, step, spec);
    }
}
