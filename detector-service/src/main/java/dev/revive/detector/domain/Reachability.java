package dev.revive.detector.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * What the second path found out about a node whose probe failed: whether its process runs (from
 * its node driver) and whether a TCP connect to its client and peer ports succeeds.
 *
 * @param process whether the node's process runs
 * @param client  the TCP connect to the client port
 * @param peer    the TCP connect to the peer port, or null when the node has none
 */
public record Reachability(Liveness process, Connect client, Connect peer) {

    /** Whether the node's process runs, as far as its driver can tell. */
    public enum Liveness {
        /** The driver found the node's process. */
        RUNNING,
        /** The driver found no process of the node. */
        NOT_RUNNING,
        /** No driver for the node, or the driver could not tell. */
        UNKNOWN;

        /** The evidence value: {@code true}, {@code false} or {@code unknown}. */
        public String evidence() {
            return switch (this) {
                case RUNNING -> "true";
                case NOT_RUNNING -> "false";
                case UNKNOWN -> "unknown";
            };
        }
    }

    /** How a TCP connect to a port ended. */
    public enum Connect {
        /** The connection was accepted. */
        OPEN,
        /** Nothing listens there. */
        REFUSED,
        /** No answer within the bound. */
        TIMEOUT,
        /** Anything else (no route, unknown host, …). */
        ERROR;

        /** The evidence value, in lower case. */
        public String evidence() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Reachability {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(client, "client");
    }

    /**
     * True when the process runs but nothing reaches its client port (no answer, no route): the network between
     * here and the node is cut, which a restart cannot repair (a hung process still has its port accepted by the
     * kernel, so it answers {@link Connect#OPEN}).
     */
    public boolean cutOff() {
        return process == Liveness.RUNNING && (client == Connect.TIMEOUT || client == Connect.ERROR);
    }

    /** True when the second path says the process is down: it is known not to run, or its client port refuses. */
    public boolean processDown() {
        return process == Liveness.NOT_RUNNING || client == Connect.REFUSED;
    }
}
