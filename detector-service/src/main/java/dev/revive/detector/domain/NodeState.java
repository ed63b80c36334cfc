package dev.revive.detector.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the detector believes about one node, driven by consecutive probe outcomes. Staying in a
 * state is always allowed; any other move must be listed in {@link #allowedNext()}.
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

    /** The states this one may move to (besides staying). */
    public Set<NodeState> allowedNext() {
        return switch (this) {
            case UP -> EnumSet.of(SUSPECT, DOWN);
            case SUSPECT -> EnumSet.of(UP, DOWN);
            case DOWN -> EnumSet.of(RECOVERING, UP);
            case RECOVERING -> EnumSet.of(DOWN, UP);
        };
    }

    /** Whether moving from this state to {@code next} is legal. */
    public boolean canMoveTo(NodeState next) {
        return next == this || allowedNext().contains(next);
    }

    /** Returns {@code next} when the move is legal; throws {@link IllegalStateException} otherwise. */
    public NodeState ensureCanMoveTo(NodeState next) {
        if (!canMoveTo(next)) {
            throw new IllegalStateException("illegal node state transition " + this + " -> " + next);
        }
        return next;
    }
}
