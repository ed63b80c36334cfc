package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.trust.SignCommand;
import dev.revive.contracts.trust.SigningKeys;
import dev.revive.e2e.ReviveCli.Run;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code revive} CLI ({@code java -jar revive-cli/target/revive-cli.jar}, and the wrapper script) against one
 * real stack: two more etcd clusters are registered at runtime with {@code revive apply} (signed with the stack's
 * operator key, never in the detector's specs dir), and Revive recovers their killed members without any service
 * restart; one of them needs approval, given with {@code revive approve}.
 */
class CliIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final String AUTO_ID = "cli-etcd";
    private static final String APPROVAL_ID = "cli-etcd-approval";

    @TempDir
    static Path runDir;
    private static Path repoRoot;
    private static ReviveStack stack;
    private static EtcdCluster auto;
    private static EtcdCluster approval;
    private static Map<String, Long> servicePids;
    private static Recoveries recoveries;
    private static ReviveCli reviveCli;

    @BeforeAll
    static void startReviveAndApplyTwoClustersAtRuntime() throws Exception {
        repoRoot = DemoOptions.locateRepoRoot();
        stack = ReviveStack.start(repoRoot, runDir, line -> System.out.println("[e2e] " + line));
        servicePids = pids();
        reviveCli = new ReviveCli(repoRoot, runDir, stack);
        recoveries = new Recoveries(stack.events());
        auto = EtcdCluster.start(3);
        approval = EtcdCluster.start(3);
        auto.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
        approval.awaitLeader(EtcdCluster.LEADER_TIMEOUT);
        ClusterSpec autoSpec = TargetSpecs.describe(AUTO_ID, auto, runDir.resolve(AUTO_ID));
        ClusterSpec approvalSpec = TargetSpecs.describe(APPROVAL_ID, approval, runDir.resolve(APPROVAL_ID));
        Policy policy = approvalSpec.policy();
        approvalSpec = approvalSpec.withPolicy(new Policy(PlanMode.APPROVAL_REQUIRED, policy.maxConcurrentDisruptions(),
                policy.restartBudget(), policy.verification(), policy.triage(), policy.confirmWindow()));
        for (ClusterSpec spec : List.of(autoSpec, approvalSpec)) {
            Run applied = cli("apply", "-f", specFile(spec).toString(), "--key", operatorKey().toString(), "--json");
            assertThat(applied.code()).as(applied.err()).isZero();
            assertThat(applied.json().path("clusterId").asText()).isEqualTo(spec.id());
        }
    }

    @AfterAll
    static void stopEverything() {
        for (AutoCloseable resource : new AutoCloseable[] {stack, auto, approval}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                System.out.println("[e2e] closing: " + e);
            }
        }
    }

    @BeforeEach
    void appliedClustersAreWatchedAndWholeAndNothingIsUnderWay() {
        await("both applied clusters probed, every member ok, nothing under way").atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    if (!recoveries.nothingUnderWay()) {
                        return false;
                    }
                    Run clusters = cli("clusters", "--json");
                    return clusters.code() == 0 && allOk(clusters.json(), AUTO_ID) && allOk(clusters.json(), APPROVAL_ID);
                });
    }

    @Test
    void aMemberOfAClusterAppliedAtRuntimeIsRecoveredWithoutAnyServiceRestart() {
        EtcdMember victim = auto.member(1);
        Instant since = Instant.now();

        auto.kill(victim);

        JsonNode report = awaitReport(AUTO_ID, victim.name(), since);
        assertThat(report.path("verdict").asText()).as(report.toString()).isEqualTo("CONSISTENT");
        Run shown = cli("report", report.path("reportId").asText());
        assertThat(shown.code()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("verdict CONSISTENT", "observed:", "expected:");
        Run json = cli("report", report.path("reportId").asText(), "--json");
        assertThat(json.json().path("checks")).allSatisfy(check -> assertThat(check.has("evidence")).isTrue());
        assertThat(victim.isAlive()).as("member runs again").isTrue();
        assertThat(pids()).as("no service was restarted").isEqualTo(servicePids);
    }

    @Test
    void aPlanAwaitingApprovalRunsOnceApprovedWithTheCli() {
        EtcdMember victim = approval.member(2);
        Instant since = Instant.now();

        approval.kill(victim);

        JsonNode waiting = await("a plan awaiting approval").atMost(RECOVERY).pollInterval(Duration.ofSeconds(1))
                .until(() -> openIncident(APPROVAL_ID), incident -> incident != null
                        && incident.path("state").asText().equals("AWAITING_APPROVAL"));
        String planId = waiting.path("planId").asText();
        Run shown = cli("plan", "show", planId);
        assertThat(shown.out()).contains("AWAITING_APPROVAL", APPROVAL_ID);

        Run approved = cli("approve", planId, "--reason", "checked by CliIT", "--by", "cli-it");

        assertThat(approved.code()).as(approved.err()).isZero();
        JsonNode report = awaitReport(APPROVAL_ID, victim.name(), since);
        assertThat(report.path("incidentId").asText()).as("the approved revision of the same incident ran")
                .isEqualTo(waiting.path("incidentId").asText());
        assertThat(report.path("verdict").asText()).isEqualTo("CONSISTENT");
        assertThat(victim.isAlive()).as("member runs again").isTrue();
    }

    @Test
    void aWrongTokenIsRefusedWithExitCodeFour() {
        Run refused = cli(Map.of("REVIVE_API_TOKEN", "not-the-token"), "clusters");

        assertThat(refused.code()).as(refused.err()).isEqualTo(4);
        assertThat(refused.err()).contains("401");
    }

    @Test
    void deadLettersAndTheLiveTimelineAnswerForScripts() {
        Run letters = cli("dlq", "--json");
        Run watched = cli("incidents", "--watch", "--for", "PT2S", "--recent", "0");

        assertThat(letters.code()).as(letters.err()).isZero();
        assertThat(letters.json().isArray()).as(letters.out()).isTrue();
        assertThat(watched.code()).as(watched.err()).isZero();
        assertThat(watched.out()).contains("INCIDENT", "STATE");
    }

    @Test
    void helpThroughTheWrapperScriptExitsZeroWithExamples() {
        Run help = reviveCli.run(List.of(repoRoot.resolve("revive").toString(), "--help"), Map.of());

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Examples:", "revive apply", "Exit codes");
    }

    /**
     * The report of the cluster's recovery of {@code nodeId} since {@code since}, found in the stack's event log, then
     * read back through {@code revive reports --json} and {@code revive report ID --json}.
     */
    private static JsonNode awaitReport(String clusterId, String nodeId, Instant since) {
        RecoveryReport report = await("a report for " + nodeId + " of " + clusterId).atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> recoveries.reportsOf(recoveries.plansFor(nodeId, since)).stream()
                        .filter(each -> each.clusterId().equals(clusterId)).findFirst(), Optional::isPresent)
                .orElseThrow();
        Run listed = cli("reports", "--json");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(listed.json()).anySatisfy(summary -> assertThat(summary.path("reportId").asText())
                .isEqualTo(report.reportId()));
        Run shown = cli("report", report.reportId(), "--json");
        assertThat(shown.code()).as(shown.err()).isZero();
        return shown.json();
    }

    private static JsonNode openIncident(String clusterId) {
        JsonNode open = cli("incidents", "--json", "--recent", "0").json().path("open");
        return StreamSupport.stream(open.spliterator(), false)
                .filter(incident -> incident.path("clusterId").asText().equals(clusterId)).findFirst().orElse(null);
    }

    private static boolean allOk(JsonNode clusters, String clusterId) {
        return StreamSupport.stream(clusters.spliterator(), false)
                .filter(cluster -> cluster.path("clusterId").asText().equals(clusterId))
                .anyMatch(cluster -> cluster.path("members").size() == 3
                        && StreamSupport.stream(cluster.path("members").spliterator(), false)
                                .allMatch(member -> member.path("health").asText().equals("ok")));
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.TreeMap<>();
        stack.services().forEach(service -> pids.put(service.name(), service.pid()));
        return pids;
    }

    private static Path operatorKey() {
        return runDir.resolve("keys").resolve(SignCommand.PRIVATE_FILE);
    }

    /** The spec as YAML outside the detector's specs dir (signed there by TargetSpecs, signed again by the CLI). */
    private static Path specFile(ClusterSpec spec) throws IOException {
        PrivateKey key = SigningKeys.privateKey(Files.readString(operatorKey(), StandardCharsets.US_ASCII));
        return TargetSpecs.write(spec, runDir.resolve("cli-specs"), key);
    }

    private static Run cli(String... args) {
        return reviveCli.jar(args);
    }

    private static Run cli(Map<String, String> env, String... args) {
        return reviveCli.jar(env, args);
    }
}
