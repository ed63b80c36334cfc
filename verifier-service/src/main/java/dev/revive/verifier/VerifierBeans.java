package dev.revive.verifier;

import dev.revive.contracts.time.IdSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The injected time and ids of the verifier; tests may replace either with their own bean. */
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
}
