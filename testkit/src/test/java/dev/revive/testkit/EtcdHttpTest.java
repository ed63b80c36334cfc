package dev.revive.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EtcdHttpTest {

    private static final String LEADER_STATUS = "{\"header\":{\"cluster_id\":\"15118495548433857066\","
        + "\"member_id\":\"13668033151171901709\",\"revision\":\"1\",\"raft_term\":\"2\"},\"version\":\"3.4.23\","
        + "\"dbSize\":\"24576\",\"leader\":\"13668033151171901709\",\"raftIndex\":\"5\",\"raftTerm\":\"2\"}";

    @Test
    void memberThatFollowsItselfIsTheLeader() {
        assertThat(EtcdHttp.parseStatus(LEADER_STATUS)).hasValueSatisfying(status -> {
            assertThat(status.memberId()).isEqualTo("13668033151171901709");
            assertThat(status.isLeader()).isTrue();
        });
    }

    @Test
    void memberFollowingAnotherIsNotTheLeader() {
        String follower = LEADER_STATUS.replace("\"leader\":\"13668033151171901709\"", "\"leader\":\"42\"");

        assertThat(EtcdHttp.parseStatus(follower)).hasValueSatisfying(status -> assertThat(status.isLeader()).isFalse());
    }

    @Test
    void unparseableStatusIsEmpty() {
        assertThat(EtcdHttp.parseStatus("{\"error\":\"etcdserver: no leader\"}")).isEmpty();
    }
}
