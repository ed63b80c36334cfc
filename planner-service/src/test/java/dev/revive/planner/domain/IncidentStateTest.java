package dev.revive.planner.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.state.IllegalTransitionException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentStateTest {

    @Test
    void allowsOnlyTheDocumentedMoves() {
        assertThat(IncidentState.TABLE.allows(IncidentState.OPEN, IncidentState.CONFIRMING)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.CONFIRMING, IncidentState.CANCELLED)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.AWAITING_APPROVAL, IncidentState.PLANNED)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.PLANNED, IncidentState.EXECUTING)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.EXECUTING, IncidentState.VERIFYING)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.VERIFYING, IncidentState.CLOSED)).isTrue();
        assertThat(IncidentState.TABLE.allows(IncidentState.AWAITING_APPROVAL, IncidentState.EXECUTING)).isFalse();
        assertThat(IncidentState.TABLE.allows(IncidentState.CONFIRMING, IncidentState.VERIFYING)).isFalse();
        assertThat(IncidentState.TABLE.allows(IncidentState.VERIFYING, IncidentState.CANCELLED)).isFalse();
        for (IncidentState terminal : List.of(IncidentState.CLOSED, IncidentState.ESCALATED, IncidentState.CANCELLED)) {
            assertThat(terminal.terminal()).isTrue();
            for (IncidentState next : IncidentState.values()) {
                assertThat(IncidentState.TABLE.allows(terminal, next)).isFalse();
            }
        }
    }

    @Test
    void endedIncidentCannotBeReopened() {
        Incident escalated = Incident.open("inc-1", "etcd-a", "n1", List.of("f-1"), Instant.EPOCH)
                .moveTo(IncidentState.ESCALATED, "test");

        assertThatThrownBy(() -> escalated.moveTo(IncidentState.PLANNED, "again"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("ESCALATED -> PLANNED");
        assertThat(escalated.active()).isFalse();
    }
}
