package dev.revive.executor.plan;

/** A cluster lock held by this executor; closing it releases the lock (only if it is still ours). */
public interface HeldLock extends Fence, AutoCloseable {

    /** The cluster the lock is for. */
    String clusterId();

    /** Releases the lock and its lease; never throws, may be called more than once. */
    @Override
    void close();
}
