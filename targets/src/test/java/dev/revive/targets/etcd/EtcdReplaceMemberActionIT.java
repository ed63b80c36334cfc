package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.contracts.plan.OnFailure;
import dev.revive.contracts.plan.PlanMode;
import dev.revive.contracts.plan.PlanScope;
import dev.revive.contracts.plan.PlanStep;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.plan.StepParams;
import dev.revive.targets.TargetException;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.targets.driver.NodeDriver;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import dev.revive.testkit.EtcdSpecs;
import dev.revive.testkit.EtcdWal;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd's REPLACE_MEMBER on a real three-member cluster (a fresh one per test): a member whose WAL is corrupt cannot
 * start, and is replaced by a learner that rejoins empty and is promoted.
 */
class EtcdReplaceMemberActionIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final EtcdAdapter etcd = new EtcdAdapter(Duration.ofSeconds(2));
    private final NodeDrivers drivers = NodeDrivers.standard();
    private final EtcdReplaceMemberAction replace = new EtcdReplaceMemberAction(etcd, drivers);
    @TempDir
    Path work;
    private EtcdCluster cluster;
    private ClusterSpec spec;

    @BeforeEach
    void startCluster() {
        cluster = EtcdCluster.start(3);
        spec = EtcdSpecs.describe("replace", cluster, work);
    }

    @AfterEach
    void stopCluster() {
        etcd.close();
        cluster.close();
    }

    @Test
    void memberThatCannotStartRejoinsAsANewVotingMemberAndItsOldDataIsKept() throws Exception {
        EtcdMember victim = cluster.member(1);
        NodeSpec node = spec.node(victim.name()).orElseThrow();
        long oldId = etcd.status(victim.clientUrl(), null).memberId();
        cluster.kill(victim);
        EtcdWal.corrupt(victim);
        put(cluster.member(0), "written-while-out", "v1");
        assertStartFails(node);

        StepOutcome outcome = replace.execute(context(victim, "plan-r1"));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        LiveMember rejoined = member(victim);
        assertThat(rejoined.learner()).isFalse();
        assertThat(rejoined.id()).isNotEqualTo(oldId);
        assertThat(outcome.detail()).contains("removed old member " + Long.toHexString(oldId),
                "votes again as member " + Long.toHexString(rejoined.id()));
        Path aside = Path.of(node.dataDir() + ".replaced-plan-r1");
        assertThat(aside.resolve("member/wal")).isDirectory();
        Path backup = Path.of(spec.backup().directory(), spec.id(), "replaced", "plan-r1-" + victim.name());
        assertBackedUpWithSha256(backup.resolve("member/snap/db"));
        try (Stream<Path> wal = Files.list(backup.resolve("member/wal"))) {
            List<Path> copies = wal.filter(file -> file.toString().endsWith(".wal")).toList();
            assertThat(copies).isNotEmpty();
            copies.forEach(EtcdReplaceMemberActionIT::assertBackedUpWithSha256);
        }
        Awaitility.await().atMost(BOUND).untilAsserted(() ->
                assertThat(serializableGet(victim, "written-while-out")).isEqualTo("v1"));
    }

    @Test
    void replacingAgainAfterItIsDoneChangesNothing() throws Exception {
        EtcdMember victim = cluster.member(2);
        cluster.kill(victim);
        EtcdWal.corrupt(victim);
        StepOutcome first = replace.execute(context(victim, "plan-r2"));
        assertThat(first.status()).as(first.detail()).isEqualTo(StepStatus.SUCCEEDED);
        long replacedId = member(victim).id();

        StepOutcome again = replace.execute(context(victim, "plan-r2"));

        assertThat(again.status()).as(again.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(again.detail()).contains("nothing to replace", "already replaced by plan plan-r2");
        assertThat(member(victim).id()).isEqualTo(replacedId);
        assertThat(Path.of(spec.node(victim.name()).orElseThrow().dataDir() + ".replaced-plan-r2-2")).doesNotExist();
    }

    @Test
    void anAttemptAfterACrashRightAfterTheRemoveCarriesOnFromThere() throws Exception {
        EtcdMember victim = cluster.member(1);
        NodeSpec node = spec.node(victim.name()).orElseThrow();
        long oldId = etcd.status(victim.clientUrl(), null).memberId();
        cluster.kill(victim);
        EtcdWal.corrupt(victim);
        Awaitility.await().atMost(BOUND).ignoreExceptions().until(() -> {
            if (isMember(oldId)) {
                etcd.removeMember(cluster.member(0).clientUrl(), null, oldId);
            }
            return !isMember(oldId);
        });

        StepOutcome outcome = replace.execute(context(victim, "plan-r3"));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).doesNotContain("removed old member")
                .contains("moved " + node.dataDir() + " aside", "added learner");
        assertThat(member(victim).learner()).isFalse();
    }

    @Test
    void dryRunNamesTheOldMemberThePathsAndTheRejoinArgumentsAndChangesNothing() {
        EtcdMember victim = cluster.member(1);
        NodeSpec node = spec.node(victim.name()).orElseThrow();
        long oldId = etcd.status(victim.clientUrl(), null).memberId();
        cluster.kill(victim);

        String described = replace.describe(context(victim, "plan-dry"));

        assertThat(described).contains("remove member " + Long.toHexString(oldId),
                "member/wal/", node.dataDir() + " aside to " + node.dataDir() + ".replaced-plan-dry",
                "replaced/plan-dry-" + victim.name(), "add a learner with peer URL " + victim.peerUrl(),
                "--initial-cluster-state, existing", victim.name() + "=" + victim.peerUrl(), "promote");
        assertThat(member(victim).id()).isEqualTo(oldId);
        assertThat(Path.of(node.dataDir()).resolve("member")).isDirectory();
        assertThat(Path.of(node.dataDir() + ".replaced-plan-dry")).doesNotExist();
        assertThat(Path.of(spec.backup().directory(), spec.id(), "replaced")).doesNotExist();
    }

    @Test
    void healthyVotingMemberIsNotReplaced() throws InterruptedException {
        EtcdMember member = cluster.member(0);
        long id = etcd.status(member.clientUrl(), null).memberId();
        StepOutcome outcome = replace.execute(context(member, "plan-healthy"));

        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(StepStatus.SKIPPED);
        assertThat(outcome.detail()).contains("nothing to replace");
        assertThat(member(member).id()).isEqualTo(id);
        assertThat(Path.of(spec.node(member.name()).orElseThrow().dataDir()).resolve("member")).isDirectory();
    }

    /** START of the corrupted member: the driver starts it, and etcd exits at once without ever answering. */
    private void assertStartFails(NodeSpec node) {
        NodeDriver driver = drivers.forNode(node);
        try {
            driver.start(node);
        } catch (TargetException e) {
            assertThat(e.getMessage()).contains("exited");
        }
        Awaitility.await().atMost(BOUND).until(() -> !driver.inspect(node).running());
        assertThat(etcd.statusIfAnswering(node.endpoints().client(), null)).isEmpty();
    }

    private static void assertBackedUpWithSha256(Path copy) {
        assertThat(copy).isRegularFile();
        assertThat(SnapshotFiles.mismatch(copy)).isEmpty();
    }

    private boolean isMember(long id) {
        return etcd.members(cluster.member(0).clientUrl(), null).stream().anyMatch(live -> live.id() == id);
    }

    private LiveMember member(EtcdMember member) {
        return etcd.members(cluster.member(0).clientUrl(), null).stream()
                .filter(live -> live.peerUrls().contains(member.peerUrl())).findFirst().orElseThrow();
    }

    /**
     * Puts through {@code member}, again until etcd takes it: right after a kill of the leader the cluster elects a
     * new one and refuses writes for a moment ("request timed out, possibly due to previous leader failure").
     */
    private static void put(EtcdMember member, String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
            Awaitility.await("put " + key + " through " + member.name()).atMost(BOUND)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> client.getKVClient().put(utf8(key), utf8(value)).get(5, TimeUnit.SECONDS) != null);
        }
    }

    private static String serializableGet(EtcdMember member, String key) throws Exception {
        try (Client client = Client.builder().endpoints(member.clientUrl()).build()) {
            return client.getKVClient().get(utf8(key), GetOption.builder().withSerializable(true).build())
                    .get(5, TimeUnit.SECONDS).getKvs().stream().map(kv -> kv.getValue().toString(StandardCharsets.UTF_8))
                    .findFirst().orElse(null);
        }
    }

    private static ByteSequence utf8(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    private StepContext context(EtcdMember member, String planId) {
        PlanStep step = new PlanStep(member.name() + ".01-replace", Action.REPLACE_MEMBER, member.name(),
                StepParams.within(BOUND), OnFailure.ABORT);
        RecoveryPlan plan = new RecoveryPlan(planId, "inc-" + planId, spec.id(), 1, PlanScope.NODE, PlanMode.AUTO,
                null, List.of("f-1"), List.of(step), Instant.now(), Instant.now());
        return new StepContext(plan, step, spec);
    }
}
