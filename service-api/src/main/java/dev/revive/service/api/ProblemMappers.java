package dev.revive.service.api;

import dev.revive.contracts.json.InvalidEventException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into an {@code application/problem+json} answer. A service adds mappers for
 * its own exceptions; the most specific mapper wins.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e, UriInfo uri) {
        LOG.warnf("rejected %s: %s %s", path(uri), e.reason(), e.getMessage());
        return Problems.response(Problems.invalidEvent(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response notAcknowledged(NotAcknowledgedException e, UriInfo uri) {
        LOG.errorf("%s: %s", path(uri), e.getMessage());
        return Problems.response(Problems.notAcknowledged(e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s failed", path(uri));
            return Problems.response(Problems.unexpected(path(uri)));
        }
        return Problems.response(Problems.http(status, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "%s failed unexpectedly", path(uri));
        return Problems.response(Problems.unexpected(path(uri)));
    }

    /** The raw request path, the {@code instance} of a problem. */
    public static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }
}
