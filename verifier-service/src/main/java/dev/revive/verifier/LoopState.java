package dev.revive.verifier;

import dev.revive.contracts.state.TransitionTable;

/**
 * The states of the supervised executions loop. One attempt goes STARTING (references caught up, producer
 * initialised, subscribed) → RUNNING; a failure of Kafka moves it to REBUILDING (a back-off, then new clients
 * and STARTING again). DEAD (an {@link Error}) and STOPPED (shutdown) are final.
 */
enum LoopState {
    /** Building the Kafka clients and waiting for the references. */
    STARTING,
    /** Polling and verifying. */
    RUNNING,
    /** The last attempt failed; new clients are built after a back-off. */
    REBUILDING,
    /** The loop died of an error that a rebuild cannot fix. */
    DEAD,
    /** Shut down. */
    STOPPED;

    /** The allowed moves. */
    static final TransitionTable<LoopState> TABLE = TransitionTable.of(LoopState.class, "executions loop")
            .allow(STARTING, RUNNING, REBUILDING, DEAD, STOPPED)
            .allow(RUNNING, REBUILDING, DEAD, STOPPED)
            .allow(REBUILDING, STARTING, DEAD, STOPPED)
            .build();
}
