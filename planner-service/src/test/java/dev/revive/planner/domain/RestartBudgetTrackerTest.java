package dev.revive.planner.domain;

import static dev.revive.planner.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.RestartBudget;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartBudgetTrackerTest {

    private final RestartBudget budget = new RestartBudget(2, Duration.ofHours(1));

    @Test
    void countsOnlyRestartsInsideTheWindow() {
        RestartBudgetTracker tracker = new RestartBudgetTracker(Map.of())
                .record("n1", T0, budget)
                .record("n1", T0.plus(Duration.ofMinutes(30)), budget);

        assertThat(tracker.restartsWithin("n1", budget, T0.plus(Duration.ofMinutes(45)))).isEqualTo(2);
        assertThat(tracker.restartsWithin("n1", budget, T0.plus(Duration.ofMinutes(75)))).isEqualTo(1);
        assertThat(tracker.restartsWithin("n2", budget, T0)).isZero();
    }

    @Test
    void spentBudgetNamesTheNodeAndTheNumbers() {
        RestartBudgetTracker tracker = new RestartBudgetTracker(Map.of())
                .record("n1", T0, budget)
                .record("n1", T0.plusSeconds(60), budget);

        assertThat(tracker.check("n1", budget, T0.plusSeconds(120))).hasValueSatisfying(reason ->
                assertThat(reason).contains("n1", "2 restart(s) within PT1H", "allows 2"));
        assertThat(tracker.check("n2", budget, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void recordingForgetsRestartsOutsideTheWindow() {
        RestartBudgetTracker tracker = new RestartBudgetTracker(Map.of())
                .record("n1", T0, budget)
                .record("n1", T0.plus(Duration.ofHours(2)), budget);

        assertThat(tracker.history().get("n1")).containsExactly(T0.plus(Duration.ofHours(2)));
    }
}
