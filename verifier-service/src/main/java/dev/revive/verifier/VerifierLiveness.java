package dev.revive.verifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live unless the executions loop died, stalled for longer than {@code revive.verifier.kafka.stall-timeout}, or
 * the reference reader died: then only a restart helps. A loop being rebuilt after a broker outage is live.
 */
@Liveness
@ApplicationScoped
public class VerifierLiveness implements HealthCheck {

    @Inject
    VerifierService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("verifier-loop").status(service.isLive()).build();
    }
}
