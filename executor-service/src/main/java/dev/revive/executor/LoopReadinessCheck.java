package dev.revive.executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the Kafka loop polls {@code revive.plans} and its transactional producer is usable; DOWN while its clients are rebuilt. */
@Readiness
@ApplicationScoped
public class LoopReadinessCheck implements HealthCheck {

    @Inject
    ExecutorRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("executor-loop")
                .status(runtime.isReady())
                .withData("executorId", String.valueOf(runtime.executorId()))
                .build();
    }
}
