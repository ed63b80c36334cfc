package dev.revive.targets.driver;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
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
     * @throws TargetException when the node already runs or cannot be started
     */
    long start(NodeSpec node);

    /**
     * Starts the node's process with {@code command} instead of its spec's command, for a kind plug-in that derives
     * one-off start arguments from the spec (etcd's rejoin of a replaced member: {@code --initial-cluster-state
     * existing}). Only the arguments may differ: the executable is the spec's. The driver keeps finding the process
     * (inspect, stop, kill) until it is gone; later starts use the spec's command again.
     *
     * @return the pid of the started process
     * @throws TargetException when the node already runs, the executable is not the spec's, or the
     *                         driver cannot start with other arguments
     */
    default long startWith(NodeSpec node, List<String> command) {
        throw new TargetException(Kind.LOCAL, "the driver of node " + node.id()
                + " cannot start it with other arguments than its spec's");
    }

    /** What {@link #startWith} would run, in words, touching nothing. */
    default String describeStart(NodeSpec node, List<String> command) {
        return "(cannot start " + node.id() + " with other arguments: " + command + ")";
    }

    /**
     * What {@link #start} would run, in words, built from the node's spec only and touching nothing: for a
     * dry run ({@code argv [...] in dir D, output appended to L}).
     */
    String describeStart(NodeSpec node);

    /**
     * The last {@code lines} lines of the node's output (stdout and stderr, oldest first), for failure messages and
     * operators: the process driver reads the spec's {@code logFile}, the docker driver asks the engine for the
     * container's log. Reads, changes nothing; a driver that cannot see the node's output answers none (the default).
     *
     * @throws TargetException when the output exists but cannot be read
     */
    default List<String> logTail(NodeSpec node, int lines) {
        return List.of();
    }

    /**
     * The entries directly below the node's temp paths that {@link #cleanTemp} would remove now; lists,
     * deletes nothing. Throws like {@link #cleanTemp} for a temp path it would refuse.
     */
    List<Path> tempEntries(NodeSpec node);
}
