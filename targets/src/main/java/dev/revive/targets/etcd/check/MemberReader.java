package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.etcd.KeyRange;
import dev.revive.targets.etcd.LiveMember;
import dev.revive.targets.etcd.MemberAlarm;
import java.util.List;
import java.util.Optional;

/**
 * The reads the checks make of a cluster's members. Every call is bounded and never throws for
 * a member that does not answer: the reading says why instead. Closing releases the connections.
 */
interface MemberReader extends AutoCloseable {

    /** Revision value that asks for a hash at the member's latest revision. */
    long LATEST = 0;

    /** The member's own status. */
    MemberReading status(Member member);

    /** The hash of the member's key-value store at {@code revision} ({@link #LATEST} = its current one). */
    HashReading hash(Member member, long revision);

    /** The cluster's active alarms, as {@code member} answers them. */
    Read<List<MemberAlarm>> alarms(Member member);

    /** The live member list, as {@code member} knows it. */
    Read<List<LiveMember>> membership(Member member);

    /** Empty when the member serves a bounded read ({@code etcdctl endpoint health}), else why not. */
    Optional<String> unhealthy(Member member, boolean learner);

    /** A serializable read of a key range on {@code member} alone. */
    Read<KeyRange.Page> range(Member member, KeyRange range);

    @Override
    void close();

    /**
     * Opens a reader of a cluster reached with {@code security} (null for plain); one is opened per round of
     * checks, so every round starts with fresh connections.
     */
    @FunctionalInterface
    interface Factory {
        MemberReader open(ClientSecurity security);
    }
}
