package dev.revive.verifier;

import dev.revive.contracts.tracing.Tracing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.execution.Outcome;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.kafka.BeginningReader;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.time.IdSource;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TopicSpec;
import dev.revive.verifier.check.FakeChecks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What survives a restart of the verifier: the set of reported plans, rebuilt from revive.reports. */
class VerifierRestartIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(Topics.ALL.stream().map(topic -> new TopicSpec(topic.name(), 1, topic.compacted()))
                .collect(Collectors.toList()));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void restartedVerifierDoesNotReportAPlanAgain() {
        try (TestKafka kafka = new TestKafka(broker.bootstrapServers())) {
            // given: a verifier that reported a plan, then stopped
            RecoveryPlan plan = registered(kafka, "inc-restart");
            try (VerifierRuntime first = start()) {
                kafka.publish(Topics.EXECUTIONS, plan.clusterId(), Samples.outcome(plan, Outcome.PLAN_COMPLETED, null));
                await().atMost(TIMEOUT).until(() -> kafka.reportsOf(plan.planId()).size() == 1);
            }

            // when: the outcome is delivered again and a new verifier starts
            kafka.publish(Topics.EXECUTIONS, plan.clusterId(), Samples.outcome(plan, Outcome.PLAN_COMPLETED, null));
            RecoveryPlan later = registered(kafka, "inc-restart-later");
            kafka.publish(Topics.EXECUTIONS, later.clusterId(), Samples.outcome(later, Outcome.PLAN_COMPLETED, null));
            try (VerifierRuntime second = start()) {
                await().atMost(TIMEOUT).until(() -> kafka.reportsOf(later.planId()).size() == 1);
            }

            // then
            assertThat(kafka.reportsOf(plan.planId())).hasSize(1);
        }
    }

    @Test
    void reportOfAnAbortedTransactionDoesNotCountAsPublished() throws Exception {
        // given
        RecoveryPlan aborted = Samples.plan("etcd-restart", "inc-aborted-txn");
        RecoveryPlan committed = Samples.plan("etcd-restart", "inc-committed-txn");
        try (KafkaProducer<String, RecoveryReport> producer = transactionalProducer()) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.REPORTS.name(), aborted.clusterId(), report(aborted))).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.REPORTS.name(), committed.clusterId(), report(committed)));
            producer.commitTransaction();
        }
        ReferenceStore store = new ReferenceStore();
        BeginningReader reader = ReferenceReader.reader(new KafkaConsumer<>(
                new KafkaSettings(Map.of("bootstrap.servers", broker.bootstrapServers()), new TestConfig())
                        .referenceConsumer()), store, Duration.ofMillis(100), TestConfig.TRUSTED, letter -> { },
                Clock.systemUTC());
        Thread thread = new Thread(reader, "test-references");
        thread.start();
        try {
            // when
            assertThat(reader.awaitCaughtUp(TIMEOUT)).isTrue();

            // then
            assertThat(store.isReported(committed.planId())).isTrue();
            assertThat(store.isReported(aborted.planId())).isFalse();
        } finally {
            reader.stop();
            thread.join(TIMEOUT.toMillis());
        }
    }

    private static VerifierRuntime start() {
        return VerifierRuntime.start(Map.of("bootstrap.servers", broker.bootstrapServers()), new TestConfig(),
                TestConfig.TRUSTED, Clock.systemUTC(), IdSource.random(), kind -> FakeChecks.passing(), VerifierRuntime::sleep,
                Tracing.withoutExport("revive-verifier"));
    }

    private static RecoveryPlan registered(TestKafka kafka, String incidentId) {
        RecoveryPlan plan = Samples.plan("etcd-restart", incidentId);
        kafka.publish(Topics.CLUSTERS, plan.clusterId(), Samples.etcd(plan.clusterId(), 3));
        kafka.publish(Topics.PLANS, plan.clusterId(), plan);
        return plan;
    }

    private static RecoveryReport report(RecoveryPlan plan) {
        Timeline timeline = new Timeline(Samples.DETECTED, Samples.PLANNED, Samples.STARTED, Samples.FINISHED,
                Samples.FINISHED);
        return new RecoveryReport("rpt-" + plan.planId(), plan.incidentId(), plan.planId(), plan.clusterId(),
                Verdict.CONSISTENT, List.<CheckResult>of(), timeline, timeline.timeToRecovery());
    }

    private static KafkaProducer<String, RecoveryReport> transactionalProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-reports"), new StringSerializer(),
                Topics.REPORTS.valueSerde().serializer());
    }
}
