package dev.revive.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeStateTest {

    @Test
    void upNodeCannotBeRecovering() {
        assertThatThrownBy(() -> NodeState.UP.ensureCanMoveTo(NodeState.RECOVERING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UP -> RECOVERING");
    }

    @Test
    void suspectNodeCannotBeRecovering() {
        assertThat(NodeState.SUSPECT.canMoveTo(NodeState.RECOVERING)).isFalse();
    }

    @Test
    void downNodeCannotBecomeSuspect() {
        assertThat(NodeState.DOWN.canMoveTo(NodeState.SUSPECT)).isFalse();
    }

    @Test
    void everyStateMayStay() {
        for (NodeState state : NodeState.values()) {
            assertThat(state.ensureCanMoveTo(state)).isEqualTo(state);
        }
    }
}
