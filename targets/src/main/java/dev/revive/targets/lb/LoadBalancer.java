package dev.revive.targets.lb;

/**
 * One load balancer in front of a cluster's nodes, as ISOLATE and REJOIN drive it: read a server's state, take it
 * out of the traffic, put it back. Every call is bounded; failures are {@link dev.revive.targets.TargetException}s
 * classified by kind (REFUSED: nothing answers; TIMEOUT: no answer in time; FAILED: it answered with an error).
 * Backend and server names come from the registered spec and are validated before anything is sent.
 */
public interface LoadBalancer {

    /** The administrative states Revive sets. */
    enum AdminState {
        /** No traffic to the server, whatever its checks say (HAProxy {@code maint}). */
        MAINT,
        /**
         * Back to normal (HAProxy {@code ready}); a server with a health check takes traffic only once that check
         * passes again, never on the strength of its state before it went out.
         */
        READY;

        /** The word the runtime API takes. */
        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The server's state now. */
    ServerState state(String backend, String server);

    /** Sets the server's administrative state; returns once the load balancer accepted the command. */
    void set(String backend, String server, AdminState state);

    /** Where it is driven, for details: {@code the runtime API at /tmp/h/admin.sock}. */
    String address();
}
