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
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import dev.revive.testkit.EtcdCluster;
import dev.revive.testkit.EtcdMember;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * etcd's SNAPSHOT handler on a real three-member cluster: which member it reads from, that a snapshot is verified
 * (sha256 sidecar, etcdctl snapshot status) before it counts, idempotence, and pruning.
 */
class EtcdSnapshotActionIT {

    private static EtcdCluster cluster;
    private static Path backups;
    private static int plans;
    /**
     * One adapter per test: a test that kills a member leaves the adapter's channel to it in gRPC's reconnect
     * backoff, which would fail the next test's first call to that member fast with "connection refused".
     */
    private final EtcdAdapter etcd = new EtcdAdapter(Duration.ofSeconds(2));
    private final EtcdSnapshotAction snapshot = new EtcdSnapshotAction(etcd);

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = EtcdCluster.start(3);
        backups = Files.createTempDirectory("revive-snapshots-");
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
    void snapshotComesFromTheSourceMemberAndIsNotTakenTwice() {
        StepContext context = context(cluster.member(2), cluster.member(0));

        StepOutcome first = snapshot.execute(context);
        StepOutcome again = snapshot.execute(context);

        assertThat(first.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(first.detail()).startsWith("snapshot of " + cluster.member(0).name());
        assertThat(EtcdSnapshotAction.snapshotFile(context, spec().node(cluster.member(2).name()).orElseThrow()))
                .isNotEmptyFile();
        assertThat(again.status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void snapshotHasAMatchingSha256SidecarAndPassesEtcdsOwnCheck() throws Exception {
        // given: a cluster holding a key
        try (Client client = Client.builder().endpoints(cluster.member(0).clientUrl()).build()) {
            client.getKVClient().put(ByteSequence.from("snapshot-it", StandardCharsets.UTF_8),
                    ByteSequence.from("v", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        }
        StepContext context = context(cluster.member(2), cluster.member(0));
        Path file = EtcdSnapshotAction.snapshotFile(context, spec().node(cluster.member(2).name()).orElseThrow());

        // when
        StepOutcome outcome = snapshot.execute(context);

        // then
        String sha256 = SnapshotFiles.sha256(file);
        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(SnapshotFiles.sidecar(file)).hasContent(sha256 + "  " + file.getFileName());
        assertThat(outcome.detail()).contains("sha256 " + sha256, Files.size(file) + " bytes",
                "etcdctl snapshot status: revision ");
        EtcdctlSnapshotStatus.Status status = etcd.snapshotStatus(file);
        assertThat(status.revision()).isPositive();
        assertThat(status.totalKeys()).isPositive();
        HashKv otherMember = etcd.hashKv(cluster.member(1).clientUrl(), null, status.revision());
        long liveKeys = etcd.range(cluster.member(1).clientUrl(), null, KeyRange.count(status.revision())).count();
        assertThat(liveKeys).isPositive();
        assertThat(SnapshotMetadata.of(file)).contains(new SnapshotMetadata(status.revision(), status.totalKeys(),
                cluster.member(0).name(), Optional.of(new SnapshotMetadata.Keyspace(otherMember.hash(), liveKeys))));
        assertThat(outcome.detail()).contains("keyspace at revision " + status.revision() + ": hashKV "
                + Integer.toUnsignedString(otherMember.hash()) + ", " + liveKeys + " live keys");
    }

    @Test
    void aCorruptedSnapshotIsReplacedNotSkipped() throws IOException {
        // given: a snapshot whose file was later damaged, so it no longer matches its sidecar
        StepContext context = context(cluster.member(2), cluster.member(0));
        Path file = EtcdSnapshotAction.snapshotFile(context, spec().node(cluster.member(2).name()).orElseThrow());
        assertThat(snapshot.execute(context).status()).isEqualTo(StepStatus.SUCCEEDED);
        Files.writeString(file, "torn write");

        // when
        StepOutcome again = snapshot.execute(context);

        // then
        assertThat(again.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(again.detail()).startsWith("replaced " + file);
        assertThat(SnapshotFiles.mismatch(file)).isEmpty();
        assertThat(etcd.snapshotStatus(file).totalKeys()).isNotNegative();
    }

    @Test
    void aFileWithoutSidecarIsReplacedNotSkipped() throws IOException {
        // given: a file that merely exists, as a crash before the sidecar would leave it
        StepContext context = context(cluster.member(2), cluster.member(0));
        Path file = EtcdSnapshotAction.snapshotFile(context, spec().node(cluster.member(2).name()).orElseThrow());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "half a snapshot");

        // when
        StepOutcome outcome = snapshot.execute(context);

        // then
        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(SnapshotFiles.mismatch(file)).isEmpty();
    }

    @Test
    void onlyTheNewestKeepSnapshotsOfTheClusterStay() throws IOException {
        // given: a cluster that keeps two snapshots, and a file of someone else in its backup directory
        Path own = Files.createTempDirectory("revive-snapshots-keep-");
        Path clusterDir = own.resolve("etcd-s");
        Files.createDirectories(clusterDir);
        Files.writeString(clusterDir.resolve("README.txt"), "not a snapshot");
        ClusterSpec keepTwo = spec(new BackupLocation(own.toString(), 2));
        List<Path> files = new ArrayList<>();

        // when
        for (int i = 0; i < 3; i++) {
            StepContext context = context(cluster.member(2), cluster.member(0), keepTwo);
            files.add(EtcdSnapshotAction.snapshotFile(context, keepTwo.node(cluster.member(2).name()).orElseThrow()));
            assertThat(snapshot.execute(context).status()).isEqualTo(StepStatus.SUCCEEDED);
            Files.setLastModifiedTime(files.get(i), FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }

        // then
        try (Stream<Path> left = Files.list(clusterDir)) {
            assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("README.txt",
                    files.get(1).getFileName().toString(), files.get(1).getFileName() + ".sha256",
                    files.get(1).getFileName() + ".meta.json", files.get(2).getFileName().toString(),
                    files.get(2).getFileName() + ".sha256", files.get(2).getFileName() + ".meta.json");
        }
    }

    @Test
    void describeNamesTheMemberAndTheFileAndWritesNothing() {
        StepContext context = context(cluster.member(2), cluster.member(1));
        Path file = EtcdSnapshotAction.snapshotFile(context, spec().node(cluster.member(2).name()).orElseThrow());

        String description = snapshot.describe(context);

        assertThat(description).isEqualTo("would snapshot member " + cluster.member(1).name() + " ("
                + cluster.member(1).clientUrl() + ") to file " + file);
        assertThat(file).doesNotExist();
    }

    @Test
    void fallsBackToAHealthyMemberWhenTheSourceIsDown() {
        cluster.kill(cluster.member(0));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> etcd.isHealthy(cluster.member(1).clientUrl()) && !etcd.isHealthy(cluster.member(0).clientUrl()));

        StepOutcome outcome = snapshot.execute(context(cluster.member(2), cluster.member(0)));

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("source member " + cluster.member(0).name() + " is not healthy",
                "healthy member " + cluster.member(1).name());
    }

    @Test
    void comesFromAnAnsweringMemberWhenQuorumIsLost() {
        cluster.kill(cluster.member(0));
        cluster.kill(cluster.member(2));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !etcd.isHealthy(cluster.member(1).clientUrl()));

        StepOutcome outcome = snapshot.execute(context(cluster.member(2), cluster.member(0)));

        assertThat(outcome.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(outcome.detail()).contains("without a leader (quorum lost) " + cluster.member(1).name());
    }

    private StepContext context(EtcdMember target, EtcdMember source) {
        return context(target, source, spec());
    }

    private StepContext context(EtcdMember target, EtcdMember source, ClusterSpec spec) {
        PlanStep step = new PlanStep("01-snapshot", Action.SNAPSHOT, target.name(),
                new StepParams(Duration.ofSeconds(30), null, source.name(), null, 1), OnFailure.CONTINUE);
        String incident = "inc-" + (++plans);
        RecoveryPlan plan = new RecoveryPlan(incident + "-r1", incident, "etcd-s", 1, PlanScope.NODE, PlanMode.AUTO,
                null, List.of("fault-1"), List.of(step), Instant.EPOCH, Instant.EPOCH);
        return new StepContext(plan, step, spec);
    }

    private static ClusterSpec spec() {
        return spec(new BackupLocation(backups.toString()));
    }

    private static ClusterSpec spec(BackupLocation backup) {
        List<NodeSpec> nodes = cluster.members().stream().map(member -> new NodeSpec(member.name(), NodeRole.MEMBER,
                new Endpoints(member.clientUrl(), member.peerUrl()), new ProcessControl(member.command(), null, Map.of(),
                        cluster.directory().resolve(member.name() + ".pid").toString(), member.logFile().toString(),
                        Duration.ofSeconds(5)), member.dataDir().toString(), List.of(), List.of())).toList();
        return new ClusterSpec("etcd-s", SystemKind.ETCD, nodes, Policy.defaults(), backup);
    }
}
