package dev.revive.planner;

import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Fixtures;
import dev.revive.planner.domain.IncidentPlanner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PlannerStoresTest {

    @Test
    void clusterStateRoundTripsAsJson() {
        IncidentPlanner planner = IncidentPlanner.standard(Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC),
                IdSource.sequential());
        ClusterState state = ClusterState.empty(Fixtures.CLUSTER);
        state = planner.onFault(state, Fixtures.etcd(), Fixtures.fault("f-1", "n1")).state();
        state = planner.onFault(state, Fixtures.etcd(), Fixtures.fault("f-2", "n2")).state();
        state = planner.onFault(state, Fixtures.etcd(), Fixtures.fault("f-3", null)).state();
        state = planner.onReport(state, Fixtures.etcd(), Fixtures.report("inc-1", Verdict.CONSISTENT)).state();

        byte[] json = PlannerStores.CLUSTER_STATE_SERDE.serializer().serialize(PlannerStores.INCIDENTS, state);
        ClusterState read = PlannerStores.CLUSTER_STATE_SERDE.deserializer().deserialize(PlannerStores.INCIDENTS, json);

        assertThat(read).isEqualTo(state);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"state\":\"PLANNED\"", "\"openFaults\"", "\"restarts\"", "\"n2\"", "\"revision\":1")
                .doesNotContain("active", "terminal", "clusterWide", "finding");
    }
}
