package dev.revive.console;

import dev.revive.service.api.Problems;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/plans/{planId}/approve|reject}: the operator's decision ({@code {"by": ..., "reason": ...}}, with
 * their bearer token) forwarded to the planner, whose answer (202, or its problem+json) is passed back as it is.
 * Without a token: 401 here; the planner unreachable or too slow: 503 problem+json.
 */
@Path("/api/plans/{planId}")
@Blocking
public class DecisionResource {

    private static final Logger LOG = Logger.getLogger(DecisionResource.class);
    /** Plan ids as the planner makes them ({@code <incidentId>-r<n>}): nothing that could change the planner's path. */
    private static final Pattern PLAN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @Inject
    PlannerClient planner;

    @POST
    @Path("/{verdict: approve|reject}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("planId") String planId, @PathParam("verdict") String verdict,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        String instance = "/api/plans/" + planId + "/" + verdict;
        if (authorization == null || authorization.isBlank()) {
            return Problems.response(Problems.unauthorized(instance));
        }
        if (!PLAN_ID.matcher(planId).matches()) {
            return Problems.response(Problems.of("invalid-plan-id", "Invalid plan id", 400,
                    "a plan id is 1 to 200 letters, digits, '.', '_', ':' or '-'", instance, "planId", null));
        }
        try {
            HttpResponse<byte[]> answer = planner.decide(planId, verdict, authorization, body == null ? new byte[0]
                    : body);
            String type = answer.headers().firstValue("Content-Type").orElse(MediaType.APPLICATION_JSON);
            LOG.infof("forwarded %s of plan %s to the planner: %d", verdict, planId, answer.statusCode());
            return Response.status(answer.statusCode()).type(type).entity(answer.body()).build();
        } catch (IOException e) {
            LOG.warnf("the planner did not answer the %s of plan %s: %s", verdict, planId, e.toString());
            return Problems.response(Problems.of("planner-unavailable", "Planner unavailable", 503,
                    "the planner did not answer in time; try again", instance, null, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Problems.response(Problems.of("planner-unavailable", "Planner unavailable", 503,
                    "interrupted while waiting for the planner", instance, null, null));
        }
    }
}
