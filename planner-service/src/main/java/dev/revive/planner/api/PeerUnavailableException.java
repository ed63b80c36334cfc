package dev.revive.planner.api;

import org.apache.kafka.streams.state.HostInfo;

/** Another planner instance that holds the answer could not be reached in time: answered 503 with Retry-After. */
public final class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(HostInfo peer, Throwable cause) {
        super("the planner instance " + peer.host() + ":" + peer.port()
                + " that holds the answer cannot be reached (down, or its partitions are moving); retry shortly",
                cause);
    }

    public PeerUnavailableException(HostInfo peer, int status) {
        super("the planner instance " + peer.host() + ":" + peer.port() + " answered " + status
                + " instead of its state; retry shortly");
    }
}
