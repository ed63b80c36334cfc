package dev.revive.executor.kafka;

import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.executor.plan.ExecutionEvents;
import dev.revive.executor.plan.HeldLock;
import dev.revive.executor.plan.PlanResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The end of a run, for the plan loop's thread: a finished plan's outcome is committed with its offset
 * in one transaction; a plan that stopped without an outcome is delivered again after a delay, until
 * its {@link RedeliveryBudget} is spent and it is given up with {@code PLAN_ABORTED} (the reason in
 * the detail). A plan whose outcome could not be committed is always delivered again: its transaction
 * may be in doubt, and the next run reads the outcome back once the producer has settled.
 */
final class PlanEnding {

    private static final Logger LOG = Logger.getLogger(PlanEnding.class);

    private final ExecutionLog log;
    private final ExecutionEvents events;
    private final Clock clock;
    private final LoopSettings settings;
    private final RedeliveryBudget budget;
    private final Map<TopicPartition, Instant> redeliverAt;

    PlanEnding(ExecutionLog log, ExecutionEvents events, Clock clock, LoopSettings settings,
            Map<TopicPartition, Instant> redeliverAt) {
        this.log = log;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.budget = new RedeliveryBudget(settings.maxRedeliveries(), settings.maxRedeliveryAge());
        this.redeliverAt = redeliverAt;
    }

    /** Commits or redelivers the plan of {@code flight} after its run ended with {@code result}. */
    void publish(KafkaConsumer<byte[], byte[]> consumer, InFlight flight, PlanResult result, HeldLock lock) {
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(flight.partition, new OffsetAndMetadata(flight.offset + 1));
        try {
            if (result instanceof PlanResult.Finished finished) {
                log.commit(List.of(log.recordOf(finished.outcome())), next, consumer.groupMetadata());
                LOG.infof("plan %s: %s committed with its offset", flight.plan.planId(), finished.outcome().outcome());
                ended(consumer, flight);
            } else if (result instanceof PlanResult.AlreadyFinished) {
                log.commit(List.of(), next, consumer.groupMetadata());
                ended(consumer, flight);
            } else if (result instanceof PlanResult.Stopped stopped) {
                Optional<String> givenUp = budget.stopped(flight.plan, clock.instant());
                if (givenUp.isPresent()) {
                    giveUp(consumer, flight, stopped.reason(), givenUp.get(), lock == null ? 0 : lock.token(), next);
                } else {
                    redeliver(consumer, flight, stopped.reason());
                }
            }
        } catch (TransactionFailedException e) {
            // Not given up here: the outcome may be in a transaction in doubt; the next run reads it back.
            budget.stopped(flight.plan, clock.instant());
            redeliver(consumer, flight, e.getMessage());
        }
    }

    /** Ends a plan that ran out of redeliveries with PLAN_ABORTED, committed with its offset. */
    private void giveUp(KafkaConsumer<byte[], byte[]> consumer, InFlight flight, String lastStop, String why, long token,
            Map<TopicPartition, OffsetAndMetadata> next) {
        String detail = why + "; last run stopped: " + lastStop;
        log.commit(List.of(log.recordOf(events.outcome(flight.plan, Outcome.PLAN_ABORTED, token, detail,
                flight.plan.createdAt()))), next, consumer.groupMetadata());
        LOG.warnf("plan %s: PLAN_ABORTED committed with its offset: %s", flight.plan.planId(), LogSafe.text(detail));
        ended(consumer, flight);
    }

    private void ended(KafkaConsumer<byte[], byte[]> consumer, InFlight flight) {
        budget.ended(flight.plan);
        consumer.seek(flight.partition, flight.offset + 1);
    }

    /** Pauses the plan's partition at the plan and resumes it after the redelivery delay. */
    void redeliver(KafkaConsumer<byte[], byte[]> consumer, InFlight flight, String reason) {
        consumer.pause(Set.of(flight.partition));
        consumer.seek(flight.partition, flight.offset);
        redeliverAt.put(flight.partition, clock.instant().plus(settings.redeliveryDelay()));
        LOG.infof("plan %s is delivered again in %s: %s", flight.plan.planId(), settings.redeliveryDelay(),
                LogSafe.text(reason));
    }

    /** Resumes the partitions whose redelivery is due. */
    void resumeDue(KafkaConsumer<byte[], byte[]> consumer) {
        Instant now = clock.instant();
        redeliverAt.entrySet().removeIf(entry -> {
            if (now.isBefore(entry.getValue())) {
                return false;
            }
            if (consumer.assignment().contains(entry.getKey())) {
                consumer.resume(Set.of(entry.getKey()));
            }
            return true;
        });
    }

}
