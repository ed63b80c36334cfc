package dev.revive.planner.api;

import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.service.api.ProblemMappers;
import dev.revive.service.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The approval API's own problems: unknown plan (404), plan not awaiting approval (409), store not ready (503). */
public class PlanProblemMappers {

    private static final Logger LOG = Logger.getLogger(PlanProblemMappers.class);

    @ServerExceptionMapper
    public Response unknownPlan(UnknownPlanException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(Problems.of("unknown-plan", "Unknown plan", 404, e.getMessage(),
                ProblemMappers.path(uri), "planId", RejectReason.UNKNOWN_PLAN));
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
        return Problems.response(Problems.of("not-ready", "Not ready", 503, e.getMessage(), ProblemMappers.path(uri),
                null, null));
    }
}
