package dev.revive.detector;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.kafka.EventRecords;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.detector.spec.ClusterRegistry;
import dev.revive.testkit.InjectKafkaBroker;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TestSigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Clusters registered at runtime: a spec published to {@code revive.clusters} after the start, signed by a trusted
 * key, is known and probed without a restart; one signed by a key the detector does not trust never is.
 */
@QuarkusTest
@TestProfile(RuntimeRegistrationIT.OwnApplication.class)
class RuntimeRegistrationIT {

    /**
     * The detector's test profile in an application of its own: the clusters this test registers (and the faults of
     * the one with a dead endpoint) must not reach the other ITs, which expect the specs dir's cluster only.
     */
    public static class OwnApplication extends DetectorTestProfile {
    }

    private static final Duration PICKED_UP = Duration.ofSeconds(30);
    /** A client endpoint nothing listens on: the probe of a node there fails. */
    private static final String CLOSED_PORT = "http://127.0.0.1:1";

    @InjectKafkaBroker
    KafkaBroker broker;
    @Inject
    ClusterRegistry registry;

    @Test
    void aTrustedSpecPublishedAtRuntimeIsListedAndProbed() throws Exception {
        ClusterSpec copy = copyOfTheTestCluster("runtime-etcd");
        List<NodeSpec> nodes = new ArrayList<>(copy.nodes());
        NodeSpec first = nodes.get(0);
        nodes.set(0, new NodeSpec(first.id(), first.role(), new Endpoints(CLOSED_PORT, first.endpoints().peer()),
                first.control(), first.dataDir(), first.logPaths(), first.tempPaths()));
        ClusterSpec spec = new ClusterSpec(copy.id(), copy.kind(), nodes, copy.policy(), copy.backup(), copy.checks(),
                copy.detection(), copy.security(), copy.fencedRoles(), copy.loadBalancer());

        try (TopicReader<FaultEvent> faults = new TopicReader<>(broker.bootstrapServers(), Topics.FAULTS)) {
            publish(TestSigningKey.record(spec));

            await("runtime-etcd listed").atMost(PICKED_UP).untilAsserted(() -> given().auth()
                    .oauth2(DetectorTestProfile.TOKEN).get("/clusters").then().statusCode(200)
                    .body("id", hasItem("runtime-etcd")));
            faults.awaitRecords(PICKED_UP, seen -> seen.stream().anyMatch(record -> record.value().clusterId()
                    .equals("runtime-etcd") && first.id().equals(record.value().nodeId())));
        }
    }

    @Test
    void aSpecSignedByAnUntrustedKeyIsNeverRegistered() throws Exception {
        ClusterSpec forged = copyOfTheTestCluster("runtime-forged");
        SignedSpec signed = SignedSpec.sign(forged, SigningKeys.generate().getPrivate());
        ProducerRecord<byte[], byte[]> record = EventRecords.of(Topics.CLUSTERS, forged.id(), forged, "/revive/test",
                Instant.now());
        SpecHeaders.write(record.headers(), signed);
        ClusterSpec marker = copyOfTheTestCluster("runtime-after-forged");

        publish(record);
        publish(TestSigningKey.record(marker));

        await("the trusted spec published after it is listed").atMost(PICKED_UP).untilAsserted(() -> given().auth()
                .oauth2(DetectorTestProfile.TOKEN).get("/clusters").then().statusCode(200)
                .body("id", hasItem("runtime-after-forged")).body("id", not(hasItem("runtime-forged"))));
    }

    /** The test's etcd cluster under another id: its members answer probes. */
    private ClusterSpec copyOfTheTestCluster(String id) {
        ClusterSpec spec = registry.find(SpecDirectoryResource.CLUSTER_ID).orElseThrow();
        return new ClusterSpec(id, spec.kind(), spec.nodes(), spec.policy(), spec.backup(), spec.checks(),
                spec.detection(), spec.security(), spec.fencedRoles(), spec.loadBalancer());
    }

    private void publish(ProducerRecord<byte[], byte[]> record) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                broker.bootstrapServers(), "key.serializer", ByteArraySerializer.class, "value.serializer",
                ByteArraySerializer.class))) {
            producer.send(record).get(PICKED_UP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
