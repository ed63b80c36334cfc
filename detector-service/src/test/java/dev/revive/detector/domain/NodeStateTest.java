package dev.revive.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.state.IllegalTransitionException;
import org.junit.jupiter.api.Test;

class NodeStateTest {

    @Test
    void upNodeCannotBeRecovering() {
        assertThatThrownBy(() -> NodeState.TABLE.ensure(NodeState.UP, NodeState.RECOVERING))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("node transition UP -> RECOVERING");
    }

    @Test
    void suspectNodeCannotBeRecovering() {
        assertThat(NodeState.TABLE.allows(NodeState.SUSPECT, NodeState.RECOVERING)).isFalse();
    }

    @Test
    void downNodeCannotBecomeSuspect() {
        assertThat(NodeState.TABLE.allows(NodeState.DOWN, NodeState.SUSPECT)).isFalse();
    }

    @Test
    void everyStateMayStay() {
        for (NodeState state : NodeState.values()) {
            assertThat(NodeState.TABLE.ensure(state, state)).isEqualTo(state);
        }
    }
}
