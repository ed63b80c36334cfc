package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The HAProxy fixture in front of plain TCP servers: it balances over the servers that are up, and leaves nothing. */
class HAProxyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void balancesOverServersThatAreUpAndStopsSendingToOneThatWentAway() {
        try (NamedTcpServers s1 = NamedTcpServers.start("s1");
             NamedTcpServers s2 = NamedTcpServers.start("s2")) {
            // given
            try (HAProxy haproxy = HAProxy.start(HAProxyBackend.tcp("be", java.util.Map.of(
                    "s1", s1.ports().get("s1"), "s2", s2.ports().get("s2"))))) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(haproxy.serverState("s1")).isEqualTo("UP");
                    assertThat(haproxy.serverState("s2")).isEqualTo("UP");
                });
                Set<String> reached = new HashSet<>();
                for (int i = 0; i < 4; i++) {
                    reached.add(NamedTcpServers.nameThrough(haproxy.frontendPort(), TIMEOUT));
                }
                assertThat(reached).containsExactlyInAnyOrder("s1", "s2");

                // when
                s1.close();

                // then
                await().atMost(Duration.ofSeconds(10)).until(() -> haproxy.serverState("s1").equals("DOWN"));
                for (int i = 0; i < 4; i++) {
                    assertThat(NamedTcpServers.nameThrough(haproxy.frontendPort(), TIMEOUT)).isEqualTo("s2");
                }
                assertThat(Files.exists(haproxy.socketPath())).isTrue();
            }
        }
    }

    @Test
    void closeKillsHAProxyAndDeletesItsDirectory() {
        try (NamedTcpServers servers = NamedTcpServers.start("s1")) {
            // given
            HAProxy haproxy = HAProxy.start(HAProxyBackend.tcp("be", servers.ports()));
            ProcessHandle process = ProcessHandle.of(haproxy.pid()).orElseThrow();
            Path directory = haproxy.directory();

            // when
            haproxy.close();

            // then
            assertThat(process.isAlive()).isFalse();
            assertThat(directory).doesNotExist();
        }
    }
}
