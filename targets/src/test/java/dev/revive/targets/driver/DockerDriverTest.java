package dev.revive.targets.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the docker driver decides without an engine: the endpoint, temp paths, words for a dry run, no engine. */
class DockerDriverTest {

    private final DockerDriver driver = new DockerDriver(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(1), Duration.ofMillis(100));

    @TempDir
    Path dir;

    @Test
    void theEndpointIsTheSpecsElseDockerHostElseTheDefaultSocket() {
        DockerControl own = new DockerControl("etcd-a", "tcp://10.0.0.5:2375", null);
        DockerControl unset = new DockerControl("etcd-a");
        Map<String, String> withHost = Map.of("DOCKER_HOST", "unix:///tmp/podman.sock");

        assertThat(DockerClients.endpoint(own, withHost)).isEqualTo("tcp://10.0.0.5:2375");
        assertThat(DockerClients.endpoint(unset, withHost)).isEqualTo("unix:///tmp/podman.sock");
        assertThat(DockerClients.endpoint(unset, Map.of("DOCKER_HOST", " "))).isEqualTo("unix:///var/run/docker.sock");
        assertThat(DockerClients.endpoint(unset, Map.of())).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void onlyDockerControlledNodesAreSupportedAndTheStandardRegistryFindsThisDriver() {
        NodeSpec container = node(new DockerControl("etcd-a"), List.of());

        assertThat(driver.supports(container)).isTrue();
        assertThat(NodeDrivers.standard().forNode(container)).isInstanceOf(DockerDriver.class);
    }

    @Test
    void aContainerWithoutTempPathsHasNothingToCleanAndOneWithTempPathsIsRefused() {
        NodeSpec without = node(new DockerControl("etcd-a"), List.of());
        NodeSpec with = node(new DockerControl("etcd-a"), List.of("/var/lib/etcd/tmp"));

        assertThat(driver.cleanTemp(without)).isZero();
        assertThat(driver.tempEntries(without)).isEmpty();
        assertThatThrownBy(() -> driver.cleanTemp(with)).isInstanceOfSatisfying(TargetException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.LOCAL);
            assertThat(e.getMessage()).contains("inside the container", "/var/lib/etcd/tmp");
        });
        assertThatThrownBy(() -> driver.tempEntries(with)).isInstanceOf(TargetException.class);
    }

    @Test
    void describesAStartInWordsAndRefusesOtherArguments() {
        NodeSpec node = node(new DockerControl("etcd-a", "unix:///run/docker.sock", null), List.of());

        assertThat(driver.describeStart(node)).isEqualTo("start container etcd-a on unix:///run/docker.sock");
        assertThatThrownBy(() -> driver.startWith(node, List.of("/usr/bin/etcd", "--initial-cluster-state",
                "existing"))).isInstanceOfSatisfying(TargetException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.LOCAL);
                    assertThat(e.getMessage()).contains("container etcd-a", "not with other arguments");
                });
    }

    @Test
    void anEngineThatIsNotThereIsRefusedNotHung() {
        String socket = "unix://" + dir.resolve("no-engine.sock");
        NodeSpec node = node(new DockerControl("etcd-a", socket, null), List.of());

        assertThatThrownBy(() -> driver.inspect(node)).isInstanceOfSatisfying(TargetException.class, e -> {
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(Kind.REFUSED);
            assertThat(e.getMessage()).contains("inspect container etcd-a", socket);
        });
    }

    @Test
    void logTailKeepsTheLastLinesWithoutLineEnds() {
        assertThat(LogTail.of("a\nb\r\nc\n", 2)).containsExactly("b", "c");
        assertThat(LogTail.of("a\nb", 5)).containsExactly("a", "b");
        assertThat(LogTail.of("", 5)).isEmpty();
        assertThat(LogTail.of("a\n", 0)).isEmpty();
    }

    @Test
    void logTailOfAFileReadsOnlyItsEndAndNothingForAMissingFile() throws Exception {
        Path log = dir.resolve("node.log");
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < 40_000; line++) {
            text.append("line ").append(line).append('\n');
        }
        java.nio.file.Files.writeString(log, text);

        assertThat(LogTail.of(log, 2)).containsExactly("line 39998", "line 39999");
        assertThat(LogTail.of(log, 100_000)).first().asString().startsWith("line ");
        assertThat(LogTail.of(dir.resolve("none.log"), 2)).isEmpty();
    }

    private static NodeSpec node(DockerControl control, List<String> tempPaths) {
        return new NodeSpec("d0", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:2379", null), control,
                "/var/lib/revive/d0", List.of(), tempPaths);
    }
}
