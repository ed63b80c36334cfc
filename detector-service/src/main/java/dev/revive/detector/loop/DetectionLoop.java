package dev.revive.detector.loop;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.kafka.FaultPublisher;
import dev.revive.detector.domain.Faults;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs every task of every node of the known specs (loaded at start, or registered at runtime through
 * {@link #watch}) (probe, log rules, resource thresholds), each on
 * its own schedule and with a thread of its own, so that a hung node never delays the work on another
 * (nor its own log and resource watches), and publishes what the tasks find.
 */
@ApplicationScoped
public class DetectionLoop {

    private static final Logger LOG = Logger.getLogger(DetectionLoop.class);
    private static final long STOP_TIMEOUT_MS = 5_000;

    @Inject
    DetectorConfig config;
    @Inject
    Clock clock;
    @Inject
    IdSource ids;
    @Inject
    FaultPublisher faults;

    private ScheduledThreadPoolExecutor executor;
    private TargetKinds kinds;
    private NodeTasks factory;
    private final Map<String, List<Scheduled>> byCluster = new HashMap<>();

    /** A task and its schedule. */
    private record Scheduled(NodeTask task, ScheduledFuture<?> future) {
    }

    /** Starts watching the nodes of {@code specs}. */
    public synchronized void start(Collection<ClusterSpec> specs) {
        kinds = TargetKinds.standard(new TargetSettings(config.probe().timeout()));
        factory = new NodeTasks(config, clock, new Faults(clock, ids, config.source()), kinds, NodeDrivers.standard());
        executor = new ScheduledThreadPoolExecutor(1, threads());
        specs.forEach(this::schedule);
        List<NodeTask> tasks = byCluster.values().stream().flatMap(List::stream).map(Scheduled::task).toList();
        if (tasks.isEmpty()) {
            LOG.warn("no node to watch yet");
            return;
        }
        Map<String, Long> counts = tasks.stream().collect(Collectors.groupingBy(NodeTask::name, Collectors.counting()));
        LOG.infof("watching: %s task(s) by kind; probes every %s (timeout %s, failure threshold %d, recovery threshold %d),"
                + " logs every %s, resources every %s", counts, config.probe().interval(), config.probe().timeout(),
                config.probe().failureThreshold(), config.probe().recoveryThreshold(), config.logs().interval(),
                config.resources().interval());
    }

    /**
     * Starts watching the nodes of a cluster registered at runtime; a cluster already watched has its tasks replaced
     * (its spec changed). Ignored before {@link #start} and after {@link #stop}.
     */
    public synchronized void watch(ClusterSpec spec) {
        if (executor == null) {
            return;
        }
        unwatch(spec.id());
        schedule(spec);
        LOG.infof("watching cluster %s at runtime: %d task(s)", spec.id(), byCluster.get(spec.id()).size());
    }

    /** Stops watching the nodes of {@code clusterId} (its spec was removed). */
    public synchronized void unwatch(String clusterId) {
        List<Scheduled> removed = byCluster.remove(clusterId);
        if (removed != null) {
            removed.forEach(scheduled -> scheduled.future().cancel(true));
            removed.forEach(scheduled -> scheduled.task().close());
            executor.setCorePoolSize(Math.max(1, taskCount()));
        }
    }

    /** Stops every task and closes the kinds' clients and the followed files. */
    public synchronized void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            executor = null;
        }
        byCluster.values().forEach(scheduled -> scheduled.forEach(each -> each.task().close()));
        byCluster.clear();
        if (kinds != null) {
            kinds.close();
            kinds = null;
        }
    }

    /** One thread per task, so that a hung node never delays another's work. */
    private void schedule(ClusterSpec spec) {
        List<NodeTask> tasks = factory.of(spec);
        executor.setCorePoolSize(Math.max(1, taskCount() + tasks.size()));
        byCluster.put(spec.id(), tasks.stream().map(task -> new Scheduled(task, executor.scheduleWithFixedDelay(
                () -> tickOnce(task), 0, task.interval().toMillis(), TimeUnit.MILLISECONDS))).toList());
    }

    private int taskCount() {
        return byCluster.values().stream().mapToInt(List::size).sum();
    }

    private void tickOnce(NodeTask task) {
        MDC.put("clusterId", task.node().clusterId());
        try {
            task.tick().forEach(fault -> publish(task, fault));
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s of node %s failed unexpectedly", task.name(), task.node());
        } finally {
            MDC.remove("clusterId");
        }
    }

    private void publish(NodeTask task, FaultEvent fault) {
        LOG.infof("node %s: publishing %s %s %s", fault.subject(), fault.kind(), fault.faultId(),
                LogSafe.text(String.valueOf(fault.evidence())));
        faults.publish(fault).whenComplete((metadata, failure) -> {
            if (failure != null) {
                LOG.errorf("fault %s (%s of %s) was not acknowledged by Kafka: %s", fault.faultId(), fault.kind(),
                        fault.subject(), failure.toString());
                task.notAcknowledged(fault);
            }
        });
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "revive-watch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
