package dev.revive.planner.api;

import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.service.api.ProblemMappers;
import dev.revive.service.api.Problems;
import dev.revive.planner.PlannerConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The planner API's own problems: unknown plan or cluster (404), plan not awaiting approval (409), store not ready
 * or owning instance unreachable (503 with {@code Retry-After}).
 */
public class PlanProblemMappers {

    @Inject
    PlannerConfig config;

    private static final Logger LOG = Logger.getLogger(PlanProblemMappers.class);

    @ServerExceptionMapper
    public Response unknownPlan(UnknownPlanException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(Problems.of("unknown-plan", "Unknown plan", 404, e.getMessage(),
                ProblemMappers.path(uri), "planId", RejectReason.UNKNOWN_PLAN));
    }

    @ServerExceptionMapper
    public Response unknownCluster(UnknownClusterException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(Problems.of("unknown-cluster", "Unknown cluster", 404, e.getMessage(),
                ProblemMappers.path(uri), "clusterId", RejectReason.UNKNOWN_CLUSTER));
    }

    @ServerExceptionMapper
    public Response conflict(PlanConflictException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(Problems.of("not-awaiting-approval", "Plan not awaiting approval", 409,
                e.getMessage(), ProblemMappers.path(uri), "planId", RejectReason.ILLEGAL_TRANSITION));
    }

    @ServerExceptionMapper
    public Response notReady(StoreNotReadyException e, UriInfo uri) {
        LOG.warnf("%s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return retryLater("not-ready", "Not ready", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response peerUnavailable(PeerUnavailableException e, UriInfo uri) {
        LOG.warnf("%s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return retryLater("peer-unavailable", "Owner unavailable", e.getMessage(), uri);
    }

    private Response retryLater(String slug, String title, String detail, UriInfo uri) {
        return Response.fromResponse(Problems.response(Problems.of(slug, title, 503, detail, ProblemMappers.path(uri),
                null, null))).header(HttpHeaders.RETRY_AFTER, Math.max(1, config.peers().retryAfter().toSeconds()))
                .build();
    }
}
