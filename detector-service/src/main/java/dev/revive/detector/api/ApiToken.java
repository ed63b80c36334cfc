package dev.revive.detector.api;

import dev.revive.detector.DetectorConfig;
import dev.revive.service.api.BearerToken;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The bearer token of the detector's API ({@code revive.detector.api.token}) for the shared token filter. */
@Singleton
public class ApiToken {

    @Produces
    @Singleton
    BearerToken token(DetectorConfig config) {
        return new BearerToken(config.api().token());
    }
}
