package dev.revive.detector.loop;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.domain.Finding;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.logs.LogWatch;
import dev.revive.detector.resources.ResourceWatch;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Runs one watch of one node that yields findings (its log rules, its resource thresholds): each is a fault. */
final class FindingTask implements NodeTask {

    private static final Runnable NOTHING_TO_CLOSE = () -> { };

    private final String name;
    private final NodeRef node;
    private final Duration interval;
    private final Supplier<List<Finding>> findings;
    private final Runnable onClose;
    private final Faults faults;

    private FindingTask(String name, NodeRef node, Duration interval, Supplier<List<Finding>> findings,
            Runnable onClose, Faults faults) {
        this.name = name;
        this.node = node;
        this.interval = interval;
        this.findings = findings;
        this.onClose = onClose;
        this.faults = faults;
    }

    /** Follows the node's log files with its cluster's log rules; closing it closes the files. */
    static FindingTask logs(NodeRef node, LogWatch watch, Faults faults, Duration interval) {
        return new FindingTask("logs", node, interval, watch::tick, watch::close, faults);
    }

    /** Holds each sample of the node against its cluster's resource thresholds. */
    static FindingTask resources(NodeRef node, ResourceSampler sampler, ResourceWatch watch, Faults faults,
            Duration interval) {
        return new FindingTask("resources", node, interval, () -> watch.observe(sampler.sample()), NOTHING_TO_CLOSE,
                faults);
    }

    @Override
    public NodeRef node() {
        return node;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<FaultEvent> tick() {
        return findings.get().stream().map(finding -> faults.found(node, finding)).toList();
    }

    @Override
    public void close() {
        onClose.run();
    }
}
