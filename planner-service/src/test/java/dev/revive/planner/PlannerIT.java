package dev.revive.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.planner.domain.Fixtures;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.KafkaBrokerResource;
import dev.revive.testkit.TestSigningKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The planner against a real KRaft broker: a registered cluster and one fault give one committed plan. */
@QuarkusTest
@QuarkusTestResource(ApiTokenFileResource.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, initArgs = @ResourceArg(name = KafkaBrokerResource.TOPICS,
        value = Topics.Names.CLUSTERS + ":1:compact," + Topics.Names.FAULTS + "," + Topics.Names.DECISIONS + ","
                + Topics.Names.PLANS + ","
                + Topics.Names.EXECUTIONS + "," + Topics.Names.REPORTS + "," + Topics.Names.DLQ))
class PlannerIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APPLICATION_ID = "revive-planner";

    @InjectKafkaBroker
    KafkaBroker broker;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Test
    void registeredClusterAndOneFaultGiveOneCommittedPlan() {
        // given: a running planner and a registered cluster
        await().atMost(TIMEOUT).until(() -> status(ready) == 200);
        publish(Topics.CLUSTERS, Fixtures.CLUSTER, Topics.CLUSTERS.valueSerde().serializer()
                .serialize(null, Fixtures.etcd()), headers(Fixtures.etcd()));
        await().atMost(TIMEOUT).until(() -> committedOffset(Topics.CLUSTERS.name()) >= 1);

        // when: a record that does not decode, then a fault
        publish(Topics.FAULTS, Fixtures.CLUSTER, "garbage".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        FaultEvent fault = Fixtures.fault("f-it-1", "n2", FaultKind.PROCESS_DOWN, "down-n2", Instant.now());
        publish(Topics.FAULTS, Fixtures.CLUSTER, Topics.FAULTS.valueSerde().serializer().serialize(null, fault),
                headers(fault));

        // then: one plan and one dead letter, both committed
        List<ConsumerRecord<byte[], byte[]>> plans = readCommitted(Topics.PLANS.name(), 1);
        RecoveryPlan plan = Topics.PLANS.valueSerde().deserializer().deserialize(Topics.PLANS.name(),
                plans.get(0).value());
        assertThat(new String(plans.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(Fixtures.CLUSTER);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.reason()).containsExactly("f-it-1");
        assertThat(plan.steps()).hasSize(7).allSatisfy(step -> assertThat(step.nodeId()).isEqualTo("n2"));
        assertThat(new String(plans.get(0).headers().lastHeader(CloudEventHeaders.TYPE).value(),
                StandardCharsets.UTF_8)).isEqualTo(EventTypes.PLAN);
        List<ConsumerRecord<byte[], byte[]>> letters = readCommitted(Topics.DLQ.name(), 1);
        assertThat(DeadLetters.reason(letters.get(0).headers())).isEqualTo("MALFORMED");
    }

    @Test
    void approvalOverRestGivesAnExecutableRevisionAndErrorsAreProblems() throws Exception {
        // given: a registered cluster and a DISK_FULL fault that waits for approval
        await().atMost(TIMEOUT).until(() -> status(ready) == 200);
        publish(Topics.CLUSTERS, "etcd-rest", Topics.CLUSTERS.valueSerde().serializer()
                .serialize(null, Fixtures.etcd("etcd-rest", dev.revive.contracts.cluster.Policy.defaults())),
                headers(Fixtures.etcd("etcd-rest", dev.revive.contracts.cluster.Policy.defaults())));
        FaultEvent full = new FaultEvent("f-it-full", "etcd-rest", "n1", FaultKind.DISK_FULL,
                dev.revive.contracts.fault.Severity.CRITICAL, Instant.now(), "detector", Map.of(), "full-n1");
        publish(Topics.FAULTS, "etcd-rest", Topics.FAULTS.valueSerde().serializer().serialize(null, full),
                headers(full));
        String planId = "inc-";
        await().atMost(TIMEOUT).until(() -> plansOf("etcd-rest").stream()
                .anyMatch(plan -> plan.mode() == PlanMode.APPROVAL_REQUIRED));
        planId = plansOf("etcd-rest").get(0).planId();
        String body = "{\"by\":\"alice\",\"reason\":\"disk cleaned by hand\"}";

        // when: approved over REST, with and without a token, and for an unknown plan
        HttpResponse<String> noToken = post(planId, "approve", body, null);
        HttpResponse<String> unknown = post("inc-nope-r1", "approve", body, TOKEN);
        HttpResponse<String> badBody = post(planId, "approve", "{\"by\":\"\"}", TOKEN);
        HttpResponse<String> approved = post(planId, "approve", body, TOKEN);

        // then: 401, 404 and 400 as problems, 202 with the decision id, and an AUTO revision follows
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(approved.statusCode()).isEqualTo(202);
        assertThat(approved.body()).contains("decisionId", planId);
        await().atMost(TIMEOUT).until(() -> plansOf("etcd-rest").stream()
                .anyMatch(plan -> plan.revision() == 2 && plan.mode() == PlanMode.AUTO));
        assertThat(post(planId, "reject", body, TOKEN).statusCode()).isEqualTo(409);
    }

    @Test
    void operatorsRollbackOverRestIsAPlanThatRestoresEveryMemberFromTheNamedSnapshot() throws Exception {
        // given: a registered cluster with nothing under way
        await().atMost(TIMEOUT).until(() -> status(ready) == 200);
        dev.revive.contracts.cluster.ClusterSpec spec = Fixtures.etcd("etcd-rollback",
                dev.revive.contracts.cluster.Policy.defaults());
        publish(Topics.CLUSTERS, spec.id(), Topics.CLUSTERS.valueSerde().serializer().serialize(null, spec),
                headers(spec));
        String body = "{\"by\":\"alice\",\"reason\":\"bad keys written\",\"snapshot\":\"good.db\"}";
        await().atMost(TIMEOUT).until(() -> rollback(spec.id(), body, TOKEN).statusCode() == 202);

        // when: a rollback is asked for with a path for a snapshot, for an unknown cluster, without a token
        HttpResponse<String> path = rollback(spec.id(), body.replace("good.db", "../etc/passwd"), TOKEN);
        HttpResponse<String> unknown = rollback("etcd-nope", body, TOKEN);
        HttpResponse<String> noToken = rollback(spec.id(), body, null);

        // then: 400, 404, 401, and the accepted one became one AUTO plan restoring every member from good.db
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(noToken.statusCode()).isEqualTo(401);
        await().atMost(TIMEOUT).until(() -> !plansOf(spec.id()).isEmpty());
        RecoveryPlan plan = plansOf(spec.id()).get(0);
        assertThat(plan.mode()).isEqualTo(PlanMode.AUTO);
        assertThat(plan.steps()).filteredOn(step -> step.action() == dev.revive.contracts.plan.Action.RESTORE_SNAPSHOT)
                .hasSize(spec.nodes().size()).allSatisfy(step -> assertThat(step.params().snapshot())
                        .isEqualTo("good.db"));
    }

    @Test
    void operatorsReplacementOverRestIsAPlanThatReplacesTheMember() throws Exception {
        // given: a registered cluster with nothing under way
        await().atMost(TIMEOUT).until(() -> status(ready) == 200);
        dev.revive.contracts.cluster.ClusterSpec spec = Fixtures.etcd("etcd-replace",
                dev.revive.contracts.cluster.Policy.defaults());
        publish(Topics.CLUSTERS, spec.id(), Topics.CLUSTERS.valueSerde().serializer().serialize(null, spec),
                headers(spec));
        String body = "{\"by\":\"alice\",\"reason\":\"its disk was swapped\"}";

        // when: a member is to be replaced, and a node id that is no id
        await().atMost(TIMEOUT).until(() -> post(spec.id() + "/nodes/n2/replace", body, TOKEN).statusCode() == 202);
        HttpResponse<String> badNode = post(spec.id() + "/nodes/n2..x%2F/replace", body, TOKEN);

        // then: 400 for the bad id, and one plan that replaces n2
        assertThat(badNode.statusCode()).isEqualTo(400);
        await().atMost(TIMEOUT).until(() -> !plansOf(spec.id()).isEmpty());
        RecoveryPlan plan = plansOf(spec.id()).get(0);
        assertThat(plan.steps()).extracting(step -> step.action())
                .contains(dev.revive.contracts.plan.Action.REPLACE_MEMBER);
        assertThat(plan.steps()).extracting(step -> step.nodeId()).containsOnly("n2");
    }

    private HttpResponse<String> rollback(String clusterId, String body, String token) throws Exception {
        return post(clusterId + "/rollback", body, token);
    }

    /** POST {@code /clusters/<path>} with {@code body}. */
    private HttpResponse<String> post(String clusterPath, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plansApi.toString()
                .replace("/plans", "/clusters/" + clusterPath)))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final String TOKEN = ApiTokenFileResource.TOKEN;

    @TestHTTPResource("/plans")
    URI plansApi;

    private HttpResponse<String> post(String planId, String verb, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(plansApi + "/" + planId + "/" + verb))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<RecoveryPlan> plansOf(String clusterId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "planner-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<RecoveryPlan> plans = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.PLANS.name()));
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> {
                RecoveryPlan plan = Topics.PLANS.valueSerde().deserializer().deserialize(Topics.PLANS.name(),
                        record.value());
                if (plan.clusterId().equals(clusterId)) {
                    plans.add(plan);
                }
            });
        }
        return plans;
    }

    private void publish(Topic<String, ?> topic, String key, byte[] value, RecordHeaders headers) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            if (topic.equals(Topics.CLUSTERS)) {
                TestSigningKey.signInto(headers, value);
            }
            producer.send(new ProducerRecord<>(topic.name(), null, key.getBytes(StandardCharsets.UTF_8), value,
                    headers));
            producer.flush();
        }
    }

    private static RecordHeaders headers(Object event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EventTypes.describe(event, "/test", Instant.now()));
        return headers;
    }

    private long committedOffset(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "planner-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(TIMEOUT).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keep(records, record));
                return records.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(record -> keep(records, record));
        }
        assertThat(records).hasSize(expected);
        return records;
    }

    /** Only the records of this test's cluster: the approval test writes to the same topics. */
    private static void keep(List<ConsumerRecord<byte[], byte[]>> records, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() != null && Fixtures.CLUSTER.equals(new String(record.key(), StandardCharsets.UTF_8))) {
            records.add(record);
        }
    }

    private static int status(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
