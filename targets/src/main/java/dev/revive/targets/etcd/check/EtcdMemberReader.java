package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.TargetException;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.targets.etcd.HashKv;
import dev.revive.targets.etcd.MemberStatus;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.etcd.LiveMember;
import dev.revive.targets.etcd.MemberAlarm;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The checks' reads of etcd members, through one {@link EtcdAdapter} per round (fresh connections each round). */
final class EtcdMemberReader implements MemberReader {

    private final EtcdAdapter adapter;
    private final ClientSecurity security;

    EtcdMemberReader(Duration callTimeout, ClientSecurity security) {
        this.adapter = new EtcdAdapter(callTimeout);
        this.security = security;
    }

    @Override
    public MemberReading status(Member member) {
        try {
            MemberStatus status = adapter.status(member.endpoint(), security);
            return MemberReading.answered(member, status.memberId(), status.leaderId(), status.raftIndex(),
                    status.raftTerm(), status.revision());
        } catch (TargetException e) {
            return MemberReading.silent(member, e.kind() + " " + e.getMessage());
        }
    }

    @Override
    public HashReading hash(Member member, long revision) {
        try {
            HashKv hash = adapter.hashKv(member.endpoint(), security, revision);
            return HashReading.of(member, hash.revision(), hash.hash(), hash.compactRevision());
        } catch (TargetException e) {
            return HashReading.failed(member, e.kind() + " " + e.getMessage());
        }
    }

    @Override
    public Read<List<MemberAlarm>> alarms(Member member) {
        return read(() -> adapter.alarms(member.endpoint(), security));
    }

    @Override
    public Read<List<LiveMember>> membership(Member member) {
        return read(() -> adapter.members(member.endpoint(), security));
    }

    @Override
    public Optional<String> unhealthy(Member member, boolean learner) {
        Read<Boolean> health = read(() -> {
            adapter.health(member.endpoint(), security, learner);
            return true;
        });
        return Optional.ofNullable(health.error());
    }

    @Override
    public Read<KeyRange.Page> range(Member member, KeyRange range) {
        return read(() -> adapter.range(member.endpoint(), security, range));
    }

    private static <T> Read<T> read(Supplier<T> call) {
        try {
            return Read.of(call.get());
        } catch (TargetException e) {
            return Read.failed(e.kind() + " " + e.getMessage());
        }
    }

    @Override
    public void close() {
        adapter.close();
    }
}
