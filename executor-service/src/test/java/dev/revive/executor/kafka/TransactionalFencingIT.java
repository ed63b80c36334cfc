package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.kafka.Topics;
import dev.revive.executor.ExecutorIdentity;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** On a real broker: a restarted executor, with the same default id, fences its predecessor's open transaction. */
class TransactionalFencingIT {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(List.of(new TopicSpec(Topics.Names.EXECUTIONS, 1, false)));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void restartedExecutorFencesItsPredecessorsOpenTransaction() throws Exception {
        // given an executor (default id, as on every start on this host) with a transaction open
        String executorId = ExecutorIdentity.resolve(Optional.empty());
        try (KafkaProducer<byte[], byte[]> predecessor = new KafkaProducer<>(
                KafkaClients.producer(broker.bootstrapServers(), executorId))) {
            predecessor.initTransactions();
            predecessor.beginTransaction();
            predecessor.send(record("before the restart")).get();

            // when the same executor starts again: the same id, built the same way, and its producer initialised
            try (ExecutionLog restarted = new ExecutionLog(KafkaClients.producer(broker.bootstrapServers(),
                    ExecutorIdentity.resolve(Optional.empty())), Clock.systemUTC())) {
                restarted.init();

                // then the predecessor can no longer commit, and the restarted executor can
                assertThatThrownBy(predecessor::commitTransaction)
                        .isInstanceOfAny(ProducerFencedException.class, InvalidProducerEpochException.class);
                assertThatCode(() -> restarted.commit(List.of(record("after the restart")), Map.of(), null))
                        .doesNotThrowAnyException();
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String value) {
        return new ProducerRecord<>(Topics.Names.EXECUTIONS, "c-1".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
