package dev.revive.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The console's health: ready once it has read the topics up to where they ended at start; live while it reads. */
public final class ConsoleHealth {

    private ConsoleHealth() {
    }

    /** Ready once caught up. */
    @Readiness
    @ApplicationScoped
    public static class Ready implements HealthCheck {

        @Inject
        ConsoleRuntime runtime;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("console-topics").status(runtime.ready()).build();
        }
    }

    /** Live while the topic tail runs. */
    @Liveness
    @ApplicationScoped
    public static class Live implements HealthCheck {

        @Inject
        ConsoleRuntime runtime;

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("console-tail").status(runtime.alive()).build();
        }
    }
}
