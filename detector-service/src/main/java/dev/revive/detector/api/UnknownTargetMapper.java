package dev.revive.detector.api;

import dev.revive.contracts.json.RejectReason;
import dev.revive.contracts.validation.LogSafe;
import dev.revive.service.api.Problem;
import dev.revive.service.api.ProblemMappers;
import dev.revive.service.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The detector's own problem: a fault about a cluster it has no spec for, or a node its cluster lacks (404). */
public class UnknownTargetMapper {

    private static final Logger LOG = Logger.getLogger(UnknownTargetMapper.class);

    @ServerExceptionMapper
    public Response unknownTarget(UnknownTargetException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s", ProblemMappers.path(uri), LogSafe.text(e.getMessage()));
        return Problems.response(problem(e, ProblemMappers.path(uri)));
    }

    /** The 404 problem of {@code e}. */
    static Problem problem(UnknownTargetException e, String instance) {
        boolean cluster = e.reason() == RejectReason.UNKNOWN_CLUSTER;
        return Problems.of(cluster ? "unknown-cluster" : "unknown-node", cluster ? "Unknown cluster" : "Unknown node",
                404, e.getMessage(), instance, e.field(), e.reason());
    }
}
