package dev.revive.verifier;

import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.trust.TrustedKeys;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
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
}
