package dev.revive.targets.etcd.check;

/**
 * What one member said about itself, or why it said nothing.
 *
 * @param member    the member asked
 * @param memberId  its raft member id
 * @param leaderId  the member it considers leader (0 when it knows none)
 * @param raftIndex its raft index, the closest to an applied index the client exposes
 * @param raftTerm  its raft term
 * @param revision  its key-value store revision
 * @param error     why it did not answer, or null when it did
 */
record MemberReading(
        Member member, long memberId, long leaderId, long raftIndex, long raftTerm, long revision, String error) {

    /** A member that answered. */
    public static MemberReading answered(Member member, long memberId, long leaderId, long raftIndex, long raftTerm,
            long revision) {
        return new MemberReading(member, memberId, leaderId, raftIndex, raftTerm, revision, null);
    }

    /** A member that did not answer, and why. */
    public static MemberReading silent(Member member, String error) {
        return new MemberReading(member, 0, 0, 0, 0, 0, error == null ? "no answer" : error);
    }

    public boolean answered() {
        return error == null;
    }

    public String nodeId() {
        return member.nodeId();
    }
}
