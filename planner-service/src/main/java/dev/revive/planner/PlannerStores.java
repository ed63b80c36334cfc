package dev.revive.planner;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.kafka.EventSerde;
import dev.revive.contracts.kafka.Topics;
import dev.revive.planner.domain.ClusterState;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** The state stores of the topology, all keyed by cluster id and backed by changelog topics. */
public final class PlannerStores {

    /** The registered cluster specs, from {@code revive.clusters}. */
    public static final String SPECS = "cluster-specs";
    /** Per cluster: its {@link ClusterState} (incident, open faults, restart history) as JSON. */
    public static final String INCIDENTS = "incidents";

    /** Per cluster: its current incident's id and trace ({@code <incidentId> <traceparent>}), see {@link IncidentTraces}. */
    public static final String TRACES = "incident-traces";

    /** The JSON serde of the incident store's values. */
    public static final Serde<ClusterState> CLUSTER_STATE_SERDE = new EventSerde<>(EventCodec.of(ClusterState.class),
            Set.of());

    private PlannerStores() {
    }

    static StoreBuilder<KeyValueStore<String, ClusterSpec>> specs() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SPECS), Serdes.String(),
                Topics.CLUSTERS.valueSerde());
    }

    static StoreBuilder<KeyValueStore<String, String>> traces() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRACES), Serdes.String(), Serdes.String());
    }

    static StoreBuilder<KeyValueStore<String, ClusterState>> incidents() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENTS), Serdes.String(),
                CLUSTER_STATE_SERDE);
    }
}
