package dev.revive.targets.driver;

import dev.revive.contracts.cluster.NodeSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The fixed verbs an executor may use on a node's process. Every argument, path and setting comes
 * from the node's registered {@link NodeSpec}; nothing comes from an event, and no shell string is
 * ever built.
 */
public interface NodeDriver {

    /** True when this driver can control the node (its control spec is of the driver's kind). */
    boolean supports(NodeSpec node);

    /** Whether the node's process is running, and its pid. */
    NodeProcess inspect(NodeSpec node);

    /**
     * Asks the node's process to stop (SIGTERM) and waits up to {@code grace} for it to exit.
     *
     * @return true when no process of the node runs any more (also when none ran)
     */
    boolean stop(NodeSpec node, Duration grace);

    /**
     * Kills the node's process (SIGKILL) and waits for it to exit.
     *
     * @return true when no process of the node runs any more (also when none ran)
     */
    boolean forceKill(NodeSpec node);

    /**
     * Deletes the contents of the node's configured temp paths, never the paths themselves, never
     * the data dir, and never anything a symbolic link points to.
     *
     * @return how many entries directly below the temp paths were removed
     */
    int cleanTemp(NodeSpec node);

    /**
     * Starts the node's process, detached so that it outlives the caller, and records its pid.
     *
     * @return the pid of the started process
     * @throws dev.revive.targets.TargetException when the node already runs or cannot be started
     */
    long start(NodeSpec node);

    /**
     * What {@link #start} would run, in words, built from the node's spec only and touching nothing: for a
     * dry run ({@code argv [...] in dir D, output appended to L}).
     */
    String describeStart(NodeSpec node);

    /**
     * The entries directly below the node's temp paths that {@link #cleanTemp} would remove now; lists,
     * deletes nothing. Throws like {@link #cleanTemp} for a temp path it would refuse.
     */
    List<Path> tempEntries(NodeSpec node);
}
