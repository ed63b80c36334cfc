package dev.revive.e2e;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.testkit.ConnectCluster;
import dev.revive.testkit.ConnectWorker;
import java.time.Duration;
import java.util.List;

/**
 * The Connect cluster of a stack started with {@link ReviveStack#startWithCollection} (spec
 * {@link CollectionTargets#COLLECTOR_ID}, kind kafka-connect) as the recovery benchmark breaks it.
 *
 * <p>Connect workers have no leader Revive cares about (the group's leader only assigns tasks, and any worker
 * forwards REST calls to it), so {@link #leader()} is the first worker and {@link #followers()} are all workers:
 * a "leader" cycle is a kill of worker {@code w0}, like any other. The stack's {@link dev.revive.testkit.LineSource}
 * appends to the collected file throughout; {@link #writeDuringOutage} writes nothing itself but waits, bounded by
 * {@link #OUTAGE_DEADLINE}, until the killed worker runs again and says how many lines the source appended
 * meanwhile: the lines the other worker (or the restarted one) had to collect. Waiting here does not skew the
 * benchmark: it measures from the kill to the report's arrival in the event log.
 */
final class CollectorBenchTarget implements BenchTarget {

    /** The {@code --kind} name. */
    static final String NAME = "collector";
    /** How long {@link #writeDuringOutage} waits for the killed worker to run again. */
    static final Duration OUTAGE_DEADLINE = Duration.ofMinutes(2);

    private final CollectionTargets collection;
    private volatile ConnectWorker killed;
    private volatile long writtenAtKill;

    CollectorBenchTarget(ReviveStack stack) {
        if (stack.collection() == null) {
            throw new IllegalStateException("the stack was started without its collection targets");
        }
        this.collection = stack.collection();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ClusterSpec spec() {
        return collection.collectorSpec();
    }

    /** The first worker: a Connect cluster has no leader that a restart must treat differently. */
    @Override
    public String leader() {
        return connect().worker(0).name();
    }

    /** Every worker. */
    @Override
    public List<String> followers() {
        return connect().workers().stream().map(ConnectWorker::name).toList();
    }

    @Override
    public void kill(String nodeId) {
        ConnectWorker worker = connect().workers().stream().filter(w -> w.name().equals(nodeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Connect worker " + nodeId));
        writtenAtKill = collection.lines().written();
        killed = worker;
        connect().kill(worker);
    }

    @Override
    public String writeDuringOutage(int cycle) throws InterruptedException {
        ConnectWorker worker = killed;
        if (worker == null) {
            return "0 lines (no worker killed)";
        }
        String outcome = "";
        try {
            Polling.until(worker.name() + " running again", OUTAGE_DEADLINE, worker::isAlive);
        } catch (IllegalStateException e) {
            outcome = ", " + worker.name() + " not running again after " + OUTAGE_DEADLINE.toSeconds() + " s";
        }
        long lines = collection.lines().written() - writtenAtKill;
        return lines + " lines appended by the line source while " + worker.name() + " was down" + outcome;
    }

    @Override
    public void close() {
        // the Connect cluster and its line source belong to the stack
    }

    private ConnectCluster connect() {
        return collection.connect();
    }
}
