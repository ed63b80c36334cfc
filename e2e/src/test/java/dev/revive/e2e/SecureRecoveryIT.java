package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.TopicOwners;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.trust.SignCommand;
import dev.revive.e2e.ReviveCli.Run;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.KafkaSecurity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with Kafka security on: SASL_SSL with SCRAM-SHA-512, the standard authorizer and the ACLs of
 * {@link TopicOwners}, each service and the console as its own principal with its secrets in its environment, and the
 * real CLI jar as {@code User:cli} with its properties file ({@code --kafka-config}). A killed member is recovered and
 * reported once, the CLI and the console show the report, the CLI publishes and replays specs, and neither a principal
 * without ACLs nor the CLI can put a record on a topic a service owns.
 */
class SecureRecoveryIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static ReviveCli reviveCli;
    private static Path cliKafkaConfig;

    @BeforeAll
    static void startSecureRevive() throws Exception {
        Path repoRoot = DemoOptions.locateRepoRoot();
        stack = ReviveStack.startSecure(repoRoot, runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        reviveCli = new ReviveCli(repoRoot, runDir, stack);
        cliKafkaConfig = stack.broker().security().writeClientProperties(TopicOwners.CLI,
                runDir.resolve("cli-kafka.properties"));
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @BeforeEach
    void targetIsWholeAndNothingIsUnderWay() {
        WholeTarget.await(stack, recoveries, etcd, RECOVERY);
    }

    @Test
    void killedMemberIsRecoveredAndReportedConsistentOnceWithSecurityOn() {
        // given
        EtcdMember follower = stack.followers().get(0);
        Instant since = Instant.now();

        // when
        stack.target().kill(follower);

        // then
        RecoveryReport report = awaitReport(follower, since);
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        assertThat(recoveries.reportsOf(recoveries.plansFor(follower.name(), since))).hasSize(1);
        assertThat(etcd.isHealthy(follower.clientUrl())).as("member back in the cluster").isTrue();
    }

    @Test
    void theCliAndTheConsoleEachAsItsOwnPrincipalShowTheReportOfARecoveredMember() {
        // given
        EtcdMember follower = stack.followers().get(0);
        Instant since = Instant.now();
        stack.target().kill(follower);
        String reportId = awaitReport(follower, since).reportId();

        // when
        Run listed = cli("reports", "--json");

        // then
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.json()).anySatisfy(summary -> assertThat(summary.path("reportId").asText())
                .isEqualTo(reportId));
        await("the report in the console's API").atMost(RECOVERY).pollInterval(POLL)
                .until(() -> consoleReports().stream().anyMatch(report -> report.path("reportId").asText()
                        .equals(reportId)));
    }

    @Test
    void theCliWatchesEveryTopicItShowsAsItsOwnPrincipal() {
        // when: the live timeline reads revive.faults, .plans, .executions, .reports and .dlq; --recent reads reports
        Run watched = cli("incidents", "--watch", "--for", "PT2S", "--recent", "5");

        // then: no refusal (exit 4) from the broker
        assertThat(watched.code()).as(watched.err()).isZero();
        assertThat(watched.out()).contains("INCIDENT", "STATE");
    }

    @Test
    void anUntrustedSpecAppliedWithTheCliIsDeadLetteredListedAndReplayedToTheClustersTopic() throws Exception {
        // given: a spec signed by a key no service trusts, published by the CLI, dead-lettered by the services
        String clusterId = "untrusted-" + UUID.randomUUID().toString().substring(0, 8);
        Path keys = runDir.resolve("untrusted-keys").resolve(clusterId);
        Path specFile = TargetSpecs.write(TargetSpecs.describe(clusterId, stack.target(), runDir.resolve(clusterId)),
                runDir.resolve("untrusted-specs"), SignCommand.keygen(keys).getPrivate());
        Run applied = cli("apply", "-f", specFile.toString(), "--json");
        assertThat(applied.code()).as(applied.err()).isZero();
        JsonNode letter = awaitDeadLetter(row -> row.path("key").asText().equals(clusterId));
        assertThat(letter.path("reason").asText()).isEqualTo(RejectReason.UNTRUSTED_SPEC.name());
        assertThat(letter.path("sourceTopic").asText()).isEqualTo(Topics.Names.CLUSTERS);

        // when
        Run replayed = cli("dlq", "--replay", letter.path("id").asText(), "--json");

        // then: back on revive.clusters, where the services read it (and refuse it) again
        assertThat(replayed.code()).as(replayed.err()).isZero();
        assertThat(replayed.json().path("topic").asText()).isEqualTo(Topics.Names.CLUSTERS);
        String replayedOffset = replayed.json().path("offset").asText();
        awaitDeadLetter(row -> row.path("key").asText().equals(clusterId)
                && row.path("sourceOffset").asText().equals(replayedOffset));
    }

    @Test
    void theCliCannotReplayADeadLetterIntoATopicAServiceOwns() throws Exception {
        // given: a plan the executor dead-lettered
        String key = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        ConsumerRecord<byte[], byte[]> plan = new ConsumerRecord<>(Topics.Names.PLANS, 0, 0L,
                key.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> executor = new KafkaProducer<>(new KafkaClientSettings(
                stack.broker().clientSettings(TopicOwners.EXECUTOR)).producer("secure-recovery-it"))) {
            executor.send(DeadLetters.of(plan, new InvalidEventException(RejectReason.INVALID_VALUE, "steps",
                    "made by SecureRecoveryIT"), TopicOwners.EXECUTOR, Instant.now())).get(30, TimeUnit.SECONDS);
        }
        JsonNode letter = awaitDeadLetter(row -> row.path("key").asText().equals(key));

        // when
        Run replayed = cli("dlq", "--replay", letter.path("id").asText());

        // then: refused by the broker, exit code 4
        assertThat(replayed.code()).as(replayed.out() + replayed.err()).isEqualTo(4);
        assertThat(replayed.err()).contains(Topics.Names.PLANS);
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

    private static RecoveryReport awaitReport(EtcdMember member, Instant since) {
        return await("report for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), Optional::isPresent).orElseThrow();
    }

    /** The first dead letter {@code revive dlq --json} lists that matches {@code wanted}, once there is one. */
    private static JsonNode awaitDeadLetter(Predicate<JsonNode> wanted) {
        return await("a dead letter listed by revive dlq").atMost(RECOVERY).pollInterval(POLL).until(() -> {
            Run letters = cli("dlq", "--json");
            assertThat(letters.code()).as(letters.err()).isZero();
            return StreamSupport.stream(letters.json().spliterator(), false).filter(wanted).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    /** The console's {@code GET /api/reports}. */
    private static List<JsonNode> consoleReports() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.service("console").url()
                + "/api/reports")).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> reports = new ArrayList<>();
        Json.events().readTree(response.body()).forEach(reports::add);
        return reports;
    }

    /** {@code revive ARGS} through the jar, as {@code User:cli} with its properties file. */
    private static Run cli(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--kafka-config", cliKafkaConfig.toString()));
        return reviveCli.jar(command.toArray(String[]::new));
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
