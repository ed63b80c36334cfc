package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import dev.revive.contracts.tracing.Tracing;
import dev.revive.contracts.tracing.TracingSettings;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.HttpRecorder;
import dev.revive.testkit.OtlpCollector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics, traces and notifications of the four packaged services on one stack, whose spans go to a stand-in OTLP
 * collector and whose planner notifies two webhooks (generic JSON and Slack) of a stand-in receiver.
 * {@code /q/metrics}: each serves Prometheus text without the API token, and one recovery of a killed member moves the
 * detector's faults, the executor's step durations and the verifier's MTTR histogram. Traces: one incident is one
 * trace, from the fault through the plan, every step event and the outcome to the report, and each service exports
 * its spans of it. Notifications: the incident of a killed member is posted opened, then closed with its verdict and
 * MTTR, once each, with the notification id as the idempotency key.
 */
class ObservabilityIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);
    /** The classic Prometheus text format (without this Accept, Quarkus answers OpenMetrics). */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";
    private static final List<String> SERVICES = List.of("detector", "planner", "executor", "verifier");
    /** The export delay of the services' spans: short, so that the collector sees them soon. */
    private static final String EXPORT_DELAY = "500ms";
    private static final String OPS_HOOK = "/hooks/ops";
    private static final String CHAT_HOOK = "/hooks/chat";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static EtcdAdapter etcd;
    private static HttpClient http;
    private static OtlpCollector collector;
    private static HttpRecorder webhooks;

    @BeforeAll
    static void startRevive() throws Exception {
        collector = OtlpCollector.start();
        webhooks = HttpRecorder.start();
        Map<String, String> tracing = Map.of(TracingSettings.ENDPOINT, collector.endpoint(), TracingSettings.DELAY,
                EXPORT_DELAY);
        Map<String, Map<String, String>> properties = new HashMap<>(SERVICES.stream().collect(
                Collectors.toMap(service -> service, service -> tracing)));
        Map<String, String> planner = new HashMap<>(tracing);
        planner.put("revive.planner.notify.webhooks.ops.url", webhooks.url(OPS_HOOK));
        planner.put("revive.planner.notify.webhooks.chat.url", webhooks.url(CHAT_HOOK));
        planner.put("revive.planner.notify.webhooks.chat.format", "slack");
        properties.put("planner", planner);
        stack = ReviveStack.startWithProperties(DemoOptions.locateRepoRoot(), runDir,
                line -> System.out.println("[e2e] " + line), properties);
        recoveries = new Recoveries(stack.events());
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        http = HttpClient.newBuilder().connectTimeout(SCRAPE_TIMEOUT).build();
    }

    @AfterAll
    static void stopRevive() {
        Resources.closeAll(etcd, stack, collector, webhooks);
    }

    @BeforeEach
    void clusterIsWholeAndNoRecoveryIsUnderWay() {
        WholeTarget.await(stack, recoveries, etcd, RECOVERY);
    }

    @Test
    void everyServiceServesPrometheusTextWithoutTheApiToken() throws Exception {
        for (String service : SERVICES) {
            HttpResponse<String> response = get(service);

            assertThat(response.statusCode()).as(service).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(service).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            PrometheusText metrics = PrometheusText.parse(response.body());
            assertThat(metrics.has("jvm_memory_used_bytes")).as(service + " JVM metrics").isTrue();
        }
        PrometheusText planner = scrape("planner");
        assertThat(planner.has("revive_incidents_open")).isTrue();
        assertThat(planner.has("revive_approvals_waiting")).isTrue();
    }

    @Test
    void recoveryOfAKilledMemberMovesFaultsStepDurationsAndMttr() throws Exception {
        double mttrBefore = scrape("verifier").sum("revive_mttr_seconds_count", kind("etcd"));
        double consistentBefore = scrape("verifier").sum("revive_reports_total", verdict(Verdict.CONSISTENT));
        double stepsBefore = scrape("executor").sum("revive_step_duration_seconds_count");
        double faultsBefore = scrape("detector").sum("revive_faults_total");
        RecoveryReport report = killAndAwaitReport(stack.followers().get(0));

        assertThat(report.verdict()).isEqualTo(Verdict.CONSISTENT);
        await("the verifier's MTTR histogram counts the report").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> scrape("verifier").sum("revive_mttr_seconds_count", kind("etcd")) > mttrBefore);
        PrometheusText verifier = scrape("verifier");
        assertThat(verifier.sum("revive_mttr_seconds_count", kind("etcd"))).isEqualTo(mttrBefore + 1);
        assertThat(verifier.sum("revive_mttr_seconds_sum", kind("etcd")))
                .isGreaterThanOrEqualTo(report.mttr().toMillis() / 1000.0);
        assertThat(verifier.sum("revive_reports_total", verdict(Verdict.CONSISTENT))).isEqualTo(consistentBefore + 1);
        assertThat(scrape("executor").sum("revive_step_duration_seconds_count")).isGreaterThan(stepsBefore);
        assertThat(scrape("detector").sum("revive_faults_total")).isGreaterThan(faultsBefore);
    }

    @Test
    void oneIncidentIsOneTraceFromTheFaultThroughThePlanAndItsStepsToTheReportExportedByEveryService() {
        RecoveryReport report = killAndAwaitReport(stack.followers().get(1));

        RecoveryPlan plan = recoveries.planOf(report).orElseThrow();
        String trace = traceIdOf(report);
        assertThat(stack.events().faults()).filteredOn(fault -> plan.reason().contains(fault.faultId()))
                .extracting(ObservabilityIT::traceIdOf).contains(trace);
        assertThat(traceIdOf(plan)).isEqualTo(trace);
        assertThat(recoveries.stepsOf(plan)).isNotEmpty().allSatisfy(step -> assertThat(traceIdOf(step))
                .as("step event %s %s", step.stepId(), step.status()).isEqualTo(trace));
        assertThat(recoveries.outcomesOf(List.of(plan))).singleElement()
                .satisfies(outcome -> assertThat(traceIdOf(outcome)).isEqualTo(trace));
        await("every service exports its spans of trace " + trace).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(SERVICES)
                        .allSatisfy(service -> assertThat(collector.exported("revive-" + service, trace))
                                .as("revive-%s exported trace %s", service, trace).isTrue()));
    }

    @Test
    void theIncidentOfAKilledMemberIsPostedToTheWebhooksOpenedThenClosedWithItsVerdictAndMttr() throws Exception {
        RecoveryReport report = killAndAwaitReport(stack.followers().get(0));

        String closedId = report.incidentId() + "/incident.closed/" + report.reportId();
        await("the webhooks got the closing of " + report.incidentId()).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> notifications(OPS_HOOK, report.incidentId()).stream()
                        .anyMatch(body -> body.path("id").asText().equals(closedId))
                        && !webhooks.requests(CHAT_HOOK).isEmpty());
        List<JsonNode> ops = notifications(OPS_HOOK, report.incidentId());
        assertThat(ops).extracting(body -> body.path("type").asText())
                .containsExactly("incident.opened", "incident.closed");
        JsonNode closed = ops.get(1);
        assertThat(closed.path("verdict").asText()).isEqualTo(Verdict.CONSISTENT.name());
        assertThat(closed.path("mttrSeconds").asLong()).isEqualTo(report.mttr().toSeconds());
        assertThat(webhooks.requests(OPS_HOOK)).filteredOn(request -> closedId.equals(request.headers()
                .get("idempotency-key"))).hasSize(1);
        assertThat(webhooks.requests(CHAT_HOOK)).anySatisfy(request -> assertThat(parse(request).path("text")
                .asText()).contains(report.incidentId(), "CONSISTENT"));
        assertThat(plannerLiveness().path("checks")).as("the planner's liveness watches its notifier")
                .anySatisfy(check -> {
                    assertThat(check.path("name").asText()).isEqualTo("planner notifier");
                    assertThat(check.path("status").asText()).isEqualTo("UP");
                });
    }

    private static JsonNode plannerLiveness() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.service("planner").url() + "/q/health/live"))
                .timeout(SCRAPE_TIMEOUT).GET().build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Kills {@code member} and waits for the report of its recovery. */
    private static RecoveryReport killAndAwaitReport(EtcdMember member) {
        Instant since = Instant.now();
        stack.target().kill(member);
        return await("report for " + member.name()).atMost(RECOVERY).pollInterval(Duration.ofMillis(200))
                .until(() -> recoveries.reportFor(member.name(), since), Optional::isPresent).orElseThrow();
    }

    /** The JSON notifications posted to {@code path} about {@code incidentId}, in arrival order. */
    private static List<JsonNode> notifications(String path, String incidentId) {
        return webhooks.requests(path).stream().map(ObservabilityIT::parse)
                .filter(body -> incidentId.equals(body.path("incidentId").asText())).toList();
    }

    private static JsonNode parse(HttpRecorder.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(request.body(), StandardCharsets.UTF_8), e);
        }
    }

    /** The trace id of the {@code traceparent} header on the record that carried {@code value}. */
    private static String traceIdOf(Object value) {
        EventLog.Entry entry = stack.events().entries().stream().filter(each -> each.value().equals(value))
                .findFirst().orElseThrow(() -> new AssertionError("no record of " + value));
        String traceparent = entry.headers().get(Tracing.TRACEPARENT);
        assertThat(traceparent).as("traceparent of the %s record", entry.topic()).isNotNull().hasSize(55);
        return traceparent.substring(3, 35);
    }

    private static Predicate<Map<String, String>> kind(String kind) {
        return labels -> kind.equals(labels.get("kind"));
    }

    private static Predicate<Map<String, String>> verdict(Verdict verdict) {
        return labels -> verdict.name().equals(labels.get("verdict"));
    }

    private static PrometheusText scrape(String service) throws Exception {
        HttpResponse<String> response = get(service);
        assertThat(response.statusCode()).as(service + " /q/metrics").isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static HttpResponse<String> get(String service) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.service(service).url() + "/q/metrics"))
                .header("Accept", PROMETHEUS_TEXT).timeout(SCRAPE_TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
