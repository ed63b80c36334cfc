package dev.revive.detector.probe;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.domain.Faults;
import dev.revive.detector.domain.NodeMonitor;
import dev.revive.detector.domain.NodeRef;
import dev.revive.detector.domain.Probe;
import dev.revive.detector.domain.ProbeResult;
import dev.revive.detector.domain.Thresholds;
import dev.revive.detector.domain.Transition;
import dev.revive.detector.kafka.EventPublisher;
import dev.revive.targets.etcd.EtcdAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Probes every etcd node of every loaded spec, each node on its own schedule and thread so that a
 * hung member never delays the probes of another, and publishes what the node's
 * {@link NodeMonitor} decides.
 */
@ApplicationScoped
public class ProbeLoop {

    private static final Logger LOG = Logger.getLogger(ProbeLoop.class);
    private static final long STOP_TIMEOUT_MS = 5_000;

    @Inject
    DetectorConfig config;
    @Inject
    Clock clock;
    @Inject
    IdSource ids;
    @Inject
    EventPublisher publisher;

    private ScheduledExecutorService executor;
    private EtcdAdapter etcd;

    /** Starts probing the nodes of {@code specs}; clusters of kinds without a probe are skipped. */
    public synchronized void start(Collection<ClusterSpec> specs) {
        List<NodeMonitor> monitors = monitors(specs);
        if (monitors.isEmpty()) {
            LOG.warn("no etcd node to probe");
            return;
        }
        etcd = new EtcdAdapter(config.probe().timeout());
        Probe probe = new EtcdProbe(etcd);
        executor = Executors.newScheduledThreadPool(monitors.size(), threads());
        long interval = config.probe().interval().toMillis();
        monitors.forEach(monitor -> executor.scheduleWithFixedDelay(() -> probeOnce(probe, monitor), 0, interval,
                TimeUnit.MILLISECONDS));
        LOG.infof("probing %d etcd node(s) every %s (timeout %s, failure threshold %d, recovery threshold %d)",
                monitors.size(), config.probe().interval(), config.probe().timeout(),
                config.probe().failureThreshold(), config.probe().recoveryThreshold());
    }

    /** Stops probing and closes the etcd clients. */
    public synchronized void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            etcd.close();
            executor = null;
        }
    }

    private List<NodeMonitor> monitors(Collection<ClusterSpec> specs) {
        Thresholds thresholds = new Thresholds(config.probe().failureThreshold(), config.probe().recoveryThreshold());
        Faults faults = new Faults(clock, ids, config.source());
        specs.stream().filter(spec -> spec.kind() != SystemKind.ETCD)
                .forEach(spec -> LOG.warnf("cluster %s is of kind %s, which has no probe yet", spec.id(), spec.kind()));
        return specs.stream()
                .filter(spec -> spec.kind() == SystemKind.ETCD)
                .flatMap(spec -> spec.nodes().stream()
                        .map(node -> new NodeRef(spec.id(), node.id(), node.endpoints().client())))
                .map(node -> new NodeMonitor(node, thresholds, faults))
                .toList();
    }

    private void probeOnce(Probe probe, NodeMonitor monitor) {
        NodeRef node = monitor.node();
        MDC.put("clusterId", node.clusterId());
        try {
            ProbeResult result = probe.probe(node.endpoint());
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: an interrupted probe says nothing about the node
            }
            Transition transition = monitor.observe(result);
            if (transition.changed()) {
                LOG.infof("node %s: %s -> %s", node, transition.from(), transition.to());
            }
            transition.publish().ifPresent(fault -> publish(monitor, fault));
        } catch (RuntimeException e) {
            LOG.errorf(e, "probe of node %s failed unexpectedly", node);
        } finally {
            MDC.remove("clusterId");
        }
    }

    private void publish(NodeMonitor monitor, FaultEvent fault) {
        LOG.infof("node %s/%s: publishing %s %s", fault.clusterId(), fault.nodeId(), fault.kind(), fault.faultId());
        publisher.publish(Topics.FAULTS, fault.clusterId(), fault).whenComplete((metadata, failure) -> {
            if (failure != null) {
                LOG.errorf("fault %s (%s of %s) was not acknowledged by Kafka, telling it again while it holds: %s",
                        fault.faultId(), fault.kind(), fault.subject(), failure.toString());
                monitor.publishFailed(fault);
            }
        });
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "revive-probe-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
