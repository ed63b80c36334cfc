package dev.revive.detector.loop;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.detector.DetectorConfig;
import dev.revive.detector.domain.Faults;
import dev.revive.service.api.RecordPublisher;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs every task of every node of the loaded specs (probe, log rules, resource thresholds), each on
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
    RecordPublisher publisher;

    private ScheduledExecutorService executor;
    private TargetKinds kinds;
    private List<NodeTask> tasks = List.of();

    /** Starts watching the nodes of {@code specs}. */
    public synchronized void start(Collection<ClusterSpec> specs) {
        kinds = TargetKinds.standard(new TargetSettings(config.probe().timeout()));
        NodeTasks factory = new NodeTasks(config, clock, new Faults(clock, ids, config.source()), kinds,
                NodeDrivers.standard());
        tasks = specs.stream().flatMap(spec -> factory.of(spec).stream()).toList();
        if (tasks.isEmpty()) {
            LOG.warn("no node to watch");
            return;
        }
        executor = Executors.newScheduledThreadPool(tasks.size(), threads());
        tasks.forEach(task -> executor.scheduleWithFixedDelay(() -> tickOnce(task), 0, task.interval().toMillis(),
                TimeUnit.MILLISECONDS));
        Map<String, Long> counts = tasks.stream().collect(Collectors.groupingBy(NodeTask::name, Collectors.counting()));
        LOG.infof("watching: %s task(s) by kind; probes every %s (timeout %s, failure threshold %d, recovery threshold %d),"
                + " logs every %s, resources every %s", counts, config.probe().interval(), config.probe().timeout(),
                config.probe().failureThreshold(), config.probe().recoveryThreshold(), config.logs().interval(),
                config.resources().interval());
    }

    /** Stops every task and closes the kinds' clients and the followed files. */
    public synchronized void stop() throws InterruptedException {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            executor = null;
        }
        tasks.forEach(NodeTask::close);
        tasks = List.of();
        if (kinds != null) {
            kinds.close();
            kinds = null;
        }
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
        publisher.publish(Topics.FAULTS, fault.clusterId(), fault).whenComplete((metadata, failure) -> {
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
