package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.RedisCluster;
import dev.revive.testkit.RedisWriter;
import java.time.Duration;
import java.util.List;

/**
 * The Redis target of a stack started with one ({@link ReviveStack#redis()}, kind redis): the primary leads, the
 * replicas follow, a node is killed with SIGKILL, and during each outage {@link #WRITES_PER_CYCLE} writes are
 * acknowledged through HAProxy (while a killed primary is replaced they wait for the promotion).
 */
final class RedisBenchTarget implements BenchTarget {

    /** The {@code --kind} name. */
    static final String NAME = "redis";

    private static final int WRITES_PER_CYCLE = 50;
    private static final Duration WRITE_DEADLINE = Duration.ofSeconds(60);

    private final RedisTarget redis;

    RedisBenchTarget(ReviveStack stack) {
        if (stack.redis() == null) {
            throw new IllegalStateException("the stack was started without its Redis target");
        }
        this.redis = stack.redis();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterSpec spec() {
        return redis.spec();
    }

    @Override
    public String leader() {
        return cluster().primary().name();
    }

    @Override
    public List<String> followers() {
        String primary = leader();
        return cluster().ids().stream().filter(id -> !id.equals(primary)).toList();
    }

    @Override
    public void kill(String nodeId) {
        cluster().kill9(nodeId);
    }

    @Override
    public String writeDuringOutage(int cycle) throws InterruptedException {
        try (RedisWriter writer = RedisWriter.start("127.0.0.1", redis.proxy().frontendPort())) {
            Polling.until(WRITES_PER_CYCLE + " writes acknowledged through HAProxy", WRITE_DEADLINE,
                    () -> writer.acknowledged() >= WRITES_PER_CYCLE);
            return writer.acknowledged() + " writes (" + writer.failures() + " refused while no primary answered)";
        }
    }

    @Override
    public void close() {
        // the target belongs to the stack
    }

    private RedisCluster cluster() {
        return redis.cluster();
    }
}
