package dev.revive.executor.kafka;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Turns a {@code revive.plans} record into a plan or the reason it is none, and builds its dead letter. */
final class PlanRecords {

    /** The service name in dead-letter headers. */
    static final String SERVICE = "executor-service";

    private PlanRecords() {
    }

    /** The record's plan, or the {@link InvalidEventException} that says why it is not one. */
    static Object decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            RecoveryPlan plan = Topics.PLANS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.headers(), record.value());
            return plan != null ? plan
                    : new InvalidEventException(RejectReason.MALFORMED, "$", "a null value is not a plan");
        } catch (InvalidEventException e) {
            return e;
        }
    }

    /** The dead letter of a record that is no plan. */
    static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record, InvalidEventException why,
            Instant at) {
        return DeadLetters.of(record, why, SERVICE, at);
    }

    /** The dead letter of a plan whose cluster is not registered. */
    static ProducerRecord<byte[], byte[]> unknownCluster(ConsumerRecord<byte[], byte[]> record, String reason,
            Instant at) {
        return deadLetter(record, new InvalidEventException(RejectReason.UNKNOWN_CLUSTER, "clusterId", reason), at);
    }
}
