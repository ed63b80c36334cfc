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
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Answers 401 to a request on an {@link ApiTokenRequired} endpoint without the right bearer token. The token is
 * a {@link BearerToken} bean each service produces from its own configuration. Application-scoped so that it is
 * created on the first request, once the runtime config exists. Rejections are logged at most once per
 * {@link #WARNING_INTERVAL} with the count of those not logged; the presented token never is.
 */
@Provider
@ApplicationScoped
@ApiTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);

    /** The shortest time between two logged rejections. */
    public static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final BearerToken token;
    private final ThrottledWarning warning;

    @Inject
    public BearerTokenFilter(BearerToken token, Clock clock) {
        this.token = token;
        this.warning = new ThrottledWarning(clock, WARNING_INTERVAL);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            String path = request.getUriInfo().getRequestUri().getRawPath();
            long suppressed = warning.occurred();
            if (suppressed >= 0) {
                LOG.warnf("rejected %s %s: missing or wrong bearer token (%d more 401s not logged since the last)",
                        request.getMethod(), path, suppressed);
            }
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .entity(Problems.unauthorized(path))
                    .build());
        }
    }
}
