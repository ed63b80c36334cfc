package dev.revive.executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the Kafka loop runs and has iterated within {@code revive.executor.liveness.stall-timeout};
 * DOWN once it ended for good (a fenced producer) or is stuck, so that the process is restarted. A
 * loop that is rebuilding its Kafka clients after an outage is live (and not ready).
 */
@Liveness
@ApplicationScoped
public class LoopLivenessCheck implements HealthCheck {

    @Inject
    ExecutorRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("executor-loop-live")
                .status(runtime.isLive())
                .withData("executorId", String.valueOf(runtime.executorId()))
                .build();
    }
}
