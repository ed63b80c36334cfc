package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.TargetException;
import dev.revive.targets.etcd.EtcdAdapter;
import dev.revive.targets.etcd.HashKv;
import dev.revive.targets.etcd.MemberStatus;
import java.time.Duration;

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
    public void close() {
        adapter.close();
    }
}
