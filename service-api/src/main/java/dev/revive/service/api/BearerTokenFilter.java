package dev.revive.service.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Answers 401 to a request on an {@link ApiTokenRequired} endpoint without the right bearer token. The token is
 * a {@link BearerToken} bean each service produces from its own configuration. Application-scoped so that it is
 * created on the first request, once the runtime config exists.
 */
@Provider
@ApplicationScoped
@ApiTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);

    private final BearerToken token;

    @Inject
    public BearerTokenFilter(BearerToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            String path = request.getUriInfo().getRequestUri().getRawPath();
            LOG.warnf("rejected %s %s: missing or wrong bearer token", request.getMethod(), path);
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Problems.unauthorized(path))
                    .build());
        }
    }
}
