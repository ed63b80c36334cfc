package dev.revive.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.metrics.ReviveMetrics;
import dev.revive.contracts.plan.Action;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepDurationsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<StepEvent> recorded = new ArrayList<>();

    @Test
    void attemptIsTimedFromItsStartedToItsEnd() {
        StepDurations durations = new StepDurations(recorded::add, new ReviveMetrics(registry));

        durations.record(event(1, StepStatus.STARTED, T0));
        durations.record(event(1, StepStatus.FAILED, T0.plusSeconds(2)));
        durations.record(event(2, StepStatus.STARTED, T0.plusSeconds(5)));
        durations.record(event(2, StepStatus.SUCCEEDED, T0.plusSeconds(12)));

        assertThat(recorded).hasSize(4);
        assertThat(timer("FAILED").count()).isEqualTo(1);
        assertThat(timer("FAILED").totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
        assertThat(timer("SUCCEEDED").totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
    }

    @Test
    void endWithoutARecordedStartIsNotTimed() {
        StepDurations durations = new StepDurations(recorded::add, new ReviveMetrics(registry));

        durations.record(event(1, StepStatus.DRY_RUN, T0));

        assertThat(recorded).hasSize(1);
        assertThat(registry.find(ReviveMetrics.STEP_DURATION).timers()).isEmpty();
    }

    @Test
    void eventTheDelegateCouldNotRecordIsNotTimed() {
        StepDurations durations = new StepDurations(event -> {
            if (event.status().isTerminal()) {
                throw new IllegalStateException("partition lost");
            }
        }, new ReviveMetrics(registry));
        durations.record(event(1, StepStatus.STARTED, T0));

        assertThatThrownBy(() -> durations.record(event(1, StepStatus.SUCCEEDED, T0.plusSeconds(1))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(registry.find(ReviveMetrics.STEP_DURATION).timers()).isEmpty();
    }

    private Timer timer(String outcome) {
        return registry.get(ReviveMetrics.STEP_DURATION).tag("action", "START").tag("outcome", outcome).timer();
    }

    private static StepEvent event(int attempt, StepStatus status, Instant at) {
        return new StepEvent("e-" + attempt + status, "plan-1", "incident-1", "cluster-1", "step-1", Action.START,
                "node-1", attempt, status, "executor-1", 1, "detail", at);
    }
}
