package dev.revive.runbooks.steps;

import java.time.Duration;
import java.util.Map;

/**
 * The tunable numbers of the restart steps (the planner fills them from its configuration).
 *
 * @param snapshotTimeout      SNAPSHOT step timeout
 * @param stopMargin           added to a node's grace period to give the STOP step's timeout
 * @param defaultGracePeriod   STOP grace period for nodes whose driver names no stop timeout
 * @param forceKillTimeout     FORCE_KILL step timeout
 * @param cleanTempTimeout     CLEAN_TEMP step timeout
 * @param startTimeout         START step timeout
 * @param awaitHealthyTimeout  AWAIT_HEALTHY step timeout
 * @param awaitCaughtUpTimeout AWAIT_CAUGHT_UP step timeout
 * @param attempts             how many times the executor tries each step
 */
public record StepSettings(
        Duration snapshotTimeout,
        Duration stopMargin,
        Duration defaultGracePeriod,
        Duration forceKillTimeout,
        Duration cleanTempTimeout,
        Duration startTimeout,
        Duration awaitHealthyTimeout,
        Duration awaitCaughtUpTimeout,
        int attempts) {

    /** Rejects durations that are missing, zero or negative, and attempts outside 1..10. */
    public StepSettings {
        Map.of("snapshot-timeout", snapshotTimeout, "stop-margin", stopMargin,
                "default-grace-period", defaultGracePeriod, "force-kill-timeout", forceKillTimeout,
                "clean-temp-timeout", cleanTempTimeout, "start-timeout", startTimeout,
                "await-healthy-timeout", awaitHealthyTimeout, "await-caught-up-timeout", awaitCaughtUpTimeout)
                .forEach(StepSettings::positive);
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be between 1 and 10 but was " + attempts);
        }
    }

    /** The defaults of the planner's configuration. */
    public static StepSettings defaults() {
        return new StepSettings(Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 1);
    }

    /**
     * These settings with an AWAIT_HEALTHY timeout of at least {@code minimum}: a kind whose nodes take long to start
     * (a JVM that joins a group) is not given up on sooner than its own start takes.
     */
    public StepSettings withAwaitHealthyAtLeast(Duration minimum) {
        if (minimum == null || awaitHealthyTimeout.compareTo(minimum) >= 0) {
            return this;
        }
        return new StepSettings(snapshotTimeout, stopMargin, defaultGracePeriod, forceKillTimeout, cleanTempTimeout,
                startTimeout, minimum, awaitCaughtUpTimeout, attempts);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration but was " + value);
        }
    }
}
