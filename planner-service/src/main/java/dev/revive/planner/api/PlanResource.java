package dev.revive.planner.api;

import dev.revive.contracts.decision.DecisionVerdict;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.kafka.Topics;
import dev.revive.contracts.time.IdSource;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.planner.PlannerConfig;
import dev.revive.planner.domain.IncidentState;
import dev.revive.service.api.ApiTokenRequired;
import dev.revive.service.api.RecordPublisher;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The approval API: {@code POST /plans/{planId}/approve} and {@code /reject} record an operator's decision on
 * {@code revive.decisions} (202 once Kafka acknowledged it; the planner then re-checks its guards and emits a
 * revision, or refuses and notes why, see {@code GET}); {@code GET /plans/{planId}} shows the plan's incident. Any
 * planner instance answers: the plan is looked up on every instance ({@link InstanceQueries}).
 * Every endpoint needs the bearer token; errors are problem+json (401, 400, 404, 409, 503).
 */
@Path("/plans/{planId}")
@ApiTokenRequired
@Blocking
public class PlanResource {

    private static final Logger LOG = Logger.getLogger(PlanResource.class);
    private static final EventCodec<DecisionRequest> CODEC = EventCodec.of(DecisionRequest.class);

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
     * The answer of an accepted decision.
     *
     * @param decisionId the id of the decision published
     * @param planId     the plan decided about
     */
    public record Accepted(String decisionId, String planId) {
    }

    /**
     * The incident of {@code planId} as the planner sees it now, from whichever instance holds it
     * ({@code local=true}: from this instance's stores only, as one instance asks another).
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PlanView get(@PathParam("planId") String planId, @QueryParam(PeerClient.LOCAL_ONLY) boolean localOnly,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return queries.plan(planId, localOnly, authorization).orElseThrow(() -> new UnknownPlanException(planId));
    }

    /**
     * Approves the plan (optionally as a dry run) or rejects it (its incident is escalated and the cluster
     * released).
     */
    @POST
    @Path("/{verdict: approve|reject}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("planId") String planId, @PathParam("verdict") String verdict,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        DecisionRequest request = CODEC.decode(body);
        PlanView incident = queries.plan(planId, false, authorization)
                .orElseThrow(() -> new UnknownPlanException(planId));
        return publishDecision(planId, DecisionVerdict.valueOf(verdict.toUpperCase(Locale.ROOT)), request, incident);
    }

    private Response publishDecision(String planId, DecisionVerdict verdict, DecisionRequest request,
            PlanView incident) {
        MDC.put("clusterId", incident.clusterId());
        MDC.put("incidentId", incident.incidentId());
        try {
            if (!incident.current() || incident.state() != IncidentState.AWAITING_APPROVAL) {
                throw new PlanConflictException("plan '" + planId + "' is not awaiting approval: incident "
                        + incident.incidentId() + " is " + incident.state() + " with plan "
                        + incident.currentPlanId());
            }
            boolean dryRun = verdict == DecisionVerdict.APPROVE && request.dryRun();
            OperatorDecision decision = new OperatorDecision(ids.next("dec"), incident.clusterId(), planId, verdict,
                    dryRun, request.by(), request.reason(), clock.instant());
            publisher.publishAndAwait(Topics.DECISIONS, decision.clusterId(), decision, config.api().ackTimeout(),
                    "retry");
            LOG.infof("Decision %s published: %s plan %s by %s%s", decision.decisionId(), verdict, planId,
                    LogSafe.text(request.by()), dryRun ? " as a dry run" : "");
            return Response.accepted(new Accepted(decision.decisionId(), planId)).build();
        } finally {
            MDC.remove("clusterId");
            MDC.remove("incidentId");
        }
    }
}
