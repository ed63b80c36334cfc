package dev.revive.detector;

import dev.revive.contracts.time.IdSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The CDI producers of time and ids, so that no other class asks the system for either. */
public final class TimeAndIds {

    /** The wall clock, in UTC. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Random, UUID-based ids. */
    @Produces
    @Singleton
    IdSource ids() {
        return IdSource.random();
    }
}
