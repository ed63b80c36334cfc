package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultEvent;
import java.util.Optional;

/**
 * What one probe outcome did to a node: its state before and after, and the event to publish.
 *
 * @param node  the node
 * @param from  its state before the outcome
 * @param to    its state after it
 * @param event the fault or recovery to publish, or null when there is nothing to tell
 */
public record Transition(NodeRef node, NodeState from, NodeState to, FaultEvent event) {

    /** True when the state changed. */
    public boolean changed() {
        return from != to;
    }

    /** The event to publish, if any. */
    public Optional<FaultEvent> publish() {
        return Optional.ofNullable(event);
    }
}
