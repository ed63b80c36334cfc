package dev.revive.targets.etcd.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.targets.etcd.RestoredDataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRestoreTest {

    @TempDir
    Path work;

    @Test
    void onlyMarkersNamingThePlanCountAndTheOthersAreUnmarked() throws IOException {
        // given: m0 restored by the plan, m1 by an earlier plan, m2 not at all
        ClusterSpec spec = spec();
        marker(0, "plan-rb", "plan-snap-m0.db");
        marker(1, "plan-old", "plan-snap-m0.db");

        // when
        PlanRestore restore = PlanRestore.find(spec, "plan-rb");

        // then
        assertThat(restore.restored()).isTrue();
        assertThat(restore.markers()).containsOnlyKeys("m0");
        assertThat(restore.unmarked()).containsExactly("m1", "m2");
        assertThat(restore.bySnapshot()).isEqualTo(Map.of("plan-snap-m0.db", List.of("m0")));
        assertThat(restore.file(restore.markers().get("m0")))
                .isEqualTo(work.resolve("backups").resolve("etcd-3").resolve("plan-snap-m0.db"));
    }

    @Test
    void outsideAPlanNothingIsRestored() throws IOException {
        // given
        ClusterSpec spec = spec();
        marker(0, "plan-rb", "plan-snap-m0.db");

        // when
        PlanRestore restore = PlanRestore.find(spec, null);

        // then
        assertThat(restore.restored()).isFalse();
    }

    private void marker(int node, String plan, String snapshot) throws IOException {
        Path dir = Files.createDirectories(work.resolve("m" + node));
        Files.writeString(dir.resolve(RestoredDataDir.MARKER), "plan=" + plan + "\nsnapshot=" + snapshot
                + "\nsha256=abc\n");
    }

    private ClusterSpec spec() {
        List<NodeSpec> nodes = IntStream.range(0, 3).mapToObj(i -> new NodeSpec("m" + i, NodeRole.MEMBER,
                new Endpoints("http://127.0.0.1:" + (2379 + 10 * i), null),
                new ProcessControl(List.of("/usr/bin/etcd", "--name", "m" + i), null, Map.of(),
                        work.resolve("m" + i + ".pid").toString(), work.resolve("m" + i + ".log").toString(),
                        Duration.ofSeconds(5)),
                work.resolve("m" + i).toString(), List.of(), List.of())).toList();
        return new ClusterSpec("etcd-3", SystemKind.ETCD, nodes, Policy.defaults(),
                new BackupLocation(work.resolve("backups").toString()));
    }
}
