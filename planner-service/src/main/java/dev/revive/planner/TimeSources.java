package dev.revive.planner;

import dev.revive.contracts.time.IdSource;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The injected time and ids of the service: the system UTC clock and random ids, replaceable in tests. */
@Singleton
public class TimeSources {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    IdSource ids() {
        return IdSource.random();
    }
}
