package dev.revive.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Limits every {@code POST} per client address with a {@link ClientRateLimiter}, before authentication and before
 * the body is read: over the limit, the answer is 429 problem+json with {@code Retry-After} (whole seconds).
 * Uses the {@link Clock} bean each service produces.
 */
@ApplicationScoped
public class RateLimitRoute {

    /** Sustained {@code POST} requests per second one client address may send. */
    public static final String PER_SECOND = "revive.api.rate-limit.per-second";
    /** {@code POST} requests one client address may send at once before the rate applies. */
    public static final String BURST = "revive.api.rate-limit.burst";

    private static final Logger LOG = Logger.getLogger(RateLimitRoute.class);
    private static final int BEFORE_EVERYTHING = Integer.MIN_VALUE;
    private static final int MAX_CLIENTS = 10_000;

    private final ObjectMapper json;
    private final ClientRateLimiter limiter;
    private final ThrottledWarning warning;

    @Inject
    public RateLimitRoute(ObjectMapper json, Clock clock, @ConfigProperty(name = PER_SECOND, defaultValue = "20") double perSecond,
            @ConfigProperty(name = BURST, defaultValue = "40") int burst) {
        this.json = json;
        this.limiter = new ClientRateLimiter(clock, perSecond, burst, MAX_CLIENTS);
        this.warning = new ThrottledWarning(clock, Duration.ofSeconds(10));
    }

    void install(@Observes Router router) {
        router.route().method(HttpMethod.POST).order(BEFORE_EVERYTHING).handler(this::limit);
    }

    private void limit(RoutingContext context) {
        SocketAddress remote = context.request().remoteAddress();
        String client = remote == null || remote.host() == null ? "unknown" : remote.host();
        Duration wait = limiter.tryTake(client);
        if (wait.isZero()) {
            context.next();
            return;
        }
        long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
        long suppressed = warning.occurred();
        if (suppressed >= 0) {
            LOG.warnf("POST %s from %s over the rate limit: 429 (%d more 429s not logged since the last)",
                    context.request().path(), client, suppressed);
        }
        Problem problem = Problems.tooManyRequests(retryAfter, context.request().path());
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
