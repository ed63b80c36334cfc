package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.KafkaSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with Kafka security on: SASL_SSL with SCRAM-SHA-512, the standard authorizer and the ACLs of
 * {@link dev.revive.contracts.kafka.TopicOwners}, each service as its own principal with its secrets in its
 * environment. A killed member is recovered and reported once, and a principal without ACLs cannot forge a plan.
 */
class SecureRecoveryIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;

    @BeforeAll
    static void startSecureRevive() throws Exception {
        stack = ReviveStack.startSecure(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @Test
    void killedMemberIsRecoveredAndReportedConsistentOnceWithSecurityOn() {
        // given
        EtcdMember follower = stack.followers().get(0);
        Instant since = Instant.now();

        // when
        stack.target().kill(follower);

        // then
        RecoveryReport report = await("report for " + follower.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(follower.name(), since), Optional::isPresent).orElseThrow();
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(follower.name(), since))).hasSize(1);
        assertThat(etcd.isHealthy(follower.clientUrl())).as("member back in the cluster").isTrue();
    }

    @Test
    void anIntruderCannotWriteAPlan() {
        // given: a principal without ACLs (not idempotent: that needs a writable topic)
        Map<String, Object> settings = new KafkaClientSettings(stack.broker().clientSettings(KafkaSecurity.INTRUDER))
                .producer(KafkaSecurity.INTRUDER);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);

        // when
        Throwable refused;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings)) {
            refused = sendAndCatch(producer, new ProducerRecord<>(Topics.Names.PLANS,
                    ReviveStack.CLUSTER_ID.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)));
        }

        // then
        assertThat(refused).isInstanceOf(TopicAuthorizationException.class);
    }

    private static Throwable sendAndCatch(KafkaProducer<byte[], byte[]> producer,
            ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
