package dev.revive.executor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.executor.plan.Fixtures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How often and how long a plan that keeps stopping is delivered again. */
class RedeliveryBudgetTest {

    private final RecoveryPlan plan = Fixtures.plan("inc-1", 1, PlanMode.AUTO, List.of());

    @Test
    void planIsGivenUpAtTheMaximumNumberOfRuns() {
        // given a budget of three runs
        RedeliveryBudget budget = new RedeliveryBudget(3, Duration.ofDays(1));

        // when the plan stops three times
        var first = budget.stopped(plan, Fixtures.T0);
        var second = budget.stopped(plan, Fixtures.T0);
        var third = budget.stopped(plan, Fixtures.T0);

        // then the first two are delivered again, the third gives it up and says why
        assertThat(first).isEmpty();
        assertThat(second).isEmpty();
        assertThat(third).hasValueSatisfying(reason -> assertThat(reason)
                .contains("given up after 3 runs", "revive.executor.redelivery.max-attempts=3"));
    }

    @Test
    void planOlderThanTheMaximumAgeIsGivenUpAtItsNextStop() {
        // given a budget of one hour
        RedeliveryBudget budget = new RedeliveryBudget(10, Duration.ofHours(1));

        // when the plan, created at T0, stops two hours later
        var reason = budget.stopped(plan, Fixtures.T0.plus(Duration.ofHours(2)));

        // then it is given up because of its age
        assertThat(reason).hasValueSatisfying(text -> assertThat(text)
                .contains("PT2H old", "revive.executor.redelivery.max-age=PT1H"));
    }

    @Test
    void endedPlansAreForgottenAndTrackedPlansAreCapped() {
        // given a budget that counted one plan
        RedeliveryBudget budget = new RedeliveryBudget(10, Duration.ofDays(1));
        budget.stopped(plan, Fixtures.T0);

        // when it ends, and more plans than tracked stop afterwards
        budget.ended(plan);
        int tracked = budget.size();
        for (int i = 0; i <= RedeliveryBudget.TRACKED_PLANS; i++) {
            budget.stopped(Fixtures.plan("inc-" + i, 1, PlanMode.AUTO, List.of()), Fixtures.T0);
        }

        // then the ended plan is gone at once, and no more than the cap is remembered
        assertThat(tracked).isZero();
        assertThat(budget.size()).isEqualTo(RedeliveryBudget.TRACKED_PLANS);
    }
}
