package dev.revive.contracts.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.Resources;
import dev.revive.contracts.json.Json;
import dev.revive.contracts.validation.ContractViolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load balancer of a spec (the Redis example): what ISOLATE and REJOIN drive, checked when the spec loads. */
class LoadBalancerSpecTest {

    @TempDir
    Path dir;

    @Test
    void theRedisExampleNamesItsHAProxyBackendAndEveryNodesServer() {
        ClusterSpec spec = ClusterSpecLoader.load(Resources.path("examples/redis-3.yaml"));

        assertThat(spec.kind()).isEqualTo(SystemKind.REDIS);
        assertThat(spec.nodes()).extracting(NodeSpec::role)
                .containsExactly(NodeRole.PRIMARY, NodeRole.REPLICA, NodeRole.REPLICA);
        LoadBalancerSpec balancer = spec.loadBalancer();
        assertThat(balancer.type()).isEqualTo(LoadBalancerSpec.Type.HAPROXY);
        assertThat(balancer.runtimeApi()).isEqualTo("/run/haproxy/revive.sock");
        assertThat(balancer.backend()).isEqualTo("redis-primary");
        assertThat(balancer.serverOf("r2")).isEqualTo("r2");
    }

    @Test
    void aSpecWithoutALoadBalancerWritesNoneSoOlderSignaturesStillMatch() throws Exception {
        ClusterSpec etcd = ClusterSpecLoader.load(Resources.path("examples/etcd-3.yaml"));

        assertThat(etcd.loadBalancer()).isNull();
        assertThat(Json.events().writeValueAsString(etcd)).doesNotContain("loadBalancer");
    }

    @Test
    void aServerOfANodeTheClusterDoesNotHaveIsRefusedWithTheField() throws Exception {
        String yaml = Files.readString(Resources.path("examples/redis-3.yaml")).replace("    r3: r3", "    r9: r3");
        Path file = Files.writeString(dir.resolve("redis-3.yaml"), yaml);

        assertThatThrownBy(() -> ClusterSpecLoader.load(file)).hasMessageContaining("loadBalancer.servers.r9")
                .hasMessageContaining("not a node");
    }

    @Test
    void aRuntimeApiThatIsNeitherASocketPathNorTcpIsRefused() {
        assertThatThrownBy(() -> new LoadBalancerSpec(null, "haproxy.local:9999", "b", Map.of("r1", "r1")))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("runtimeApi");
        assertThatThrownBy(() -> new LoadBalancerSpec(null, "tcp://127.0.0.1:x", "b", Map.of("r1", "r1")))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("runtimeApi");
        assertThat(new LoadBalancerSpec(null, "tcp://127.0.0.1:9999", "b", Map.of("r1", "r1")).type())
                .isEqualTo(LoadBalancerSpec.Type.HAPROXY);
    }

    @Test
    void aServerNameThatIsNotAnIdIsRefusedBeforeItCouldReachTheRuntimeApi() {
        assertThatThrownBy(() -> new LoadBalancerSpec(null, "/run/h.sock", "b", Map.of("r1", "r1 state ready")))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("servers.r1");
    }
}
