package dev.revive.targets.redis;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A planned switchover from an answering primary to one of its replicas, losing no acknowledged write: writes are
 * paused on the primary ({@code CLIENT PAUSE <rest of the step> WRITE}, which lifts itself at the step's deadline),
 * the replica's offset must reach the primary's, then {@code FAILOVER TO host port TIMEOUT ms} (a Redis that refuses
 * it: {@code REPLICAOF NO ONE} on the replica and {@code REPLICAOF} it on the old primary, while writes are still
 * paused) and the roles must have switched; the other nodes are repointed to the new primary. The pause is lifted
 * ({@code CLIENT UNPAUSE}) on every way out, and a primary that already handed over is not paused again.
 */
final class RedisSwitchover {

    /** The replica did not reach the primary's offset while writes were paused, within the step's timeout. */
    static final class NotCaughtUp extends Exception {

        NotCaughtUp(String message) {
            super(message);
        }
    }

    private static final Logger LOG = Logger.getLogger(RedisSwitchover.class);

    private final RedisAdapter redis;
    private final StepClock clock;

    RedisSwitchover(RedisAdapter redis, StepClock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * Hands the primary role of {@code from} over to {@code to}; returns what it did, in words.
     *
     * @throws NotCaughtUp     when {@code to} did not catch up in time (nothing switched, writes resumed)
     * @throws TargetException when a node does not answer, refuses, or the roles did not switch in time
     */
    String handOver(ClusterSpec spec, String from, String to) throws InterruptedException, NotCaughtUp {
        String fromEndpoint = spec.node(from).orElseThrow().endpoints().client();
        String toEndpoint = spec.node(to).orElseThrow().endpoints().client();
        String toHost = RedisAdapter.host(toEndpoint);
        int toPort = RedisAdapter.port(toEndpoint);
        ReplicationInfo before = redis.replication(fromEndpoint);
        if (!before.isPrimary()) {
            return from + " no longer answers as a primary (" + before.summary() + "); "
                    + RedisPromoteAction.repoint(redis, spec, to);
        }
        redis.clientPauseWrite(fromEndpoint, clock.remaining());
        String how;
        long target;
        try {
            target = redis.replication(fromEndpoint).offset();
            Optional<String> behind = clock.await(() -> {
                long at = redis.replication(toEndpoint).offset();
                return at >= target ? null : to + " at offset " + at;
            });
            if (behind.isPresent()) {
                throw new NotCaughtUp(to + " did not reach offset " + target + " of " + from + " while writes were "
                        + "paused (" + behind.get() + "); writes resumed, nothing switched");
            }
            how = switchRoles(fromEndpoint, toEndpoint, from, to, toHost, toPort);
            Optional<String> unswitched = clock.await(() -> {
                ReplicationInfo old = redis.replication(fromEndpoint);
                ReplicationInfo fresh = redis.replication(toEndpoint);
                return fresh.isPrimary() && old.follows(toHost, toPort) ? null
                        : from + " " + old.summary() + ", " + to + " " + fresh.summary();
            });
            if (unswitched.isPresent()) {
                throw new TargetException(Kind.TIMEOUT, how + ", but the roles did not switch in time: "
                        + unswitched.get());
            }
        } finally {
            unpause(fromEndpoint, from);
        }
        return "writes paused on " + from + " at offset " + target + ", " + to + " caught up; " + how
                + "; writes unpaused on " + from + "; " + RedisPromoteAction.repoint(redis, spec, to);
    }

    /** FAILOVER TO, or REPLICAOF both ways when the primary refuses it (an error reply); says which. */
    private String switchRoles(String fromEndpoint, String toEndpoint, String from, String to, String toHost,
            int toPort) {
        try {
            redis.failoverTo(fromEndpoint, toHost, toPort, clock.remaining());
            return "FAILOVER TO " + to + " on " + from;
        } catch (TargetException e) {
            if (e.kind() != Kind.FAILED) {
                throw e;
            }
            LOG.infof("%s refused FAILOVER (%s); switching with REPLICAOF while writes stay paused", from,
                    e.getMessage());
            redis.replicaOfNoOne(toEndpoint);
            redis.replicaOf(fromEndpoint, toHost, toPort);
            return "FAILOVER refused (" + e.getMessage() + "), so REPLICAOF NO ONE on " + to + " and REPLICAOF " + to
                    + " on " + from + " while writes stayed paused";
        }
    }

    /** CLIENT UNPAUSE; a node that cannot be reached keeps its pause only until the step's deadline. */
    private void unpause(String endpoint, String node) {
        try {
            redis.clientUnpause(endpoint);
        } catch (TargetException e) {
            LOG.warnf("cannot lift the write pause of %s (%s); it lifts itself at %s", node, e.getMessage(),
                    clock.deadline());
        }
    }
}
