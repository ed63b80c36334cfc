package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.kind.CheckFinding;
import dev.revive.targets.kind.CheckRequest;
import dev.revive.targets.kind.ClusterCheckSet;
import java.time.Duration;
import java.util.List;

/**
 * The etcd verification checks: every member answers, one leader, raft indexes close, equal key-value
 * hashes, no active alarm, every live member healthy, a sampled key-by-key comparison, the keys written
 * since the plan's snapshot on every member, which snapshot backs the plan, and after a rollback that every member
 * holds the keyspace of the snapshot it was restored from. Each round reads every
 * member's status once, through a reader opened for that round alone (fresh connections every round),
 * looks up the plan's snapshot once, and runs the checks on those readings.
 */
public final class EtcdChecks implements ClusterCheckSet {

    private static final List<EtcdCheck> ALL = List.of(new MembersAnswer(), new SingleLeader(),
            new AppliedIndexClose(), new HashKvEqual(), new NoAlarms(), new MembersHealthy(), new KeysMatch(),
            new OutageWritesPresent(), new SnapshotBacked(), new RestoredKeyspace());

    private final MemberReader.Factory readers;

    /** @param callTimeout the bound of every call to one member */
    public EtcdChecks(Duration callTimeout) {
        this(security -> new EtcdMemberReader(callTimeout, security));
    }

    EtcdChecks(MemberReader.Factory readers) {
        this.readers = readers;
    }

    @Override
    public List<CheckFinding> round(CheckRequest request) {
        return run(request, ALL);
    }

    @Override
    public List<CheckFinding> quickLook(CheckRequest request) {
        return run(request, ALL.stream().filter(check -> check.kind() == CheckFinding.Kind.HEALTH).toList());
    }

    private List<CheckFinding> run(CheckRequest request, List<EtcdCheck> checks) {
        ClusterSpec spec = request.spec();
        List<Member> members = spec.nodes().stream().map(node -> new Member(node.id(), node.endpoints().client()))
                .toList();
        try (MemberReader reader = readers.open(spec.security())) {
            List<MemberReading> readings = members.stream().map(reader::status).toList();
            CheckContext context = new CheckContext(readings, spec.policy().verification(), reader,
                    request.hashAttempts(), PlanSnapshot.find(spec, request.planId()),
                    PlanRestore.find(spec, request.planId()));
            return checks.stream().map(check -> new CheckFinding(check.kind(), check.run(context))).toList();
        }
    }
}
