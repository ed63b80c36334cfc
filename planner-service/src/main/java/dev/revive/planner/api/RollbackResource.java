package dev.revive.planner.api;

import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
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
 * {@code POST /clusters/{clusterId}/rollback}: an operator asks for the cluster to be rolled back to a snapshot (named,
 * or the newest verified one). Published as a ROLLBACK decision on {@code revive.decisions} (202 once Kafka
 * acknowledged it); the planner opens an incident whose plan stops every member, restores each from the snapshot and
 * starts them, or, while an incident is under way, dead-letters the request with the reason. Bearer token required;
 * errors are problem+json (400 bad body, 401, 404 unknown cluster, 503).
 */
@Path("/clusters/{clusterId}/rollback")
@ApiTokenRequired
@Blocking
public class RollbackResource {

    private static final Logger LOG = Logger.getLogger(RollbackResource.class);
    private static final EventCodec<RollbackRequest> CODEC = EventCodec.of(RollbackRequest.class);

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
     * The answer of an accepted rollback request.
     *
     * @param decisionId the id of the ROLLBACK decision published (the reason of the rollback plan)
     * @param clusterId  the cluster to roll back
     */
    public record Accepted(String decisionId, String clusterId) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response rollback(@PathParam("clusterId") String clusterId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        RollbackRequest request = CODEC.decode(body);
        try (Response known = queries.cluster(clusterId, false, authorization)) {
            if (known.getStatus() == Response.Status.NOT_FOUND.getStatusCode()) {
                throw new UnknownClusterException(clusterId);
            }
        }
        OperatorDecision decision = new OperatorDecision(ids.next("dec"), clusterId, null, DecisionVerdict.ROLLBACK,
                request.dryRun(), request.by(), request.reason(), clock.instant(), request.snapshot());
        publisher.publishAndAwait(Topics.DECISIONS, clusterId, decision, config.api().ackTimeout(), "retry");
        LOG.infof("Rollback %s of cluster %s to %s published, asked for by %s%s", decision.decisionId(),
                LogSafe.text(clusterId), request.snapshot() == null ? "the newest verified snapshot"
                        : request.snapshot(), LogSafe.text(request.by()), request.dryRun() ? " as a dry run" : "");
        return Response.accepted(new Accepted(decision.decisionId(), clusterId)).build();
    }
}
