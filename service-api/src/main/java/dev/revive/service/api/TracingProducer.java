package dev.revive.service.api;

import dev.revive.contracts.tracing.Tracing;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's part of the incidents' traces, named by {@code revive.tracing.service-name} (each app sets it in its
 * {@code application.properties}); spans are exported only when {@code revive.tracing.otlp-endpoint} is set.
 */
@Singleton
public class TracingProducer {

    @Produces
    @Singleton
    Tracing tracing(Config config,
            @ConfigProperty(name = "revive.tracing.service-name", defaultValue = "revive") String service) {
        return Tracing.configured(service, name -> config.getOptionalValue(name, String.class));
    }

    void close(@Disposes Tracing tracing) {
        tracing.close();
    }
}
