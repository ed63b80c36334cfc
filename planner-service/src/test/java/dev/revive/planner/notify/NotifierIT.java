package dev.revive.planner.notify;

import static dev.revive.planner.notify.NotifierFixtures.plan;
import static dev.revive.planner.notify.NotifierFixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.KafkaClientSettings;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.Verdict;
import dev.revive.testkit.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier against a real KRaft broker and real HTTP receivers: notifications of plans and reports reach the
 * webhooks in their formats, retriable answers are retried with the same id, refusals become dead letters and the
 * loop goes on, and each webhook gets only the events it asked for. Each test has its own incidents and receivers.
 */
class NotifierIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_PATH = "/services/T0/B0/s3cr3tPath";

    private static KafkaBroker broker;
    private static KafkaProducer<byte[], byte[]> producer;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopics(Topics.Names.PLANS, Topics.Names.REPORTS, Topics.Names.DLQ);
        producer = new KafkaProducer<>(KafkaClientSettings.of(broker.bootstrapServers()).producer("notifier-it"));
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @AfterEach
    void closeNotifierAndReceivers() throws Exception {
        for (AutoCloseable resource : closing) {
            resource.close();
        }
    }

    @Test
    void plansAndReportsReachAJsonAndASlackWebhookWithVerdictAndMttr() throws Exception {
        // given: a generic JSON webhook with a bearer token and a Slack one
        WebhookReceiver generic = receiver();
        WebhookReceiver slack = receiver();
        notifier(webhook("generic", generic.url("/revive"), WebhookFormat.JSON, Optional.of("hook-t0ken")),
                webhook("chat", slack.url(SECRET_PATH), WebhookFormat.SLACK, Optional.empty()));

        // when: an AUTO first revision and its report, and a first revision that waits for approval
        publish(Topics.PLANS, plan("inc-json", 1, PlanMode.AUTO, null));
        publish(Topics.PLANS, plan("inc-wait", 1, PlanMode.APPROVAL_REQUIRED, "restart budget spent"));
        publish(Topics.REPORTS, report("inc-json", Verdict.INCONSISTENT));

        // then: the generic receiver gets opened, closed (verdict, MTTR) and opened, approval_needed, with the token
        // (plans and reports are two topics: their notifications may arrive in either order)
        await().atMost(TIMEOUT).until(() -> generic.deliveredOf("inc-json").size() == 2
                && generic.deliveredOf("inc-wait").size() == 2);
        assertThat(generic.deliveredOf("inc-json")).extracting(body -> body.path("type").asText())
                .containsExactlyInAnyOrder("incident.opened", "incident.closed");
        JsonNode closed = ofType(generic.deliveredOf("inc-json"), "incident.closed");
        assertThat(closed.path("verdict").asText()).isEqualTo("INCONSISTENT");
        assertThat(closed.path("mttrSeconds").asLong()).isEqualTo(95);
        assertThat(closed.path("failedChecks")).extracting(JsonNode::asText).containsExactly("hash-kv-equal",
                "no-alarms");
        assertThat(generic.deliveredOf("inc-wait")).extracting(body -> body.path("type").asText())
                .containsExactly("incident.opened", "incident.approval_needed");
        assertThat(generic.deliveredOf("inc-wait").get(1).path("modeReason").asText())
                .isEqualTo("restart budget spent");
        assertThat(generic.requests()).allSatisfy(request -> {
            assertThat(request.notificationId()).isEqualTo(request.body().path("id").asText());
            assertThat(request.authorization()).isEqualTo("Bearer hook-t0ken");
            assertThat(request.contentType()).startsWith("application/json");
        });
        // and: the Slack receiver gets the same four as Slack messages, without the generic webhook's token
        await().atMost(TIMEOUT).until(() -> slack.deliveredOf("inc-json").size() == 2
                && slack.deliveredOf("inc-wait").size() == 2);
        assertThat(slack.requests()).allSatisfy(request -> {
            assertThat(request.authorization()).isNull();
            assertThat(request.body().path("text").asText()).isNotBlank();
            assertThat(request.body().path("blocks")).hasSize(1);
            assertThat(request.body().path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        });
        assertThat(slack.deliveredOf("inc-json")).anySatisfy(message ->
                assertThat(message.path("text").asText()).contains("verified INCONSISTENT", "95 s"));
    }

    @Test
    void aWebhookAnswering503TwiceGetsTheNotificationAThirdTimeWithTheSameId() throws Exception {
        // given: a receiver that answers 503, 503, then 200
        WebhookReceiver flaky = receiver(WebhookReceiver.answering("inc-flaky", 503, 503));
        notifier(webhook("flaky", flaky.url("/hook"), WebhookFormat.JSON, Optional.empty()));

        // when: a plan opens an incident, then another plan opens the next one
        publish(Topics.PLANS, plan("inc-flaky", 1, PlanMode.AUTO, null));
        publish(Topics.PLANS, plan("inc-later", 1, PlanMode.AUTO, null));

        // then: once the later notification arrived, the first one was sent exactly three times, with one id
        String opened = "inc-flaky/incident.opened/inc-flaky-r1";
        await().atMost(TIMEOUT).until(() -> flaky.deliveredOf("inc-later").size() == 1);
        assertThat(flaky.requestsFor(opened)).extracting(WebhookReceiver.Request::answered)
                .containsExactly(503, 503, 200);
        assertThat(flaky.requestsFor(opened)).allSatisfy(request ->
                assertThat(request.body().path("id").asText()).isEqualTo(opened));
        assertThat(deadLettersNaming("flaky")).isEmpty();
    }

    @Test
    void aRefusedNotificationIsDeadLetteredNamingTheWebhookAndTheNextOneIsDelivered() throws Exception {
        // given: a receiver that refuses its first request with 400
        WebhookReceiver strict = receiver(WebhookReceiver.answering("inc-strict", 400));
        notifier(webhook("strict", strict.url(SECRET_PATH + "?token=q"), WebhookFormat.JSON, Optional.empty()));

        // when: a plan, then (once it was refused) a record that does not decode and a report
        publish(Topics.PLANS, plan("inc-strict", 1, PlanMode.AUTO, null));
        await().atMost(TIMEOUT).until(() -> !strict.requestsFor("inc-strict/incident.opened/inc-strict-r1").isEmpty());
        producer.send(new ProducerRecord<>(Topics.Names.PLANS, "etcd-a".getBytes(StandardCharsets.UTF_8),
                "not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        publish(Topics.REPORTS, report("inc-strict", Verdict.DEGRADED));

        // then: the report's notification is delivered; the plan's was sent once and dead-lettered
        await().atMost(TIMEOUT).until(() -> strict.deliveredOf("inc-strict").size() == 1);
        assertThat(strict.deliveredOf("inc-strict").get(0).path("type").asText()).isEqualTo("incident.closed");
        assertThat(strict.requestsFor("inc-strict/incident.opened/inc-strict-r1")).hasSize(1);
        List<ConsumerRecord<byte[], byte[]>> letters = await().atMost(TIMEOUT).until(
                () -> deadLettersNaming("strict"), found -> !found.isEmpty());
        ConsumerRecord<byte[], byte[]> letter = letters.get(0);
        assertThat(DeadLetters.reason(letter.headers())).isEqualTo("NOTIFICATION_FAILED");
        assertThat(header(letter, DeadLetters.SERVICE)).isEqualTo("planner-service");
        assertThat(header(letter, DeadLetters.DETAIL)).contains("POST http://127.0.0.1:", "answered 400")
                .doesNotContain("s3cr3tPath", "token=q");
        assertThat(JSON.readTree(letter.value()).path("id").asText())
                .isEqualTo("inc-strict/incident.opened/inc-strict-r1");
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("etcd-a");
        // and: the record that did not decode is a dead letter of its own
        await().atMost(TIMEOUT).until(() -> allDeadLetters().stream().anyMatch(
                record -> "MALFORMED".equals(DeadLetters.reason(record.headers()))
                        && Topics.Names.PLANS.equals(header(record, DeadLetters.SOURCE_TOPIC))));
    }

    @Test
    void aWebhookGetsOnlyTheEventsItAskedFor() throws Exception {
        // given: one webhook for closures only, one for everything
        WebhookReceiver closures = receiver();
        WebhookReceiver everything = receiver();
        notifier(new Webhook("closures", closures.url("/c"), WebhookFormat.JSON, Set.of(NotificationType.CLOSED),
                Optional.empty()), webhook("everything", everything.url("/e"), WebhookFormat.JSON, Optional.empty()));

        // when: an incident waits for approval, then is reported on
        publish(Topics.PLANS, plan("inc-filter", 1, PlanMode.APPROVAL_REQUIRED, "needs a human"));
        publish(Topics.REPORTS, report("inc-filter", Verdict.CONSISTENT));

        // then: once both got the closure, only the catch-all got the opening and the approval request
        await().atMost(TIMEOUT).until(() -> everything.deliveredOf("inc-filter").size() == 3
                && closures.deliveredOf("inc-filter").size() == 1);
        assertThat(closures.deliveredOf("inc-filter")).extracting(body -> body.path("type").asText())
                .containsExactly("incident.closed");
        assertThat(everything.deliveredOf("inc-filter")).extracting(body -> body.path("type").asText())
                .containsExactlyInAnyOrder("incident.opened", "incident.approval_needed", "incident.closed");
    }

    private WebhookReceiver receiver() throws IOException {
        return receiver(WebhookReceiver.start());
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        closing.add(receiver);
        return receiver;
    }

    private static Webhook webhook(String name, URI url, WebhookFormat format, Optional<String> token) {
        return new Webhook(name, url, format, EnumSet.allOf(NotificationType.class), token);
    }

    /** Starts a notifier for {@code webhooks} and waits until its group has a position on both topics. */
    private void notifier(Webhook... webhooks) {
        NotifierSettings settings = new NotifierSettings(List.of(webhooks), 5, Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(5));
        NotifierRuntime runtime = NotifierRuntime.start(KafkaClientSettings.of(broker.bootstrapServers()).common(),
                settings, Clock.systemUTC());
        closing.add(0, runtime);
        await().atMost(TIMEOUT).until(() -> committedPartitions().size() == 2);
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedPartitions() throws Exception {
        try (Admin admin = Admin.create(KafkaClientSettings.of(broker.bootstrapServers()).common())) {
            return admin.listConsumerGroupOffsets(NotifierRuntime.GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static <V> void publish(Topic<String, V> topic, V value)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(EventRecords.of(topic, NotifierFixtures.CLUSTER, value, "/revive/test", Instant.now()))
                .get(30, TimeUnit.SECONDS);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersNaming(String webhook) {
        return allDeadLetters().stream().filter(record -> webhook.equals(header(record, DeadLetters.FIELD))).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> allDeadLetters() {
        Map<String, Object> config = KafkaClientSettings.of(broker.bootstrapServers()).reader("notifier-it-dlq");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(Topics.Names.DLQ, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode ofType(List<JsonNode> bodies, String type) {
        return bodies.stream().filter(body -> type.equals(body.path("type").asText())).findFirst().orElseThrow();
    }
}
