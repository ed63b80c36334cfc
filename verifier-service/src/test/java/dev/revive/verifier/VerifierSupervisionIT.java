package dev.revive.verifier;

import dev.revive.contracts.tracing.Tracing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.time.IdSource;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TopicSpec;
import dev.revive.verifier.check.FakeChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verifier outlives a broker outage: its Kafka clients are rebuilt, and liveness says when it cannot be. */
class VerifierSupervisionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Small client timeouts, so that initTransactions and the rewind time out while the broker is down. */
    private static final Map<String, Object> SHORT_TIMEOUTS = Map.of("max.block.ms", 2000,
            "default.api.timeout.ms", 2000, "request.timeout.ms", 1000, "delivery.timeout.ms", 2000);

    private KafkaBroker broker;

    @BeforeEach
    void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(Topics.ALL.stream().map(topic -> new TopicSpec(topic.name(), 1, topic.compacted()))
                .collect(Collectors.toList()));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void verifierReportsExactlyOnceAfterABrokerOutageThatOutlastsItsClientTimeouts() throws Exception {
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            // given: a verifier in the middle of verifying an outcome
            BlockingChecks checks = new BlockingChecks();
            RecoveryPlan during = registered(kafka, "inc-outage");
            try (VerifierRuntime runtime = start(checks)) {
                kafka.publish(Topics.EXECUTIONS, during.clusterId(),
                        Samples.outcome(during, Outcome.PLAN_COMPLETED, null));
                assertThat(checks.entered.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

                // when: the broker goes away until the transaction and the rewind have failed, then comes back
                broker.stop();
                checks.release.countDown();
                await().atMost(TIMEOUT).until(() -> !runtime.isReady());
                broker.restart();
                RecoveryPlan after = registered(kafka, "inc-after-outage");
                kafka.publish(Topics.EXECUTIONS, after.clusterId(),
                        Samples.outcome(after, Outcome.PLAN_COMPLETED, null));

                // then
                await().atMost(TIMEOUT).until(() -> kafka.reportsOf(after.planId()).size() == 1);
                assertThat(kafka.reportsOf(during.planId())).hasSize(1);
                assertThat(kafka.reportsOf(after.planId())).hasSize(1);
                assertThat(runtime.isReady()).isTrue();
            }
        }
    }

    @Test
    void livenessIsDownOnceTheLoopDied() {
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            // given: a running verifier whose checks end in an error no rebuild can fix
            RecoveryPlan plan = registered(kafka, "inc-fatal");
            try (VerifierRuntime runtime = start(new FatalChecks())) {
                await().atMost(TIMEOUT).until(runtime::isReady);
                assertThat(runtime.isLive()).isTrue();

                // when
                kafka.publish(Topics.EXECUTIONS, plan.clusterId(), Samples.outcome(plan, Outcome.PLAN_COMPLETED, null));

                // then
                await().atMost(TIMEOUT).dontCatchUncaughtExceptions().until(() -> !runtime.isLive());
                assertThat(runtime.isReady()).isFalse();
            }
        }
    }

    private VerifierRuntime start(ClusterCheckSet checks) {
        Map<String, Object> settings = new HashMap<>(SHORT_TIMEOUTS);
        settings.put("bootstrap.servers", broker.bootstrapServers());
        return VerifierRuntime.start(settings, new TestConfig(), TestConfig.TRUSTED, Clock.systemUTC(),
                IdSource.random(), kind -> checks, VerifierRuntime::sleep, Tracing.withoutExport("revive-verifier"));
    }

    private static RecoveryPlan registered(TestKafka kafka, String incidentId) {
        RecoveryPlan plan = Samples.plan("etcd-" + incidentId, incidentId);
        kafka.publish(Topics.CLUSTERS, plan.clusterId(), Samples.etcd(plan.clusterId(), 3));
        kafka.publish(Topics.PLANS, plan.clusterId(), plan);
        return plan;
    }

    /** Checks that throw an {@link Error}, as a JVM in trouble would. */
    private static final class FatalChecks implements ClusterCheckSet {
        @Override
        public List<CheckFinding> round(CheckRequest request) {
            throw new InternalError("simulated fatal error in a check");
        }

        @Override
        public List<CheckFinding> quickLook(CheckRequest request) {
            throw new InternalError("simulated fatal error in a check");
        }
    }

    /** Passing checks whose first round waits until the test releases it. */
    private static final class BlockingChecks implements ClusterCheckSet {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final FakeChecks passing = FakeChecks.passing();

        @Override
        public List<CheckFinding> round(CheckRequest request) {
            entered.countDown();
            try {
                release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return passing.round(request);
        }

        @Override
        public List<CheckFinding> quickLook(CheckRequest request) {
            return passing.quickLook(request);
        }
    }
}
