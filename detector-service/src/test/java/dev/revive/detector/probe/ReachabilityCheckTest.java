package dev.revive.detector.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.detector.domain.Reachability;
import dev.revive.detector.domain.Reachability.Connect;
import dev.revive.detector.domain.Reachability.Liveness;
import dev.revive.targets.driver.NodeDrivers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReachabilityCheckTest {

    private static final String SLEEP = "/bin/sleep";

    @TempDir
    Path dir;

    private final ReachabilityCheck check = new ReachabilityCheck(NodeDrivers.standard(), Duration.ofSeconds(2));

    @Test
    void runningProcessWithAListeningClientPortIsAliveAndOpen() throws Exception {
        // given a node whose process runs (a unique sleep) and whose client port listens; its peer port does not
        String seconds = Long.toString(600 + ProcessHandle.current().pid() % 1000) + ".5";
        Process process = new ProcessBuilder(SLEEP, seconds).start();
        try (ServerSocket client = listening()) {
            int closedPeer = freePort();
            NodeSpec node = node(List.of(SLEEP, seconds), client.getLocalPort(), closedPeer);

            // when the second path is taken
            Reachability reachability = check.check(node);

            // then the process runs, the client port accepts and the peer port refuses
            assertThat(reachability.process()).isEqualTo(Liveness.RUNNING);
            assertThat(reachability.client()).isEqualTo(Connect.OPEN);
            assertThat(reachability.peer()).isEqualTo(Connect.REFUSED);
            assertThat(reachability.processDown()).isFalse();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    @Test
    void nodeWithoutAProcessAndWithARefusingPortIsDown() throws IOException {
        // given a node whose command does not run and whose client port is closed
        NodeSpec node = node(List.of(SLEEP, "98765.25"), freePort(), freePort());

        // when the second path is taken
        Reachability reachability = check.check(node);

        // then the process is down
        assertThat(reachability.process()).isEqualTo(Liveness.NOT_RUNNING);
        assertThat(reachability.client()).isEqualTo(Connect.REFUSED);
        assertThat(reachability.processDown()).isTrue();
    }

    private NodeSpec node(List<String> command, int clientPort, int peerPort) {
        ProcessControl control = new ProcessControl(command, null, Map.of(), dir.resolve("n.pid").toString(),
                dir.resolve("n.log").toString(), null);
        return new NodeSpec("n1", NodeRole.MEMBER, new Endpoints("http://127.0.0.1:" + clientPort,
                "http://127.0.0.1:" + peerPort), control, dir.resolve("data").toString(), List.of(), List.of());
    }

    private static ServerSocket listening() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = listening()) {
            return socket.getLocalPort();
        }
    }
}
