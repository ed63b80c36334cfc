package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.runbooks.disruption.ClusterView;
import dev.revive.runbooks.disruption.MemberRole;
import dev.revive.runbooks.disruption.MemberView;
import dev.revive.targets.kind.StatusReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The live membership of a Redis primary with replicas, from each node's INFO (bounded calls), in spec order. Role
 * PRIMARY or REPLICA as the node says (never the spec's role); position = its replication offset. Healthy: the
 * primary when it is the only node that answers as primary and does not load its dataset; a replica when its link is
 * up, to the node that answers as the primary, and it does not load.
 */
public final class RedisStatusReader implements StatusReader {

    private final RedisAdapter redis;

    public RedisStatusReader(RedisAdapter redis) {
        this.redis = redis;
    }

    @Override
    public ClusterView read(ClusterSpec spec) {
        List<NodeReading> readings = NodeReading.all(redis, spec.nodes());
        List<NodeReading> primaries = readings.stream().filter(NodeReading::isPrimary).toList();
        NodeReading primary = primaries.size() == 1 ? primaries.get(0) : null;
        List<MemberView> members = new ArrayList<>();
        for (NodeReading reading : readings) {
            members.add(view(reading, primary, primaries.size()));
        }
        return new ClusterView(members);
    }

    private static MemberView view(NodeReading reading, NodeReading primary, int primaries) {
        if (!reading.answering()) {
            return MemberView.silent(reading.node().id(), reading.error());
        }
        ReplicationInfo replication = reading.replication();
        boolean loading = reading.persistence().loading();
        boolean healthy;
        String why;
        if (replication.isPrimary()) {
            healthy = primaries == 1 && !loading;
            why = primaries == 1 ? "" : ", one of " + primaries + " primaries";
        } else {
            healthy = primary != null && replication.linked() && reading.follows(primary) && !loading;
            why = primary == null ? ", no single primary answers"
                    : reading.follows(primary) ? "" : ", does not follow the primary " + primary.node().id();
        }
        MemberRole role = replication.isPrimary() ? MemberRole.PRIMARY
                : replication.isReplica() ? MemberRole.REPLICA : MemberRole.UNKNOWN;
        return new MemberView(reading.node().id(), true, healthy, role, Math.max(0, replication.offset()),
                replication.summary() + (loading ? ", loading its dataset" : "") + why);
    }
}
