package dev.revive.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

/**
 * The alert integrations on a real broker: real Alertmanager v4, PagerDuty Events v2 and CloudEvents payloads (the
 * samples under {@code src/test/resources/alerts/}) become FaultEvents on {@code revive.faults}; what cannot be placed
 * is a 422 problem, or a dead letter when other alerts of its group could be placed.
 */
@QuarkusTest
@TestProfile(DetectorTestProfile.class)
class AlertIntegrationsIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The dead letters, their keys as text. */
    private static final Topic<String, byte[]> DLQ = new Topic<>(Topics.DLQ.name(), Serdes.String(), Serdes.ByteArray(),
            false);

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void firingGroupPostedTwiceIsPublishedOnceAndItsResolutionIsRecoveredPerNode() {
        // given a firing group of two alerts: one about m1, one about the whole cluster
        alertmanager("alertmanager-firing.json").statusCode(200)
                .body("published", contains("am-a1f0c2d3e4b5a6f1-1796113800", "am-a1f0c2d3e4b5a6f2-1796113860"));

        // when Alertmanager re-sends the same group, then resolves it
        alertmanager("alertmanager-firing.json").statusCode(200)
                .body("published", empty(), "duplicates", contains("a1f0c2d3e4b5a6f1", "a1f0c2d3e4b5a6f2"));
        alertmanager("alertmanager-resolved.json").statusCode(200);

        // then each alert is one fault, followed by its RECOVERED for the same target
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            List<FaultEvent> node = byDedupKey(faults, "alertmanager/a1f0c2d3e4b5a6f1", FaultKind.RECOVERED);
            List<FaultEvent> cluster = byDedupKey(faults, "alertmanager/a1f0c2d3e4b5a6f2", FaultKind.RECOVERED);
            assertThat(node).extracting(FaultEvent::kind).containsExactly(FaultKind.UNHEALTHY, FaultKind.RECOVERED);
            assertThat(node).extracting(FaultEvent::nodeId).containsOnly("m1");
            assertThat(node.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(node.get(0).source()).isEqualTo("alertmanager");
            assertThat(node.get(0).evidence()).containsEntry("alertname", "EtcdHighFsyncDurations")
                    .containsEntry("annotation.summary", "etcd WAL fsync p99 above 500ms on m1");
            assertThat(cluster).extracting(FaultEvent::kind)
                    .containsExactly(FaultKind.RESOURCE_EXHAUSTED, FaultKind.RECOVERED);
            assertThat(cluster).extracting(FaultEvent::nodeId).containsOnlyNulls();
            assertThat(cluster.get(0).severity()).isEqualTo(Severity.WARNING);
        }
    }

    @Test
    void unmappedAlertOfAGroupIsDeadLetteredWithItsReasonWhileTheOtherIsPublished() {
        // when a group arrives of which one alert names a registered node and one an unknown cluster
        alertmanager("alertmanager-mixed.json").statusCode(200)
                .body("published", contains("am-b2e1d3c4f5a60001-1796113800"))
                .body("deadLettered[0].alert", equalTo("b2e1d3c4f5a60002"),
                        "deadLettered[0].reason", equalTo("UNKNOWN_CLUSTER"),
                        "deadLettered[0].field", equalTo("alerts[1].labels.cluster"));

        // then the mapped one is a fault and the other a dead letter saying why
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS);
                TopicReader<byte[]> dlq = new TopicReader<>(broker.bootstrapServers(), DLQ)) {
            assertThat(byDedupKey(faults, "alertmanager/b2e1d3c4f5a60001", FaultKind.UNHEALTHY)).extracting(FaultEvent::nodeId)
                    .containsExactly("m2");
            ConsumerRecord<String, byte[]> letter = first(dlq,
                    record -> new String(record.value(), StandardCharsets.UTF_8).contains("b2e1d3c4f5a60002"));
            assertThat(letter.key()).isEqualTo("billing-etcd");
            assertThat(TopicReader.header(letter, DeadLetters.REASON)).isEqualTo("UNKNOWN_CLUSTER");
            assertThat(TopicReader.header(letter, DeadLetters.FIELD)).isEqualTo("alerts[1].labels.cluster");
            assertThat(TopicReader.header(letter, DeadLetters.SERVICE)).isEqualTo("detector");
            assertThat(TopicReader.header(letter, DeadLetters.DETAIL)).contains("billing-etcd");
        }
    }

    @Test
    void groupWhoseAlertsNameNoRegisteredNodeIs422NamingTheLabel() {
        alertmanager("alertmanager-unknown-node.json").statusCode(422).contentType(PROBLEM_JSON)
                .body("status", equalTo(422), "reason", equalTo("UNKNOWN_NODE"),
                        "field", equalTo("alerts[0].labels.instance"), "instance", equalTo("/alerts/alertmanager"))
                .body("detail", containsString("m9"));
    }

    @Test
    void alertWithoutStartsAtIs400NamingTheField() {
        alertmanager("alertmanager-missing-startsat.json").statusCode(400).contentType(PROBLEM_JSON)
                .body("field", equalTo("alerts[1].startsAt"), "reason", equalTo("MISSING_FIELD"));
    }

    @Test
    void alertmanagerWebhookNeedsTheBearerToken() {
        given().contentType(ContentType.JSON).body(sample("alertmanager-firing.json")).post("/alerts/alertmanager")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void pagerDutyTriggerIsAFaultAcknowledgeIsNotPublishedAndResolveIsRecoveredOnTheTriggeredNode() {
        // when PagerDuty events trigger, acknowledge (on PagerDuty's own path) and resolve one dedup key
        pagerDuty("/alerts/pagerduty", sample("pagerduty-trigger.json")).statusCode(202)
                .body("status", equalTo("success"), "message", equalTo("Event processed"),
                        "dedup_key", equalTo("it-etcd/m0/disk"));
        pagerDuty("/v2/enqueue", sample("pagerduty-acknowledge.json")).statusCode(202)
                .body("status", equalTo("success"), "message", containsString("not published"),
                        "dedup_key", equalTo("it-etcd/m0/disk"));
        pagerDuty("/alerts/pagerduty", sample("pagerduty-resolve.json")).statusCode(202)
                .body("dedup_key", equalTo("it-etcd/m0/disk"));

        // then the trigger is a DISK_FULL of m0 (from custom_details and source) and the resolve its RECOVERED
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            List<FaultEvent> events = byDedupKey(faults, "pagerduty/it-etcd/m0/disk", FaultKind.RECOVERED);
            assertThat(events).extracting(FaultEvent::kind).containsExactly(FaultKind.DISK_FULL, FaultKind.RECOVERED);
            assertThat(events).extracting(FaultEvent::nodeId).containsOnly("m0");
            assertThat(events.get(0).severity()).isEqualTo(Severity.CRITICAL);
            assertThat(events.get(0).evidence()).containsEntry("detail.used_percent", "97")
                    .containsEntry("summary", "Data disk of etcd m0 is 97% full");
        }
    }

    @Test
    void pagerDutyEventWithAnUnknownRoutingKeyIs401() {
        String body = sample("pagerduty-trigger.json").replace(DetectorTestProfile.ROUTING_KEY, "not-a-known-routing-key");
        pagerDuty("/alerts/pagerduty", body).statusCode(401).contentType(PROBLEM_JSON)
                .body("field", equalTo("routing_key"));
    }

    @Test
    void pagerDutyTriggerWithoutSeverityIs400NamingTheField() {
        pagerDuty("/v2/enqueue", sample("pagerduty-missing-severity.json")).statusCode(400).contentType(PROBLEM_JSON)
                .body("field", equalTo("payload.severity"), "reason", equalTo("MISSING_FIELD"));
    }

    @Test
    void structuredAndBinaryCloudEventsAreFaults() {
        // when one fault comes as a structured CloudEvent and one in binary mode
        authorized().contentType("application/cloudevents+json").body(sample("cloudevent-structured.json"))
                .post("/alerts/cloudevents").then().statusCode(202).body("faultId", equalTo("ce-structured-1"));
        binaryCloudEvent("dev.revive.fault.v1").statusCode(202).body("faultId", equalTo("ce-binary-1"));

        // then both are on the faults topic as they were sent
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            assertThat(byDedupKey(faults, "etcd-exporter/it-etcd/m1/leader", FaultKind.UNHEALTHY)).extracting(FaultEvent::faultId)
                    .containsExactly("ce-structured-1");
            assertThat(byDedupKey(faults, "etcd-exporter/it-etcd/m2/leader-changes", FaultKind.UNHEALTHY)).extracting(FaultEvent::nodeId)
                    .containsExactly("m2");
        }
    }

    @Test
    void cloudEventOfAnotherTypeIs400NamingTheHeader() {
        binaryCloudEvent("com.example.disk.full").statusCode(400).contentType(PROBLEM_JSON)
                .body("field", equalTo("ce-type"), "reason", equalTo("UNKNOWN_TYPE"));
    }

    private ValidatableResponse binaryCloudEvent(String type) {
        return authorized().contentType(ContentType.JSON)
                .header("ce-specversion", "1.0").header("ce-id", "ce-binary-1")
                .header("ce-source", "/monitoring/etcd-exporter").header("ce-type", type)
                .header("ce-time", "2026-12-01T08:34:00Z").body(sample("cloudevent-binary-data.json"))
                .post("/alerts/cloudevents").then();
    }

    private static ValidatableResponse alertmanager(String file) {
        return authorized().contentType(ContentType.JSON).body(sample(file)).post("/alerts/alertmanager").then();
    }

    private static ValidatableResponse pagerDuty(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    private static RequestSpecification authorized() {
        return given().auth().oauth2(DetectorTestProfile.TOKEN);
    }

    /** The faults of {@code dedupKey}, in topic order, read until one of kind {@code last} is among them. */
    private static List<FaultEvent> byDedupKey(TopicReader<FaultEvent> faults, String dedupKey, FaultKind last) {
        Predicate<FaultEvent> mine = fault -> dedupKey.equals(fault.dedupKey());
        List<ConsumerRecord<String, FaultEvent>> seen = faults.awaitRecords(WAIT, records -> records.stream()
                .map(ConsumerRecord::value).filter(mine).anyMatch(fault -> fault.kind() == last));
        return seen.stream().map(ConsumerRecord::value).filter(mine).toList();
    }

    private static ConsumerRecord<String, byte[]> first(TopicReader<byte[]> reader,
            Predicate<ConsumerRecord<String, byte[]>> match) {
        return reader.awaitRecords(WAIT, records -> records.stream().anyMatch(match)).stream().filter(match)
                .findFirst().orElseThrow();
    }

    private static String sample(String file) {
        try (InputStream in = AlertIntegrationsIT.class.getResourceAsStream("/alerts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no sample alerts/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
