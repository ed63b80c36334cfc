package dev.revive.detector.domain;

import dev.revive.contracts.fault.FaultEvent;
import java.util.Map;
import java.util.Objects;

/**
 * The state machine of one node ({@link NodeState#TABLE}). Fed one observation at a time, it publishes one fault after
 * {@code failures} consecutive failures and one recovery after {@code recoveries} consecutive
 * successes of a down node; a single failure between successes publishes nothing. An event that
 * Kafka did not acknowledge is told again (same fault id) on the next probe, as long as it still
 * describes the node; a newer event supersedes it, so a fault and its recovery never swap places.
 */
public final class NodeMonitor {

    private final NodeRef node;
    private final Thresholds thresholds;
    private final Faults faults;
    private NodeState state = NodeState.UP;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private FaultEvent openFault;
    private FaultEvent unacknowledged;
    private Map<String, String> lastFacts = Map.of();

    public NodeMonitor(NodeRef node, Thresholds thresholds, Faults faults) {
        this.node = Objects.requireNonNull(node, "node");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    public NodeRef node() {
        return node;
    }

    public synchronized NodeState state() {
        return state;
    }

    /** Applies one probe outcome and says what changed and what to publish. */
    public synchronized Transition observe(Observation result) {
        NodeState before = state;
        if (result.isSuccess() && !result.probe().facts().isEmpty()) {
            lastFacts = result.probe().facts();
        }
        FaultEvent event = result.isSuccess() ? onSuccess() : onFailure(result);
        if (event != null || !stillDescribesTheNode(unacknowledged)) {
            unacknowledged = null;
        }
        if (event == null && unacknowledged != null) {
            event = unacknowledged;
            unacknowledged = null;
        }
        return new Transition(node, before, state, event);
    }

    /** Kafka did not acknowledge {@code event}: tell it again on the next probe if it is still true then. */
    public synchronized void publishFailed(FaultEvent event) {
        if (stillDescribesTheNode(event)) {
            unacknowledged = event;
        }
    }

    private boolean stillDescribesTheNode(FaultEvent event) {
        if (event == null) {
            return false;
        }
        if (event.isRecovery()) {
            return openFault == null && (state == NodeState.UP || state == NodeState.SUSPECT);
        }
        return event == openFault && (state == NodeState.DOWN || state == NodeState.RECOVERING);
    }

    private FaultEvent onFailure(Observation result) {
        consecutiveFailures++;
        consecutiveSuccesses = 0;
        if (state == NodeState.DOWN || state == NodeState.RECOVERING) {
            moveTo(NodeState.DOWN);
            return null;
        }
        if (consecutiveFailures < thresholds.failures()) {
            moveTo(NodeState.SUSPECT);
            return null;
        }
        moveTo(NodeState.DOWN);
        openFault = faults.down(node, result, consecutiveFailures, lastFacts);
        return openFault;
    }

    private FaultEvent onSuccess() {
        consecutiveSuccesses++;
        if (state == NodeState.UP || state == NodeState.SUSPECT) {
            consecutiveFailures = 0;
            moveTo(NodeState.UP);
            return null;
        }
        if (consecutiveSuccesses < thresholds.recoveries()) {
            moveTo(NodeState.RECOVERING);
            return null;
        }
        consecutiveFailures = 0;
        moveTo(NodeState.UP);
        FaultEvent recovered = faults.recovered(node, openFault, consecutiveSuccesses);
        openFault = null;
        return recovered;
    }

    private void moveTo(NodeState next) {
        state = NodeState.TABLE.ensure(state, next);
    }
}
