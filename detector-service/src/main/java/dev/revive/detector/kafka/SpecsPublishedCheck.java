package dev.revive.detector.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once Kafka has acknowledged every loaded cluster spec (so the producer works). */
@Readiness
@ApplicationScoped
public class SpecsPublishedCheck implements HealthCheck {

    @Inject
    SpecPublisher specs;

    @Override
    public HealthCheckResponse call() {
        return specs.isPublished()
                ? HealthCheckResponse.up("cluster specs published")
                : HealthCheckResponse.builder().name("cluster specs published").down()
                        .withData("problem", specs.problem()).build();
    }
}
