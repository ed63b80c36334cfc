package dev.revive.targets.driver;

/**
 * What a driver found out about a node's process.
 *
 * @param nodeId  the node
 * @param running whether a process of the node runs
 * @param pid     its pid, or -1 when none runs
 * @param foundBy how the process was identified
 */
public record NodeProcess(String nodeId, boolean running, long pid, FoundBy foundBy) {

    /** How a running process was identified as the node's. */
    public enum FoundBy {
        /** The pid file names it and its command line is the node's command. */
        PID_FILE,
        /** No usable pid file; a live process has exactly the node's command line. */
        COMMAND_LINE,
        /** The container engine reports the node's container running; the pid is its main process on its host. */
        ENGINE,
        /** Nothing was found. */
        NONE
    }

    /** The node has no running process. */
    public static NodeProcess notRunning(String nodeId) {
        return new NodeProcess(nodeId, false, -1, FoundBy.NONE);
    }

    /** The node runs as {@code pid}. */
    public static NodeProcess running(String nodeId, long pid, FoundBy foundBy) {
        return new NodeProcess(nodeId, true, pid, foundBy);
    }

    @Override
    public String toString() {
        return running ? nodeId + " running as pid " + pid + " (found by " + foundBy.name().toLowerCase().replace('_', ' ')
                + ")" : nodeId + " not running";
    }
}
