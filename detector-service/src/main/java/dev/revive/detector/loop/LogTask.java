package dev.revive.detector.loop;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.logs.LogWatch;
import java.time.Duration;
import java.util.List;

/** Follows one node's log files with its cluster's log rules. */
final class LogTask implements NodeTask {

    private final NodeRef node;
    private final LogWatch watch;
    private final Faults faults;
    private final Duration interval;

    LogTask(NodeRef node, LogWatch watch, Faults faults, Duration interval) {
        this.node = node;
        this.watch = watch;
        this.faults = faults;
        this.interval = interval;
    }

    @Override
    public NodeRef node() {
        return node;
    }

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<FaultEvent> tick() {
        return watch.tick().stream().map(finding -> faults.found(node, finding)).toList();
    }

    @Override
    public void close() {
        watch.close();
    }
}
