package dev.revive.planner.api;

import dev.revive.planner.PlannerConfig;
import dev.revive.service.api.ApiTokenSource;
import dev.revive.service.api.BearerToken;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The bearer token of the approval API ({@code revive.planner.api.token} or {@code .token-file}) for the shared
 * token filter, loaded at start: without a usable token the planner refuses to start.
 */
@Singleton
public class ApiToken {

    @Produces
    @Singleton
    BearerToken token(PlannerConfig config) {
        return ApiTokenSource.load("revive.planner.api", config.api().token(), config.api().tokenFile());
    }

    void loadAtStart(@Observes StartupEvent event, BearerToken token) {
        // injecting the token loads it, so that a missing or unreadable one stops the start
    }
}
