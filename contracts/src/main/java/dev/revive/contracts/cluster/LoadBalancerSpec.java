package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.util.Map;

/**
 * The load balancer in front of a cluster's nodes: a recovery takes the faulty node out of it before acting
 * ({@code ISOLATE}: the server goes to maintenance) and puts it back once the node is healthy and caught up
 * ({@code REJOIN}: ready). HAProxy through its runtime API is the one Revive drives.
 *
 * @param type       which load balancer it is
 * @param runtimeApi where its runtime API answers: an absolute path to a unix socket, or {@code tcp://host:port};
 *                   a host of the executor, never from an event
 * @param backend    the backend whose servers are the nodes
 * @param servers    node id → the server's name in the backend; every key a node of the cluster, every node it
 *                   names is isolated and put back, the others are left alone
 */
public record LoadBalancerSpec(Type type, String runtimeApi, String backend, Map<String, String> servers) {

    /** The load balancers Revive can drive. */
    public enum Type {
        @com.fasterxml.jackson.annotation.JsonProperty("haproxy") HAPROXY
    }

    public LoadBalancerSpec {
        type = type == null ? Type.HAPROXY : type;
        Check.text("runtimeApi", runtimeApi);
        if (runtimeApi.startsWith("tcp://")) {
            String address = runtimeApi.substring("tcp://".length());
            int colon = address.lastIndexOf(':');
            if (colon < 1 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new ContractViolation("runtimeApi", Reason.INVALID_VALUE,
                        "must be tcp://host:port or an absolute socket path but was '" + runtimeApi + "'");
            }
        } else {
            Check.absolutePath("runtimeApi", runtimeApi);
        }
        Check.id("backend", backend);
        servers = Check.textMap("servers", servers);
        if (servers.isEmpty()) {
            throw new ContractViolation("servers", Reason.MISSING_FIELD, "must name the server of at least one node");
        }
        servers.forEach((node, server) -> {
            Check.id("servers." + node, server);
        });
    }

    /** The server of {@code nodeId} in the backend, or null when the load balancer does not list the node. */
    public String serverOf(String nodeId) {
        return servers.get(nodeId);
    }
}
