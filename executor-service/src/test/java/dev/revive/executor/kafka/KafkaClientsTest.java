package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void planConsumerUsesTheConfiguredSessionTimeoutAndHeartbeatsEveryThirdOfIt() {
        Map<String, Object> config = KafkaClients.planConsumer("127.0.0.1:9092", "revive-executor", "e1-plans",
                Duration.ofSeconds(15), Duration.ofSeconds(6));

        assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "revive-executor");
    }

    @Test
    void planConsumerHandsOnPartitionsOfAKilledExecutorAfterTenSecondsWhenNoSessionTimeoutIsGiven() {
        Map<String, Object> config = KafkaClients.planConsumer("127.0.0.1:9092", "revive-executor", "e1-plans");

        assertThat(config).containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000)
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    }
}
