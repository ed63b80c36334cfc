package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.TrustedKeys;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.executor.plan.ClusterLocking;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.Fixtures;
import dev.revive.executor.plan.HeldLock;
import dev.revive.executor.plan.PlanJob;
import dev.revive.executor.plan.PlanRunner;
import dev.revive.executor.plan.RetryPolicy;
import dev.revive.targets.action.Pacer;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TestSigningKey;
import dev.revive.testkit.TopicSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a real broker that goes away and comes back: the executor loop survives and publishes each outcome once. */
class KafkaOutageIT {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(2);
    private static final ClusterSpec SPEC = Fixtures.cluster(Path.of("/srv/revive-test"));

    private KafkaBroker broker;
    private PlanLoop loop;
    private Thread loopThread;

    @BeforeEach
    void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(List.of(new TopicSpec(Topics.Names.CLUSTERS, 1, true), TopicSpec.of(Topics.Names.PLANS),
                TopicSpec.of(Topics.Names.EXECUTIONS), TopicSpec.of(Topics.Names.DLQ)));
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        if (loop != null) {
            loop.stop();
            loopThread.join(TimeUnit.SECONDS.toMillis(40));
        }
        broker.close();
    }

    @Test
    void commitTimedOutInAnOutageIsPublishedOnceAfterTheBrokerReturnsAndThePartitionGoesOn() throws Exception {
        // given a running executor whose first outcome commit meets a broker that just went down
        AtomicBoolean outageDone = new AtomicBoolean();
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(), "executor-x",
                CLIENT_TIMEOUT), Clock.systemUTC(), offsets -> {
                    if (!offsets.isEmpty() && outageDone.compareAndSet(false, true)) {
                        broker.stop();
                    }
                });
        startLoop(log);
        publish(Topics.CLUSTERS, SPEC.id(), SPEC);
        RecoveryPlan first = plan("inc-1");

        // when the plan runs, its commit times out, and the broker comes back
        publish(Topics.PLANS, first.clusterId(), first);
        await().atMost(Duration.ofSeconds(60)).until(() -> outageDone.get() && !log.isSettled());
        assertThat(loop.isReady()).isFalse();
        broker.restart();

        // then the outcome is there once, and a later plan of the same partition runs too
        RecoveryPlan second = plan("inc-2");
        publish(Topics.PLANS, second.clusterId(), second);
        await().atMost(Duration.ofSeconds(90)).until(() -> outcomesOf(second).size() == 1);
        assertThat(outcomesOf(first)).extracting(PlanOutcome::outcome).containsExactly(Outcome.PLAN_COMPLETED);
        assertThat(loop.isReady()).isTrue();
    }

    @Test
    void loopOutlivesAnOutageLongerThanItsClientTimeoutsAndRunsAPlanAfterwards() throws Exception {
        // given the broker is down when the executor starts: initTransactions and the registry time out
        broker.stop();
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(), "executor-y",
                CLIENT_TIMEOUT), Clock.systemUTC());
        startLoop(log);
        await().atMost(Duration.ofSeconds(60)).until(() -> failedSessions() >= 2);

        // when the broker comes back
        broker.restart();
        assertThat(loop.heartbeat().isLive(java.time.Instant.now(), Duration.ofMinutes(1))).isTrue();

        // then the loop becomes ready by itself and runs a plan
        await().atMost(Duration.ofSeconds(90)).until(loop::isReady);
        publish(Topics.CLUSTERS, SPEC.id(), SPEC);
        RecoveryPlan plan = plan("inc-3");
        publish(Topics.PLANS, plan.clusterId(), plan);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomesOf(plan).size() == 1);
        assertThat(loopThread.isAlive()).isTrue();
    }

    private long failedSessions() {
        return loop.failedSessions();
    }

    @Test
    void planThatKeepsStoppingIsGivenUpWithPlanAbortedOnceItsRedeliveriesAreSpent() throws Exception {
        // given an executor that may deliver a plan two times and never gets the cluster's lock
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(), "executor-z",
                CLIENT_TIMEOUT), Clock.systemUTC());
        startLoop(log, (clusterId, cancelled) -> null, 2);
        publish(Topics.CLUSTERS, SPEC.id(), SPEC);

        // when a plan arrives
        RecoveryPlan plan = plan("inc-4");
        publish(Topics.PLANS, plan.clusterId(), plan);

        // then after its second stopped run it ends PLAN_ABORTED, once, saying why, and is not delivered again
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomesOf(plan).size() == 1);
        PlanOutcome outcome = outcomesOf(plan).get(0);
        assertThat(outcome.outcome()).isEqualTo(Outcome.PLAN_ABORTED);
        assertThat(outcome.detail()).contains("given up after 2 runs", "revive.executor.redelivery.max-attempts=2",
                "stopped while waiting for the lock");
        RecoveryPlan later = plan("inc-5");
        publish(Topics.PLANS, later.clusterId(), later);
        await().atMost(Duration.ofSeconds(60)).until(() -> outcomesOf(later).size() == 1);
        assertThat(outcomesOf(plan)).hasSize(1);
    }

    private void startLoop(ExecutionLog log) {
        startLoop(log, (clusterId, cancelled) -> new FreeLock(clusterId), 10);
    }

    private void startLoop(ExecutionLog log, ClusterLocking locking, int maxRedeliveries) {
        PartitionClaims claims = new PartitionClaims(log);
        PlanRunner runner = new PlanRunner(Fixtures.handler(context -> StepOutcome.succeeded("done")), claims,
                new ExecutionEvents(Clock.systemUTC(), IdSource.random(), "executor-x"), Pacer.sleeping(),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(100)));
        PlanJob job = new PlanJob(locking,
                new ExecutionHistoryReader(KafkaClients.reader(broker.bootstrapServers(), "history"),
                        Duration.ofSeconds(10)), runner);
        LoopSettings settings = new LoopSettings(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(200),
                Duration.ofSeconds(1), maxRedeliveries, Duration.ofDays(3650));
        loop = new PlanLoop(KafkaClients.planConsumer(broker.bootstrapServers(), "revive-executor", "plans",
                CLIENT_TIMEOUT), () -> new ClusterRegistry(KafkaClients.reader(broker.bootstrapServers(), "clusters"),
                CLIENT_TIMEOUT, TrustedKeys.load(List.of(TestSigningKey.PUBLIC_KEY)),
                letter -> log.commit(List.of(letter), Map.of(), null), Clock.systemUTC()), log, claims, job,
                new ExecutionEvents(Clock.systemUTC(), IdSource.random(), "executor-x"), Clock.systemUTC(), settings,
                Tracing.withoutExport("revive-executor"));
        loopThread = new Thread(loop, "executor-plan-loop");
        loopThread.start();
    }

    private static RecoveryPlan plan(String incidentId) {
        return Fixtures.plan(incidentId, 1, PlanMode.AUTO, Fixtures.restartSteps("m2", "m0", 1));
    }

    private <V> void publish(Topic<String, V> topic, String key, V value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = EventRecords.of(topic, key, value, "/revive/test",
                    java.time.Instant.now());
            if (topic.equals(Topics.CLUSTERS)) {
                TestSigningKey.signInto(record.headers(), record.value());
            }
            producer.send(record).get(20, TimeUnit.SECONDS);
        }
    }

    private List<PlanOutcome> outcomesOf(RecoveryPlan plan) {
        List<PlanOutcome> outcomes = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.reader(broker.bootstrapServers(),
                "test-reader"))) {
            TopicReader.assignAll(consumer, Topics.EXECUTIONS.name(), Duration.ofSeconds(10));
            TopicReader.readToEnd(consumer, Duration.ofSeconds(10), record -> {
                ExecutionEvent event = Topics.EXECUTIONS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.headers(), record.value());
                if (event instanceof PlanOutcome outcome && outcome.planId().equals(plan.planId())) {
                    outcomes.add(outcome);
                }
            });
        }
        return outcomes;
    }

    /** A lock nobody else wants: the test is about Kafka, not the coordination etcd. */
    private record FreeLock(String clusterId) implements HeldLock {

        @Override
        public long token() {
            return 1;
        }

        @Override
        public boolean admit(String planId, String stepId) {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
