package dev.revive.targets.etcd;

/**
 * What one etcd member says about itself.
 *
 * @param endpoint  the client URL that was asked
 * @param memberId  its raft member id
 * @param leaderId  the member it considers leader (0 when it knows none)
 * @param raftIndex its raft index (jetcd 0.8.5 does not expose the applied index; this is the closest)
 * @param raftTerm  its raft term
 * @param revision  its key-value store revision
 * @param version   the etcd version
 * @param dbSize    the size of its database in bytes
 */
public record MemberStatus(
        String endpoint, long memberId, long leaderId, long raftIndex, long raftTerm, long revision, String version,
        long dbSize) {

    /** True when this member is the leader. */
    public boolean isLeader() {
        return memberId == leaderId;
    }

    /** True when the member knows a leader, i.e. it is part of a cluster with quorum. */
    public boolean hasLeader() {
        return leaderId != 0;
    }
}
