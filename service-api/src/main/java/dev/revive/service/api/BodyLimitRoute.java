package dev.revive.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.json.InvalidEventException;
import dev.revive.contracts.json.RejectReason;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers 413 problem+json to a request whose {@code Content-Length} is over
 * {@link EventCodec#MAX_BYTES} before its body is read; without this, a body over the HTTP
 * server's own limit would get a bare 413 with no problem details.
 */
@ApplicationScoped
public class BodyLimitRoute {

    private static final int BEFORE_EVERYTHING = Integer.MIN_VALUE + 1;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(BEFORE_EVERYTHING).handler(this::rejectOversized);
    }

    private void rejectOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isOver(length)) {
            context.next();
            return;
        }
        InvalidEventException tooLarge = new InvalidEventException(RejectReason.TOO_LARGE, "$",
                length + " bytes, the limit is " + EventCodec.MAX_BYTES);
        Problem problem = Problems.invalidEvent(tooLarge, context.request().path());
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private static boolean isOver(String length) {
        try {
            return Long.parseLong(length.trim()) > EventCodec.MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
