package dev.revive.targets.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one Redis node says of its replication (INFO replication, its run id from INFO server, its replica priority
 * from CONFIG GET). Offsets are bytes of the replication stream; -1 when the node did not report one.
 *
 * @param role                 {@code master} or {@code slave}, as Redis says it
 * @param masterHost           the primary a replica follows (null on a primary)
 * @param masterPort           its port (0 on a primary)
 * @param masterLinkStatus     {@code up} or {@code down} on a replica (null on a primary)
 * @param masterReplOffset     the node's own replication offset ({@code master_repl_offset})
 * @param slaveReplOffset      a replica's processed offset ({@code slave_repl_offset}), -1 on a primary
 * @param slaveReadReplOffset  a replica's read offset ({@code slave_read_repl_offset}), -1 on a primary
 * @param connectedReplicas    how many replicas a primary has ({@code connected_slaves})
 * @param replicas             the replicas a primary lists ({@code slaveN:} lines)
 * @param runId                the process's run id ({@code run_id}), null when not read
 * @param replicaPriority      {@code replica-priority} (0 = never to be promoted), -1 when not read
 */
public record ReplicationInfo(String role, String masterHost, int masterPort, String masterLinkStatus,
        long masterReplOffset, long slaveReplOffset, long slaveReadReplOffset, int connectedReplicas,
        List<LinkedReplica> replicas, String runId, int replicaPriority) {

    /**
     * One replica as its primary lists it.
     *
     * @param ip     the address it connected from
     * @param port   its listening port
     * @param state  {@code online}, {@code wait_bgsave}, {@code send_bulk}, …
     * @param offset the offset it acknowledged
     * @param lag    seconds since its last acknowledgement
     */
    public record LinkedReplica(String ip, int port, String state, long offset, long lag) {
    }

    public ReplicationInfo {
        Objects.requireNonNull(role, "role");
        replicas = replicas == null ? List.of() : List.copyOf(replicas);
    }

    /** Parses INFO text holding the replication (and optionally the server) section. */
    public static ReplicationInfo parse(String info, int replicaPriority) {
        Map<String, String> fields = InfoText.fields(info);
        List<LinkedReplica> replicas = new ArrayList<>();
        for (int i = 0; fields.containsKey("slave" + i); i++) {
            Map<String, String> pairs = InfoText.pairs(fields.get("slave" + i));
            replicas.add(new LinkedReplica(pairs.get("ip"), (int) InfoText.number(pairs, "port", 0),
                    pairs.get("state"), InfoText.number(pairs, "offset", -1), InfoText.number(pairs, "lag", -1)));
        }
        return new ReplicationInfo(fields.getOrDefault("role", "unknown"), fields.get("master_host"),
                (int) InfoText.number(fields, "master_port", 0), fields.get("master_link_status"),
                InfoText.number(fields, "master_repl_offset", -1), InfoText.number(fields, "slave_repl_offset", -1),
                InfoText.number(fields, "slave_read_repl_offset", -1),
                (int) InfoText.number(fields, "connected_slaves", 0), replicas, fields.get("run_id"),
                replicaPriority);
    }

    /** True when the node says it is a primary. */
    public boolean isPrimary() {
        return "master".equals(role);
    }

    /** True when the node says it is a replica. */
    public boolean isReplica() {
        return "slave".equals(role);
    }

    /** True when the node is a replica whose link to its primary is up. */
    public boolean linked() {
        return isReplica() && "up".equals(masterLinkStatus);
    }

    /** True when the node is a replica of {@code host}:{@code port}. */
    public boolean follows(String host, int port) {
        return isReplica() && port == masterPort && host != null && host.equals(masterHost);
    }

    /** The node's replication position: a replica's processed offset, a primary's own offset. */
    public long offset() {
        return isReplica() && slaveReplOffset >= 0 ? slaveReplOffset : masterReplOffset;
    }

    /** The role in words: {@code PRIMARY}, {@code REPLICA} or Redis' own word. */
    public String roleName() {
        return isPrimary() ? "PRIMARY" : isReplica() ? "REPLICA" : role.toUpperCase(java.util.Locale.ROOT);
    }

    /** A one-line summary for evidence and details. */
    public String summary() {
        return isPrimary() ? "primary, offset " + masterReplOffset + ", " + connectedReplicas + " replicas"
                : "replica of " + masterHost + ":" + masterPort + " link " + masterLinkStatus + ", offset "
                        + offset();
    }
}
