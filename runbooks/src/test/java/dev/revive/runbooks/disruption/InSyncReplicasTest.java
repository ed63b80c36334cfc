package dev.revive.runbooks.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.Specs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InSyncReplicasTest {

    private final InSyncReplicas model = new InSyncReplicas();
    private final ClusterSpec spec = Specs.cluster(SystemKind.KAFKA, Policy.defaults());

    @Test
    void planningAllowsOneBrokerDown() {
        assertThat(model.planningConcerns(spec, Set.of(), "n1")).isEmpty();
    }

    @Test
    void planningObjectsToASecondBrokerEvenWhenThePolicyAllowsTwo() {
        // given
        ClusterSpec lenient = Specs.cluster(SystemKind.KAFKA, new Policy(null, 2, null, null));

        // when
        List<String> concerns = model.planningConcerns(lenient, Set.of("n2"), "n1");

        // then
        assertThat(concerns).singleElement().satisfies(concern -> assertThat(concern).startsWith("brokers:")
                .contains("n1, n2"));
    }

    @Test
    void planningNamesThePolicyLimitToo() {
        assertThat(model.planningConcerns(spec, Set.of("n3"), "n1"))
                .anySatisfy(concern -> assertThat(concern).startsWith("policy:"));
    }

    @Test
    void allowsABrokerWhenEveryPartitionIsFullyInSync() {
        // given
        ClusterView live = view(partition("orders-0", Set.of("n1", "n2", "n3")));

        // then
        assertThat(model.refusal(spec, live, "n1")).isEmpty();
    }

    @Test
    void allowsTheBrokerThatIsItselfTheOnlyOneOutOfSync() {
        // given n1 is down: it fell out of every ISR
        ClusterView live = view(partition("orders-0", Set.of("n2", "n3")), partition("orders-1", Set.of("n2", "n3")));

        // then
        assertThat(model.refusal(spec, live, "n1")).isEmpty();
    }

    @Test
    void refusesASecondBrokerWhileAPartitionIsUnderReplicatedBecauseOfAnother() {
        // given n2 is down
        ClusterView live = view(partition("orders-0", Set.of("n1", "n3")));

        // when / then
        assertThat(model.refusal(spec, live, "n1")).hasValueSatisfying(why -> assertThat(why)
                .contains("orders-0 is under-replicated").contains("out of sync: n2"));
    }

    @Test
    void refusesWhenAPartitionWouldFallBelowItsMinInSync() {
        // given a partition with min.insync.replicas 3 and a full ISR
        ClusterView live = view(new ReplicaSet("strict-0", Set.of("n1", "n2", "n3"), Set.of("n1", "n2", "n3"), 3));

        // when / then
        assertThat(model.refusal(spec, live, "n2")).hasValueSatisfying(why -> assertThat(why)
                .contains("strict-0 would keep 2 in-sync replicas").contains("min.insync.replicas of 3"));
    }

    @Test
    void allowsABrokerThatHoldsNoReplicaOfAThinPartition() {
        // given a partition on n2 and n3 only, min.insync.replicas 2
        ClusterView live = view(new ReplicaSet("thin-0", Set.of("n2", "n3"), Set.of("n2", "n3"), 2));

        // then
        assertThat(model.refusal(spec, live, "n1")).isEmpty();
        assertThat(model.refusal(spec, live, "n2")).isPresent();
    }

    private static ReplicaSet partition(String name, Set<String> inSync) {
        return new ReplicaSet(name, Set.of("n1", "n2", "n3"), inSync, 2);
    }

    private static ClusterView view(ReplicaSet... sets) {
        List<MemberView> members = List.of("n1", "n2", "n3").stream()
                .map(id -> new MemberView(id, true, true, MemberRole.FOLLOWER, 10, "")).toList();
        return new ClusterView(members, List.of(sets));
    }
}
