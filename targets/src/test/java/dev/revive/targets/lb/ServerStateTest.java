package dev.revive.targets.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.targets.lb.ServerState.Operational;
import org.junit.jupiter.api.Test;

/** HAProxy's admin state bits as ISOLATE and REJOIN read them. */
class ServerStateTest {

    @Test
    void forcedMaintenanceIsIsolatesMarkAndNotReady() {
        ServerState state = new ServerState("be", "s1", 0x01, Operational.STOPPED, true);

        assertThat(state.forcedMaintenance()).isTrue();
        assertThat(state.inMaintenance()).isTrue();
        assertThat(state.ready()).isFalse();
        assertThat(state).hasToString("be/s1: admin maint (0x1), operational STOPPED");
    }

    @Test
    void maintenanceFromTheConfigurationIsNotIsolatesMarkButNotReadyEither() {
        ServerState state = new ServerState("be", "s1", 0x04, Operational.STOPPED, false);

        assertThat(state.forcedMaintenance()).isFalse();
        assertThat(state.inMaintenance()).isTrue();
        assertThat(state.ready()).isFalse();
    }

    @Test
    void drainIsNeitherMaintenanceNorReady() {
        ServerState state = new ServerState("be", "s1", 0x08, Operational.RUNNING, true);

        assertThat(state.inMaintenance()).isFalse();
        assertThat(state.ready()).isFalse();
        assertThat(state.toString()).contains("admin drain (0x8)");
    }

    @Test
    void aFqdnSetAtRuntimeIsStillReady() {
        ServerState state = new ServerState("be", "s1", 0x40, Operational.RUNNING, false);

        assertThat(state.ready()).isTrue();
        assertThat(state.toString()).endsWith("operational RUNNING, unchecked");
    }

    @Test
    void unknownOperationalStatesAreRejected() {
        assertThat(Operational.of(2)).isEqualTo(Operational.RUNNING);
        assertThatThrownBy(() -> Operational.of(4)).isInstanceOf(IllegalArgumentException.class);
    }
}
