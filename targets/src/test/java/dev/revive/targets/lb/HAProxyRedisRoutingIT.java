package dev.revive.targets.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.revive.targets.lb.LoadBalancer.AdminState;
import dev.revive.testkit.HAProxy;
import dev.revive.testkit.HAProxyBackend;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RespConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HAProxy with the primary-only Redis check in front of a real Redis primary (r1) and two replicas: clients
 * through the frontend reach the primary, and after a failover the new primary.
 */
class HAProxyRedisRoutingIT {

    private static final Duration CHECKS = Duration.ofSeconds(15);
    private static final Duration CALL = Duration.ofSeconds(2);

    private RedisCluster redis;
    private HAProxy haproxy;
    private HAProxyRuntimeApi api;

    @BeforeEach
    void redisBehindHAProxy() {
        redis = RedisCluster.start(2, false);
        Map<String, Integer> servers = new LinkedHashMap<>();
        redis.ids().forEach(id -> servers.put(id, redis.port(id)));
        haproxy = HAProxy.start(HAProxyBackend.redisPrimary("redis", servers));
        api = new HAProxyRuntimeApi(haproxy.socketPath().toString(), CALL);
    }

    @AfterEach
    void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void routesToThePrimaryOnlyAndToTheNewPrimaryAfterAFailover() throws IOException {
        // given
        awaitOnlyThePrimaryUp();
        assertThat(portThroughFrontend()).isEqualTo(redis.port("r1"));

        // when: r2 is promoted, r1 and r3 follow it
        try (RespConnection r2 = redis.connect("r2")) {
            r2.call("REPLICAOF", "NO", "ONE");
        }
        for (String follower : new String[] {"r1", "r3"}) {
            try (RespConnection node = redis.connect(follower)) {
                node.call("REPLICAOF", "127.0.0.1", Integer.toString(redis.port("r2")));
            }
        }

        // then
        await().atMost(CHECKS).untilAsserted(() -> {
            assertThat(haproxy.serverState("r2")).isEqualTo("UP");
            assertThat(haproxy.serverState("r1")).isEqualTo("DOWN");
            assertThat(haproxy.serverState("r3")).isEqualTo("DOWN");
        });
        assertThat(portThroughFrontend()).isEqualTo(redis.port("r2"));
        assertThat(api.state("redis", "r2").operational()).isEqualTo(ServerState.Operational.RUNNING);
        assertThat(api.state("redis", "r1").operational()).isEqualTo(ServerState.Operational.STOPPED);
    }

    @Test
    void aReplicaPutBackToReadyNeverComesUpBecauseItsCheckMustPassFirst() {
        // given
        awaitOnlyThePrimaryUp();
        api.set("redis", "r2", AdminState.MAINT);
        assertThat(haproxy.serverState("r2")).isEqualTo("MAINT");

        // when
        api.set("redis", "r2", AdminState.READY);

        // then: right away DOWN, not UP until two checks fail (HAProxy's own way out of maintenance)
        ServerState rejoined = api.state("redis", "r2");
        assertThat(rejoined.ready()).isTrue();
        assertThat(rejoined.operational()).isEqualTo(ServerState.Operational.STOPPED);
        assertThat(haproxy.serverState("r2")).isEqualTo("DOWN");
    }

    @Test
    void thePrimaryPutBackToReadyTakesTrafficAgainOnceItsCheckPasses() throws IOException {
        // given
        awaitOnlyThePrimaryUp();
        api.set("redis", "r1", AdminState.MAINT);
        assertThat(haproxy.serverState("r1")).isEqualTo("MAINT");

        // when
        api.set("redis", "r1", AdminState.READY);

        // then
        await().atMost(CHECKS).untilAsserted(() -> assertThat(haproxy.serverState("r1")).isEqualTo("UP"));
        assertThat(portThroughFrontend()).isEqualTo(redis.port("r1"));
    }

    /** HAProxy starts every server UP and takes a replica down only after two failed checks. */
    private void awaitOnlyThePrimaryUp() {
        await().atMost(CHECKS).untilAsserted(() -> {
            assertThat(haproxy.serverState("r1")).isEqualTo("UP");
            assertThat(haproxy.serverState("r2")).isEqualTo("DOWN");
            assertThat(haproxy.serverState("r3")).isEqualTo("DOWN");
        });
    }

    /** The port of the Redis server a new connection through the frontend reaches ({@code INFO server}). */
    private int portThroughFrontend() throws IOException {
        try (RespConnection client = RespConnection.open("127.0.0.1", haproxy.frontendPort(), CALL)) {
            String info = (String) client.call("INFO", "server");
            return info.lines().filter(line -> line.startsWith("tcp_port:"))
                    .mapToInt(line -> Integer.parseInt(line.substring("tcp_port:".length()).strip()))
                    .findFirst().orElseThrow();
        }
    }
}
