package dev.revive.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.fault.FaultKind;
import dev.revive.contracts.fault.Severity;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.testkit.EtcdMember;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console end to end, in the system's headless Chromium: one stack with the console, one browser on its page.
 * A killed member's incident appears and its timeline advances step by step up to a CONSISTENT report; a plan that
 * waits for approval is approved by a click (the token typed in its field) and runs; a decision without a valid
 * token is refused with problem+json. Screenshots go to {@code e2e/target/screenshots/}.
 */
class ConsoleIT {

    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(150);

    @TempDir
    static Path runDir;
    private static ReviveStack stack;
    private static Recoveries recoveries;
    private static OperatorApi api;
    private static EtcdAdapter etcd;
    private static ConsolePage page;

    @BeforeAll
    static void startReviveWithTheConsoleAndABrowser() throws Exception {
        Path repoRoot = DemoOptions.locateRepoRoot();
        stack = ReviveStack.startWithConsole(repoRoot, runDir, line -> System.out.println("[e2e] " + line));
        recoveries = new Recoveries(stack.events());
        api = new OperatorApi(stack);
        etcd = new EtcdAdapter(Duration.ofSeconds(2));
        page = ConsolePage.open(stack.service("console").url() + "/", runDir.resolve("chromium-profile"),
                repoRoot.resolve("e2e/target/screenshots"));
    }

    @AfterAll
    static void stopEverything() {
        if (page != null) {
            page.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (stack != null) {
            stack.close();
            assertThat(stack.services()).noneMatch(ServiceProcess::isAlive);
        }
    }

    @BeforeEach
    void clusterIsWholeNothingUnderWayAndThePageIsLive() {
        await("all members healthy, every plan reported, the page live").atMost(RECOVERY).pollInterval(POLL)
                .until(() -> stack.target().members().stream().allMatch(m -> etcd.isHealthy(m.clientUrl()))
                        && recoveries.nothingUnderWay() && page.connection().equals("live")
                        && page.memberHealth(ReviveStack.CLUSTER_ID).size() == stack.target().members().size());
    }

    @Test
    void killedMembersIncidentAppearsItsTimelineAdvancesStepByStepAndItsReportShowsConsistent() throws Exception {
        EtcdMember member = stack.followers().get(0);
        Set<String> before = Set.copyOf(page.incidentIds());

        stack.target().kill(member);

        String incidentId = await("the incident of the killed member on the page").atMost(RECOVERY).pollInterval(POLL)
                .until(() -> newIncident(before), id -> id != null);
        assertThat(page.incidentSummary(incidentId)).contains(ReviveStack.CLUSTER_ID);
        List<List<String>> seen = new ArrayList<>();
        await("the incident's report on the page").atMost(RECOVERY).pollInterval(POLL).until(() -> {
            List<String> rows = page.timeline(incidentId);
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(rows)) {
                seen.add(rows);
                if (seen.size() == 2) {
                    page.screenshot("console-timeline-advancing");
                }
            }
            return !page.reportVerdicts(incidentId).isEmpty();
        });
        page.screenshot("console-incident-consistent");

        Set<String> distinctRows = new LinkedHashSet<>();
        seen.forEach(rows -> rows.forEach(row -> distinctRows.add(row.substring(0, row.indexOf(' ')))));
        assertThat(distinctRows).as("step rows seen over time: %s", seen).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen.stream().map(List::size).distinct().count()).as("the timeline grew while watched: %s", seen)
                .isGreaterThanOrEqualTo(2);
        assertThat(page.reportVerdicts(incidentId)).first().isEqualTo("CONSISTENT");
        assertThat(page.incidentSummary(incidentId)).contains("CLOSED").contains("CONSISTENT");
        assertThat(page.memberHealth(ReviveStack.CLUSTER_ID)).containsKey(member.name());
    }

    @Test
    void planWaitingForApprovalIsApprovedByAClickWithTheTypedTokenAndRuns() throws Exception {
        EtcdMember member = stack.followers().get(0);
        FaultEvent fault = diskFull(member);

        assertThat(api.postFault(fault).statusCode()).isEqualTo(202);

        String planId = await("an approve button on the page").atMost(RECOVERY).pollInterval(POLL)
                .until(page::plansWaitingForApproval, plans -> !plans.isEmpty()).get(0);
        RecoveryPlan request = recoveries.plansCausedBy(Set.of(fault.faultId())).stream()
                .filter(plan -> plan.planId().equals(planId)).findFirst().orElseThrow();
        assertThat(request.mode()).isEqualTo(PlanMode.APPROVAL_REQUIRED);
        page.screenshot("console-awaiting-approval");
        page.typeToken(stack.apiToken());
        page.clickApprove(planId);

        await("the decision accepted").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> page.decisionStatus().contains("accepted"));
        await("the approved revision run and reported on the page").atMost(RECOVERY).pollInterval(POLL)
                .until(() -> page.reportVerdicts(request.incidentId()), verdicts -> !verdicts.isEmpty());
        page.screenshot("console-approved-and-run");
        List<RecoveryPlan> revisions = recoveries.plansCausedBy(Set.of(fault.faultId()));
        assertThat(revisions).extracting(RecoveryPlan::mode).contains(PlanMode.AUTO);
        assertThat(page.timeline(request.incidentId())).as("steps of the approved revision").isNotEmpty()
                .noneMatch(row -> row.startsWith(planId + "/"));
        assertThat(page.reportVerdicts(request.incidentId())).first().isEqualTo("CONSISTENT");
    }

    @Test
    void decisionWithoutATokenOrWithAWrongOneIsRefusedWithProblemJson() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String url = stack.service("console").url() + "/api/plans/no-such-plan-r1/approve";
        String body = "{\"by\":\"e2e\",\"reason\":\"test\"}";

        HttpResponse<String> withoutToken = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongToken = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer wrong-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withoutToken.statusCode()).isEqualTo(401);
        assertThat(withoutToken.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(wrongToken.statusCode()).as("the planner's answer, passed back").isEqualTo(401);
        assertThat(wrongToken.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static String newIncident(Set<String> before) {
        return page.incidentIds().stream().filter(id -> !before.contains(id)).findFirst().orElse(null);
    }

    private static FaultEvent diskFull(EtcdMember member) {
        String unique = "console-disk-full-" + UUID.randomUUID().toString().substring(0, 8);
        return new FaultEvent(unique, ReviveStack.CLUSTER_ID, member.name(), FaultKind.DISK_FULL, Severity.CRITICAL,
                Instant.now(), "e2e-console", Map.of("alert", "DISK_FULL"),
                ReviveStack.CLUSTER_ID + "/" + member.name() + "/" + unique);
    }
}
