package dev.revive.verifier.check;

import java.time.Duration;

/** Waits between rounds of checks; injected so tests can advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Pause {

    /** Waits for {@code duration}; an interrupt ends the wait early and stays set. */
    void pause(Duration duration);
}
