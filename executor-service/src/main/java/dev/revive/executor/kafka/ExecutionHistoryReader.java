package dev.revive.executor.kafka;

import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.PlanHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jboss.logging.Logger;

/**
 * Reads a plan's committed step events and outcome back from {@code revive.executions}, with a
 * fresh read-committed consumer per call: from the first record written at or after the plan's
 * creation (less {@link #CLOCK_SKEW}, since planner and executor clocks differ) to the current
 * end, so a resume reads the plan's own era and not the whole history of the topic.
 */
public final class ExecutionHistoryReader implements PlanHistory {

    private static final Logger LOG = Logger.getLogger(ExecutionHistoryReader.class);
    /** How far the planner's clock may run ahead of the clocks that stamped the plan's events. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Map<String, Object> readerConfig;
    private final Duration timeout;

    /**
     * @param readerConfig a group-less consumer configuration ({@link KafkaClients#reader})
     * @param timeout      the bound of one read
     */
    public ExecutionHistoryReader(Map<String, Object> readerConfig, Duration timeout) {
        this.readerConfig = readerConfig;
        this.timeout = timeout;
    }

    @Override
    public List<ExecutionEvent> eventsOf(RecoveryPlan plan) {
        byte[] key = plan.clusterId().getBytes(StandardCharsets.UTF_8);
        List<ExecutionEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readerConfig)) {
            TopicReader.assignFrom(consumer, Topics.EXECUTIONS.name(), plan.createdAt().minus(CLOCK_SKEW), timeout);
            TopicReader.readToEnd(consumer, timeout, record -> {
                if (Arrays.equals(key, record.key())) {
                    decode(record, plan.planId(), events);
                }
            });
        }
        LOG.debugf("plan %s has %d recorded events", plan.planId(), events.size());
        return events;
    }

    private static void decode(ConsumerRecord<byte[], byte[]> record, String planId, List<ExecutionEvent> events) {
        try {
            ExecutionEvent event = Topics.EXECUTIONS.valueSerde().deserializer()
                    .deserialize(record.topic(), record.headers(), record.value());
            if (event != null && event.planId().equals(planId)) {
                events.add(event);
            }
        } catch (InvalidEventException e) {
            LOG.warnf("ignoring an invalid execution event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), LogSafe.text(e.getMessage()));
        }
    }
}
