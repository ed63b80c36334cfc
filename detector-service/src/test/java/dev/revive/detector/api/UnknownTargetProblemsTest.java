package dev.revive.detector.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.json.RejectReason;
import dev.revive.service.api.Problem;
import org.junit.jupiter.api.Test;

class UnknownTargetProblemsTest {

    @Test
    void unknownClusterIs404NamingClusterId() {
        Problem problem = UnknownTargetMapper.problem(UnknownTargetException.cluster("nope"), "/faults");

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.field()).isEqualTo("clusterId");
        assertThat(problem.reason()).isEqualTo(RejectReason.UNKNOWN_CLUSTER.name());
    }

    @Test
    void unknownNodeIs404NamingNodeId() {
        Problem problem = UnknownTargetMapper.problem(UnknownTargetException.node("etcd-a", "m9"), "/faults");

        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.field()).isEqualTo("nodeId");
        assertThat(problem.reason()).isEqualTo(RejectReason.UNKNOWN_NODE.name());
        assertThat(problem.detail()).contains("m9", "etcd-a");
    }
}
