package dev.revive.runbooks.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.BackupLocation;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MajorityQuorumTest {

    private final MajorityQuorum model = new MajorityQuorum();

    @ParameterizedTest(name = "{0} members + {1} learners: quorum {2}, tolerates {3}")
    @CsvSource({"1, 0, 1, 0", "2, 0, 2, 0", "3, 0, 2, 1", "4, 0, 3, 1", "5, 0, 3, 2", "3, 1, 2, 1", "1, 2, 1, 0"})
    void quorumCountsVotingMembersOnly(int members, int learners, int quorum, int tolerated) {
        // given
        ClusterSpec spec = cluster(members, learners);

        // then
        assertThat(MajorityQuorum.quorum(spec)).isEqualTo(quorum);
        assertThat(MajorityQuorum.toleratedFailures(spec)).isEqualTo(tolerated);
    }

    @Test
    void planningAllowsOneDownOfThree() {
        assertThat(model.planningConcerns(cluster(3, 0), Set.of(), "m1")).isEmpty();
    }

    @Test
    void planningObjectsToASecondMemberDownOfThree() {
        // when
        List<String> concerns = model.planningConcerns(cluster(3, 0), Set.of("m2"), "m1");

        // then
        assertThat(concerns).anySatisfy(concern -> assertThat(concern).startsWith("quorum:").contains("m1, m2"));
        assertThat(concerns).anySatisfy(concern -> assertThat(concern).startsWith("policy:"));
    }

    @Test
    void refusesWhenTheLiveOthersAreNoQuorum() {
        // given m2 answers but has no leader, m3 is silent
        ClusterView live = new ClusterView(List.of(healthy("m1"),
                new MemberView("m2", true, false, MemberRole.UNKNOWN, 5, "no leader"), MemberView.silent("m3", "refused")));

        // then
        assertThat(model.refusal(cluster(3, 0), live, "m1")).hasValueSatisfying(
                why -> assertThat(why).contains("only 0 other voting members are healthy"));
    }

    @Test
    void allowsWhenTheLiveOthersAreAQuorum() {
        ClusterView live = new ClusterView(List.of(MemberView.silent("m1", "hung"), healthy("m2"), healthy("m3")));

        assertThat(model.refusal(cluster(3, 0), live, "m1")).isEmpty();
    }

    @Test
    void aMemberThatIsALearnerLiveDoesNotVote() {
        ClusterView live = new ClusterView(List.of(new MemberView("m1", true, true, MemberRole.LEADER, 9, "leader"),
                new MemberView("m2", true, true, MemberRole.LEARNER, 9, "rejoining as a learner"),
                new MemberView("m3", true, true, MemberRole.FOLLOWER, 9, "follower")));

        assertThat(model.refusal(cluster(3, 0), live, "m3")).as("m1 and the learner m2 healthy, but only m1 votes")
                .hasValueSatisfying(reason -> assertThat(reason).contains("live voters [m1, m3]"));
        assertThat(model.refusal(cluster(3, 0), live, "m2")).as("the learner itself may go").isEmpty();
    }

    @Test
    void learnersMayAlwaysGoDown() {
        ClusterView live = new ClusterView(List.of(healthy("m1"), MemberView.silent("l1", "down")));

        assertThat(model.refusal(cluster(1, 1), live, "l1")).isEmpty();
    }

    private static MemberView healthy(String id) {
        return new MemberView(id, true, true, MemberRole.FOLLOWER, 10, "ok");
    }

    private static ClusterSpec cluster(int members, int learners) {
        List<NodeSpec> nodes = Stream.concat(
                        IntStream.rangeClosed(1, members).mapToObj(i -> node("m" + i, NodeRole.MEMBER)),
                        IntStream.rangeClosed(1, learners).mapToObj(i -> node("l" + i, NodeRole.LEARNER)))
                .toList();
        return new ClusterSpec("etcd-q", SystemKind.ETCD, nodes, null, new BackupLocation("/var/backups/q"));
    }

    private static NodeSpec node(String id, NodeRole role) {
        return new NodeSpec(id, role, new Endpoints("http://127.0.0.1:2379", null), new DockerControl(id),
                "/var/lib/etcd/" + id, List.of(), List.of());
    }
}
