package dev.revive.targets.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.revive.targets.TargetException;
import dev.revive.targets.lb.LoadBalancer.AdminState;
import dev.revive.testkit.HAProxy;
import dev.revive.testkit.HAProxyBackend;
import dev.revive.testkit.NamedTcpServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime API adapter against a real HAProxy in front of two plain TCP servers, a fresh one per test. */
class HAProxyRuntimeApiIT {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CHECKS = Duration.ofSeconds(10);

    private NamedTcpServers s1;
    private NamedTcpServers s2;
    private HAProxy haproxy;
    private HAProxyRuntimeApi api;

    @BeforeEach
    void haproxyInFrontOfTwoServers() {
        s1 = NamedTcpServers.start("s1");
        s2 = NamedTcpServers.start("s2");
        haproxy = HAProxy.start(HAProxyBackend.tcp("be", java.util.Map.of("s1", s1.ports().get("s1"),
                "s2", s2.ports().get("s2"))));
        api = new HAProxyRuntimeApi(haproxy.socketPath().toString(), CALL_TIMEOUT);
        await().atMost(CHECKS).untilAsserted(() -> {
            assertThat(haproxy.serverState("s1")).isEqualTo("UP");
            assertThat(haproxy.serverState("s2")).isEqualTo("UP");
        });
    }

    @AfterEach
    void stop() {
        haproxy.close();
        s1.close();
        s2.close();
    }

    @Test
    void maintTakesTheServerOutOfTrafficAndReadyPutsItBack() {
        // when
        api.set("be", "s1", AdminState.MAINT);

        // then
        ServerState isolated = api.state("be", "s1");
        assertThat(isolated.forcedMaintenance()).isTrue();
        assertThat(isolated.ready()).isFalse();
        assertThat(haproxy.serverState("s1")).isEqualTo("MAINT");
        assertThat(reached(6)).containsExactly("s2");

        // when
        api.set("be", "s1", AdminState.READY);

        // then
        assertThat(api.state("be", "s1").ready()).isTrue();
        await().atMost(CHECKS).untilAsserted(() -> assertThat(reached(4)).contains("s1", "s2"));
        assertThat(api.state("be", "s2").ready()).isTrue();
    }

    @Test
    void theRuntimeApiOnTcpDrivesTheSameServers() {
        // given
        HAProxyRuntimeApi tcp = new HAProxyRuntimeApi(haproxy.runtimeApiTcp(), CALL_TIMEOUT);

        // when
        tcp.set("be", "s2", AdminState.MAINT);

        // then
        assertThat(api.state("be", "s2").forcedMaintenance()).isTrue();
        assertThat(haproxy.serverState("s2")).isEqualTo("MAINT");
        assertThat(tcp.state("be", "s1").ready()).isTrue();
    }

    @Test
    void stateReadsTheOperationalStateOfAServerWhoseChecksFail() {
        // given
        assertThat(api.state("be", "s2").operational()).isEqualTo(ServerState.Operational.RUNNING);

        // when
        s2.close();

        // then
        await().atMost(CHECKS).untilAsserted(() -> assertThat(api.state("be", "s2").operational())
                .isEqualTo(ServerState.Operational.STOPPED));
        assertThat(api.state("be", "s2").ready()).isTrue();
        assertThat(haproxy.serverState("s2")).isEqualTo("DOWN");
    }

    @Test
    void aNameThatCouldCarryASecondCommandIsRejectedBeforeAnythingIsSent() {
        // when / then
        assertThatThrownBy(() -> api.set("be", "s2;set server be/s1 state maint", AdminState.MAINT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing was sent");
        assertThatThrownBy(() -> api.set("be\nset server be/s1 state maint", "s2", AdminState.MAINT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> api.state("be", "s1 ; disable server be/s1"))
                .isInstanceOf(IllegalArgumentException.class);

        // then: had any of them been sent, HAProxy would have run the command after the separator
        assertThat(api.state("be", "s1").ready()).isTrue();
        assertThat(haproxy.serverState("s1")).isEqualTo("UP");
    }

    @Test
    void aServerTheBackendDoesNotHaveFailsWithHAProxysAnswer() {
        assertThatThrownBy(() -> api.set("be", "s9", AdminState.MAINT))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED))
                .hasMessageContaining("No such server");
        assertThatThrownBy(() -> api.state("be", "s9"))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED))
                .hasMessageContaining("has no server s9");
        assertThatThrownBy(() -> api.state("nope", "s1"))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED))
                .hasMessageContaining("Can't find backend");
    }

    @Test
    void aCallToAnHAProxyThatIsGoneFailsAsRefused() {
        // given
        haproxy.kill();

        // when / then
        assertThatThrownBy(() -> api.set("be", "s1", AdminState.READY))
                .isInstanceOfSatisfying(TargetException.class,
                        e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.REFUSED))
                .hasMessageContaining(haproxy.socketPath().toString())
                .hasMessageContaining("is HAProxy running?");
    }

    @Test
    void aCallToAnHAProxyThatDoesNotAnswerEndsAtTheTimeout() {
        // given
        HAProxyRuntimeApi quick = new HAProxyRuntimeApi(haproxy.socketPath().toString(), Duration.ofMillis(500));
        haproxy.signal("STOP");
        try {
            // when / then
            assertThatThrownBy(() -> quick.state("be", "s1"))
                    .isInstanceOfSatisfying(TargetException.class,
                            e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.TIMEOUT))
                    .hasMessageContaining("did not answer 'show servers state be' within PT0.5S");
        } finally {
            haproxy.signal("CONT");
        }
    }

    private Set<String> reached(int connections) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            names.add(NamedTcpServers.nameThrough(haproxy.frontendPort(), CONNECT_TIMEOUT));
        }
        return names;
    }
}
