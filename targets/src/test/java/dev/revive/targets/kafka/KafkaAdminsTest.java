package dev.revive.targets.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.ProcessControl;
import dev.revive.targets.TargetException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

class KafkaAdminsTest {

    private static final ProcessControl CONTROL = new ProcessControl(List.of("/usr/bin/true"), null, Map.of(),
            "/tmp/k1.pid", "/tmp/k1.log", Duration.ofSeconds(5));

    @Test
    void nodeEndpointBecomesHostAndPort() {
        assertThat(KafkaAdmins.hostPort(node("tcp://127.0.0.1:40123"))).isEqualTo("127.0.0.1:40123");
    }

    @Test
    void keepsAtMostCapacityClientsAndReopensAnEvictedOne() {
        try (KafkaAdmins admins = new KafkaAdmins(Duration.ofMillis(200), 2)) {
            // when
            admins.forNode(node("tcp://127.0.0.1:1"));
            admins.forNode(node("tcp://127.0.0.1:2"));
            admins.forNode(node("tcp://127.0.0.1:3"));

            // then
            assertThat(admins.size()).isEqualTo(2);
        }
    }

    @Test
    void unansweredCallIsATimeout() {
        try (KafkaAdmins admins = new KafkaAdmins(Duration.ofMillis(50))) {
            KafkaFuture<String> never = new KafkaFutureImpl<>();

            assertThatThrownBy(() -> admins.get(never, "describe"))
                    .isInstanceOfSatisfying(TargetException.class, e -> assertThat(e.kind())
                            .isEqualTo(TargetException.Kind.TIMEOUT));
        }
    }

    @Test
    void errorsAreClassifiedByType() {
        try (KafkaAdmins admins = new KafkaAdmins(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> admins.get(KafkaFuture.<String>completedFuture(null).thenApply(value -> {
                throw new NotLeaderOrFollowerException("moving");
            }), "describe")).isInstanceOfSatisfying(TargetException.class,
                    e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.TIMEOUT));
            assertThatThrownBy(() -> admins.get(KafkaFuture.<String>completedFuture(null).thenApply(value -> {
                throw new TopicAuthorizationException("denied");
            }), "describe")).isInstanceOfSatisfying(TargetException.class,
                    e -> assertThat(e.kind()).isEqualTo(TargetException.Kind.FAILED));
        }
    }

    private static NodeSpec node(String client) {
        return new NodeSpec("k1", NodeRole.MEMBER, new Endpoints(client, null), CONTROL, "/tmp/k1", List.of(),
                List.of());
    }
}
