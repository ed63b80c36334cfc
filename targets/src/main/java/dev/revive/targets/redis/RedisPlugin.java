package dev.revive.targets.redis;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.action.Polling;
import dev.revive.targets.kind.AbstractKindPlugin;
import dev.revive.targets.kind.TargetSettings;
import java.time.Duration;

/**
 * Redis primary with replicas through Lettuce: one {@link RedisAdapter} (every call bounded) behind the probe, the
 * status reader and the checks.
 */
public final class RedisPlugin extends AbstractKindPlugin {

    private final RedisAdapter redis;

    public RedisPlugin(TargetSettings settings) {
        this(new RedisAdapter(settings.callTimeout()));
    }

    private RedisPlugin(RedisAdapter redis) {
        super(SystemKind.REDIS, new RedisProbe(redis), new RedisStatusReader(redis),
                new RedisChecks(redis, new RedisDataChecks(redis, Polling.every(Duration.ofMillis(10)))),
                RedisActions.handlers(redis));
        this.redis = redis;
    }

    @Override
    public void close() {
        redis.close();
    }
}
