package dev.revive.detector.loop;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.detector.domain.NodeRef;
import java.time.Duration;
import java.util.List;

/** One kind of work on one node, run on its own schedule: it says what to publish. */
interface NodeTask extends AutoCloseable {

    /** The node it watches. */
    NodeRef node();

    /** What it does, for logs and thread names ({@code probe}, {@code logs}, {@code resources}). */
    String name();

    /** The pause between the end of one tick and the start of the next. */
    Duration interval();

    /** Does one round of work; returns the faults to publish. */
    List<FaultEvent> tick();

    /** Kafka did not acknowledge {@code event}; by default it is only logged. */
    default void notAcknowledged(FaultEvent event) {
    }

    @Override
    default void close() {
    }
}
