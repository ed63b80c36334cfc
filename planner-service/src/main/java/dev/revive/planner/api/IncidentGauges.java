package dev.revive.planner.api;

import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Incident;
import dev.revive.planner.domain.IncidentState;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The planner's gauges {@code revive_incidents_open{state}} and {@code revive_approvals_waiting}, read from this
 * instance's partitions of the incident store at each scrape (the instances' values add up to the whole). While the
 * store cannot be read (starting, rebalancing) they are NaN: unknown, not zero.
 */
@ApplicationScoped
public class IncidentGauges {

    @Inject
    StoreRouter router;

    void registerAtStart(@Observes StartupEvent event) {
        ReviveMetrics metrics = ReviveMetrics.global();
        Arrays.stream(IncidentState.values()).filter(state -> !state.terminal())
                .forEach(state -> metrics.incidentsOpen(state.name(), () -> count(state)));
        metrics.approvalsWaiting(() -> count(IncidentState.AWAITING_APPROVAL));
    }

    private double count(IncidentState state) {
        Map<IncidentState, Long> open;
        try {
            open = router.localStates().values().stream().map(ClusterState::incident).filter(Objects::nonNull)
                    .filter(Incident::active).collect(Collectors.groupingBy(Incident::state, Collectors.counting()));
        } catch (StoreNotReadyException e) {
            return Double.NaN;
        }
        return open.getOrDefault(state, 0L);
    }
}
