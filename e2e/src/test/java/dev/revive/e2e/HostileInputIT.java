package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.CloudEventHeaders;
import dev.revive.contracts.kafka.DeadLetters;
import dev.revive.contracts.kafka.Topic;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Timeline;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.trust.SignedSpec;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.contracts.trust.SpecHeaders;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
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
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input on every topic Revive reads: garbage, records near 1 MB, unknown versions, a spec signed by an
 * untrusted key, forged plans, step events, reports and decisions. Each must be dead-lettered with its reason, no
 * command run on the target, every service stays ready, and a real fault afterwards is still recovered. Hostile requests
 * on the REST endpoints (garbage, oversized bodies, no or a wrong token) get a 4xx problem, never a 5xx.
 *
 * <p>Not covered, because nothing but Kafka ACLs can stop it: a well-formed, current-version plan, step event, report
 * or decision about the real cluster and a real plan, written straight to the topic by someone who is not its writer.
 */
class HostileInputIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final String FORGED_CLUSTER = "forged-cluster";
    private static final int NEAR_ONE_MB = 1_000_000;

    /** One hostile record and the reasons its dead letters may carry (several readers may reject it). */
    private record Hostile(String name, Topic<?, ?> topic, String key, byte[] value, Headers headers,
            Set<RejectReason> reasons) {
    }

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;

    @BeforeAll
    static void startRevive() throws Exception {
        stack = ReviveStack.start(DemoOptions.locateRepoRoot(), runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack);
    }

    @Test
    void hostileRecordsOnEveryTopicAreDeadLetteredWithTheirReasonAndNothingIsRun() {
        // given: a whole cluster and the pids of its members
        await("all members healthy").atMost(RECOVERY).until(HostileInputIT::allMembersHealthy);
        Map<String, Long> pids = memberPids();
        Instant since = Instant.now();
        List<Hostile> hostile = hostileRecords();

        // when: every hostile record is published
        Map<Hostile, RecordMetadata> sent = publish(hostile);

        // then: each is dead-lettered with its reason
        for (Hostile record : hostile) {
            RecordMetadata at = sent.get(record);
            List<String> reasons = await("dead letter of " + record.name()).atMost(RECOVERY)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> deadLetterReasons(at), found -> !found.isEmpty());
            System.out.println("[e2e] " + record.name() + " dead-lettered: " + reasons);
            assertThat(reasons).as(record.name() + " dead-lettered as one of " + record.reasons())
                    .allMatch(reason -> record.reasons().contains(RejectReason.valueOf(reason)));
        }
        // and: nothing was planned or run for the real cluster, no member's process changed, every service is ready
        assertThat(stack.events().plans()).as("plans")
                .noneMatch(plan -> plan.clusterId().equals(ReviveStack.CLUSTER_ID) && !plan.createdAt().isBefore(since));
        assertThat(stack.events().executions()).as("execution events of the real cluster")
                .noneMatch(event -> event.clusterId().equals(ReviveStack.CLUSTER_ID) && !event.at().isBefore(since));
        assertThat(memberPids()).isEqualTo(pids);
        stack.services().forEach(service -> assertThat(service.isReady()).as(service.name() + " ready").isTrue());

        // and when: a real member dies afterwards, then it is still recovered with the registered spec
        EtcdMember follower = stack.followers().get(0);
        Instant killedAt = Instant.now();
        stack.target().kill(follower);
        RecoveryReport report = await("report for " + follower.name()).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(follower.name(), killedAt), Optional::isPresent)
                .orElseThrow();
        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        stack.services().forEach(service -> assertThat(service.isReady()).as(service.name() + " ready").isTrue());
    }

    @Test
    void hostileRequestsOnEveryEndpointGetAProblemInThe4xxRangeAndEveryServiceStaysReady() throws Exception {
        String detector = stack.service("detector").url() + "/faults";
        String planner = stack.service("planner").url() + "/plans/";
        byte[] garbage = {0, (byte) 0xff, '{', 0x7f, '"'};
        byte[] overBound = repeated('{', 3 * 1024 * 1024 / 2);
        byte[] overTransport = repeated('{', 3 * 1024 * 1024);
        byte[] validFault = encode(Topics.FAULTS, fault("no-such-cluster", null, "hostile-rest"));
        byte[] decision = "{\"by\":\"mallory\",\"reason\":\"forged\",\"dryRun\":false}"
                .getBytes(StandardCharsets.UTF_8);
        String token = stack.apiToken();
        List<Request> requests = new ArrayList<>();
        for (String url : List.of(detector, planner + "never-planned-r1/approve", planner + "never-planned-r1/reject")) {
            byte[] valid = url.equals(detector) ? validFault : decision;
            requests.add(new Request(url, null, valid));
            requests.add(new Request(url, "wrong-" + token, valid));
            requests.add(new Request(url, token, garbage));
            requests.add(new Request(url, token, new byte[0]));
            requests.add(new Request(url, token, overBound));
            requests.add(new Request(url, token, overTransport));
            requests.add(new Request(url, token, valid));
        }

        for (Request request : requests) {
            HttpResponse<String> response = request.send();

            assertThat(response.statusCode()).as(request + ": " + response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(request + " content type")
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        stack.services().forEach(service -> assertThat(service.isReady()).as(service.name() + " ready").isTrue());
    }

    /** One POST: {@code token} null for none. */
    private record Request(String url, String token, byte[] body) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        HttpResponse<String> send() throws IOException, InterruptedException {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public String toString() {
            String auth = token == null ? "no token" : token.equals(stack.apiToken()) ? "token" : "wrong token";
            return "POST " + url + " (" + auth + ", " + body.length + " bytes)";
        }
    }

    private static List<Hostile> hostileRecords() {
        String cluster = ReviveStack.CLUSTER_ID;
        String node = stack.target().members().get(0).name();
        Instant now = Instant.now();
        List<Hostile> records = new ArrayList<>();
        for (Topic<?, ?> topic : List.of(Topics.FAULTS, Topics.CLUSTERS, Topics.PLANS, Topics.EXECUTIONS,
                Topics.REPORTS, Topics.DECISIONS)) {
            // an unsigned record on revive.clusters is UNTRUSTED_SPEC to a reader that checks the signature first
            Set<RejectReason> malformed = topic == Topics.CLUSTERS
                    ? Set.of(RejectReason.MALFORMED, RejectReason.UNTRUSTED_SPEC) : Set.of(RejectReason.MALFORMED);
            records.add(new Hostile("garbage on " + topic.name(), topic, cluster,
                    new byte[] {0, (byte) 0xff, '{', 0x7f, '"'}, new RecordHeaders(), malformed));
            records.add(new Hostile("1 MB of braces on " + topic.name(), topic, cluster, repeated('{', NEAR_ONE_MB),
                    new RecordHeaders(), malformed));
            records.add(new Hostile("CloudEvents 2.0 on " + topic.name(), topic, cluster, "{}".getBytes(),
                    ceHeaders("2.0", "dev.revive.fault.v1"), versionReasons(topic)));
        }
        // known types at a version nobody reads: a FORCE_KILL plan of a healthy member of the real cluster among them
        records.add(new Hostile("fault v9", Topics.FAULTS, cluster, encode(Topics.FAULTS, fault(cluster, node, "src")),
                ceHeaders("1.0", "dev.revive.fault.v9"), Set.of(RejectReason.UNSUPPORTED_VERSION)));
        records.add(new Hostile("FORCE_KILL plan v9", Topics.PLANS, cluster,
                encode(Topics.PLANS, forceKill(cluster, node, now)), ceHeaders("1.0", "dev.revive.plan.v9"),
                Set.of(RejectReason.UNSUPPORTED_VERSION)));
        records.add(new Hostile("decision v2", Topics.DECISIONS, cluster,
                encode(Topics.DECISIONS, approval(cluster, now)), ceHeaders("1.0", "dev.revive.decision.v2"),
                Set.of(RejectReason.UNSUPPORTED_VERSION)));
        // a fault near 1 MB: one text far over its bound
        byte[] fault = new String(encode(Topics.FAULTS, fault(cluster, node, "src-placeholder")), StandardCharsets.UTF_8)
                .replace("src-placeholder", "x".repeat(NEAR_ONE_MB)).getBytes(StandardCharsets.UTF_8);
        records.add(new Hostile("fault near 1 MB", Topics.FAULTS, cluster, fault, new RecordHeaders(),
                Set.of(RejectReason.TOO_LARGE)));
        // the real cluster's spec, signed by a key no service trusts
        SignedSpec forgedSpec = SignedSpec.sign(stack.spec(), SigningKeys.generate().getPrivate());
        records.add(new Hostile("spec signed by an untrusted key", Topics.CLUSTERS, cluster, forgedSpec.bytes(),
                SpecHeaders.write(ceHeaders("1.0", "dev.revive.cluster.v1"), forgedSpec),
                Set.of(RejectReason.UNTRUSTED_SPEC)));
        // an unsigned tombstone of the real cluster: it must not unregister it (the recovery below proves it did not)
        records.add(new Hostile("unsigned tombstone of the real cluster", Topics.CLUSTERS, cluster, null,
                new RecordHeaders(), Set.of(RejectReason.UNTRUSTED_SPEC)));
        // well-formed forgeries about a cluster nobody registered, or a plan that never was
        records.add(new Hostile("FORCE_KILL plan of an unregistered cluster", Topics.PLANS, FORGED_CLUSTER,
                encode(Topics.PLANS, forceKill(FORGED_CLUSTER, node, now)), new RecordHeaders(),
                Set.of(RejectReason.UNKNOWN_CLUSTER)));
        records.add(new Hostile("step event of an unregistered cluster", Topics.EXECUTIONS, FORGED_CLUSTER,
                encode(Topics.EXECUTIONS, new StepEvent("evt-forged-1", "forged-plan-r1", "forged-incident",
                        FORGED_CLUSTER, "01-kill", Action.FORCE_KILL, node, 1, StepStatus.SUCCEEDED, "executor-forged",
                        1, "forged", now)), new RecordHeaders(), Set.of(RejectReason.UNKNOWN_CLUSTER)));
        records.add(new Hostile("report of an unregistered cluster", Topics.REPORTS, FORGED_CLUSTER,
                encode(Topics.REPORTS, new RecoveryReport("rpt-forged-1", "forged-incident", "forged-plan-r1",
                        FORGED_CLUSTER, Verdict.CONSISTENT, List.of(), new Timeline(now, now, now, now, now),
                        Duration.ZERO)), new RecordHeaders(), Set.of(RejectReason.UNKNOWN_CLUSTER)));
        records.add(new Hostile("approval of a plan the cluster never had", Topics.DECISIONS, cluster,
                encode(Topics.DECISIONS, approval(cluster, now)), new RecordHeaders(), Set.of(RejectReason.UNKNOWN_PLAN)));
        return records;
    }

    /** A CloudEvents 2.0 record is refused for its spec version; on a topic read by nobody's decoder, for its type. */
    private static Set<RejectReason> versionReasons(Topic<?, ?> topic) {
        return topic == Topics.CLUSTERS ? Set.of(RejectReason.UNSUPPORTED_VERSION, RejectReason.UNTRUSTED_SPEC)
                : Set.of(RejectReason.UNSUPPORTED_VERSION);
    }

    private static FaultEvent fault(String cluster, String node, String source) {
        return new FaultEvent("flt-hostile-" + source.length(), cluster, node, FaultKind.UNHEALTHY, Severity.CRITICAL,
                Instant.now(), source, Map.of(), cluster + "/" + node + "/hostile");
    }

    private static RecoveryPlan forceKill(String cluster, String node, Instant now) {
        PlanStep kill = new PlanStep("01-kill", Action.FORCE_KILL, node, StepParams.within(Duration.ofSeconds(10)),
                OnFailure.ABORT);
        return new RecoveryPlan("forged-" + cluster + "-r1", "forged-" + cluster, cluster, 1, PlanScope.NODE,
                PlanMode.AUTO, null, List.of("flt-forged"), List.of(kill), now, now);
    }

    private static OperatorDecision approval(String cluster, Instant now) {
        return new OperatorDecision("dec-forged-1", cluster, "never-planned-r1", DecisionVerdict.APPROVE, false,
                "mallory", "forged", now);
    }

    private static Headers ceHeaders(String specVersion, String type) {
        Headers headers = new RecordHeaders();
        Consumer<String[]> add = pair -> headers.add(pair[0], pair[1].getBytes(StandardCharsets.UTF_8));
        add.accept(new String[] {CloudEventHeaders.SPEC_VERSION, specVersion});
        add.accept(new String[] {CloudEventHeaders.ID, "forged-" + type + "-" + specVersion});
        add.accept(new String[] {CloudEventHeaders.SOURCE, "/forged"});
        add.accept(new String[] {CloudEventHeaders.TYPE, type});
        return headers;
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(Topic<String, T> topic, Object value) {
        return topic.valueSerde().serializer().serialize(topic.name(), (T) value);
    }

    private static byte[] repeated(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static Map<Hostile, RecordMetadata> publish(List<Hostile> records) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        Map<Hostile, RecordMetadata> sent = new IdentityHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Hostile record : records) {
                sent.put(record, producer.send(new ProducerRecord<>(record.topic().name(), null,
                        record.key().getBytes(StandardCharsets.UTF_8), record.value(), record.headers())).get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the hostile records", e);
        }
        return sent;
    }

    /** The reasons of the dead letters of the record at {@code at}, one per service that rejected it. */
    private static List<String> deadLetterReasons(RecordMetadata at) {
        return stack.events().deadLetters().stream()
                .filter(letter -> at.topic().equals(letter.headers().get(DeadLetters.SOURCE_TOPIC))
                        && Long.toString(at.offset()).equals(letter.headers().get(DeadLetters.SOURCE_OFFSET)))
                .map(letter -> letter.headers().get(DeadLetters.REASON)).toList();
    }

    private static Map<String, Long> memberPids() {
        return stack.target().members().stream().collect(Collectors.toMap(EtcdMember::name,
                member -> member.pid().orElseThrow()));
    }

    private static boolean allMembersHealthy() {
        return stack.target().members().stream().allMatch(member -> etcd.isHealthy(member.clientUrl()));
    }
}
