package dev.revive.detector.domain;

import dev.revive.contracts.state.TransitionTable;

/**
 * What the detector believes about one node, driven by consecutive probe outcomes. The allowed
 * moves are {@link #TABLE}; any other move is an {@link dev.revive.contracts.state.IllegalTransitionException}.
 */
public enum NodeState {
    /** Answering (the initial state). */
    UP,
    /** Failing, fewer than failure-threshold times in a row; nothing published yet. */
    SUSPECT,
    /** Failed failure-threshold times in a row; its one fault has been published. */
    DOWN,
    /** Was down, answering again fewer than recovery-threshold times in a row. */
    RECOVERING;

    /** The moves a probed node may make, staying included where it is allowed. */
    public static final TransitionTable<NodeState> TABLE = TransitionTable.of(NodeState.class, "node")
            .allow(UP, UP, SUSPECT, DOWN)
            .allow(SUSPECT, SUSPECT, UP, DOWN)
            .allow(DOWN, DOWN, RECOVERING, UP)
            .allow(RECOVERING, RECOVERING, DOWN, UP)
            .build();
}
