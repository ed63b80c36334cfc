package dev.revive.verifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the verifier has read its reference topics and its executions loop runs; DOWN while it is rebuilt. */
@Readiness
@ApplicationScoped
public class VerifierReadiness implements HealthCheck {

    @Inject
    VerifierService service;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("verifier-loop").status(service.isReady()).build();
    }
}
