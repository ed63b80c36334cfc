package dev.revive.executor.kafka;

import dev.revive.contracts.kafka.TransactionalPublisher.TransactionFailedException;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.executor.plan.StepRecorder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The step-event recorder of the plan loop: fences step events of a zombie executor (KIP-447). A run holds a
 * claim on its plan's partition; each step event is committed in a transaction that also commits that partition
 * at the plan's own offset (its committed position while the plan runs, so the commit moves nothing) with the
 * group metadata of the consumer generation that owns it. When the partition went to another instance in a
 * rebalance, the group coordinator rejects that commit, the transaction is aborted, and the event is never
 * visible. A rejected claim is dropped: the run records nothing more, and the loop commits no outcome for it.
 *
 * <p>Claims are keyed by cluster id: plans are keyed by cluster id, so at most one plan of a cluster runs.
 * The loop thread claims, refreshes and releases; worker threads record.
 */
public final class PartitionClaims implements StepRecorder {

    /** A run's hold on its plan's partition: where the plan is and which group generation owns it. */
    private record Claim(TopicPartition partition, long planOffset, ConsumerGroupMetadata group) {
    }

    private final ExecutionLog log;
    private final ConcurrentMap<String, Claim> claims = new ConcurrentHashMap<>();

    /** @param log the transactional producer the step events are committed with */
    public PartitionClaims(ExecutionLog log) {
        this.log = log;
    }

    /** A run of the plan at {@code planOffset} of {@code partition} starts, owned by {@code group}'s generation. */
    void claim(String clusterId, TopicPartition partition, long planOffset, ConsumerGroupMetadata group) {
        claims.put(clusterId, new Claim(partition, planOffset, group));
    }

    /** Every claim still held is owned by {@code group}'s generation (called after each poll, which may rejoin). */
    void regroup(ConsumerGroupMetadata group) {
        claims.replaceAll((clusterId, claim) -> new Claim(claim.partition(), claim.planOffset(), group));
    }

    /** Drops the claim of {@code clusterId} on {@code partition}; returns whether it was still held. */
    boolean release(String clusterId, TopicPartition partition) {
        boolean[] held = {false};
        claims.computeIfPresent(clusterId, (id, claim) -> {
            held[0] = claim.partition().equals(partition);
            return held[0] ? null : claim;
        });
        return held[0];
    }

    /** Drops every claim (the session ends). */
    void releaseAll() {
        claims.clear();
    }

    /**
     * Commits {@code event} with its plan's partition offset and group generation.
     *
     * @throws PartitionLostException when the run holds no claim or the group coordinator rejected it
     * @throws TransactionFailedException  when the transaction failed for another reason
     */
    @Override
    public void record(StepEvent event) {
        Claim claim = claims.get(event.clusterId());
        if (claim == null) {
            throw new PartitionLostException("no plan partition of cluster " + event.clusterId()
                    + " is owned by this executor", null);
        }
        try {
            log.commit(List.of(log.recordOf(event)),
                    Map.of(claim.partition(), new OffsetAndMetadata(claim.planOffset())), claim.group());
        } catch (TransactionFailedException e) {
            if (!e.groupRejected()) {
                throw e;
            }
            claims.remove(event.clusterId(), claim);
            throw new PartitionLostException("the consumer group rejected the step event of partition "
                    + claim.partition() + ": it belongs to another executor now", e);
        }
    }

    /** A run's plan partition is not this executor's any more: the run must not act or record again. */
    public static final class PartitionLostException extends RuntimeException {

        PartitionLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
