package dev.revive.runbooks.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.Specs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneAtATimeTest {

    private final OneAtATime model = new OneAtATime();
    private final ClusterSpec spec = Specs.cluster(SystemKind.KAFKA_CONNECT, Policy.defaults());

    @Test
    void planningAllowsTheTargetAloneEvenWhenItIsTheOneWithTheFault() {
        assertThat(model.planningConcerns(spec, Set.of("n1"), "n1")).isEmpty();
    }

    @Test
    void planningRefusesASecondWorkerWhileAnotherHasAnOpenFault() {
        assertThat(model.planningConcerns(spec, Set.of("n1", "n2"), "n2"))
                .anySatisfy(concern -> assertThat(concern).contains("one at a time").contains("n1"));
    }

    @Test
    void actingIsAllowedWhileAnotherWorkerIsHealthy() {
        ClusterView live = view(member("n1", false), member("n2", true), member("n3", false));

        assertThat(model.refusal(spec, live, "n1")).isEmpty();
    }

    @Test
    void actingIsRefusedWhenNoOtherWorkerCouldTakeTheTasks() {
        ClusterView live = view(member("n1", true), member("n2", false), member("n3", false));

        assertThat(model.refusal(spec, live, "n1")).hasValueSatisfying(reason -> assertThat(reason).contains("n1"));
    }

    private static ClusterView view(MemberView... members) {
        return new ClusterView(List.of(members));
    }

    private static MemberView member(String id, boolean healthy) {
        return new MemberView(id, healthy, healthy, MemberRole.UNKNOWN, 0, "");
    }
}
