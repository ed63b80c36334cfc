package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.kind.NodeProbe;
import dev.revive.targets.kind.ProbeResult;
import io.lettuce.core.RedisLoadingException;
import java.util.Map;

/**
 * Probes one Redis node: PING, then INFO. It answers with its role and replication offset as facts
 * ({@link ProbeResult#ROLE} {@code PRIMARY}/{@code REPLICA}, {@link ProbeResult#POSITION}). A node that loads its
 * dataset, or whose last AOF write failed, FAILED. A replica whose link to its primary is down still answers: its
 * primary's death is the primary's fault, not the replica's.
 */
public final class RedisProbe implements NodeProbe {

    private final RedisAdapter redis;

    public RedisProbe(RedisAdapter redis) {
        this.redis = redis;
    }

    @Override
    public ProbeResult probe(ClusterSpec spec, NodeSpec node) {
        String endpoint = node.endpoints().client();
        try {
            redis.ping(endpoint);
            PersistenceInfo persistence = redis.persistence(endpoint);
            if (persistence.loading()) {
                return ProbeResult.failed("loading the dataset");
            }
            if (persistence.aofWriteFailed()) {
                return ProbeResult.failed("the last AOF write failed (aof_last_write_status:err)");
            }
            ReplicationInfo replication = redis.replication(endpoint);
            return ProbeResult.answered(Map.of(ProbeResult.ROLE, replication.roleName(), ProbeResult.POSITION,
                    Long.toString(replication.offset())));
        } catch (TargetException e) {
            return classify(e);
        }
    }

    private static ProbeResult classify(TargetException failure) {
        return switch (failure.kind()) {
            case REFUSED -> ProbeResult.refused(failure.getMessage());
            case TIMEOUT -> ProbeResult.timedOut(failure.getMessage());
            case FAILED, LOCAL -> failure.getCause() instanceof RedisLoadingException
                    ? ProbeResult.failed("loading the dataset") : ProbeResult.failed(failure.getMessage());
        };
    }
}
