package dev.revive.planner.api;

import dev.revive.service.api.ApiTokenRequired;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The planner's state per cluster, answered by any instance: {@code GET /clusters/{clusterId}} from the instance that
 * owns the cluster's partition (forwarded there when it is another one; the header {@value PeerClient#ANSWERED_BY}
 * names it), {@code GET /clusters} and {@code GET /incidents} gathered from every instance. {@code local=true}
 * (between instances) answers from this instance's stores only. Bearer token required; 503 with {@code Retry-After}
 * while the instances rebalance or an owner cannot be reached.
 */
@Path("/")
@ApiTokenRequired
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    @Inject
    InstanceQueries queries;

    /** One cluster: registered or not, its open nodes, its current (or last) incident; 404 when unknown. */
    @GET
    @Path("clusters/{clusterId}")
    public Response cluster(@PathParam("clusterId") String clusterId,
            @QueryParam(PeerClient.LOCAL_ONLY) boolean localOnly,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.cluster(clusterId, localOnly, authorization);
    }

    /** Every cluster the planner knows, sorted by id. */
    @GET
    @Path("clusters")
    public List<ClusterView> clusters(@QueryParam(PeerClient.LOCAL_ONLY) boolean localOnly,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.clusters(localOnly, authorization);
    }

    /** Every active incident, sorted by cluster id. */
    @GET
    @Path("incidents")
    public List<IncidentView> incidents(@QueryParam(PeerClient.LOCAL_ONLY) boolean localOnly,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.incidents(localOnly, authorization);
    }
}
