package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.etcd.check.EtcdChecks;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.maintenance.AlarmType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The etcd verification checks of issue 9 §6 on a real three-member cluster: {@code no-alarms},
 * {@code members-healthy}, {@code keys-match}, {@code outage-writes-present} and {@code snapshot} pass on a whole
 * cluster whose plan took a snapshot, and fail or skip when they should: a member stopped while keys are written, an
 * active alarm, a damaged snapshot, a plan without snapshot.
 */
class EtcdVerificationChecksIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

    private static EtcdCluster cluster;
    private static Path backups;

    private final EtcdAdapter etcd = new EtcdAdapter(CALL_TIMEOUT);
    private final EtcdChecks checks = new EtcdChecks(CALL_TIMEOUT);

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = EtcdCluster.start(3);
        backups = Files.createTempDirectory("revive-verification-");
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void everyMemberRunsAgain() {
        etcd.close();
        cluster.members().stream().filter(member -> !member.isAlive()).forEach(cluster::restart);
        cluster.awaitHealthy(Duration.ofSeconds(30));
    }

    @Test
    void everyCheckPassesOnAWholeClusterWithThePlansSnapshot() throws Exception {
        // given: keys before the plan's snapshot, three written after it, every member caught up
        put("whole-before", 5);
        Path file = snapshot("plan-whole");
        put("whole-after", 3);
        awaitOneRevision();

        // when
        List<CheckFinding> findings = checks.round(request("plan-whole"));

        // then
        assertThat(findings).extracting(finding -> finding.result().name() + " " + finding.result().status())
                .containsExactly("members-answer PASS", "single-leader PASS", "applied-index-lag PASS",
                        "hash-kv-equal PASS", "no-alarms PASS", "members-healthy PASS", "keys-match PASS",
                        "outage-writes-present PASS", "snapshot PASS", "restored-keyspace SKIPPED");
        assertThat(result(findings, "outage-writes-present").evidence().get("count"))
                .startsWith("3 key(s) written after the snapshot");
        assertThat(result(findings, "keys-match").evidence().get("sample")).matches("\\d+ key\\(s\\) in 1 window.*");
        assertThat(result(findings, "snapshot").evidence()).containsEntry("path", file.toString())
                .containsEntry("sha256", SnapshotFiles.sha256(file))
                .containsEntry("size", Long.toString(Files.size(file)))
                .containsEntry("revision", Long.toString(SnapshotMetadata.of(file).orElseThrow().revision()));
    }

    @Test
    void outageWritesFailWhileAMemberIsStoppedAndPassOnceItRejoins() {
        // given: the plan's snapshot, then twenty keys written while m2 is stopped
        snapshot("plan-outage");
        cluster.stop(cluster.member(2));
        put("outage", 20);

        // when
        List<CheckFinding> during = checks.round(request("plan-outage"));

        // then: m2 cannot show the outage writes and is not healthy; the members that answer still agree
        assertThat(result(during, "outage-writes-present").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result(during, "outage-writes-present").observed())
                .isEqualTo("20 key(s) written after snapshot revision " + snapshotRevision("plan-outage")
                        + ": cannot be shown on m2, which do(es) not answer");
        assertThat(result(during, "members-healthy").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result(during, "members-healthy").observed()).isEqualTo("m2 is unhealthy");
        assertThat(result(during, "keys-match").status()).isEqualTo(CheckStatus.PASS);

        // when: m2 rejoins and catches up
        cluster.restart(cluster.member(2));
        cluster.awaitHealthy(Duration.ofSeconds(30));
        awaitOneRevision();
        List<CheckFinding> after = checks.round(request("plan-outage"));

        // then
        assertThat(result(after, "outage-writes-present").status()).isEqualTo(CheckStatus.PASS);
        assertThat(result(after, "outage-writes-present").evidence()).containsEntry("m2", "20 key(s)");
        assertThat(result(after, "members-healthy").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void anActiveAlarmFailsNoAlarmsNamingItsMember() throws Exception {
        // given: a NOSPACE alarm raised for m1 through etcd's own alarm API, applied on m0 before it answers
        long m1 = etcd.status(cluster.member(1).clientUrl(), null).memberId();
        AlarmMember alarm = new AlarmMember(m1, AlarmType.NOSPACE);
        RawAlarms.activate(cluster.member(0).clientUrl(), alarm, CALL_TIMEOUT);
        try {
            // when
            List<CheckFinding> findings = checks.round(request(null));

            // then
            assertThat(result(findings, "no-alarms").status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result(findings, "no-alarms").observed()).isEqualTo("active alarm(s): NOSPACE on m1");
        } finally {
            try (Client client = client(cluster.member(0))) {
                client.getMaintenanceClient().alarmDisarm(alarm).get(10, TimeUnit.SECONDS);
            }
        }
        assertThat(result(checks.round(request(null)), "no-alarms").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aDamagedSnapshotFailsAndAPlanWithoutSnapshotIsSkipped() throws IOException {
        // given
        Path file = snapshot("plan-damaged");
        Files.writeString(file, "damaged after the step");

        // when
        List<CheckFinding> damaged = checks.round(request("plan-damaged"));
        List<CheckFinding> none = checks.round(request("plan-without-snapshot"));

        // then
        assertThat(result(damaged, "snapshot").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result(damaged, "snapshot").observed()).contains("but its sidecar records");
        assertThat(result(none, "snapshot").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result(none, "outage-writes-present").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result(none, "outage-writes-present").observed())
                .startsWith("plan plan-without-snapshot took no snapshot");
    }

    private Path snapshot(String planId) {
        PlanStep step = new PlanStep("01-snapshot", Action.SNAPSHOT, cluster.member(2).name(),
                new StepParams(Duration.ofSeconds(30), null, cluster.member(0).name(), null, 1), OnFailure.CONTINUE);
        RecoveryPlan plan = new RecoveryPlan(planId, "inc-" + planId, "etcd-v", 1, PlanScope.NODE, PlanMode.AUTO, null,
                List.of("fault-1"), List.of(step), Instant.EPOCH, Instant.EPOCH);
        StepContext context = new StepContext(plan, step, spec());
        assertThat(new EtcdSnapshotAction(etcd).execute(context).status()).isEqualTo(StepStatus.SUCCEEDED);
        Path file = EtcdSnapshotAction.snapshotFile(context, context.node().orElseThrow());
        assertThat(SnapshotMetadata.of(file)).isPresent();
        return file;
    }

    private long snapshotRevision(String planId) {
        return SnapshotMetadata.of(EtcdSnapshotAction.planSnapshots(spec(), planId).get(0)).orElseThrow().revision();
    }

    private static void put(String prefix, int count) {
        try (Client client = client(cluster.member(0))) {
            for (int i = 0; i < count; i++) {
                client.getKVClient().put(ByteSequence.from(prefix + "-" + i, StandardCharsets.UTF_8),
                        ByteSequence.from("value-" + i, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write " + prefix, e);
        }
    }

    /** Waits until every member has applied the same revision. */
    private void awaitOneRevision() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> cluster.members().stream()
                .map(member -> etcd.statusIfAnswering(member.clientUrl(), null).map(MemberStatus::revision)
                        .orElse(-1L))
                .distinct().count() == 1);
    }

    private static Client client(EtcdMember member) {
        return Client.builder().endpoints(member.clientUrl()).build();
    }

    private static CheckResult result(List<CheckFinding> findings, String name) {
        return findings.stream().map(CheckFinding::result).filter(result -> result.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name));
    }

    private static CheckRequest request(String planId) {
        return new CheckRequest(spec(), null, 3, planId, null);
    }

    private static ClusterSpec spec() {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> new NodeSpec(member.name(), NodeRole.MEMBER,
                new Endpoints(member.clientUrl(), member.peerUrl()), new ProcessControl(member.command(), null,
                        Map.of(), cluster.directory().resolve(member.name() + ".pid").toString(),
                        member.logFile().toString(), Duration.ofSeconds(5)), member.dataDir().toString(),
                List.of(), List.of())).toList();
        return new ClusterSpec("etcd-v", SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(backups.toString()));
    }
}
