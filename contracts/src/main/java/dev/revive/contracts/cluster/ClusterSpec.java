package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered cluster: what it is, its nodes and how to control them, and the policy Revive
 * follows for it. Loaded from YAML and published to the compacted topic {@code revive.clusters}.
 *
 * @param id     the cluster id
 * @param kind   which data system it is
 * @param nodes  its nodes, ids unique
 * @param policy how Revive may act on it
 * @param backup    where its snapshots go
 * @param checks    checks declared for kinds without a deep plug-in ({@code generic}); empty for the others
 * @param detection what the detector watches besides its probes (log rules, resource thresholds)
 * @param security  how Revive authenticates to the nodes' client endpoints (TLS, user), secrets by file
 *                  reference; null for plain connections. Left out of the JSON when null, so that specs written
 *                  before it existed read and write unchanged
 * @param fencedRoles the application roles whose write permission the write fence ({@code FENCE_WRITES}) takes
 *                  away during a recovery and {@code UNFENCE} gives back (etcd auth roles); ids, unique; needs a
 *                  {@code security} user allowed to change roles. Empty when absent, and then left out of the JSON,
 *                  so that specs (and their signatures) written before it existed read and write unchanged
 * @param loadBalancer the load balancer in front of the nodes, which ISOLATE and REJOIN drive; null when there is
 *                  none (the steps are skipped), and then left out of the JSON
 */
public record ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup,
        List<CheckSpec> checks, DetectionSpec detection,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClientSecurity security,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> fencedRoles,
        @JsonInclude(JsonInclude.Include.NON_NULL) LoadBalancerSpec loadBalancer) {

    public ClusterSpec {
        Check.id("id", id);
        Check.required("kind", kind);
        nodes = Check.list("nodes", nodes);
        if (nodes.isEmpty()) {
            throw new ContractViolation("nodes", Reason.MISSING_FIELD, "must list at least one node");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (!seen.add(nodes.get(i).id())) {
                throw new ContractViolation("nodes[" + i + "].id", Reason.INVALID_VALUE,
                        "'" + nodes.get(i).id() + "' is used by an earlier node");
            }
        }
        policy = policy == null ? Policy.defaults() : policy;
        Check.required("backup", backup);
        checks = Check.list("checks", checks);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!names.add(checks.get(i).name())) {
                throw new ContractViolation("checks[" + i + "].name", Reason.INVALID_VALUE,
                        "'" + checks.get(i).name() + "' is used by an earlier check");
            }
        }
        detection = detection == null ? DetectionSpec.defaults() : detection;
        fencedRoles = Check.list("fencedRoles", fencedRoles, Check::id);
        if (fencedRoles.size() != Set.copyOf(fencedRoles).size()) {
            throw new ContractViolation("fencedRoles", Reason.INVALID_VALUE, "names a role twice: " + fencedRoles);
        }
        if (!fencedRoles.isEmpty() && (security == null || !security.hasUser())) {
            throw new ContractViolation("security.usernameFile", Reason.MISSING_FIELD,
                    "is required when fencedRoles names roles: the fence changes them as that user");
        }
        if (loadBalancer != null) {
            for (String node : loadBalancer.servers().keySet()) {
                if (nodes.stream().noneMatch(spec -> spec.id().equals(node))) {
                    throw new ContractViolation("loadBalancer.servers." + node, Reason.INVALID_VALUE,
                            "'" + node + "' is not a node of the cluster");
                }
            }
        }
    }

    /** A cluster without a load balancer in front of its nodes. */
    public ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup,
            List<CheckSpec> checks, DetectionSpec detection, ClientSecurity security, List<String> fencedRoles) {
        this(id, kind, nodes, policy, backup, checks, detection, security, fencedRoles, null);
    }

    /** A cluster whose spec names no application roles to fence. */
    public ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup,
            List<CheckSpec> checks, DetectionSpec detection, ClientSecurity security) {
        this(id, kind, nodes, policy, backup, checks, detection, security, null, null);
    }

    /** A cluster reached without client security. */
    public ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup,
            List<CheckSpec> checks, DetectionSpec detection) {
        this(id, kind, nodes, policy, backup, checks, detection, null, null, null);
    }

    /** A cluster without declared checks and with the default detection. */
    public ClusterSpec(String id, SystemKind kind, List<NodeSpec> nodes, Policy policy, BackupLocation backup) {
        this(id, kind, nodes, policy, backup, null, null, null, null, null);
    }

    /** This spec with {@code next} as its policy, everything else kept. */
    public ClusterSpec withPolicy(Policy next) {
        return new ClusterSpec(id, kind, nodes, next, backup, checks, detection, security, fencedRoles, loadBalancer);
    }

    /** This spec with {@code next} in front of its nodes, everything else kept. */
    public ClusterSpec withLoadBalancer(LoadBalancerSpec next) {
        return new ClusterSpec(id, kind, nodes, policy, backup, checks, detection, security, fencedRoles, next);
    }

    /** The node with this id, if the cluster has one. */
    public Optional<NodeSpec> node(String nodeId) {
        return nodes.stream().filter(node -> node.id().equals(nodeId)).findFirst();
    }
}
