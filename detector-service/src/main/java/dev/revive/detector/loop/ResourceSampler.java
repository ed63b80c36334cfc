package dev.revive.detector.loop;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.resources.DiskIo;
import dev.revive.detector.resources.DiskUsage;
import dev.revive.detector.resources.ProcReader;
import dev.revive.detector.resources.ProcessSample;
import dev.revive.detector.resources.ResourceSample;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeProcess;
import dev.revive.targets.kind.NodeMeasures;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalDouble;
import org.jboss.logging.Logger;

/**
 * Samples one process-driver node: its pid from the driver's inspect, its figures from /proc, its data dir's disk,
 * the I/O counters of its data and log devices, and what its kind measures of it (the success rate).
 */
final class ResourceSampler {

    private static final Logger LOG = Logger.getLogger(ResourceSampler.class);

    private final NodeRef node;
    private final ClusterSpec cluster;
    private final NodeSpec spec;
    private final NodeDriver driver;
    private final NodeMeasures measures;
    private final ProcReader proc;
    private final DiskIo disks;
    private final List<Path> directories;
    private final Clock clock;

    ResourceSampler(NodeRef node, ClusterSpec cluster, NodeSpec spec, NodeDriver driver, NodeMeasures measures,
            Clock clock) {
        this.node = node;
        this.cluster = cluster;
        this.spec = spec;
        this.driver = driver;
        this.measures = measures;
        this.proc = ProcReader.system();
        this.disks = DiskIo.system();
        this.directories = DiskIo.ofNode(spec.dataDir(), spec.logPaths());
        this.clock = clock;
    }

    /** The node's figures now; without its process's when the driver finds none running. */
    ResourceSample sample() {
        return new ResourceSample(clock.instant(), process(), spec.dataDir(),
                DiskUsage.percentUsed(Path.of(spec.dataDir())), disks.read(directories), successRate());
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

    private OptionalDouble successRate() {
        try {
            Double rate = measures.measure(cluster, spec).get(NodeMeasures.SUCCESS_RATE_PERCENT);
            return rate == null || rate.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(rate);
        } catch (RuntimeException e) {
            LOG.debugf("node %s: no success rate: %s", node, e);
            return OptionalDouble.empty();
        }
    }
}
