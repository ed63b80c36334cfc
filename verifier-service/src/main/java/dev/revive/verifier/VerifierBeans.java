package dev.revive.verifier;

import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The injected time, ids and trusted operator keys of the verifier; tests may replace time and ids. */
@ApplicationScoped
public class VerifierBeans {

    /** Wall-clock time in UTC. */
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Random report ids. */
    @Produces
    @DefaultBean
    @ApplicationScoped
    IdSource ids() {
        return IdSource.random();
    }

    /** The keys of {@code revive.trust.public-keys}; without one the verifier does not start. */
    @Produces
    @ApplicationScoped
    TrustedKeys trustedKeys(@ConfigProperty(name = TrustedKeys.CONFIG_KEY) List<String> keys) {
        return TrustedKeys.load(keys);
    }

    /** The verifier's part of the incidents' traces; exported only when {@code revive.tracing.otlp-endpoint} is set. */
    @Produces
    @ApplicationScoped
    Tracing tracing(Config config) {
        return Tracing.configured("revive-verifier", name -> config.getOptionalValue(name, String.class));
    }

    void closeTracing(@Disposes Tracing tracing) {
        tracing.close();
    }
}
