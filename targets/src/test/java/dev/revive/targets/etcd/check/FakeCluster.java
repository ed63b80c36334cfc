package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.etcd.EtcdKey;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.etcd.LiveMember;
import dev.revive.targets.etcd.MemberAlarm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Members with readings the test sets: by default every member answers, knows member 1 as leader,
 * is at raft index 100 and revision 50, and has hash 42 at any revision it has reached; the cluster
 * has no alarm, its live member list is its members, each member is healthy and holds no key.
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
        public String unhealthy;
        public String rangeError;
        public String membershipError;
        public final TreeMap<EtcdKey, KeyRange.Entry> keys = new TreeMap<>();

        /** Holds {@code key} with {@code value}, last modified at {@code modRevision}. */
        public State put(String key, String value, long modRevision) {
            EtcdKey etcdKey = new EtcdKey(key.getBytes(StandardCharsets.UTF_8));
            keys.put(etcdKey, new KeyRange.Entry(etcdKey, modRevision, value));
            return this;
        }
    }

    /** The cluster's active alarms. */
    public final List<MemberAlarm> alarms = new ArrayList<>();
    /** The live member list; null = one started voter per member, named and reached as the member. */
    public List<LiveMember> live;

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
    public Read<List<MemberAlarm>> alarms(Member member) {
        State state = member(member.nodeId());
        return state.error != null ? Read.failed(state.error) : Read.of(List.copyOf(alarms));
    }

    @Override
    public Read<List<LiveMember>> membership(Member member) {
        State state = member(member.nodeId());
        if (state.error != null || state.membershipError != null) {
            return Read.failed(state.error != null ? state.error : state.membershipError);
        }
        return Read.of(live != null ? live : members.stream().map(each -> new LiveMember(member(each.nodeId()).memberId,
                each.nodeId(), List.of(each.endpoint()), false)).toList());
    }

    @Override
    public Optional<String> unhealthy(Member member, boolean learner) {
        State state = states.get(member.nodeId());
        if (state == null) {
            return Optional.of("REFUSED no such member");
        }
        return Optional.ofNullable(state.error != null ? state.error : state.unhealthy);
    }

    /** Reads the member's keys in the range (values stand in for their sha256); the revision must be reached. */
    @Override
    public Read<KeyRange.Page> range(Member member, KeyRange range) {
        State state = member(member.nodeId());
        if (state.error != null || state.rangeError != null) {
            return Read.failed(state.error != null ? state.error : state.rangeError);
        }
        if (range.revision() > state.revision) {
            return Read.failed("FAILED mvcc: required revision is a future revision");
        }
        List<KeyRange.Entry> inRange = (range.end().equals(EtcdKey.ZERO) ? state.keys.tailMap(range.from(), true)
                : state.keys.subMap(range.from(), true, range.end(), false)).values().stream()
                .filter(entry -> entry.modRevision() >= range.minModRevision())
                .map(entry -> range.keysOnly() ? new KeyRange.Entry(entry.key(), entry.modRevision(), null) : entry)
                .toList();
        long limit = range.limit() == 0 ? Long.MAX_VALUE : range.limit();
        List<KeyRange.Entry> page = range.countOnly() ? List.of() : inRange.stream().limit(limit).toList();
        return Read.of(new KeyRange.Page(page, inRange.size(), !range.countOnly() && inRange.size() > limit,
                state.revision));
    }

    @Override
    public void close() {
    }
}
