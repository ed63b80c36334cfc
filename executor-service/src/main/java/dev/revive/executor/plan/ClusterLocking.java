package dev.revive.executor.plan;

import java.util.function.BooleanSupplier;

/** Takes the one-executor-per-cluster lock. */
public interface ClusterLocking {

    /**
     * Waits until this executor holds the lock of {@code clusterId}.
     *
     * @param cancelled polled while waiting; when it turns true the wait ends
     * @return the held lock, or null when the wait was cancelled
     */
    HeldLock acquire(String clusterId, BooleanSupplier cancelled) throws InterruptedException;
}
