package dev.revive.contracts.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.Resources;
import dev.revive.contracts.plan.PlanMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cluster specs are hand-written YAML, read strictly; every error names the file and the field. */
class ClusterSpecLoaderTest {

    private static final String EXAMPLE = new String(Resources.bytes("examples/etcd-3.yaml"), StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void loadsTheExample() {
        // when
        ClusterSpec spec = ClusterSpecLoader.load(Resources.path("examples/etcd-3.yaml"));

        // then
        assertThat(spec.id()).isEqualTo("etcd-3");
        assertThat(spec.kind()).isEqualTo(SystemKind.ETCD);
        assertThat(spec.nodes()).extracting(NodeSpec::id).containsExactly("infra1", "infra2", "infra3");
        assertThat(spec.nodes()).extracting(NodeSpec::role).containsOnly(NodeRole.MEMBER);
        NodeSpec infra2 = spec.node("infra2").orElseThrow();
        assertThat(infra2.endpoints()).isEqualTo(new Endpoints("http://127.0.0.1:22379", "http://127.0.0.1:22380"));
        assertThat(infra2.control()).isInstanceOfSatisfying(ProcessControl.class, control -> {
            assertThat(control.command()).startsWith("/usr/bin/etcd", "--name", "infra2", "--data-dir", infra2.dataDir())
                    .endsWith("--initial-cluster-state", "new");
            assertThat(control.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        });
        assertThat(infra2.tempPaths()).containsExactly("/var/lib/revive/etcd-3/infra2/tmp");
        assertThat(spec.policy().mode()).isEqualTo(PlanMode.AUTO);
        assertThat(spec.policy().maxConcurrentDisruptions()).isEqualTo(1);
        assertThat(spec.policy().restartBudget()).isEqualTo(new RestartBudget(3, Duration.ofHours(1)));
        assertThat(spec.backup().directory()).isEqualTo("/var/backups/revive/etcd-3");
        assertThat(spec.backup().keep()).isEqualTo(10);
    }

    @Test
    void backupWithoutKeepKeepsTheDefaultAndANegativeKeepIsRejected() throws IOException {
        // given
        Path withoutKeep = write("no-keep.yaml", EXAMPLE.replaceFirst("\n  keep: 10[^\n]*", ""));
        Path negative = write("negative-keep.yaml", EXAMPLE.replaceFirst("  keep: 10", "  keep: -1"));

        // when
        ClusterSpec spec = ClusterSpecLoader.load(withoutKeep);

        // then
        assertThat(spec.backup().keep()).isEqualTo(BackupLocation.DEFAULT_KEEP);
        assertRejected(negative, "backup.keep");
    }

    @Test
    void unknownKeyIsAnErrorNamingFileAndField() throws IOException {
        Path file = write("typo.yaml", EXAMPLE.replaceFirst("    tempPaths:", "    tempPath:"));

        assertRejected(file, "nodes[0].tempPath");
    }

    @Test
    void badIdIsAnErrorNamingFileAndField() throws IOException {
        Path file = write("bad-id.yaml", EXAMPLE.replace("id: etcd-3", "id: etcd 3;rm -rf /"));

        assertRejected(file, "id");
    }

    @Test
    void missingNodesIsAnErrorNamingFileAndField() throws IOException {
        Path file = write("no-nodes.yaml", "id: etcd-3\nkind: etcd\nbackup:\n  directory: /var/backups/revive/etcd-3\n");

        assertRejected(file, "nodes");
    }

    @Test
    void nodeErrorNamesTheNodeAndTheField() throws IOException {
        Path file = write("temp.yaml", EXAMPLE.replace("- /var/lib/revive/etcd-3/infra2/tmp", "- /var/lib/revive/etcd-3"));

        assertRejected(file, "nodes[1].tempPaths[0]");
    }

    @Test
    void invalidYamlIsAnErrorNamingWhereItBroke() throws IOException {
        assertRejected(write("broken.yaml", "id: etcd-3\nnodes: [ {id: infra1\n"), "nodes[0]");
        assertRejected(write("garbage.yaml", "}{ not yaml"), "$");
    }

    @Test
    void unreadableFileIsAnErrorForTheWholeFile() {
        assertRejected(dir.resolve("missing.yaml"), "$");
    }

    @Test
    void loadDirectoryReadsEveryYamlFileSortedByName() throws IOException {
        // given
        write("b.yml", EXAMPLE.replace("id: etcd-3", "id: etcd-b"));
        write("a.yaml", EXAMPLE.replace("id: etcd-3", "id: etcd-a"));
        write("notes.txt", "not a spec");

        // when
        List<ClusterSpec> specs = ClusterSpecLoader.loadDirectory(dir);

        // then
        assertThat(specs).extracting(ClusterSpec::id).containsExactly("etcd-a", "etcd-b");
    }

    @Test
    void loadDirectoryRejectsTheSameIdInTwoFiles() throws IOException {
        // given
        write("a.yaml", EXAMPLE);
        Path second = write("b.yaml", EXAMPLE);

        // then
        assertThatThrownBy(() -> ClusterSpecLoader.loadDirectory(dir))
                .isInstanceOfSatisfying(ClusterSpecException.class, error -> {
                    assertThat(error.file()).isEqualTo(second);
                    assertThat(error.field()).isEqualTo("id");
                    assertThat(error.getMessage()).contains("a.yaml");
                });
    }

    private static NodeSpec node(String id, NodeRole role) {
        return new NodeSpec(id, role, new Endpoints("http://127.0.0.1:2379", null), new DockerControl(id),
                "/var/lib/etcd/" + id, List.of(), List.of());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertRejected(Path file, String field) {
        assertThatThrownBy(() -> ClusterSpecLoader.load(file))
                .isInstanceOfSatisfying(ClusterSpecException.class, error -> {
                    assertThat(error.file()).isEqualTo(file);
                    assertThat(error.field()).as(error.getMessage()).isEqualTo(field);
                    assertThat(error.getMessage()).startsWith(file + ": " + field + ": ");
                });
    }
}
