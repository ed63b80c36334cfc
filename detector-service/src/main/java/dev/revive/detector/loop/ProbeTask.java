package dev.revive.detector.loop;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.detector.domain.NodeMonitor;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.domain.Observation;
import dev.revive.detector.domain.Transition;
import dev.revive.detector.probe.ReachabilityCheck;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Probes one node through its kind's probe, takes the second path when it fails, and feeds its monitor. */
final class ProbeTask implements NodeTask {

    private static final Logger LOG = Logger.getLogger(ProbeTask.class);

    private final ClusterSpec spec;
    private final NodeSpec node;
    private final NodeProbe probe;
    private final ReachabilityCheck secondPath;
    private final NodeMonitor monitor;
    private final Duration interval;
    private final MemberAnswers answers;

    ProbeTask(ClusterSpec spec, NodeSpec node, NodeProbe probe, ReachabilityCheck secondPath, NodeMonitor monitor,
            Duration interval, MemberAnswers answers) {
        this.spec = spec;
        this.node = node;
        this.probe = probe;
        this.secondPath = secondPath;
        this.monitor = monitor;
        this.interval = interval;
        this.answers = answers;
    }

    @Override
    public NodeRef node() {
        return monitor.node();
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<FaultEvent> tick() {
        ProbeResult result = probe.probe(spec, node);
        Observation observation = result.isSuccess() ? Observation.answered(result)
                : Observation.failed(result, secondPath.check(node), answers.othersNotAnswering(node.id()));
        if (Thread.currentThread().isInterrupted()) {
            return List.of(); // stopping: an interrupted probe says nothing about the node
        }
        answers.record(node.id(), result.isSuccess());
        Transition transition = monitor.observe(observation);
        if (transition.changed()) {
            LOG.infof("node %s: %s -> %s", node(), transition.from(), transition.to());
        }
        return transition.publish().stream().toList();
    }

    @Override
    public void notAcknowledged(FaultEvent event) {
        monitor.publishFailed(event);
    }
}
