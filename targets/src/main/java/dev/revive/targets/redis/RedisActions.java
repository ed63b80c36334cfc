package dev.revive.targets.redis;

import dev.revive.contracts.plan.Action;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.CleanTempHandler;
import dev.revive.targets.action.Polling;
import dev.revive.targets.driver.NodeDrivers;
import java.time.Duration;
import java.util.Map;

/**
 * Redis's own action handlers, which take precedence over the kind-independent ones: PROMOTE
 * ({@link RedisPromoteAction}), START as a replica of the live primary ({@link RedisStartAction}), CLEAN_TEMP with
 * Redis's temp files ({@link RedisLeftovers}), FENCE_WRITES / UNFENCE by {@code CLIENT PAUSE WRITE}
 * ({@link RedisWriteFence}) and AWAIT_CAUGHT_UP by replication offset ({@link RedisCaughtUpAction}).
 */
public final class RedisActions {

    /** How often the Redis actions ask while they wait. */
    static final Duration POLL = Duration.ofMillis(100);

    private RedisActions() {
    }

    /** The handlers through {@code redis}, the standard node drivers, polling every 100 ms. */
    public static Map<Action, ActionHandler> handlers(RedisAdapter redis) {
        return handlers(redis, NodeDrivers.standard(), Polling.every(POLL));
    }

    /** The handlers through {@code redis} and {@code drivers}, waiting as {@code polling} says. */
    static Map<Action, ActionHandler> handlers(RedisAdapter redis, NodeDrivers drivers, Polling polling) {
        RedisWriteFence fence = new RedisWriteFence(redis, polling.clock());
        return Map.of(Action.PROMOTE, new RedisPromoteAction(redis, polling),
                Action.START, new RedisStartAction(redis, drivers, polling),
                Action.CLEAN_TEMP, new CleanTempHandler(drivers, new RedisLeftovers()),
                Action.FENCE_WRITES, fence.fence(), Action.UNFENCE, fence.unfence(),
                Action.AWAIT_CAUGHT_UP, new RedisCaughtUpAction(redis, drivers, polling));
    }
}
