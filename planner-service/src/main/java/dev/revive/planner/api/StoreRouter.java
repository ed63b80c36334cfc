package dev.revive.planner.api;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.planner.PlannerStores;
import dev.revive.planner.domain.ClusterState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the state of a cluster lives among the planner instances (Kafka Streams interactive queries). Each instance
 * advertises its API as {@code quarkus.kafka-streams.application-server}; {@link #route(String)} asks Kafka Streams
 * which instance owns a cluster id's partition, {@link #peers()} lists the other instances. Without an
 * {@code application-server} the planner runs as one instance and everything is local. Whatever cannot be answered
 * for sure (metadata not available, rebalancing, store not queryable) is a {@link StoreNotReadyException} (503), never
 * a "not found".
 */
@ApplicationScoped
public class StoreRouter {

    private static final Serializer<String> KEYS = Serdes.String().serializer();

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "quarkus.kafka-streams.application-server")
    Optional<String> applicationServer;

    /**
     * Who answers for a cluster id.
     *
     * @param owner     the owning instance, or null when it is this one
     * @param partition the key's partition (-1 when the planner runs as one instance)
     */
    public record Route(HostInfo owner, int partition) {

        /** True when this instance holds the key's state. */
        public boolean local() {
            return owner == null;
        }
    }

    /** This instance's advertised API address, if it runs as one of several. */
    public Optional<HostInfo> self() {
        return applicationServer.filter(server -> !server.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    /** The instance that owns {@code clusterId}'s partition of the stores. */
    public Route route(String clusterId) {
        Optional<HostInfo> self = self();
        if (self.isEmpty()) {
            return new Route(null, -1);
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(PlannerStores.INCIDENTS, clusterId, KEYS);
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || HostInfo.unavailable().equals(metadata.activeHost())) {
            throw new StoreNotReadyException("no owner known for cluster '" + clusterId + "' (starting or rebalancing)");
        }
        return new Route(self.get().equals(metadata.activeHost()) ? null : metadata.activeHost(), metadata.partition());
    }

    /** The other running instances that host the stores; 503 while this one is not running. */
    public List<HostInfo> peers() {
        requireRunning();
        Optional<HostInfo> self = self();
        if (self.isEmpty()) {
            return List.of();
        }
        List<HostInfo> peers = new ArrayList<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(PlannerStores.INCIDENTS)) {
            if (!instance.hostInfo().equals(self.get())) {
                peers.add(instance.hostInfo());
            }
        }
        return peers;
    }

    /** Throws {@link StoreNotReadyException} unless Kafka Streams is running (not starting or rebalancing). */
    public void requireRunning() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreNotReadyException("the planner is " + streams.state() + ", not RUNNING");
        }
    }

    /** The local state of a cluster this instance owns ({@code route.local()}). */
    public Optional<ClusterState> localState(String clusterId, Route route) {
        return queried(() -> Optional.ofNullable(store(PlannerStores.INCIDENTS, route.partition(),
                QueryableStoreTypes.<String, ClusterState>keyValueStore()).get(clusterId)));
    }

    /** The local spec of a cluster this instance owns ({@code route.local()}). */
    public Optional<ClusterSpec> localSpec(String clusterId, Route route) {
        return queried(() -> Optional.ofNullable(store(PlannerStores.SPECS, route.partition(),
                QueryableStoreTypes.<String, ClusterSpec>keyValueStore()).get(clusterId)));
    }

    /** Every cluster state this instance holds (all its partitions of the {@code incidents} store), by cluster id. */
    public SortedMap<String, ClusterState> localStates() {
        return all(PlannerStores.INCIDENTS, QueryableStoreTypes.<String, ClusterState>keyValueStore());
    }

    /** Every spec this instance holds (all its partitions of the {@code cluster-specs} store), by cluster id. */
    public SortedMap<String, ClusterSpec> localSpecs() {
        return all(PlannerStores.SPECS, QueryableStoreTypes.<String, ClusterSpec>keyValueStore());
    }

    private <V> SortedMap<String, V> all(String name, QueryableStoreType<ReadOnlyKeyValueStore<String, V>> type) {
        return queried(() -> {
            SortedMap<String, V> entries = new TreeMap<>();
            try (KeyValueIterator<String, V> all = store(name, -1, type).all()) {
                all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
            }
            return entries;
        });
    }

    private static <T> T queried(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReadyException(e);
        }
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name, int partition,
            QueryableStoreType<ReadOnlyKeyValueStore<K, V>> type) {
        StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters = StoreQueryParameters.fromNameAndType(name, type);
        return streams.store(partition < 0 ? parameters : parameters.withPartition(partition));
    }
}
