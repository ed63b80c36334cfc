package dev.revive.detector.api;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.cluster.SystemKind;
import dev.revive.detector.spec.ClusterRegistry;
import dev.revive.service.api.ApiTokenRequired;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /clusters}: the clusters whose specs were loaded, with their node ids; it needs the bearer token. */
@Path("/clusters")
@ApiTokenRequired
public class ClusterResource {

    @Inject
    ClusterRegistry registry;

    /**
     * One loaded cluster.
     *
     * @param id    the cluster id
     * @param kind  which data system it is
     * @param nodes its node ids
     */
    public record Cluster(String id, SystemKind kind, List<String> nodes) {

        static Cluster of(ClusterSpec spec) {
            return new Cluster(spec.id(), spec.kind(), spec.nodes().stream().map(NodeSpec::id).toList());
        }
    }

    /** Every loaded cluster, in spec file order. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Cluster> list() {
        return registry.all().stream().map(Cluster::of).toList();
    }
}
