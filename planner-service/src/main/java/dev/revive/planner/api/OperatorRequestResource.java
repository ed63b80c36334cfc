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
import dev.revive.service.api.ApiTokenRequired;
import dev.revive.service.api.RecordPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * What an operator asks of a cluster, each published as a decision on {@code revive.decisions} (202 once Kafka
 * acknowledged it); the planner opens an incident for it or, while one is under way, dead-letters the request with
 * the reason:
 * <ul>
 * <li>{@code POST /clusters/{clusterId}/rollback}: roll the cluster back to a snapshot (named, or the newest verified
 * one): every member stopped, restored from it and started (ROLLBACK);</li>
 * <li>{@code POST /clusters/{clusterId}/nodes/{nodeId}/replace}: replace a member whose data the detector cannot judge
 * (a lost or corrupt data directory): removed, added back empty as a learner, promoted (REPLACE).</li>
 * </ul>
 * Bearer token required; errors are problem+json (400 bad body, 401, 404 unknown cluster, 503).
 */
@Path("/clusters/{clusterId}")
@ApiTokenRequired
@Blocking
public class OperatorRequestResource {

    private static final Logger LOG = Logger.getLogger(OperatorRequestResource.class);
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
    @Path("rollback")
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
    @Path("nodes/{nodeId}/replace")
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
