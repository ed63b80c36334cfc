package dev.revive.detector.loop;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.resources.DiskUsage;
import dev.revive.detector.resources.ProcReader;
import dev.revive.detector.resources.ProcessSample;
import dev.revive.detector.resources.ResourceSample;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeProcess;
import java.nio.file.Path;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Samples one process-driver node: its pid from the driver's inspect, its figures from /proc, its data dir's disk. */
final class ResourceSampler {

    private static final Logger LOG = Logger.getLogger(ResourceSampler.class);

    private final NodeRef node;
    private final NodeSpec spec;
    private final NodeDriver driver;
    private final ProcReader proc;
    private final Clock clock;

    ResourceSampler(NodeRef node, NodeSpec spec, NodeDriver driver, Clock clock) {
        this.node = node;
        this.spec = spec;
        this.driver = driver;
        this.proc = ProcReader.system();
        this.clock = clock;
    }

    /** The node's figures now; without its process's when the driver finds none running. */
    ResourceSample sample() {
        return new ResourceSample(clock.instant(), process(), spec.dataDir(),
                DiskUsage.percentUsed(Path.of(spec.dataDir())));
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
