package dev.revive.console;

import dev.revive.service.api.ProblemMappers;
import dev.revive.service.api.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * problem+json for every failure of the console's API, with service-api's {@link Problems}. (service-api's own
 * mappers come with its bearer-token filter, which needs a token the console does not hold; so the console maps the
 * two kinds of failure it can have here.)
 */
public class ConsoleProblemMappers {

    private static final Logger LOG = Logger.getLogger(ConsoleProblemMappers.class);

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "%s failed", ProblemMappers.path(uri));
            return Problems.response(Problems.unexpected(ProblemMappers.path(uri)));
        }
        return Problems.response(Problems.http(status, e.getMessage(), ProblemMappers.path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "%s failed unexpectedly", ProblemMappers.path(uri));
        return Problems.response(Problems.unexpected(ProblemMappers.path(uri)));
    }
}
