package dev.revive.contracts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.plan.Action;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReviveMetricsTest {

    @Test
    void kindTagIsTheKindsNameInSpecs() {
        assertThat(ReviveMetrics.kindTag(SystemKind.KAFKA_CONNECT)).isEqualTo("kafka-connect");
        assertThat(ReviveMetrics.kindTag(null)).isEqualTo(ReviveMetrics.UNKNOWN);
        assertThat(Arrays.stream(SystemKind.values()).map(ReviveMetrics::kindTag))
                .allSatisfy(tag -> assertThat(tag).matches("[a-z-]+"));
    }

    @Test
    void stepEndedIsTimedByActionAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        new ReviveMetrics(registry).stepEnded(Action.START, StepStatus.SUCCEEDED, Duration.ofSeconds(3));

        var timer = registry.get(ReviveMetrics.STEP_DURATION).tag("action", "START").tag("outcome", "SUCCEEDED")
                .timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    @Test
    void deadLetterIsCountedInTheGlobalRegistryByReasonAndService() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            DeadLetters.of(new byte[0], new byte[0], RejectReason.MALFORMED, "$", "bad", "test-service", Instant.EPOCH);

            assertThat(registry.get(ReviveMetrics.DEAD_LETTERS).tag("reason", "MALFORMED")
                    .tag("service", "test-service").counter().count()).isEqualTo(1);
        } finally {
            Metrics.removeRegistry(registry);
        }
    }
}
