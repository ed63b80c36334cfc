package dev.revive.planner.api;

import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.planner.PlannerConfig;
import dev.revive.service.api.RecordPublisher;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import java.time.Clock;
import org.jboss.logging.Logger;
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
 * while the instances rebalance or an owner cannot be reached. And what an operator asks of a cluster, each published
 * as a decision on {@code revive.decisions} (202 once Kafka acknowledged it; the planner opens an incident for it or,
 * while one is under way, dead-letters the request with the reason): {@code POST /clusters/{clusterId}/rollback} (to a
 * snapshot, named or the newest verified: ROLLBACK) and {@code POST /clusters/{clusterId}/nodes/{nodeId}/replace}
 * (a member whose data the detector cannot judge: REPLACE). One class for every {@code /clusters} path: a second root
 * resource at {@code /clusters/{clusterId}} would take {@code GET /clusters/{clusterId}} away from this one.
 */
@Path("/")
@ApiTokenRequired
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private static final Logger LOG = Logger.getLogger(ClusterResource.class);
    private static final EventCodec<RollbackRequest> ROLLBACK = EventCodec.of(RollbackRequest.class);
    private static final EventCodec<DecisionRequest> REPLACE = EventCodec.of(DecisionRequest.class);

    @Inject
    InstanceQueries queries;
    @Inject
    RecordPublisher publisher;
    @Inject
    PlannerConfig config;
    @Inject
    Clock clock;
    @Inject
    IdSource ids;

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

    /**
     * The answer of an accepted request.
     *
     * @param decisionId the id of the decision published (the reason of the plan that answers it)
     * @param clusterId  the cluster
     */
    public record Accepted(String decisionId, String clusterId) {
    }

    /** Rolls the cluster back to a snapshot (body {@link RollbackRequest}). */
    @POST
    @Path("clusters/{clusterId}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rollback(@PathParam("clusterId") String clusterId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        RollbackRequest request = ROLLBACK.decode(body);
        requireKnown(clusterId, authorization);
        OperatorDecision decision = OperatorDecision.rollback(ids.next("dec"), clusterId, request.snapshot(),
                request.dryRun(), request.by(), request.reason(), clock.instant());
        publisher.publishAndAwait(Topics.DECISIONS, clusterId, decision, config.api().ackTimeout(), "retry");
        LOG.infof("Rollback %s of cluster %s to %s published, asked for by %s%s", decision.decisionId(),
                LogSafe.text(clusterId), request.snapshot() == null ? "the newest verified snapshot"
                        : request.snapshot(), LogSafe.text(request.by()), request.dryRun() ? " as a dry run" : "");
        return Response.accepted(new Accepted(decision.decisionId(), clusterId)).build();
    }

    /** Replaces member {@code nodeId} (body {@link DecisionRequest}: by, reason, dryRun). */
    @POST
    @Path("clusters/{clusterId}/nodes/{nodeId}/replace")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("clusterId") String clusterId, @PathParam("nodeId") String nodeId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        DecisionRequest request = REPLACE.decode(body);
        if (!Check.ID.matcher(nodeId).matches()) {
            throw new InvalidEventException(RejectReason.INVALID_ID, "nodeId", "'" + LogSafe.text(nodeId)
                    + "' is not a node id");
        }
        requireKnown(clusterId, authorization);
        OperatorDecision decision = OperatorDecision.replace(ids.next("dec"), clusterId, nodeId, request.dryRun(),
                request.by(), request.reason(), clock.instant());
        publisher.publishAndAwait(Topics.DECISIONS, clusterId, decision, config.api().ackTimeout(), "retry");
        LOG.infof("Replacement %s of %s/%s published, asked for by %s%s", decision.decisionId(),
                LogSafe.text(clusterId), LogSafe.text(nodeId), LogSafe.text(request.by()),
                request.dryRun() ? " as a dry run" : "");
        return Response.accepted(new Accepted(decision.decisionId(), clusterId)).build();
    }

    private void requireKnown(String clusterId, String authorization) {
        try (Response known = queries.cluster(clusterId, false, authorization)) {
            if (known.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                throw new UnknownClusterException(clusterId);
            }
        }
    }
}
