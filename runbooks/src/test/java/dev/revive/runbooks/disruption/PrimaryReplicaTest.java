package dev.revive.runbooks.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Policy;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.Specs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimaryReplicaTest {

    private final PrimaryReplica model = new PrimaryReplica();
    private final ClusterSpec spec = Specs.cluster(SystemKind.REDIS, Policy.defaults());

    @Test
    void planningAllowsTheNodeWithTheFaultAlone() {
        assertThat(model.planningConcerns(spec, Set.of("n1"), "n1")).isEmpty();
    }

    @Test
    void planningNamesTheOtherNodeWithAnOpenFault() {
        assertThat(model.planningConcerns(spec, Set.of("n1", "n3"), "n1"))
                .anySatisfy(concern -> assertThat(concern).contains("one at a time").contains("n3"));
    }

    @Test
    void theLivePrimaryThatServesIsNeverTakenDown() {
        ClusterView live = view(member("n1", MemberRole.PRIMARY, true), member("n2", MemberRole.REPLICA, true),
                member("n3", MemberRole.REPLICA, true));

        assertThat(model.refusal(spec, live, "n1"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("live primary").contains("PROMOTE"));
    }

    @Test
    void aReplicaMayGoDownWhileTheOthersAnswer() {
        ClusterView live = view(member("n1", MemberRole.PRIMARY, true), member("n2", MemberRole.REPLICA, true),
                member("n3", MemberRole.REPLICA, true));

        assertThat(model.refusal(spec, live, "n2")).isEmpty();
    }

    @Test
    void aPrimaryThatNoLongerAnswersMayBeStoppedWhileItsReplicasAnswer() {
        ClusterView live = view(MemberView.silent("n1", "timed out"), member("n2", MemberRole.REPLICA, false),
                member("n3", MemberRole.REPLICA, false));

        assertThat(model.refusal(spec, live, "n1")).isEmpty();
    }

    @Test
    void theLastNodeThatAnswersIsNotTakenDown() {
        ClusterView live = view(MemberView.silent("n1", "refused"), member("n2", MemberRole.REPLICA, false),
                MemberView.silent("n3", "refused"));

        assertThat(model.refusal(spec, live, "n2"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no other node"));
    }

    private static ClusterView view(MemberView... members) {
        return new ClusterView(List.of(members));
    }

    private static MemberView member(String id, MemberRole role, boolean healthy) {
        return new MemberView(id, true, healthy, role, 100, "");
    }
}
