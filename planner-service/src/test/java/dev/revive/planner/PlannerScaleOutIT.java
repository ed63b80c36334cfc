package dev.revive.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.EventTypes;
import dev.revive.contracts.kafka.Topics;
import dev.revive.planner.api.PeerClient;
import dev.revive.planner.domain.Fixtures;
import dev.revive.testkit.KafkaBroker;
import dev.revive.testkit.TestSigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two planner instances (processes from the built jar, one application id) over topics of 6 partitions on a real
 * broker: any instance answers for any cluster, lists gather from both, and a killed instance's clusters are answered
 * by the survivor once it took them over, with 503 + Retry-After meanwhile and never a 404.
 */
class PlannerScaleOutIT {

    private static final int PARTITIONS = 6;
    private static final int CLUSTERS = 12;
    private static final String TOKEN = "scale-out-token-not-secret";
    private static final Duration START = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static KafkaBroker broker;
    private final List<PlannerInstance> instances = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
        broker.createTopic(Topics.Names.CLUSTERS, PARTITIONS, true);
        for (String topic : List.of(Topics.Names.FAULTS, Topics.Names.DECISIONS, Topics.Names.EXECUTIONS,
                Topics.Names.REPORTS, Topics.Names.PLANS, Topics.Names.DLQ)) {
            broker.createTopic(topic, PARTITIONS, false);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopInstances() throws InterruptedException {
        for (PlannerInstance instance : instances) {
            instance.close();
        }
    }

    @Test
    void anyInstanceAnswersForEveryClusterAndListsGatherBothInstances() throws Exception {
        // given: two running instances and 12 clusters, each with an incident awaiting approval
        PlannerInstance a = start("a", "revive-planner-scale-1");
        PlannerInstance b = start("b", "revive-planner-scale-1");
        List<String> clusters = incidentsAwaitingApproval("one");

        // when: every cluster is asked on both instances, once both own partitions
        Map<String, String> owners = new HashMap<>();
        await().atMost(START).until(() -> {
            owners.clear();
            for (String cluster : clusters) {
                HttpResponse<String> onA = get(a, "/clusters/" + cluster);
                if (onA.statusCode() != 200 || !awaiting(onA)) {
                    return false;
                }
                owners.put(cluster, onA.headers().firstValue(PeerClient.ANSWERED_BY).orElseThrow());
            }
            return owners.values().containsAll(Set.of(a.address(), b.address()));
        });

        // then: a cluster B owns is answered on A exactly as B answers it, by B's stores
        String ofB = owners.entrySet().stream().filter(owner -> owner.getValue().equals(b.address())).findFirst()
                .orElseThrow().getKey();
        HttpResponse<String> onA = get(a, "/clusters/" + ofB);
        HttpResponse<String> onB = get(b, "/clusters/" + ofB);
        assertThat(onA.statusCode()).isEqualTo(200);
        assertThat(onA.headers().firstValue(PeerClient.ANSWERED_BY)).hasValue(b.address());
        assertThat(JSON.readTree(onA.body())).isEqualTo(JSON.readTree(onB.body()));
        // and: the lists on A hold B's incidents too, as on B
        assertThat(incidentClusters(get(a, "/incidents"))).containsAll(clusters);
        assertThat(incidentClusters(get(b, "/incidents"))).containsAll(clusters);
        assertThat(get(a, "/clusters").body()).contains(clusters);
        // and: B's plan is found and approved through A
        String planId = JSON.readTree(onB.body()).path("incident").path("planId").asText();
        assertThat(get(a, "/plans/" + planId).statusCode()).isEqualTo(200);
        assertThat(post(a, "/plans/" + planId + "/approve", "{\"by\":\"alice\",\"reason\":\"scale-out\"}")
                .statusCode()).isEqualTo(202);
        assertThat(get(a, "/plans/inc-unknown-r1").statusCode()).isEqualTo(404);
    }

    @Test
    void killedInstancesClustersAreAnsweredBySurvivorNeverWithA404() throws Exception {
        // given: two running instances that both own some of 12 clusters, each with an incident awaiting approval
        PlannerInstance a = start("a", "revive-planner-scale-2");
        PlannerInstance b = start("b", "revive-planner-scale-2");
        List<String> clusters = incidentsAwaitingApproval("two");
        await().atMost(START).until(() -> clusters.stream().map(cluster -> get(a, "/clusters/" + cluster))
                .allMatch(answer -> answer.statusCode() == 200 && awaiting(answer)) && clusters.stream().map(cluster -> get(a, "/clusters/" + cluster).headers()
                        .firstValue(PeerClient.ANSWERED_BY).orElse("")).anyMatch(b.address()::equals));

        // when: B is killed with -9 and every cluster is asked on A until A answers all of them itself
        b.kill();
        List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
            boolean allByA = true;
            for (String cluster : clusters) {
                HttpResponse<String> answer = get(a, "/clusters/" + cluster);
                answers.add(answer);
                allByA &= answer.statusCode() == 200
                        && answer.headers().firstValue(PeerClient.ANSWERED_BY).orElse("").equals(a.address());
            }
            return allByA;
        });

        // then: while B's partitions moved, A said "retry later" (503 + Retry-After) and never "not found"
        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 503));
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 503).isNotEmpty()
                .allSatisfy(answer -> assertThat(answer.headers().firstValue("Retry-After")).isPresent());
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200)
                .allSatisfy(answer -> assertThat(awaiting(answer)).isTrue());
        // and: A's list holds every incident, B's included
        await().atMost(START).until(() -> get(a, "/incidents").statusCode() == 200);
        assertThat(incidentClusters(get(a, "/incidents"))).containsAll(clusters);
    }

    private PlannerInstance start(String name, String applicationId) {
        PlannerInstance instance = PlannerInstance.start(name, applicationId, broker.bootstrapServers(), TOKEN);
        instances.add(instance);
        await().atMost(START).until(instance::ready);
        return instance;
    }

    /** Registers 12 clusters and gives each a DISK_FULL fault, which waits for approval (30 min by default). */
    private static List<String> incidentsAwaitingApproval(String prefix) {
        List<String> clusters = IntStream.range(0, CLUSTERS).mapToObj(i -> "scale-" + prefix + "-" + i).toList();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (String cluster : clusters) {
                ClusterSpec spec = Fixtures.etcd(cluster, Policy.defaults());
                byte[] value = Topics.CLUSTERS.valueSerde().serializer().serialize(null, spec);
                RecordHeaders headers = headers(spec);
                TestSigningKey.signInto(headers, value);
                producer.send(new ProducerRecord<>(Topics.Names.CLUSTERS, null, key(cluster), value, headers));
            }
            producer.flush();
            for (String cluster : clusters) {
                FaultEvent full = new FaultEvent("f-" + cluster, cluster, "n1", FaultKind.DISK_FULL,
                        Severity.CRITICAL, Instant.now(), "detector", Map.of(), "full-n1");
                producer.send(new ProducerRecord<>(Topics.Names.FAULTS, null, key(cluster),
                        Topics.FAULTS.valueSerde().serializer().serialize(null, full), headers(full)));
            }
            producer.flush();
        }
        return clusters;
    }

    private static boolean awaiting(HttpResponse<String> answer) {
        return tree(answer).path("incident").path("state").asText().equals("AWAITING_APPROVAL");
    }

    private static Set<String> incidentClusters(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(200);
        Set<String> clusters = new TreeSet<>();
        tree(answer).forEach(incident -> clusters.add(incident.path("clusterId").asText()));
        return clusters;
    }

    private static JsonNode tree(HttpResponse<String> answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(PlannerInstance instance, String path) {
        return send(HttpRequest.newBuilder(instance.uri(path)).GET());
    }

    private static HttpResponse<String> post(PlannerInstance instance, String path, String body) {
        return send(HttpRequest.newBuilder(instance.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] key(String cluster) {
        return cluster.getBytes(StandardCharsets.UTF_8);
    }

    private static RecordHeaders headers(Object event) {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.write(headers, EventTypes.describe(event, "/test", Instant.now()));
        return headers;
    }
}
