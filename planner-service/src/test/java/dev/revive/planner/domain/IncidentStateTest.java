package dev.revive.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentStateTest {

    @Test
    void allowsOnlyTheDocumentedMoves() {
        assertThat(IncidentState.OPEN.canMoveTo(IncidentState.PLANNED)).isTrue();
        assertThat(IncidentState.OPEN.canMoveTo(IncidentState.ESCALATED)).isTrue();
        assertThat(IncidentState.PLANNED.canMoveTo(IncidentState.ESCALATED)).isTrue();
        assertThat(IncidentState.PLANNED.canMoveTo(IncidentState.CLOSED)).isTrue();
        assertThat(IncidentState.ESCALATED.canMoveTo(IncidentState.CLOSED)).isTrue();
        assertThat(IncidentState.OPEN.canMoveTo(IncidentState.CLOSED)).isFalse();
        assertThat(IncidentState.ESCALATED.canMoveTo(IncidentState.PLANNED)).isFalse();
        for (IncidentState next : IncidentState.values()) {
            assertThat(IncidentState.CLOSED.canMoveTo(next)).isFalse();
        }
    }

    @Test
    void closedIncidentCannotBeReopened() {
        Incident closed = Incident.open("inc-1", "etcd-a", "n1", List.of("f-1"), Instant.EPOCH)
                .moveTo(IncidentState.ESCALATED, "test")
                .moveTo(IncidentState.CLOSED, "test");

        assertThatThrownBy(() -> closed.moveTo(IncidentState.PLANNED, "again"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("CLOSED to PLANNED");
    }
}
