package dev.revive.contracts.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** The one state-machine idiom: allowed moves pass, every other move throws and says which and what is allowed. */
class TransitionTableTest {

    enum Door { OPEN, CLOSED, LOCKED, DEMOLISHED }

    private static final TransitionTable<Door> DOOR = TransitionTable.of(Door.class, "door")
            .allow(Door.OPEN, Door.CLOSED, Door.DEMOLISHED)
            .allow(Door.CLOSED, Door.OPEN, Door.LOCKED, Door.DEMOLISHED)
            .allow(Door.LOCKED, Door.CLOSED, Door.DEMOLISHED)
            .build();

    @Test
    void allowedMoveReturnsTheNewState() {
        assertThat(DOOR.allows(Door.CLOSED, Door.LOCKED)).isTrue();
        assertThat(DOOR.ensure(Door.CLOSED, Door.LOCKED)).isEqualTo(Door.LOCKED);
        assertThat(DOOR.next(Door.OPEN)).containsExactlyInAnyOrder(Door.CLOSED, Door.DEMOLISHED);
    }

    @Test
    void refusedMoveNamesTheMachineTheMoveAndWhatIsAllowed() {
        // when
        IllegalTransitionException refusal = catchThrowableOfType(IllegalTransitionException.class,
                () -> DOOR.ensure(Door.OPEN, Door.LOCKED));

        // then
        assertThat(DOOR.allows(Door.OPEN, Door.LOCKED)).isFalse();
        assertThat(refusal.machine()).isEqualTo("door");
        assertThat(refusal.from()).isEqualTo("OPEN");
        assertThat(refusal.to()).isEqualTo("LOCKED");
        assertThat(refusal).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("door").hasMessageContaining("OPEN -> LOCKED")
                .hasMessageContaining("CLOSED").hasMessageContaining("DEMOLISHED");
    }

    @Test
    void stayingInAStateIsAMoveOnlyWhereTheTableListsIt() {
        TransitionTable<Door> polling = TransitionTable.of(Door.class, "door").allow(Door.OPEN, Door.OPEN).build();

        assertThat(polling.ensure(Door.OPEN, Door.OPEN)).isEqualTo(Door.OPEN);
        assertThatThrownBy(() -> DOOR.ensure(Door.OPEN, Door.OPEN)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void terminalStateAllowsNothingAndSaysItIsFinal() {
        assertThat(DOOR.next(Door.DEMOLISHED)).isEmpty();
        assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> DOOR.ensure(Door.DEMOLISHED, Door.OPEN)))
                .hasMessageContaining("DEMOLISHED -> OPEN").hasMessageContaining("final");
    }

    @Test
    void tableCannotBeChangedThroughWhatItHandsOutNorThroughItsBuilder() {
        // given
        TransitionTable.Builder<Door> builder = TransitionTable.of(Door.class, "door").allow(Door.OPEN, Door.CLOSED);
        TransitionTable<Door> table = builder.build();

        // when
        builder.allow(Door.OPEN, Door.LOCKED);

        // then
        assertThatThrownBy(() -> table.next(Door.OPEN).add(Door.LOCKED)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> table.next(Door.DEMOLISHED).add(Door.OPEN))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(table.allows(Door.OPEN, Door.LOCKED)).isFalse();
    }

    @Test
    void listingATargetTwiceIsHarmless() {
        TransitionTable<Door> table = TransitionTable.of(Door.class, "door").allow(Door.OPEN, Door.CLOSED, Door.CLOSED).build();

        assertThat(table.next(Door.OPEN)).containsExactly(Door.CLOSED);
    }
}
