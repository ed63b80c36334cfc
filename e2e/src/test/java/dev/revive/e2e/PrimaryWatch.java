package dev.revive.e2e;

import dev.revive.testkit.RedisCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Watches which nodes of a Redis cluster say {@code role:master}, every {@code 100 ms} in the background, to tell
 * whether a scenario ever had two primaries. A round asks the nodes one after another, so a failover between two
 * answers shows the old and the new primary in one round; what two primaries at once would show instead is the old
 * one saying {@code master} again after the new one did. {@link #primaries()} is the sequence of primaries seen,
 * consecutive repeats collapsed: one failover is {@code [r1, r2]}, a split brain {@code [r1, r2, r1, ...]}.
 */
final class PrimaryWatch implements AutoCloseable {

    private final RedisCluster cluster;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "primary-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> seen = new ArrayList<>();
    private int rounds;

    private PrimaryWatch(RedisCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts watching {@code cluster}. */
    static PrimaryWatch start(RedisCluster cluster) {
        PrimaryWatch watch = new PrimaryWatch(cluster);
        watch.sampler.scheduleWithFixedDelay(watch::round, 0, 100, TimeUnit.MILLISECONDS);
        return watch;
    }

    private void round() {
        for (String id : cluster.ids()) {
            boolean primary = cluster.roleOf(id).filter("master"::equals).isPresent();
            synchronized (this) {
                if (primary && (seen.isEmpty() || !seen.get(seen.size() - 1).equals(id))) {
                    seen.add(id);
                }
            }
        }
        synchronized (this) {
            rounds++;
        }
    }

    /** The primaries seen so far, in order, consecutive repeats collapsed. */
    synchronized List<String> primaries() {
        return List.copyOf(seen);
    }

    /** How many rounds have been taken: a watch that took none proves nothing. */
    synchronized int rounds() {
        return rounds;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
