package dev.revive.verifier;

import dev.revive.contracts.kafka.LoopSupervisor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the health checks know of the executions loop: its {@link LoopState} and when it last made progress
 * (a beat). Ready only while RUNNING; live unless DEAD or without a beat for longer than the stall bound. Its
 * {@link LoopSupervisor} moves it through REBUILDING, STARTING, STOPPED and DEAD.
 */
final class LoopHealth implements LoopSupervisor.Listener {

    private final Clock clock;
    private final Duration stallBound;
    private LoopState state = LoopState.STARTING;
    private Instant lastBeat;

    /** @param stallBound longest time without a beat before the loop counts as hung */
    LoopHealth(Clock clock, Duration stallBound) {
        this.clock = clock;
        this.stallBound = stallBound;
        this.lastBeat = clock.instant();
    }

    /** The loop made progress (an iteration, a wait step, a move). */
    synchronized void beat() {
        lastBeat = clock.instant();
    }

    /** Moves to {@code next}; throws {@link dev.revive.contracts.state.IllegalTransitionException} when not allowed. */
    synchronized void moveTo(LoopState next) {
        state = LoopState.TABLE.ensure(state, next);
        lastBeat = clock.instant();
    }

    /** A failed loop: REBUILDING; a loop that was RUNNING starts the back-off from the first. */
    @Override
    public synchronized boolean failed(RuntimeException failure) {
        boolean wasRunning = state == LoopState.RUNNING;
        moveTo(LoopState.REBUILDING);
        return wasRunning;
    }

    @Override
    public synchronized void rebuilding() {
        if (state == LoopState.REBUILDING) {
            moveTo(LoopState.STARTING);
        }
    }

    @Override
    public void stopped() {
        moveTo(LoopState.STOPPED);
    }

    @Override
    public void died(Error error) {
        moveTo(LoopState.DEAD);
    }

    synchronized LoopState state() {
        return state;
    }

    /** True while the loop polls and verifies. */
    synchronized boolean isReady() {
        return state == LoopState.RUNNING;
    }

    /** False once the loop died, or when it has not made progress within the stall bound. */
    synchronized boolean isLive() {
        if (state == LoopState.DEAD) {
            return false;
        }
        return state == LoopState.STOPPED || !clock.instant().isAfter(lastBeat.plus(stallBound));
    }
}
