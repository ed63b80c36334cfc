package dev.revive.targets.action;

import static dev.revive.targets.action.ActionFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.LoadBalancerSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.contracts.execution.StepStatus;
import dev.revive.contracts.plan.Action;
import dev.revive.runbooks.Runbooks;
import dev.revive.targets.driver.NodeDrivers;
import dev.revive.targets.kind.TargetKinds;
import dev.revive.testkit.HAProxy;
import dev.revive.testkit.HAProxyBackend;
import dev.revive.testkit.MutableClock;
import dev.revive.testkit.NamedTcpServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ISOLATE and REJOIN through {@link ActionHandlers}, as the executor calls them, against a real HAProxy in front of
 * two plain TCP servers: m0 is server s0, m1 is s1, m2 has no server.
 */
class LoadBalancerActionsIT {

    private static final Duration CHECKS = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path root;

    private NamedTcpServers servers;
    private HAProxy haproxy;
    private ActionHandlers handlers;
    private ClusterSpec spec;

    @BeforeEach
    void clusterBehindHAProxy() {
        servers = NamedTcpServers.start("s0", "s1");
        haproxy = HAProxy.start(HAProxyBackend.tcp("be", servers.ports()));
        MutableClock clock = new MutableClock(ActionFixtures.T0);
        handlers = new ActionHandlers(new TargetKinds(List.of(new FakeKind(SystemKind.ETCD))),
                new NodeDrivers(List.of(new FakeNodeDriver())), Runbooks.standard(),
                new Polling(clock, new ActionFixtures.FakePacer(clock), Duration.ofMillis(200)));
        spec = ActionFixtures.cluster(root, SystemKind.ETCD).withLoadBalancer(new LoadBalancerSpec(
                LoadBalancerSpec.Type.HAPROXY, haproxy.socketPath().toString(), "be", Map.of("m0", "s0", "m1", "s1")));
        await().atMost(CHECKS).untilAsserted(() -> {
            assertThat(haproxy.serverState("s0")).isEqualTo("UP");
            assertThat(haproxy.serverState("s1")).isEqualTo("UP");
        });
    }

    @AfterEach
    void stop() {
        haproxy.close();
        servers.close();
    }

    @Test
    void isolateTakesTheNodesServerOutOfTrafficAndRejoinPutsItBack() throws InterruptedException {
        // when
        StepOutcome isolated = handlers.execute(context(spec, Action.ISOLATE, "m1"));

        // then
        assertThat(isolated.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(isolated.detail()).contains("set be/s1 to maint through " + haproxy.socketPath());
        assertThat(haproxy.serverState("s1")).isEqualTo("MAINT");
        assertThat(reached(6)).containsExactly("s0");

        // when
        StepOutcome rejoined = handlers.execute(context(spec, Action.REJOIN, "m1"));

        // then
        assertThat(rejoined.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(rejoined.detail()).contains("set be/s1 to ready");
        await().atMost(CHECKS).untilAsserted(() -> assertThat(reached(4)).contains("s0", "s1"));
    }

    @Test
    void repeatingIsolateOrRejoinSendsNothingAndSucceeds() throws InterruptedException {
        // given
        assertThat(handlers.execute(context(spec, Action.ISOLATE, "m1")).status()).isEqualTo(StepStatus.SUCCEEDED);

        // when
        StepOutcome again = handlers.execute(context(spec, Action.ISOLATE, "m1"));
        StepOutcome rejoinOfReady = handlers.execute(context(spec, Action.REJOIN, "m0"));

        // then
        assertThat(again.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(again.detail()).contains("already maint, nothing sent");
        assertThat(haproxy.serverState("s1")).isEqualTo("MAINT");
        assertThat(rejoinOfReady.status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(rejoinOfReady.detail()).contains("already ready, nothing sent");
    }

    @Test
    void aNodeWithoutServerOrAClusterWithoutLoadBalancerIsSkipped() throws InterruptedException {
        // when
        StepOutcome noServer = handlers.execute(context(spec, Action.ISOLATE, "m2"));
        StepOutcome noBalancer = handlers.execute(context(spec.withLoadBalancer(null), Action.REJOIN, "m1"));

        // then
        assertThat(noServer.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(noServer.detail()).contains("lists no server for node m2");
        assertThat(noBalancer.status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(noBalancer.detail()).contains("names no load balancer");
        assertThat(haproxy.serverState("s1")).isEqualTo("UP");
    }

    @Test
    void isolateNamesANode() throws InterruptedException {
        StepOutcome outcome = handlers.execute(context(spec, Action.ISOLATE, null));

        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.detail()).contains("ISOLATE needs a node");
    }

    @Test
    void rejoinThroughALoadBalancerThatIsDownFailsWithADetailInsteadOfThrowing() throws InterruptedException {
        // given
        assertThat(handlers.execute(context(spec, Action.ISOLATE, "m1")).status()).isEqualTo(StepStatus.SUCCEEDED);
        haproxy.kill();

        // when
        StepOutcome outcome = handlers.execute(context(spec, Action.REJOIN, "m1"));

        // then
        assertThat(outcome.status()).isEqualTo(StepStatus.FAILED);
        assertThat(outcome.retriable()).isTrue();
        assertThat(outcome.detail()).contains("could not set be/s1 to ready through " + haproxy.socketPath())
                .contains("is HAProxy running?");
    }

    @Test
    void aRefusedGateStopsIsolateBeforeItSendsTheCommand() throws InterruptedException {
        // given
        StepContext open = context(spec, Action.ISOLATE, "m1");
        StepContext refused = new StepContext(open.plan(), open.step(), open.spec(), () -> false);

        // when
        StepOutcome outcome = handlers.execute(refused);

        // then
        assertThat(outcome.notAdmitted()).isTrue();
        assertThat(outcome.detail()).contains("set be/s1 to maint");
        assertThat(haproxy.serverState("s1")).isEqualTo("UP");
    }

    @Test
    void describeSaysWhatItWouldSetAndChangesNothing() {
        // when
        String isolate = handlers.describe(context(spec, Action.ISOLATE, "m1"));
        String rejoinWithoutServer = handlers.describe(context(spec, Action.REJOIN, "m2"));

        // then
        assertThat(isolate).startsWith("would set be/s1 to maint through " + haproxy.socketPath())
                .contains("admin ready");
        assertThat(rejoinWithoutServer).startsWith("would skip:").contains("no server for node m2");
        assertThat(haproxy.serverState("s1")).isEqualTo("UP");
    }

    private Set<String> reached(int connections) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            names.add(NamedTcpServers.nameThrough(haproxy.frontendPort(), CONNECT_TIMEOUT));
        }
        return names;
    }
}
