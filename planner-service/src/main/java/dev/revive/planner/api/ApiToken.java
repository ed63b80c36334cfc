package dev.revive.planner.api;

import dev.revive.planner.PlannerConfig;
import dev.revive.service.api.BearerToken;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** The bearer token of the approval API ({@code revive.planner.api.token}) for the shared token filter. */
@Singleton
public class ApiToken {

    private static final Logger LOG = Logger.getLogger(ApiToken.class);

    @Produces
    @Singleton
    BearerToken token(PlannerConfig config) {
        return config.api().token().map(BearerToken::new).orElseGet(() -> {
            LOG.warn("revive.planner.api.token is not set: the approval API answers 401 to every request");
            return BearerToken.none();
        });
    }
}
