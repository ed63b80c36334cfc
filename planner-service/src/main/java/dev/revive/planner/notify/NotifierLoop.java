package dev.revive.planner.notify;

import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.LoopSupervisor;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.validation.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The notifier's consumer loop over {@code revive.plans} and {@code revive.reports} (read_committed), one record at a
 * time: its notifications are sent to the webhooks ({@link Dispatcher}), each one a webhook did not take becomes a
 * {@code NOTIFICATION_FAILED} dead letter, a record that does not decode becomes a dead letter of its own, and only
 * then is the record's offset committed. So delivery is at least once: a crash or a stop before the commit sends the
 * record's notifications again, with the same ids. A group that has never committed starts at the end of the topics
 * (enabling the notifier does not replay history) and commits that position at once; later starts resume from the
 * commits. Any Kafka failure is thrown from {@link #run()} after the clients are closed, for the
 * {@link LoopSupervisor} to build a new loop.
 */
final class NotifierLoop implements LoopSupervisor.Loop {

    /** The service name in dead-letter headers. */
    static final String SERVICE = "planner-service";

    private static final Logger LOG = Logger.getLogger(NotifierLoop.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> deadLetters;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Duration pollTimeout;
    private volatile boolean running = true;

    NotifierLoop(Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetters, Dispatcher dispatcher,
            Clock clock, Duration pollTimeout) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.pollTimeout = pollTimeout;
    }

    /** Runs until {@link #stop()}; returns when stopped, throws what made it fail otherwise. Closes its clients. */
    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(Topics.PLANS.name(), Topics.REPORTS.name()), new StartAtTheEndOnce());
            LOG.infof("notifying webhooks of %s and %s", Topics.PLANS, Topics.REPORTS);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(pollTimeout)) {
                    if (!running) {
                        break;
                    }
                    handle(record);
                    commit(record);
                }
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            LOG.debug("notifier loop stopped");
        } finally {
            close();
        }
    }

    /** Asks the loop to stop: a poll returns at once; a delivery under way stops at its next wait. */
    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /**
     * Commits past {@code record}, whose notifications were all delivered or dead-lettered. A stop asked meanwhile
     * (its wakeup ends the first try) still gets the commit, so a stopped notifier does not send them again.
     */
    private void commit(ConsumerRecord<byte[], byte[]> record) {
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1));
        try {
            consumer.commitSync(next);
        } catch (WakeupException e) {
            consumer.commitSync(next);
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        List<Notification> notifications;
        try {
            notifications = notificationsOf(record);
        } catch (InvalidEventException e) {
            LOG.warnf("%s-%d@%d rejected to %s: %s %s", record.topic(), record.partition(), record.offset(),
                    Topics.DLQ, e.reason(), LogSafe.text(e.getMessage()));
            publish(DeadLetters.of(record, e, SERVICE, clock.instant()));
            return;
        }
        if (notifications.isEmpty()) {
            return;
        }
        MDC.put("clusterId", notifications.get(0).clusterId());
        MDC.put("incidentId", notifications.get(0).incidentId());
        try {
            for (Dispatcher.Undelivered failed : dispatcher.dispatch(notifications)) {
                publish(DeadLetters.of(record.key(), failed.body(), RejectReason.NOTIFICATION_FAILED,
                        failed.webhook().name(), failed.detail(), SERVICE, clock.instant()));
            }
        } finally {
            MDC.remove("clusterId");
            MDC.remove("incidentId");
        }
    }

    private static List<Notification> notificationsOf(ConsumerRecord<byte[], byte[]> record) {
        if (Topics.PLANS.name().equals(record.topic())) {
            RecoveryPlan plan = Topics.PLANS.valueSerde().deserializer().deserialize(record.topic(), record.headers(),
                    record.value());
            if (plan == null) {
                throw new InvalidEventException(RejectReason.MALFORMED, "$", "no value, expected a RecoveryPlan");
            }
            return Notifications.of(plan);
        }
        RecoveryReport report = Topics.REPORTS.valueSerde().deserializer().deserialize(record.topic(),
                record.headers(), record.value());
        if (report == null) {
            throw new InvalidEventException(RejectReason.MALFORMED, "$", "no value, expected a RecoveryReport");
        }
        return List.of(Notifications.of(report));
    }

    /** Publishes a dead letter and waits for Kafka's acknowledgement; without one the record is not committed. */
    private void publish(ProducerRecord<byte[], byte[]> letter) throws InterruptedException {
        try {
            deadLetters.send(letter).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter to " + Topics.DLQ + ": " + e, e);
        }
    }

    private void close() {
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("closing the notifier's consumer: %s", e.toString());
        }
        try {
            deadLetters.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf("closing the notifier's dead-letter producer: %s", e.toString());
        }
    }

    /**
     * On assignment, a partition the group never committed is positioned at its end (the consumer's
     * {@code auto.offset.reset=latest}) and that position is committed at once, so that records written while the
     * notifier is down later are not skipped.
     */
    private final class StartAtTheEndOnce implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            for (TopicPartition partition : partitions) {
                if (committed.get(partition) == null) {
                    start.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                }
            }
            if (!start.isEmpty()) {
                consumer.commitSync(start);
                LOG.infof("first notifier start on %s: notifying from the end of each", start.keySet());
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }
}
