package dev.revive.targets.redis;

import dev.revive.testkit.RedisCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Redis action ITs share: a work dir for the spec's files, a bounded adapter, and the real cluster each test
 * starts ({@code cluster = RedisCluster.start()}), both closed after every test.
 */
abstract class RedisActionFixture {

    /** How long a test waits for Redis to reach a state. */
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path workDir;

    final RedisAdapter redis = new RedisAdapter(Duration.ofSeconds(2));
    RedisCluster cluster;

    @AfterEach
    void stopTheCluster() {
        redis.close();
        if (cluster != null) {
            cluster.close();
        }
    }
}
