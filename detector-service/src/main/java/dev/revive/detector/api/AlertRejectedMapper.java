package dev.revive.detector.api;

import dev.revive.contracts.validation.LogSafe;
import dev.revive.service.api.Problem;
import dev.revive.service.api.ProblemMappers;
import dev.revive.service.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problem of an {@link AlertRejectedException}: 422 {@code unmapped-alert}, or 401 {@code unauthorized}. */
public class AlertRejectedMapper {

    private static final Logger LOG = Logger.getLogger(AlertRejectedMapper.class);

    @ServerExceptionMapper
    public Response rejected(AlertRejectedException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(problem(e, ProblemMappers.path(uri)));
    }

    /** The problem of {@code e}. */
    static Problem problem(AlertRejectedException e, String instance) {
        if (e.status() == 401) {
            return Problems.of("unauthorized", "Unauthorized", 401, e.getMessage(), instance, e.field(), null);
        }
        return Problems.of("unmapped-alert", "Unmapped alert", 422, e.getMessage(), instance, e.field(), e.reason());
    }
}
