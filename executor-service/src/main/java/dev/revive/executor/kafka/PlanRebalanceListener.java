package dev.revive.executor.kafka;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps running plans consistent across rebalances. A partition with a running plan that comes
 * back (an eager rebalance revokes and reassigns everything) is positioned after the plan again, to be
 * read ahead; one that goes to another executor has its run cancelled and disowned, so that nothing
 * is committed for it here (its claim is released, so it records no further step event) and its new owner
 * resumes the plan once it gets the cluster's lock.
 * Runs on the poll loop's thread, inside {@code poll}.
 */
final class PlanRebalanceListener implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PlanRebalanceListener.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, InFlight> inFlight;
    private final Map<TopicPartition, Instant> redeliverAt;
    private final PartitionClaims claims;

    PlanRebalanceListener(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, InFlight> inFlight,
            Map<TopicPartition, Instant> redeliverAt, PartitionClaims claims) {
        this.consumer = consumer;
        this.inFlight = inFlight;
        this.redeliverAt = redeliverAt;
        this.claims = claims;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(redeliverAt::remove);
        inFlight.values().stream().filter(flight -> partitions.contains(flight.partition))
                .forEach(flight -> flight.revokePending = true);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (InFlight flight : inFlight.values()) {
            if (!flight.revokePending) {
                continue;
            }
            flight.revokePending = false;
            if (partitions.contains(flight.partition)) {
                consumer.seek(flight.partition, flight.offset + 1);
            } else {
                disown(flight);
            }
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        partitions.forEach(redeliverAt::remove);
        inFlight.values().stream().filter(flight -> partitions.contains(flight.partition)).forEach(this::disown);
    }

    private void disown(InFlight flight) {
        flight.disowned = true;
        flight.cancel.set(true);
        claims.release(flight.plan.clusterId(), flight.partition);
        LOG.infof("partition %s of running plan %s went to another executor; the run stops before its next step",
                flight.partition, flight.plan.planId());
    }
}
