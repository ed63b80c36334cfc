package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.EtcdCluster;
import java.nio.file.Path;

/**
 * A target of plain etcd members (no TLS, no auth), described by {@link TargetSpecs#describe} with the stack's demo
 * policy; optionally one member in its own network namespace ({@link EtcdCluster#startWithIsolatedMember}).
 *
 * @param members  how many members
 * @param isolated the index of the member in its own network namespace, or {@link #NONE}
 */
public record PlainTarget(int members, int isolated) implements TargetFixture {

    /** No member is isolated. */
    public static final int NONE = -1;

    public PlainTarget {
        if (members < 1 || isolated < NONE || isolated >= members) {
            throw new IllegalArgumentException("no target of " + members + " members with member " + isolated
                    + " isolated");
        }
    }

    /** {@code members} plain members. */
    public static PlainTarget of(int members) {
        return new PlainTarget(members, NONE);
    }

    @Override
    public EtcdCluster start() {
        return isolated == NONE ? EtcdCluster.start(members) : EtcdCluster.startWithIsolatedMember(members, isolated);
    }

    @Override
    public ClusterSpec describe(String clusterId, EtcdCluster cluster, Path workDir) {
        return TargetSpecs.describe(clusterId, cluster, workDir);
    }
}
