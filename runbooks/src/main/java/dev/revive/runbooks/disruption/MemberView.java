package dev.revive.runbooks.disruption;

import java.util.Objects;

/**
 * One member of a cluster as it is right now.
 *
 * @param nodeId    the node id of the spec
 * @param answering it answered the status read
 * @param healthy   it answered and is part of a working cluster (knows a leader, is in sync, …)
 * @param role      what it is right now
 * @param position  how far its replicated log is (raft index, zxid, replication offset); 0 when unknown
 * @param detail    what it said, or why it said nothing, in words
 */
public record MemberView(String nodeId, boolean answering, boolean healthy, MemberRole role, long position,
        String detail) {

    public MemberView {
        Objects.requireNonNull(nodeId, "nodeId");
        role = role == null ? MemberRole.UNKNOWN : role;
        detail = detail == null ? "" : detail;
    }

    /** A member that did not answer, and why. */
    public static MemberView silent(String nodeId, String why) {
        return new MemberView(nodeId, false, false, MemberRole.UNKNOWN, 0, why);
    }
}
