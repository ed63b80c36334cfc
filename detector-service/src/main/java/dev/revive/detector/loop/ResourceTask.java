package dev.revive.detector.loop;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.resources.DiskUsage;
import dev.revive.detector.resources.ProcReader;
import dev.revive.detector.resources.ProcessSample;
import dev.revive.detector.resources.ResourceSample;
import dev.revive.detector.resources.ResourceWatch;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/** Samples one process-driver node: its pid from the driver's inspect, its figures from /proc, its data dir's disk. */
final class ResourceTask implements NodeTask {

    private static final Logger LOG = Logger.getLogger(ResourceTask.class);

    private final NodeRef node;
    private final NodeSpec spec;
    private final NodeDriver driver;
    private final ProcReader proc;
    private final ResourceWatch watch;
    private final Faults faults;
    private final Clock clock;
    private final Duration interval;

    ResourceTask(NodeRef node, NodeSpec spec, NodeDriver driver, ResourceWatch watch, Faults faults, Clock clock,
            Duration interval) {
        this.node = node;
        this.spec = spec;
        this.driver = driver;
        this.proc = ProcReader.system();
        this.watch = watch;
        this.faults = faults;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public NodeRef node() {
        return node;
    }

    @Override
    public String name() {
        return "resources";
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public List<FaultEvent> tick() {
        ResourceSample sample = new ResourceSample(clock.instant(), process(), spec.dataDir(),
                DiskUsage.percentUsed(Path.of(spec.dataDir())));
        return watch.observe(sample).stream().map(finding -> faults.found(node, finding)).toList();
    }

    private ProcessSample process() {
        try {
            NodeProcess process = driver.inspect(spec);
            return process.running() ? proc.read(process.pid()).orElse(null) : null;
        } catch (RuntimeException e) {
            LOG.debugf("node %s: no process sample: %s", node, e);
            return null;
        }
    }
}
