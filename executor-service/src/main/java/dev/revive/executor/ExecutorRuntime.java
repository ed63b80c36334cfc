package dev.revive.executor;

import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.executor.kafka.ClusterRegistry;
import dev.revive.executor.kafka.ExecutionHistoryReader;
import dev.revive.executor.kafka.ExecutionLog;
import dev.revive.executor.kafka.KafkaClients;
import dev.revive.executor.kafka.LoopSettings;
import dev.revive.executor.kafka.PartitionClaims;
import dev.revive.executor.kafka.PlanLoop;
import dev.revive.executor.lock.CoordinationLocks;
import dev.revive.executor.lock.CoordinationSecurity;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.PlanJob;
import dev.revive.executor.plan.PlanRunner;
import dev.revive.executor.plan.RetryPolicy;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.action.ActionHandlers;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.Polling;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.targets.kind.TargetSettings;
import dev.revive.targets.lb.LoadBalancers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Wires the executor together on start and takes it apart on shutdown: the coordination locks, the
 * transactional execution log, the plan runner and the Kafka loop on its own thread.
 */
@ApplicationScoped
public class ExecutorRuntime {

    private static final Logger LOG = Logger.getLogger(ExecutorRuntime.class);
    private static final Duration LOOP_STOP_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ExecutorConfig config;
    @Inject
    Clock clock;
    @Inject
    IdSource ids;
    @Inject
    TargetKinds kinds;
    @Inject
    NodeDrivers drivers;
    @Inject
    Runbooks runbooks;
    @Inject
    TrustedKeys trusted;
    @Inject
    Tracing tracing;
    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;
    /** The {@code kafka.*} properties without their prefix: bootstrap servers and any security settings. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaProperties;

    private String executorId;
    private CoordinationLocks locks;
    private PlanLoop loop;
    private Thread loopThread;

    void onStart(@Observes StartupEvent event) {
        validate(config);
        executorId = ExecutorIdentity.resolve(config.id());
        ExecutorConfig.Coordination coordination = config.coordination();
        locks = new CoordinationLocks(coordination.endpoints(), executorId, coordination.lockTtl(),
                coordination.callTimeout(), coordination.lockRetry(), CoordinationSecurity.of(coordination.caFile(),
                        coordination.certFile(), coordination.keyFile(), coordination.username(),
                        coordination.passwordFile()));
        ExecutorConfig.Kafka kafka = config.kafka();
        KafkaClientSettings clients = new KafkaClientSettings(kafkaProperties)
                .with(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(clients, executorId, kafka.clientTimeout()),
                clock);
        PartitionClaims claims = new PartitionClaims(log);
        Duration readTimeout = kafka.readTimeout();
        Supplier<ClusterRegistry> clusters = () -> new ClusterRegistry(
                KafkaClients.reader(clients, executorId + "-clusters"), readTimeout, trusted,
                letter -> log.commit(List.of(letter), Map.of(), null), clock);
        ExecutionHistoryReader history = new ExecutionHistoryReader(
                KafkaClients.reader(clients, executorId + "-history"), readTimeout);
        LoopSettings settings = new LoopSettings(kafka.pollTimeout(), kafka.redeliveryDelay(), kafka.rebuildBackoff(),
                kafka.maxRebuildBackoff(), config.redelivery().maxAttempts(), config.redelivery().maxAge());
        loop = new PlanLoop(KafkaClients.planConsumer(clients, kafka.groupId(), executorId + "-plans",
                kafka.clientTimeout(), kafka.sessionTimeout()), clusters, log, claims,
                new PlanJob(locks, history, runner(claims)), events(), clock, settings, tracing);
        loopThread = new Thread(loop, "executor-plan-loop");
        loopThread.start();
        LOG.infof("executor %s started: Kafka %s, coordination etcd %s", executorId, bootstrapServers,
                coordination.endpoints());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
            joinLoop();
        }
        if (locks != null) {
            locks.close();
        }
    }

    /** True while the Kafka loop runs and can publish. */
    public boolean isReady() {
        return loop != null && loop.isReady() && loopThread.isAlive();
    }

    /** True while the Kafka loop runs and has iterated within {@code revive.executor.liveness.stall-timeout}. */
    public boolean isLive() {
        return loop != null && loopThread.isAlive()
                && loop.heartbeat().isLive(clock.instant(), config.liveness().stallTimeout());
    }

    /** This executor's id. */
    public String executorId() {
        return executorId;
    }

    private PlanRunner runner(PartitionClaims claims) {
        Pacer pacer = Pacer.sleeping();
        ActionHandlers handlers = new ActionHandlers(kinds, drivers, runbooks,
                new Polling(clock, pacer, config.steps().pollInterval()),
                new LoadBalancers(new TargetSettings(config.target().callTimeout())));
        RetryPolicy retry = new RetryPolicy(config.steps().retryBackoff(), config.steps().maxRetryBackoff());
        return new PlanRunner(handlers, new StepDurations(new StepSpans(claims, tracing), ReviveMetrics.global()), events(), pacer, retry,
                kinds::leaderOf);
    }

    private ExecutionEvents events() {
        return new ExecutionEvents(clock, ids, executorId);
    }

    private void joinLoop() {
        try {
            loopThread.join(LOOP_STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loopThread.isAlive()) {
            LOG.warnf("executor loop did not stop within %s", LOOP_STOP_TIMEOUT);
        }
    }

    /** Fails the start with the offending key when the configuration cannot work. */
    static void validate(ExecutorConfig config) {
        ExecutorConfig.Coordination coordination = config.coordination();
        require(!coordination.endpoints().isEmpty(), "revive.executor.coordination.endpoints", "must name an endpoint");
        require(coordination.lockTtl().compareTo(Duration.ofSeconds(2)) >= 0, "revive.executor.coordination.lock-ttl",
                "must be at least 2s");
        require(coordination.callTimeout().compareTo(coordination.lockTtl()) < 0,
                "revive.executor.coordination.call-timeout", "must be shorter than lock-ttl");
        require(positive(coordination.lockRetry()), "revive.executor.coordination.lock-retry", "must be positive");
        require(positive(config.kafka().pollTimeout()), "revive.executor.kafka.poll-timeout", "must be positive");
        require(positive(config.kafka().readTimeout()), "revive.executor.kafka.read-timeout", "must be positive");
        require(positive(config.steps().pollInterval()), "revive.executor.steps.poll-interval", "must be positive");
        require(positive(config.steps().retryBackoff()), "revive.executor.steps.retry-backoff", "must be positive");
        require(positive(config.kafka().clientTimeout()), "revive.executor.kafka.client-timeout", "must be positive");
        require(config.kafka().sessionTimeout().compareTo(Duration.ofSeconds(3)) >= 0,
                "revive.executor.kafka.session-timeout", "must be at least 3s");
        require(positive(config.kafka().rebuildBackoff()), "revive.executor.kafka.rebuild-backoff", "must be positive");
        require(config.kafka().maxRebuildBackoff().compareTo(config.kafka().rebuildBackoff()) >= 0,
                "revive.executor.kafka.max-rebuild-backoff", "must not be shorter than rebuild-backoff");
        require(config.redelivery().maxAttempts() >= 1, "revive.executor.redelivery.max-attempts", "must be at least 1");
        require(positive(config.redelivery().maxAge()), "revive.executor.redelivery.max-age", "must be positive");
        require(positive(config.liveness().stallTimeout()), "revive.executor.liveness.stall-timeout",
                "must be positive");
        require(positive(config.target().callTimeout()), "revive.executor.target.call-timeout", "must be positive");
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void require(boolean valid, String key, String rule) {
        if (!valid) {
            throw new IllegalArgumentException(key + " " + rule);
        }
    }
}
