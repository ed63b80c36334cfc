package dev.revive.planner.api;

import dev.revive.planner.PlannerStores;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Finds the incident of a plan id in the local {@code incidents} store (Kafka Streams interactive queries). The
 * store holds one entry per cluster, so a scan is cheap. With several planner instances a plan is found only on
 * the instance that owns its cluster's partition (one partition per topic in the demo and the tests).
 */
@ApplicationScoped
public class PlanLookup {

    @Inject
    KafkaStreams streams;

    /** The incident whose newest or an earlier revision is {@code planId}. */
    public Optional<Incident> incidentOf(String planId) {
        try (KeyValueIterator<String, ClusterState> all = store().all()) {
            while (all.hasNext()) {
                KeyValue<String, ClusterState> entry = all.next();
                Incident incident = entry.value.incident();
                if (incident != null && (planId.equals(incident.planId()) || incident.supersedes(planId))) {
                    return Optional.of(incident);
                }
            }
        }
        return Optional.empty();
    }

    private ReadOnlyKeyValueStore<String, ClusterState> store() {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(PlannerStores.INCIDENTS,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw new StoreNotReadyException(e);
        }
    }
}
