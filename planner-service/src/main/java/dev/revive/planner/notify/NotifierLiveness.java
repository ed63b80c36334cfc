package dev.revive.planner.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the webhook notifier was started and its thread died: it rebuilds itself after Kafka failures, so a
 * dead thread means an {@link Error} that only a restart mends. UP when no webhook is configured.
 */
@Liveness
@ApplicationScoped
public class NotifierLiveness implements HealthCheck {

    @Inject
    NotifierService notifier;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("planner notifier").status(notifier.isLive()).build();
    }
}
