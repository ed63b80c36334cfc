package dev.revive.detector.loop;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.domain.NodeMonitor;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.domain.Thresholds;
import dev.revive.detector.logs.LogWatch;
import dev.revive.detector.probe.ReachabilityCheck;
import dev.revive.detector.resources.ResourceWatch;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.TargetKinds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Builds the tasks of every node of the loaded specs: a probe through the kind's probe (kinds without
 * one: a WARN, no probe), the log rules over its {@code logPaths}, and, for nodes run by the process
 * driver, the resource thresholds.
 */
final class NodeTasks {

    private static final Logger LOG = Logger.getLogger(NodeTasks.class);

    private final DetectorConfig config;
    private final Clock clock;
    private final Faults faults;
    private final TargetKinds kinds;
    private final NodeDrivers drivers;
    private final ReachabilityCheck secondPath;
    private final Set<SystemKind> warned = new HashSet<>();

    NodeTasks(DetectorConfig config, Clock clock, Faults faults, TargetKinds kinds, NodeDrivers drivers) {
        this.config = config;
        this.clock = clock;
        this.faults = faults;
        this.kinds = kinds;
        this.drivers = drivers;
        this.secondPath = new ReachabilityCheck(drivers, config.probe().timeout());
    }

    /** Every task of every node of {@code spec}. */
    List<NodeTask> of(ClusterSpec spec) {
        MDC.put("clusterId", spec.id());
        try {
            Optional<NodeProbe> probe = probe(spec);
            MemberAnswers answers = new MemberAnswers(spec.nodes().stream().map(NodeSpec::id).toList());
            List<NodeTask> tasks = new ArrayList<>();
            for (NodeSpec node : spec.nodes()) {
                NodeRef ref = new NodeRef(spec.id(), node.id(), node.endpoints().client());
                probe.ifPresent(found -> tasks.add(probeTask(spec, node, ref, found, answers)));
                logTask(spec, node, ref).ifPresent(tasks::add);
                resourceTask(spec, node, ref).ifPresent(tasks::add);
            }
            return tasks;
        } finally {
            MDC.remove("clusterId");
        }
    }

    private Optional<NodeProbe> probe(ClusterSpec spec) {
        try {
            return Optional.of(kinds.probe(spec.kind()));
        } catch (UnsupportedKindException e) {
            if (warned.add(spec.kind())) {
                LOG.warnf("clusters of kind %s are not probed: %s", spec.kind(), e.getMessage());
            }
            return Optional.empty();
        }
    }

    private NodeTask probeTask(ClusterSpec spec, NodeSpec node, NodeRef ref, NodeProbe probe, MemberAnswers answers) {
        Thresholds thresholds = new Thresholds(config.probe().failureThreshold(), config.probe().recoveryThreshold());
        return new ProbeTask(spec, node, probe, secondPath, new NodeMonitor(ref, thresholds, faults),
                config.probe().interval(), answers);
    }

    private Optional<NodeTask> logTask(ClusterSpec spec, NodeSpec node, NodeRef ref) {
        List<Path> files = node.logPaths().stream().map(Path::of).toList();
        LogWatch watch = new LogWatch(files, spec.detection().logRules(), config.logs().maxLineBytes(),
                config.logs().maxBytesPerRead(), clock);
        if (watch.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(FindingTask.logs(ref, watch, faults, config.logs().interval()));
    }

    private Optional<NodeTask> resourceTask(ClusterSpec spec, NodeSpec node, NodeRef ref) {
        if (!(node.control() instanceof ProcessControl)) {
            return Optional.empty();
        }
        Optional<NodeDriver> driver = drivers.find(node);
        return driver.map(found -> FindingTask.resources(ref,
                new ResourceSampler(ref, spec, node, found, kinds.measures(spec.kind()), clock),
                new ResourceWatch(spec.detection().resources()), faults, config.resources().interval()));
    }
}
