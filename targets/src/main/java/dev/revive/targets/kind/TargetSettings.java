package dev.revive.targets.kind;

import java.time.Duration;
import java.util.Objects;

/**
 * What every kind plug-in is built with.
 *
 * @param callTimeout the bound of every single call to a managed system
 */
public record TargetSettings(Duration callTimeout) {

    public TargetSettings {
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isZero() || callTimeout.isNegative()) {
            throw new IllegalArgumentException("callTimeout must be positive but was " + callTimeout);
        }
    }
}
