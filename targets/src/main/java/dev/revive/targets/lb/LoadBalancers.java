package dev.revive.targets.lb;

import dev.revive.contracts.cluster.LoadBalancerSpec;
import dev.revive.targets.kind.TargetSettings;
import java.time.Duration;

/** Picks the adapter of a spec's load balancer by its {@link LoadBalancerSpec.Type}; every call of it is bounded. */
public final class LoadBalancers {

    /** The call bound when none is configured: the executor's default target call timeout. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(3);

    private final Duration callTimeout;

    /** @param settings {@link TargetSettings#callTimeout} bounds every call to a load balancer */
    public LoadBalancers(TargetSettings settings) {
        this.callTimeout = settings.callTimeout();
    }

    /** Load balancers whose calls are bounded by {@link #DEFAULT_CALL_TIMEOUT}. */
    public static LoadBalancers standard() {
        return new LoadBalancers(new TargetSettings(DEFAULT_CALL_TIMEOUT));
    }

    /** The adapter of {@code spec}'s load balancer. */
    public LoadBalancer of(LoadBalancerSpec spec) {
        return switch (spec.type()) {
            case HAPROXY -> new HAProxyRuntimeApi(spec.runtimeApi(), callTimeout);
        };
    }
}
