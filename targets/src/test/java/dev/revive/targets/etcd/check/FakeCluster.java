package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClientSecurity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Members with readings the test sets: by default every member answers, knows member 1 as leader,
 * is at raft index 100 and revision 50, and has hash 42 at any revision it has reached.
 */
final class FakeCluster implements MemberReader, MemberReader.Factory {

    /** One member's mutable state. */
    public static final class State {
        public long memberId;
        public long leaderId = 1;
        public long raftIndex = 100;
        public long term = 2;
        public long revision = 50;
        public long compactRevision;
        public int hash = 42;
        public String error;
        public String hashError;
        public boolean writesMoveOn;
    }

    private final Map<String, State> states = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();
    private int opened;

    public static FakeCluster healthy(int size) {
        FakeCluster cluster = new FakeCluster();
        for (int i = 0; i < size; i++) {
            Member member = new Member("m" + i, "http://127.0.0.1:" + (2379 + 10 * i));
            State state = new State();
            state.memberId = i + 1;
            cluster.members.add(member);
            cluster.states.put(member.nodeId(), state);
        }
        return cluster;
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    public State member(String nodeId) {
        return states.get(nodeId);
    }

    public FakeCluster silent(String nodeId) {
        member(nodeId).error = "REFUSED etcd " + nodeId + ": Connection refused";
        return this;
    }

    public FakeCluster answers(String nodeId) {
        member(nodeId).error = null;
        return this;
    }

    /** The readings of every member now, as a round would take them. */
    public List<MemberReading> readings() {
        return members.stream().map(this::status).toList();
    }

    /** How many rounds opened this reader. */
    public int rounds() {
        return opened;
    }

    @Override
    public MemberReader open(ClientSecurity security) {
        opened++;
        return this;
    }

    @Override
    public MemberReading status(Member member) {
        State state = member(member.nodeId());
        return state.error != null ? MemberReading.silent(member, state.error)
                : MemberReading.answered(member, state.memberId, state.leaderId, state.raftIndex, state.term,
                        state.revision);
    }

    @Override
    public HashReading hash(Member member, long revision) {
        State state = member(member.nodeId());
        if (state.error != null) {
            return HashReading.failed(member, state.error);
        }
        if (state.hashError != null) {
            return HashReading.failed(member, state.hashError);
        }
        long covered = revision == LATEST ? state.revision : revision;
        if (covered > state.revision) {
            return HashReading.failed(member, "mvcc: required revision is a future revision");
        }
        if (covered <= state.compactRevision) {
            return HashReading.failed(member, "mvcc: required revision has been compacted");
        }
        HashReading reading = HashReading.of(member, covered, state.hash, state.compactRevision);
        if (state.writesMoveOn) {
            state.revision++;
        }
        return reading;
    }

    @Override
    public void close() {
    }
}
