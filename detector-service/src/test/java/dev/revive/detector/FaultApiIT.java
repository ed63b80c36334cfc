package dev.revive.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DetectorTestProfile.class)
class FaultApiIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @InjectKafkaBroker
    KafkaBroker broker;

    @Test
    void acceptedFaultIsOnTheFaultsTopicWithCloudEventHeaders() {
        // when another system reports a fault
        post(fault("api-fault-1", SpecDirectoryResource.CLUSTER_ID, "m0"))
                .statusCode(202)
                .body("faultId", equalTo("api-fault-1"));

        // then it is on the topic, keyed by cluster, as a CloudEvent written by the detector
        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            List<ConsumerRecord<String, FaultEvent>> records = faults.awaitRecords(Duration.ofSeconds(10),
                    seen -> seen.stream().anyMatch(record -> "api-fault-1".equals(record.value().faultId())));
            ConsumerRecord<String, FaultEvent> record = records.stream()
                    .filter(candidate -> "api-fault-1".equals(candidate.value().faultId())).findFirst().get();
            assertThat(record.key()).isEqualTo(SpecDirectoryResource.CLUSTER_ID);
            assertThat(record.value().source()).isEqualTo("alertmanager");
            assertThat(TopicReader.header(record, CloudEventHeaders.ID)).isEqualTo("api-fault-1");
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.FAULT);
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/revive/detector");
            assertThat(TopicReader.header(record, CloudEventHeaders.SUBJECT))
                    .isEqualTo(SpecDirectoryResource.CLUSTER_ID + "/m0");
            assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        }
    }

    @Test
    void missingOrWrongTokenIs401() {
        given().contentType(ContentType.JSON).body(fault("f-401", SpecDirectoryResource.CLUSTER_ID, "m0"))
                .post("/faults")
                .then().statusCode(401).contentType(PROBLEM_JSON).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401), "instance", equalTo("/faults"));
        given().auth().oauth2("wrong-token-0123456789").contentType(ContentType.JSON)
                .body(fault("f-401", SpecDirectoryResource.CLUSTER_ID, "m0")).post("/faults")
                .then().statusCode(401).contentType(PROBLEM_JSON);
    }

    @Test
    void invalidNodeIdIs400NamingTheField() {
        post(fault("f-400", SpecDirectoryResource.CLUSTER_ID, "node 1;rm"))
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("type", startsWith("https://"), "title", equalTo("Invalid event"), "status", equalTo(400),
                        "field", equalTo("nodeId"), "reason", equalTo("INVALID_ID"), "instance", equalTo("/faults"));
    }

    @Test
    void malformedJsonIs400() {
        post("{\"faultId\": \"f-1\", ").statusCode(400).contentType(PROBLEM_JSON)
                .body("field", equalTo("$"), "reason", equalTo("MALFORMED"));
    }

    @Test
    void unknownClusterIs404() {
        post(fault("f-404", "no-such-cluster", "m0")).statusCode(404).contentType(PROBLEM_JSON)
                .body("field", equalTo("clusterId"), "reason", equalTo("UNKNOWN_CLUSTER"));
    }

    @Test
    void unknownNodeOfAKnownClusterIs404() {
        post(fault("f-404-node", SpecDirectoryResource.CLUSTER_ID, "m9")).statusCode(404).contentType(PROBLEM_JSON)
                .body("field", equalTo("nodeId"), "reason", equalTo("UNKNOWN_NODE"));
    }

    @Test
    void bodyOverTheLimitIs413() {
        post(" ".repeat(EventCodec.MAX_BYTES + 1)).statusCode(413).contentType(PROBLEM_JSON)
                .body("reason", equalTo("TOO_LARGE"));
    }

    @Test
    void otherHttpErrorsAreProblemsToo() {
        given().auth().oauth2(DetectorTestProfile.TOKEN).contentType(ContentType.TEXT).body("hello").post("/faults")
                .then().statusCode(415).contentType(PROBLEM_JSON).body("status", equalTo(415));
        given().get("/faults").then().statusCode(405).contentType(PROBLEM_JSON).body("status", equalTo(405));
    }

    @Test
    void clustersListsTheLoadedSpecsOnly() {
        given().auth().oauth2(DetectorTestProfile.TOKEN).get("/clusters").then().statusCode(200).contentType(ContentType.JSON)
                .body("id", contains(SpecDirectoryResource.CLUSTER_ID))
                .body("[0].kind", equalTo("etcd"))
                .body("[0].nodes", contains("m0", "m1", "m2"));
    }

    private static ValidatableResponse post(String body) {
        return given().auth().oauth2(DetectorTestProfile.TOKEN).contentType(ContentType.JSON).body(body)
                .post("/faults").then();
    }

    private static String fault(String faultId, String clusterId, String nodeId) {
        return """
                {"faultId": "%s", "clusterId": "%s", "nodeId": "%s", "kind": "UNHEALTHY", "severity": "WARNING",
                 "observedAt": "2026-11-21T10:00:00Z", "source": "alertmanager",
                 "evidence": {"alertname": "EtcdHighFsyncDurations"}, "dedupKey": "%s/%s/UNHEALTHY"}
                """.formatted(faultId, clusterId, nodeId, clusterId, nodeId);
    }
}
