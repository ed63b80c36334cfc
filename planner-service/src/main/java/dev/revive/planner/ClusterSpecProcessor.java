package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.kafka.TopicSerdes;
import dev.revive.contracts.trust.TrustedKeys;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps the registered cluster specs of {@code revive.clusters} in the spec store; a tombstone signed over
 * {@code SpecSignature.removalBytes} removes one. A spec or tombstone no trusted operator key signed is
 * dead-lettered with reason {@code UNTRUSTED_SPEC} and never applied.
 */
final class ClusterSpecProcessor extends DecodingProcessor<ClusterSpec> {

    private static final Logger LOG = Logger.getLogger(ClusterSpecProcessor.class);

    private final TrustedKeys trusted;
    private KeyValueStore<String, ClusterSpec> specs;

    ClusterSpecProcessor(Clock clock, TrustedKeys trusted) {
        super(new TopicSerdes.ClusterSpecSerde(), clock);
        this.trusted = trusted;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        super.init(context);
        specs = context.getStateStore(PlannerStores.SPECS);
    }

    @Override
    String clusterIdOf(ClusterSpec spec) {
        return spec.id();
    }

    @Override
    void handle(Record<byte[], byte[]> record, ClusterSpec spec) {
        trusted.requireTrusted(record.headers(), record.value());
        boolean known = specs.get(spec.id()) != null;
        specs.put(spec.id(), spec);
        LOG.infof("Cluster %s %s: %s, %d node(s), policy %s", spec.id(), known ? "updated" : "registered",
                spec.kind(), spec.nodes().size(), spec.policy().mode());
    }

    @Override
    boolean acceptsTombstones() {
        return true;
    }

    @Override
    void onTombstone(Record<byte[], byte[]> record, String clusterId) {
        trusted.requireTrustedRemoval(record.headers(), clusterId);
        if (specs.delete(clusterId) != null) {
            LOG.infof("Cluster %s removed", clusterId);
        }
    }
}
