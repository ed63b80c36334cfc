package dev.revive.detector.api;

import dev.revive.detector.DetectorConfig;
import dev.revive.service.api.ApiTokenSource;
import dev.revive.service.api.BearerToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The bearer token of the detector's API ({@code revive.detector.api.token} or {@code .token-file}) for the shared
 * token filter, loaded at start: without a usable token the detector refuses to start.
 */
@Singleton
public class ApiToken {

    @Produces
    @Singleton
    BearerToken token(DetectorConfig config) {
        return ApiTokenSource.load("revive.detector.api", config.api().token(), config.api().tokenFile());
    }

    void loadAtStart(@Observes StartupEvent event, BearerToken token) {
        // injecting the token loads it, so that a missing or unreadable one stops the start
    }
}
