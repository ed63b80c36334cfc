package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.executor.plan.Fixtures;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TopicSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a real broker: an executor whose plan partition went to another instance in a rebalance (a zombie: paused
 * past its poll interval, then resumed) cannot commit a step event any more; the group coordinator rejects it.
 */
class ZombieFencingIT {

    private static final String GROUP = "zombie-fencing";
    private static final TopicPartition PLANS_0 = new TopicPartition(Topics.Names.PLANS, 0);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(List.of(new TopicSpec(Topics.Names.PLANS, 1, false),
                new TopicSpec(Topics.Names.EXECUTIONS, 1, false)));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void executorThatLostItsPlanPartitionCannotCommitStepEvents() {
        RecoveryPlan plan = Fixtures.restartPlan("m2");
        try (KafkaConsumer<byte[], byte[]> consumerA = consumer("executor-a", Duration.ofSeconds(10));
                KafkaConsumer<byte[], byte[]> consumerB = consumer("executor-b", Duration.ofMinutes(1));
                ExecutionLog logA = log("executor-a");
                ExecutionLog logB = log("executor-b")) {
            // given: executor A owns the plan partition and runs the plan at its offset 0
            awaitAssigned(consumerA);
            PartitionClaims claimsA = new PartitionClaims(logA);
            claimsA.claim(plan.clusterId(), PLANS_0, 0, consumerA.groupMetadata());
            claimsA.record(step(plan, "a-started", "executor-a"));

            // when: A stops polling past its poll interval and B, in the same group, is given the partition
            awaitAssigned(consumerB);
            PartitionClaims claimsB = new PartitionClaims(logB);
            claimsB.claim(plan.clusterId(), PLANS_0, 0, consumerB.groupMetadata());
            claimsB.record(step(plan, "b-started", "executor-b"));

            // then: A's next step event is rejected, A holds no claim any more, and its event is never visible
            assertThatThrownBy(() -> claimsA.record(step(plan, "a-after-rebalance", "executor-a")))
                    .isInstanceOf(PartitionClaims.PartitionLostException.class);
            assertThatThrownBy(() -> claimsA.record(step(plan, "a-again", "executor-a")))
                    .isInstanceOf(PartitionClaims.PartitionLostException.class);
            assertThat(committedEventIds()).containsExactly("a-started", "b-started");
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String executorId, Duration maxPollInterval) {
        Map<String, Object> config = KafkaClients.planConsumer(broker.bootstrapServers(), GROUP, executorId + "-plans",
                Duration.ofSeconds(30), Duration.ofSeconds(10));
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) maxPollInterval.toMillis());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(Topics.Names.PLANS));
        return consumer;
    }

    private static void awaitAssigned(KafkaConsumer<byte[], byte[]> consumer) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(200));
            return consumer.assignment().equals(Set.of(PLANS_0));
        });
    }

    private static ExecutionLog log(String executorId) {
        ExecutionLog log = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(), executorId),
                Clock.systemUTC());
        log.init();
        return log;
    }

    private static StepEvent step(RecoveryPlan plan, String eventId, String executorId) {
        String stepId = plan.steps().get(0).stepId();
        return new StepEvent(eventId, plan.planId(), plan.incidentId(), plan.clusterId(), stepId,
                plan.steps().get(0).action(), "m2", 1, StepStatus.STARTED, executorId, 1, "attempt 1",
                Fixtures.T0);
    }

    /** The ids of every step event a read_committed reader sees, in order. */
    private static List<String> committedEventIds() {
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(KafkaClients.reader(broker.bootstrapServers(),
                "zombie-reader"))) {
            TopicReader.assignAll(reader, Topics.EXECUTIONS.name(), Duration.ofSeconds(10));
            TopicReader.readToEnd(reader, Duration.ofSeconds(10), record -> {
                ExecutionEvent event = Topics.EXECUTIONS.valueSerde().deserializer()
                        .deserialize(record.topic(), record.headers(), record.value());
                ids.add(((StepEvent) event).eventId());
            });
        }
        return ids;
    }
}
