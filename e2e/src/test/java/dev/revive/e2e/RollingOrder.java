package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import java.util.List;

/** What the rolling scenarios assert about a {@link RollingRestarts}: one member at a time, the given one last. */
final class RollingOrder {

    private RollingOrder() {
    }

    /**
     * An AUTO plan for the whole cluster that restarted each of {@code members} once, {@code last} last, and
     * stopped each member only after the one before it had caught up.
     */
    static void assertRolledOneAtATime(RollingRestarts roll, int members, String last) {
        assertThat(roll.plan().mode()).isEqualTo(PlanMode.AUTO);
        assertThat(roll.plan().scope()).isEqualTo(PlanScope.CLUSTER);
        List<String> order = roll.startOrder();
        assertThat(order).as(roll.trail()).hasSize(members).doesNotHaveDuplicates().last().isEqualTo(last);
        for (int i = 1; i < order.size(); i++) {
            assertThat(roll.at(order.get(i), Action.STOP)).as(order.get(i) + " stopped after " + order.get(i - 1)
                    + " caught up").isAfterOrEqualTo(roll.at(order.get(i - 1), Action.AWAIT_CAUGHT_UP));
        }
    }
}
