package dev.revive.targets.lb;

/**
 * One server of a backend as the load balancer has it: its administrative state (HAProxy's {@code srv_admin_state}
 * bit mask) and its operational state (its health checks' verdict).
 *
 * @param backend     the backend
 * @param server      the server
 * @param adminState  the administrative bits: 0x01 forced maintenance (what ISOLATE sets), 0x02 maintenance
 *                    inherited from a tracked server, 0x04 maintenance from the configuration, 0x08 forced drain,
 *                    0x10 inherited drain, 0x20 maintenance after an address resolution failure (HAProxy's
 *                    management guide, {@code show servers state})
 * @param operational what its checks say
 * @param checked     whether its health check is enabled (HAProxy's {@code srv_check_state} has
 *                    {@code CHK_ST_ENABLED}), so that its checks decide whether it takes traffic
 */
public record ServerState(String backend, String server, int adminState, Operational operational, boolean checked) {

    /** The server was forced into maintenance through the runtime API. */
    public static final int FORCED_MAINTENANCE = 0x01;
    private static final int MAINTENANCE = 0x01 | 0x02 | 0x04 | 0x20;
    private static final int DRAIN = 0x08 | 0x10;

    /** HAProxy's {@code srv_op_state}. */
    public enum Operational {
        /** 0: down (its checks fail), or in maintenance. */
        STOPPED,
        /** 1: up and warming up. */
        STARTING,
        /** 2: fully up. */
        RUNNING,
        /** 3: up but soft-stopping. */
        STOPPING;

        /** The state of HAProxy's numeric {@code srv_op_state}. */
        static Operational of(int code) {
            if (code < 0 || code >= values().length) {
                throw new IllegalArgumentException("unknown srv_op_state " + code);
            }
            return values()[code];
        }
    }

    /** Whether the server was forced into maintenance (ISOLATE's mark). */
    public boolean forcedMaintenance() {
        return (adminState & FORCED_MAINTENANCE) != 0;
    }

    /** Whether the load balancer sends it no traffic for an administrative reason (maintenance of any kind). */
    public boolean inMaintenance() {
        return (adminState & MAINTENANCE) != 0;
    }

    /** Whether it takes traffic as far as administration goes: no maintenance and no drain (its checks decide). */
    public boolean ready() {
        return (adminState & (MAINTENANCE | DRAIN)) == 0;
    }

    /** {@code redis/r1: admin maint (0x01), operational STOPPED}. */
    @Override
    public String toString() {
        String admin = ready() ? "ready" : inMaintenance() ? "maint" : "drain";
        return backend + "/" + server + ": admin " + admin + " (0x" + Integer.toHexString(adminState)
                + "), operational " + operational + (checked ? "" : ", unchecked");
    }
}
